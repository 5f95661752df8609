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
