"""`backcoach eval`: accuracy per intent and overall on the tune and held-out question sets.

The held-out part (tests/cases/heldout.yaml) is never tuned against: thresholds, intent
examples and aliases are adjusted by looking at the tune part only.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

import yaml

from bot.brain.brain import KNOWLEDGE_INTENTS, Brain
from bot.brain.model import Reply, RoutineOptions, SetReminder, Turn
from bot.brain.routine_request import parse_routine_request
from bot.content import default_root

# dev: a second tuning set, written later than tune; fresh, fresh2, ...: later ones, each measured
# once before anyone tuned on it. A part whose file is missing is skipped.
PARTS = (
    "tune", "dev", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
    "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "heldout",
)
EVAL_DAY = date(2026, 3, 2)  # a fixed Monday: routines are deterministic per date
EXERCISE_PREFIXES = ("exercise.", "activity.")


@dataclass(frozen=True)
class Case:
    """One labelled message of the evaluation set."""

    text: str
    intents: tuple[str, ...]
    sources: tuple[str, ...]
    tier: str | None = None
    routine: dict[str, object] | None = None  # settings the message states
    reminder: dict[str, object] | None = None  # at "HH:MM" and days


@dataclass
class Score:
    """Counts for one part of the evaluation set."""

    total: int = 0
    intent_ok: int = 0
    answer_total: int = 0
    answer_ok: int = 0
    red_flags: int = 0
    red_flags_caught: int = 0
    red_flag_tier_ok: int = 0
    false_red_flags: int = 0
    out_of_scope: int = 0
    out_of_scope_with_exercises: int = 0
    routine_settings: int = 0
    routine_settings_ok: int = 0
    reminders: int = 0
    reminders_ok: int = 0
    per_intent: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    missed_red_flags_as: Counter[str] = field(default_factory=Counter)  # the intent a missed sign got
    missed_red_flags_netted: int = 0  # missed signs whose reply still listed the warning signs
    misses: list[str] = field(default_factory=list)

    def ratio(self, ok: int, total: int) -> str:
        """Percentage text, or n/a for an empty denominator."""
        return f"{100 * ok / total:5.1f}% ({ok}/{total})" if total else "  n/a"


def load_cases(path: Path) -> list[Case]:
    """Parse one evaluation file (a YAML list of text/intent/sources items)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: must be a YAML list of cases")  # noqa: TRY004 (bad file content, like the per-item checks below)
    cases = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or "intent" not in item:
            raise ValueError(f"{path}: item {i}: needs text and intent")
        intents = item["intent"] if isinstance(item["intent"], list) else [item["intent"]]
        cases.append(
            Case(
                item["text"], tuple(intents), tuple(item.get("sources") or ()), item.get("tier"),
                item.get("routine"), item.get("reminder"),
            )
        )
    return cases


def score_case(case: Case, reply: Reply, score: Score, safety_net: str | None = None) -> None:
    """Add one answered case to the score (``safety_net``: the text that lists the warning signs)."""
    score.total += 1
    ok = reply.intent in case.intents
    score.intent_ok += ok
    bucket = score.per_intent[case.intents[0]]
    bucket[0] += ok
    bucket[1] += 1
    answer_ok = True
    if case.sources:
        score.answer_total += 1
        answer_ok = bool(reply.sources) and reply.sources[0] in case.sources
        score.answer_ok += answer_ok
    if "red_flag" in case.intents:
        score.red_flags += 1
        score.red_flags_caught += reply.intent == "red_flag"
        if reply.intent != "red_flag":
            score.missed_red_flags_as[reply.intent] += 1
            score.missed_red_flags_netted += bool(safety_net) and safety_net in reply.text
        score.red_flag_tier_ok += case.tier is None or reply.tier == case.tier
    elif reply.intent == "red_flag":
        score.false_red_flags += 1
    if "out_of_scope" in case.intents:
        score.out_of_scope += 1
        leaked = reply.intent in KNOWLEDGE_INTENTS or reply.intent == "routine" or any(
            s.startswith(EXERCISE_PREFIXES) for s in reply.sources
        )
        score.out_of_scope_with_exercises += leaked
    settings_ok = True  # the routine settings or reminder time the message states, when it states any
    if case.routine is not None:
        settings_ok = reply.intent == "routine" and _settings_match(case)
        score.routine_settings += 1
        score.routine_settings_ok += settings_ok
    if case.reminder:
        settings_ok = _reminder_matches(case, reply)
        score.reminders += 1
        score.reminders_ok += settings_ok
    tier_ok = case.tier is None or reply.tier == case.tier
    if not ok or not answer_ok or not tier_ok or not settings_ok:
        want = "|".join(case.intents) + (f" {list(case.sources)}" if case.sources else "")
        want += f" ({case.tier})" if case.tier else ""
        want += f" {case.routine or case.reminder}" if not settings_ok else ""
        got = f"{reply.intent} {list(reply.sources[:2])} {reply.confidence:.2f}" + (f" ({reply.tier})" if reply.tier else "")
        got += f" {_settings_read(case, reply)}" if not settings_ok else ""
        score.misses.append(f"{case.text[:70]!r}: want {want}, got {got}")


def _settings_match(case: Case) -> bool:
    """The routine settings read from the message are exactly the ones it states."""
    assert case.routine is not None
    options, stated = parse_routine_request(case.text, RoutineOptions())
    return stated == set(case.routine) and all(getattr(options, k) == v for k, v in case.routine.items())


def _settings_read(case: Case, reply: Reply) -> str:
    """What was read of the settings the case states, for the list of misses."""
    if case.routine is not None:
        options, stated = parse_routine_request(case.text, RoutineOptions())
        return str({k: getattr(options, k) for k in sorted(stated)})
    action = next((a for a in reply.actions if isinstance(a, SetReminder)), None)
    return "no reminder" if action is None else f"{{'at': '{action.at:%H:%M}', 'days': {list(action.days)}}}"


def _reminder_matches(case: Case, reply: Reply) -> bool:
    """The reply asks to set a reminder at the stated time (and days, when stated)."""
    assert case.reminder is not None
    action = next((a for a in reply.actions if isinstance(a, SetReminder)), None)
    if action is None:  # no time stated: right when the bot asks for one instead of guessing it
        return "at" not in case.reminder and reply.intent == "reminder_set"
    if "at" in case.reminder and f"{action.at:%H:%M}" != case.reminder["at"]:
        return False
    return "days" not in case.reminder or list(action.days) == case.reminder["days"]


def evaluate(brain: Brain, cases: Iterable[Case]) -> Score:
    """Answer every case independently and score it."""
    score = Score()
    safety_net = brain.knowledge.texts.get("safety_net")
    for case in cases:
        score_case(case, brain.reply(Turn(case.text, "eval", EVAL_DAY)), score, safety_net)
    return score


def report(name: str, score: Score, out: TextIO | None = None) -> None:
    """Print one part's figures."""

    def p(line: str) -> None:
        print(line, file=out or sys.stdout)
    p(f"== {name}: {score.total} messages")
    p(f"  intent accuracy      {score.ratio(score.intent_ok, score.total)}")
    p(f"  correct top answer   {score.ratio(score.answer_ok, score.answer_total)}")
    p(f"  red flags caught     {score.ratio(score.red_flags_caught, score.red_flags)}")
    p(f"  red-flag tier right  {score.ratio(score.red_flag_tier_ok, score.red_flags)}")
    if score.missed_red_flags_as:  # a confusion line, no text: safe to print for the held-out part too
        p("  missed red flags answered as: " + ", ".join(f"{k} {v}" for k, v in sorted(score.missed_red_flags_as.items()))
          + f"; with the warning signs listed: {score.missed_red_flags_netted}")
    p(f"  false red flags      {score.false_red_flags} of {score.total - score.red_flags} other messages")
    p(f"  routine settings read right   {score.ratio(score.routine_settings_ok, score.routine_settings)}")
    p(f"  reminder time and days right  {score.ratio(score.reminders_ok, score.reminders)}")
    p(f"  out of scope answered with exercise content: {score.out_of_scope_with_exercises}/{score.out_of_scope}")
    for intent in sorted(score.per_intent):
        ok, total = score.per_intent[intent]
        p(f"    {intent:<18} {score.ratio(ok, total)}")


def run_eval(
    brain: Brain, cases_dir: Path | None, show_errors: bool = False, parts: Sequence[str] | None = None
) -> int:
    """Evaluate the parts asked for (default: every one present) and print the figures.

    Misses are listed on request, never those of the held-out part. Returns the exit status:
    1 when a part asked for by name has no file.
    """
    folder = cases_dir or default_root() / "tests" / "cases"
    missing = [p for p in parts or () if not (folder / f"{p}.yaml").exists()]
    if missing:
        print(f"backcoach eval: no {', '.join(f'{p}.yaml' for p in missing)} in {folder}", file=sys.stderr)
        return 1
    for part in (p for p in parts or PARTS if (folder / f"{p}.yaml").exists()):
        score = evaluate(brain, load_cases(folder / f"{part}.yaml"))
        report(part, score)
        if show_errors and part != "heldout":
            for miss in score.misses:
                print(f"    miss: {miss}")
    return 0
