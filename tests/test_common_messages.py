"""The messages users send most, each with the reply it must get.

The evaluation sets are written as real people type, which makes them long and varied; the
shortest, commonest messages can slip between them. "my back hurts" was read as a red flag by
the red-flag model for two sessions because no test sent it. This list is that guard: plain
messages, whose right answer follows from the labelling conventions in tests/cases/README.md.
"""

from __future__ import annotations

import pytest

# (message, intent, top source or None when no knowledge entry is the answer)
COMMON = [
    ("hi", "greeting", None),
    ("hello", "greeting", None),
    ("help", "help", None),
    ("thanks", "thanks", None),
    ("thank you", "thanks", None),
    ("my back hurts", "faq", "faq.overall_back_pain"),
    ("back pain", "faq", "faq.overall_back_pain"),
    ("lower back pain", "faq", "topic.lower_back_pain"),
    ("upper back pain", "faq", "faq.upper_back_pain"),
    ("what helps lower back pain", "faq", "topic.lower_back_pain"),
    ("how do i do a plank", "exercise_howto", "exercise.plank"),
    ("how do i do a superman", "exercise_howto", "exercise.superman"),
    ("plank", "exercise_howto", "exercise.plank"),
    ("deadlift", "exercise_howto", "exercise.deadlift"),
    ("lower back exercises", "exercises_for", "area.lower_back"),
    ("exercises for my upper back", "exercises_for", "area.upper_back"),
    ("core exercises", "exercises_for", "area.core"),
    ("what muscles does the deadlift work", "exercise_muscles", "exercise.deadlift"),
    ("what are the traps", "muscle_info", "muscle.trapezius"),
    ("what is the erector spinae", "muscle_info", "muscle.erector_spinae"),
    ("give me a routine", "routine", None),
    ("15 minute routine", "routine", None),
    ("how do i warm up", "warmup", "topic.warmup"),
    ("remind me every day at 7am", "reminder_set", None),
    ("what reminders do i have", "reminder_list", None),
    ("stop my reminders", "reminder_cancel", None),
    ("my timezone is london", "set_timezone", None),
    ("how often should i exercise my back", "faq", "topic.general_guidance"),
    ("is swimming good for back pain", "faq", "faq.overall_back_pain"),
    ("what exercises are good for seniors", "faq", "faq.seniors"),
    ("can you prescribe painkillers", "out_of_scope", None),
    ("what's the weather", "out_of_scope", None),
]


@pytest.mark.parametrize(("message", "intent", "source"), COMMON, ids=[m for m, _, _ in COMMON])
def test_a_common_message_gets_its_reply(ask, message: str, intent: str, source: str | None) -> None:
    reply = ask(message)
    assert reply.intent == intent, (message, reply.intent, reply.sources)
    if source is not None:
        assert reply.sources[0] == source, (message, reply.sources)
