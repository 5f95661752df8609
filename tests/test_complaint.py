"""pain_area: reported back pain and where, with denials ("not sore") left out."""

from __future__ import annotations

import pytest

from bot.brain.complaint import pain_area, pain_elsewhere, says_more_than_back_pain
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
        ("upper back is in bits after a long drive", ["upper"], "upper"),
        ("temperature normal, no chills, just achy between the shoulder blades", ["upper"], "upper"),
        ("my lower back akes every morning", ["lower"], "lower"),
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



@pytest.mark.parametrize(
    ("message", "part"),
    [
        ("my knee hurts when i run", "knee"),
        ("wrist is sore from typing all day", "wrist"),
        ("my head is pounding and aching today", "head"),
        # conditions and injuries named without a pain word
        ("shin splints from running, any tips", "shin splints"),
        ("tore my calf playing squash, how long to heal", "calf"),
    ],
)
def test_pain_in_another_part_of_the_body_is_named(message, part) -> None:
    assert pain_elsewhere(normalise(message)) == part


@pytest.mark.parametrize(
    "message",
    [
        "my back and my knee hurt",
        "no pain in my knees, what about squats",
        "how do i do a plank with sore wrists? my back aches",
        "pulled my back lifting, hamstrings are tight too",
    ],
)
def test_back_pain_or_denied_pain_is_not_elsewhere(message) -> None:
    assert pain_elsewhere(normalise(message)) is None


@pytest.mark.parametrize("text", ["my lower back just seized up after gardening", "back went into spasm this morning", "my back locked up when i bent down"])
def test_a_back_that_seized_or_spasmed_is_reported_pain(text: str) -> None:
    assert pain_area(text, ["lower"] if "lower" in text else []) is not None


@pytest.mark.parametrize("text", ["my lower back is cranky since i started running", "upper back tension from my phone", "my back flared up again"])
def test_everyday_words_for_a_sore_back_report_pain(text: str) -> None:
    areas = ["lower"] if "lower" in text else ["upper"] if "upper" in text else []
    assert pain_area(text, areas) is not None


@pytest.mark.parametrize(
    "text", ["my back hurts", "back pain", "lower back pain again today", "my back has been killing me for weeks, help", "hello there, my back hurts"]
)
def test_back_pain_and_nothing_more_says_nothing_more(text: str) -> None:
    assert not says_more_than_back_pain(normalise(text))


@pytest.mark.parametrize("text", ["my back hurts and i cant feel my bum", "back pain at night", "back pain since i fell off a ladder"])
def test_back_pain_with_anything_else_does(text: str) -> None:
    assert says_more_than_back_pain(normalise(text))
