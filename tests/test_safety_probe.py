"""Red-flag probes: everyday phrasings triaged by the real rules.

``safety_probe.yaml`` grew alongside the rules; ``safety_probe_2.yaml`` and the first 225
messages of ``safety_probe_3.yaml`` were each written later by an outsider who had read neither
the rules nor the earlier probes, so they measure whether the patterns generalise beyond the
phrasings their authors thought of. Probe 3 aims at signs described rather than named, regional
and medical words, typos and signs buried in long messages; before any rule was changed for
them its first 225 messages got 81% of emergencies, 83% of urgent signs and 89% of the
look-alikes right. Its later batches were written by the same author after reading the rules,
each scored once before the rules were changed for it (79%, 74%, 82%, 70% and 72% right):
about the figure to expect for phrasings nobody has tried yet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.brain.brain import Brain
from bot.brain.safety import triage
from bot.content import Content

PROBE_FILES = (
    Path(__file__).with_name("safety_probe.yaml"),
    Path(__file__).with_name("safety_probe_2.yaml"),
    Path(__file__).with_name("safety_probe_3.yaml"),
)
TIERS = {"emergency": "emergency", "urgent": "urgent", "none": None}


def _probe(path: Path) -> list[tuple[str, str | None]]:
    """(message, expected tier or None) for every entry of one probe file, checked for a known tier."""
    with path.open(encoding="utf-8") as f:
        entries = yaml.safe_load(f)
    cases = []
    for entry in entries:
        assert set(entry) == {"text", "tier"} and entry["tier"] in TIERS, (path.name, entry)
        cases.append((entry["text"], TIERS[entry["tier"]]))
    return cases


PROBES = {path.stem: _probe(path) for path in PROBE_FILES}
CASES = [(name, text, tier) for name, cases in PROBES.items() for text, tier in cases]


@pytest.mark.parametrize("name", list(PROBES))
def test_probe_covers_every_tier_and_has_no_duplicates(name: str) -> None:
    texts = [text for text, _ in PROBES[name]]
    assert len(set(texts)) == len(texts)
    assert {tier for _, tier in PROBES[name]} == {"emergency", "urgent", None}


def test_probe_files_do_not_repeat_each_other() -> None:
    """A message copied from one probe into another would be counted twice and test nothing new."""
    seen: dict[str, str] = {}
    repeats = []
    for name, cases in PROBES.items():
        for text, _ in cases:
            if text.lower() in seen:
                repeats.append(f"{name} repeats {seen[text.lower()]}: {text!r}")
            seen.setdefault(text.lower(), name)
    assert repeats == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [(text, tier) for _, text, tier in CASES],
    ids=[f"{name}:{text[:60]}" for name, text, _ in CASES],
)
def test_probe_message_gets_its_tier(content: Content, message: str, expected: str | None) -> None:
    result = triage(message, content.knowledge.safety)
    assert result.tier == expected, f"{message!r} -> {result.tier} {result.flags}"


def test_through_the_whole_brain_red_flags_get_urgent_care_and_traps_never_do(brain: Brain) -> None:
    """The classifier's safety net must not turn an ordinary message into an alarm."""
    from bot.brain.model import Turn
    from tests.conftest import TODAY

    wrong = []
    for name, message, expected in CASES:
        reply = brain.reply(Turn(message, "probe", TODAY))
        if (reply.intent == "red_flag") != (expected is not None) or reply.tier != expected:
            wrong.append(f"{name}: {message!r}: {reply.intent} {reply.tier}")
    assert wrong == []


def _rules_with_context(context: object) -> tuple[object, list[str]]:
    """The real rules, with the bone-risk flag's context replaced."""
    from bot.brain.safety import parse_safety

    raw = yaml.safe_load(Path(__file__).parents[1].joinpath("knowledge", "safety.yaml").read_text("utf-8"))
    flag = next(f for f in raw["urgent"]["flags"] if f["id"] == "red_flag.bone_risk_fall")
    flag["context"] = context
    return parse_safety(raw, "safety.yaml")


def test_a_flag_with_context_needs_it_somewhere_in_the_message(content: Content) -> None:
    """The fall alone is no red flag; told in another sentence, the bone risk still counts."""
    rules = content.knowledge.safety
    assert triage("I slipped in the bath yesterday.", rules).tier is None
    split = triage("I have osteoporosis. Yesterday I slipped in the bath.", rules)
    assert split.flags == ("red_flag.bone_risk_fall",)
    assert triage("I'm not on steroids. Yesterday I slipped in the bath.", rules).tier is None


def test_a_bad_context_pattern_is_reported_with_its_place() -> None:
    rules, errors = _rules_with_context(["$bone_risk", "$nosuchgroup ... bones"])
    assert rules is None
    assert len(errors) == 1
    assert errors[0].startswith("safety.yaml: urgent.flags[")
    assert errors[0].endswith("].context[1]: '$nosuchgroup ... bones': unknown group '$nosuchgroup'")
