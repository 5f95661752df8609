"""The evaluation command scores what it claims to, and the tune part stays above its floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.brain.model import Reply, SetReminder
from bot.content import default_root
from bot.evaluate import Case, Score, evaluate, load_cases, report, run_eval, score_case

CASES = default_root() / "tests" / "cases"


def test_scoring_counts_intent_top_answer_and_leaks() -> None:
    score = Score()
    score_case(Case("q", ("faq",), ("faq.cables",)), Reply("t", "faq", ("faq.cables",)), score)
    score_case(Case("q", ("faq",), ("faq.cables",)), Reply("t", "faq", ("faq.seniors",)), score)
    score_case(Case("q", ("out_of_scope",), ()), Reply("t", "exercise_howto", ("exercise.plank",)), score)
    score_case(Case("q", ("red_flag",), (), tier="emergency"), Reply("t", "red_flag", tier="urgent"), score)
    assert (score.total, score.intent_ok) == (4, 3)
    assert (score.answer_total, score.answer_ok) == (2, 1)
    assert score.out_of_scope_with_exercises == 1
    assert (score.red_flags_caught, score.red_flag_tier_ok) == (1, 0)
    assert len(score.misses) == 3


def test_missed_red_flags_are_counted_by_what_they_got_and_printed_without_text(capsys) -> None:
    score = Score()
    score_case(Case("numb bum, what stretch helps", ("red_flag",), (), tier="emergency"), Reply("t", "faq"), score, "NET")
    score_case(Case("numb legs, how often", ("red_flag",), (), tier="emergency"), Reply("NET t", "faq"), score, "NET")
    score_case(Case("fever and back ache", ("red_flag",), (), tier="urgent"), Reply("t", "red_flag", tier="urgent"), score)
    assert dict(score.missed_red_flags_as) == {"faq": 2}
    assert score.missed_red_flags_netted == 1
    report("part", score)
    out = capsys.readouterr().out
    assert "missed red flags answered as: faq 2; with the warning signs listed: 1" in out
    assert "numb bum" not in out  # the line is safe for the held-out part: it shows no message


def test_reminder_cases_compare_time_and_days() -> None:
    score = Score()
    case = Case("q", ("reminder_set",), (), reminder={"at": "07:30", "days": [0, 1, 2, 3, 4]})
    from datetime import time

    score_case(case, Reply("t", "reminder_set", actions=(SetReminder(time(7, 30), (0, 1, 2, 3, 4)),)), score)
    score_case(case, Reply("t", "reminder_set", actions=(SetReminder(time(7, 30)),)), score)
    assert (score.reminders, score.reminders_ok) == (2, 1)


@pytest.mark.parametrize("part", ["tune", "dev"])
def test_tuning_parts_stay_above_their_floor(brain, part) -> None:
    """A regression guard on the parts we tune on (never on the held-out part)."""
    score = evaluate(brain, load_cases(CASES / f"{part}.yaml"))
    assert score.intent_ok / score.total >= 0.93
    assert score.answer_ok / score.answer_total >= 0.9
    assert score.red_flags_caught == score.red_flags
    assert score.out_of_scope_with_exercises == 0
    assert score.false_red_flags == 0


def test_every_case_file_uses_known_intents_and_ids(content) -> None:
    intents = {i.name for i in content.intents}
    for path in sorted(Path(CASES).glob("*.yaml")):
        for case in load_cases(path):
            assert set(case.intents) <= intents, (path.name, case.text)
            for source in case.sources:
                assert source in content.knowledge, (path.name, source)


def test_eval_runs_only_the_parts_asked_for_and_names_a_missing_one(brain, capsys) -> None:
    assert run_eval(brain, None, parts=["dev"]) == 0
    out = capsys.readouterr().out
    assert "== dev:" in out and "== tune:" not in out and "== heldout:" not in out
    assert run_eval(brain, None, parts=["nope"]) == 1
    assert "no nope.yaml" in capsys.readouterr().err
