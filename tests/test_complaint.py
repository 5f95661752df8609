"""pain_area: reported back pain and where, with denials ("not sore") left out."""

from __future__ import annotations

import pytest

from bot.brain.complaint import pain_area
from bot.brain.text import normalise


@pytest.mark.parametrize(
    ("message", "areas", "expected"),
    [
        ("my lower back is killing me after gardening", ["lower"], "lower"),
        ("upper back ache any ideas", ["upper"], "upper"),
        ("lumbar stiffness every morning", ["lower"], "lower"),
        ("my back hurts when i stand for long", [], "back"),
        ("got a bad back, what helps", [], "back"),
        ("no numbness or tingling, my lower back aches though", ["lower"], "lower"),
        ("backache after driving", [], "back"),
    ],
)
def test_reported_pain_is_placed(message, areas, expected) -> None:
    assert pain_area(normalise(message), areas) == expected


@pytest.mark.parametrize(
    ("message", "areas"),
    [
        ("exercises for my lower back", ["lower"]),  # no pain word
        ("not sore, just want a stronger upper back for climbing", ["upper"]),
        ("no pain at all, i just want to strengthen my lumbar area", ["lower"]),
        ("it doesn't hurt, how do i build my core", ["core"]),
        ("pain free and want to keep it that way, core exercises", ["core"]),
        ("my knee hurts when i run", []),  # pain, but not in the back
    ],
)
def test_denied_or_elsewhere_pain_is_not_back_pain(message, areas) -> None:
    assert pain_area(normalise(message), areas) is None

