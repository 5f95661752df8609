"""Red-flag probe: everyday phrasings in tests/safety_probe.yaml, triaged by the real rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.brain.safety import triage
from bot.content import Content

PROBE_FILE = Path(__file__).with_name("safety_probe.yaml")
TIERS = {"emergency": "emergency", "urgent": "urgent", "none": None}


def _probe() -> list[tuple[str, str | None]]:
    """(message, expected tier or None) for every probe entry, checked for a known tier."""
    with PROBE_FILE.open(encoding="utf-8") as f:
        entries = yaml.safe_load(f)
    cases = []
    for entry in entries:
        assert set(entry) == {"text", "tier"} and entry["tier"] in TIERS, entry
        cases.append((entry["text"], TIERS[entry["tier"]]))
    return cases


CASES = _probe()


def test_probe_covers_every_tier_and_has_no_duplicates() -> None:
    texts = [text for text, _ in CASES]
    assert len(set(texts)) == len(texts)
    assert {tier for _, tier in CASES} == {"emergency", "urgent", None}


@pytest.mark.parametrize(("message", "expected"), CASES, ids=[t[:60] for t, _ in CASES])
def test_probe_message_gets_its_tier(content: Content, message: str, expected: str | None) -> None:
    result = triage(message, content.knowledge.safety)
    assert result.tier == expected, f"{message!r} -> {result.tier} {result.flags}"


def test_through_the_whole_brain_red_flags_get_urgent_care_and_traps_never_do(brain) -> None:
    """The classifier's safety net must not turn an ordinary message into an alarm."""
    from bot.brain.model import Turn
    from tests.conftest import TODAY

    wrong = []
    for message, expected in CASES:
        reply = brain.reply(Turn(message, "probe", TODAY))
        if (reply.intent == "red_flag") != (expected is not None) or reply.tier != expected:
            wrong.append(f"{message!r}: {reply.intent} {reply.tier}")
    assert wrong == []
