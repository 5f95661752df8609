"""The command line: the batch JSON interface, the one-shot answer, the chat loop, exit codes."""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.adapters.console import run_ask, run_chat
from bot.cli import main


class _Stdin(io.TextIOWrapper):
    """A text stdin whose .buffer holds raw (possibly invalid UTF-8) bytes."""


def _stdin(data: bytes) -> _Stdin:
    return _Stdin(io.BytesIO(data), encoding="utf-8")


def test_json_batch_prints_one_object_per_input_line_in_order(brain) -> None:
    lines = [b"how do i do a supermn", b"", b"\xff\xfe broken utf-8 plank", "😀".encode(), b"x" * 10_000, b"thanks"]
    out = io.StringIO()
    assert run_ask(brain, None, as_json=True, stdin=_stdin(b"\n".join(lines) + b"\n"), stdout=out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == len(lines)
    for row in rows:
        assert set(row) == {"text", "intent", "sources", "confidence"}
        assert 0.0 <= row["confidence"] <= 1.0
    assert rows[0]["intent"] == "exercise_howto" and rows[0]["sources"][0] == "exercise.superman"
    assert brain.knowledge.texts["caveat"] in rows[0]["text"]
    assert rows[-1]["intent"] == "thanks"


def test_json_batch_lines_are_answered_independently(brain) -> None:
    out = io.StringIO()
    run_ask(brain, None, as_json=True, stdin=_stdin(b"how do i do a plank\nwhat muscles does it work\n"), stdout=out)
    second = json.loads(out.getvalue().splitlines()[1])
    assert "exercise.plank" not in second["sources"]  # no state carried between lines


def test_chat_picks_a_suggestion_by_number_and_quits(brain, monkeypatch, capsys) -> None:
    answers = iter(["hi", "quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert run_chat(brain) == 0
    assert "BackCoach" in capsys.readouterr().out


def test_chat_ends_on_ctrl_d(brain, monkeypatch) -> None:
    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    assert run_chat(brain) == 0


def test_ask_without_question_or_json_is_a_usage_error(brain, capsys) -> None:
    assert run_ask(brain, None, as_json=False) == 2
    assert "--json" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["routine", "--minutes", "0"], ["routine", "--minutes", "500"], ["routine", "--level", "expert"], ["routine", "--date", "2026-02-30"]])
def test_bad_routine_parameters_exit_2_with_the_allowed_values(argv, capsys) -> None:
    try:
        status = main(argv)
    except SystemExit as exit_info:  # argparse rejects some values itself
        status = exit_info.code
    assert status == 2
    assert capsys.readouterr().err.strip()


def test_serve_without_token_exits_2_naming_the_variable(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN" in err and ".env.example" in err


def test_backcoach_ask_runs_as_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "what helps upper back pain?"],
        check=False, capture_output=True, text=True, timeout=120,  # the assert shows stderr
    )
    assert done.returncode == 0, done.stderr
    assert "upper back" in done.stdout.lower()
    assert "consult a health professional" in done.stdout


def test_serve_with_broken_content_stops_with_the_problem_not_a_traceback(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:" + "A" * 35)
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "intents").mkdir()
    assert main(["serve", "--content", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "knowledge/muscles.yaml: missing file" in err
    assert "Traceback" not in err


def test_the_installed_package_imports_nothing_from_tests() -> None:
    """`backcoach bench --telegram/--reminders` ship in the package, and an installed package
    has no `tests` to import: what they share with the e2e tests lives in bot/testing."""
    package = Path(__file__).resolve().parents[1] / "bot"
    imports = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imports += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                imports.append((path.name, node.module))
    assert ("telegram_bench.py", "bot.testing.harness") in imports  # the walk sees lazy imports too
    assert [(f, m) for f, m in imports if m.split(".")[0] == "tests"] == []


def test_chat_says_it_keeps_no_reminders_when_asked_to_list_them(brain, monkeypatch, capsys) -> None:
    lines = iter(["what reminders do i have", "quit"])
    monkeypatch.setattr("builtins.input", lambda _prompt: next(lines))
    assert run_chat(brain) == 0
    out = capsys.readouterr().out
    assert "keeps no reminders" in out and "Here are your reminders" not in out
