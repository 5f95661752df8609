"""The brain is a pure core: it must not import I/O, networking, storage or Telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BRAIN = Path(__file__).resolve().parent.parent / "bot" / "brain"
FORBIDDEN_MODULES = {"telegram", "sqlite3", "os", "httpx", "socket", "subprocess", "requests", "bot.storage", "bot.adapters", "bot.content", "pathlib", "yaml", "logging"}
FORBIDDEN_NAMES = {"open", "input", "print"}  # builtins that do I/O
FORBIDDEN_METHODS = {"now", "today", "utcnow", "time", "perf_counter", "monotonic"}  # clocks


def _modules() -> list[Path]:
    return sorted(BRAIN.glob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_brain_module_imports_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    bad = {m for m in imported if m in FORBIDDEN_MODULES or m.split(".")[0] in FORBIDDEN_MODULES}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_brain_module_reads_no_clock_or_files(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in FORBIDDEN_METHODS:
                bad.add(f".{func.attr}()")
            elif isinstance(func, ast.Name) and func.id in FORBIDDEN_NAMES:
                bad.add(f"{func.id}()")
    assert not bad, f"{path.name} calls {sorted(bad)}"
