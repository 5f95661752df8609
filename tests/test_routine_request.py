"""Reading routine settings out of free text: what is said is used, the rest keeps defaults."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.brain.model import RoutineOptions
from bot.brain.routine import ROUTINE_POSITIONS
from bot.brain.routine_request import (
    MAX_MINUTES,
    MIN_MINUTES,
    adjusts_routine,
    parse_routine_request,
    stated_position,
)

DEFAULTS = RoutineOptions()


@pytest.mark.parametrize(
    ("message", "expected", "stated"),
    [
        ("give me a 10 minute routine with a band for my upper back",
         {"minutes": 10, "equipment": "band", "focus": "upper"}, {"minutes", "equipment", "focus"}),
        ("routine for my 70 year old mum", {"level": "senior"}, {"level"}),
        ("something for my grandad", {"level": "senior"}, {"level"}),
        ("exercises for seniors please", {"level": "senior"}, {"level"}),
        ("my mum is 72, what should she do", {"level": "senior"}, {"level"}),
        ("my dad is in his eighties", {"level": "senior"}, {"level"}),
        ("routine for my dad", {}, set()),
        ("today's workout", {}, set()),
        ("a quarter of an hour, no equipment", {"minutes": 15, "equipment": "none"},
         {"minutes", "equipment"}),
        ("half an hour at the gym", {"minutes": 30, "equipment": "gym"}, {"minutes", "equipment"}),
        ("ten minutes", {"minutes": 10}, {"minutes"}),
        ("twenty-five mins with dumbbells", {"minutes": 25, "equipment": "dumbbells"},
         {"minutes", "equipment"}),
        ("10min core workout", {"minutes": 10, "focus": "core"}, {"minutes", "focus"}),
        ("abs routine", {"focus": "core"}, {"focus"}),
        ("lower back routine for an advanced lifter", {"focus": "lower", "level": "advanced"},
         {"focus", "level"}),
        ("upper and lower back", {"focus": "full"}, {"focus"}),
        ("I have a band but no weights", {"equipment": "band"}, {"equipment"}),
        ("I don't have dumbbells", {"equipment": "none"}, {"equipment"}),
        ("an hour and a half, intermediate", {"minutes": 90, "level": "intermediate"},
         {"minutes", "level"}),
        ("routine that is 20 minutes long", {"minutes": 20}, {"minutes"}),
        ("my 40 year old dad wants 12 mins", {"minutes": 12}, {"minutes"}),
        ("bodyweight only", {"equipment": "none"}, {"equipment"}),
    ],
)
def test_settings_are_read_from_the_message(message, expected, stated):
    options, found = parse_routine_request(message, DEFAULTS)
    assert found == stated
    for field in ("level", "focus", "equipment", "minutes"):
        assert getattr(options, field) == expected.get(field, getattr(DEFAULTS, field))


@pytest.mark.parametrize(
    ("message", "field", "value"),
    [
        ("begginer routine", "level", "beginner"),
        ("intermidiate please", "level", "intermediate"),
        ("advnced gym session", "level", "advanced"),
        ("15 minuts", "minutes", 15),
        ("quater of an hour", "minutes", 15),
        ("with dumbells", "equipment", "dumbbells"),
        ("with a resistence band", "equipment", "band"),
        ("for my lowr back", "focus", "lower"),
        ("uper back please", "focus", "upper"),
        ("for my granddad", "level", "senior"),
    ],
)
def test_common_typos_are_understood(message, field, value):
    options, found = parse_routine_request(message, DEFAULTS)
    assert field in found and getattr(options, field) == value


@pytest.mark.parametrize(
    "message",
    ["a forward bend routine", "my hand hurts when I hold the bar", "a better core routine"],
)
def test_near_miss_words_are_not_taken_for_equipment(message):
    options, found = parse_routine_request(message, DEFAULTS)
    assert "equipment" not in found and options.equipment == DEFAULTS.equipment


def test_unstated_fields_keep_the_callers_saved_settings():
    saved = RoutineOptions(level="intermediate", focus="upper", equipment="dumbbells", minutes=20)
    options, found = parse_routine_request("make it 10 minutes", saved)
    assert found == {"minutes"}
    assert options == RoutineOptions("intermediate", "upper", "dumbbells", 10)


@pytest.mark.parametrize(("message", "minutes"), [("0 minutes", 0), ("500 min", 500), ("2 hours", 120)])
def test_out_of_range_minutes_are_returned_as_stated_for_the_caller_to_refuse(message, minutes):
    options, found = parse_routine_request(message, DEFAULTS)
    assert "minutes" in found and options.minutes == minutes
    assert not MIN_MINUTES <= options.minutes <= MAX_MINUTES


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_valid_vocabulary_and_only_stated_fields_change(text):
    options, found = parse_routine_request(text, DEFAULTS)
    assert found <= {"level", "focus", "equipment", "minutes"}
    assert options.level in ("beginner", "intermediate", "advanced", "senior")
    assert options.focus in ("upper", "lower", "core", "full")
    assert options.equipment in ("none", "band", "dumbbells", "gym")
    assert options.position in (None, *ROUTINE_POSITIONS)
    for field in {"level", "focus", "equipment", "minutes"} - found:
        assert getattr(options, field) == getattr(DEFAULTS, field)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 999), st.sampled_from(["min", "mins", "minutes", " minute", "-minute"]))
def test_any_number_of_minutes_is_read_exactly(number, unit):
    options, found = parse_routine_request(f"a {number}{unit} routine", DEFAULTS)
    assert found == {"minutes"} and options.minutes == number


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("my mum (75) wants something gentle", "level", "senior"),
        ("my dad 20 min routine", "minutes", 20),
        ("she doesnt have any equipment at home", "equipment", "none"),
    ],
)
def test_more_everyday_ways_of_stating_settings(text, field, value) -> None:
    options, stated = parse_routine_request(text, RoutineOptions())
    assert field in stated and getattr(options, field) == value


def test_a_number_after_a_relative_is_not_an_age_when_it_is_a_duration() -> None:
    _, stated = parse_routine_request("my dad 20 min routine", RoutineOptions())
    assert "level" not in stated


@pytest.mark.parametrize(
    ("message", "field", "value"),
    [
        ("a 45min gym session, fairly experienced", "level", "intermediate"),
        ("ive been lifting for years, give me a hard routine", "level", "advanced"),
        ("something easy for a newbie", "level", "beginner"),
        ("just a mat at home", "equipment", "none"),
    ],
)
def test_everyday_words_for_level_and_kit(message, field, value) -> None:
    options, stated = parse_routine_request(message, RoutineOptions())
    assert field in stated and getattr(options, field) == value


@pytest.mark.parametrize("message", ["routine for intense back pain", "had a tough week, 10 min routine"])
def test_words_about_pain_or_life_do_not_pick_the_hardest_track(message) -> None:
    _, stated = parse_routine_request(message, RoutineOptions())
    assert "level" not in stated


@pytest.mark.parametrize(
    ("message", "equipment"),
    [
        ("upper back exercises w dumbbells, no machines at my gym rn", "dumbbells"),
        ("im at the gym", "gym"),
        ("10 min at my gym", "gym"),
    ],
)
def test_the_gym_as_a_place_yields_to_the_kit_they_say_they_use(message, equipment) -> None:
    options, stated = parse_routine_request(message, RoutineOptions())
    assert "equipment" in stated and options.equipment == equipment


def test_an_age_said_as_a_lady_of_68_is_the_senior_track() -> None:
    options, stated = parse_routine_request("exercises for a lady of 68", RoutineOptions())
    assert ("level" in stated, options.level) == (True, "senior")


@pytest.mark.parametrize(
    ("message", "position"),
    [
        ("give me a 10 minute routine I can do at my desk", "seated"),
        ("a routine in bed", "floor"),
        ("standing routine, no floor", "standing"),
        ("wheelchair user, 10 min routine", "seated"),
        ("15 min routine sittin down", "seated"),  # typo
        ("lying down routine for my lower back", "floor"),
        ("no lying down please, something standing", "standing"),  # the negated one is skipped
        ("routine i can do sitting or standing", "seated"),  # the first one said
        ("after sitting all day i need a 10 min routine i can do standing", "standing"),
    ],
)
def test_where_the_user_will_be_is_read_as_a_position(message, position) -> None:
    options, stated = parse_routine_request(message, RoutineOptions())
    assert options.position == position
    # never a saved default, so it is not among the stated names the evaluation compares
    assert "position" not in stated


@pytest.mark.parametrize(
    "message",
    [
        "15 minute routine",
        "my back is sore from sitting all day, 15 min routine",
        "i sit at a desk all day, routine please",
        "i work 10 hours a day at my desk",
        "cant get down on the floor, 10 min routine",
        "stiff after lying in bed, quick routine",
        "my back hurts when sitting",
    ],
)
def test_a_cause_or_a_place_they_cannot_use_states_no_position(message) -> None:
    options, _ = parse_routine_request(message, RoutineOptions())
    assert options.position is None


def test_an_unstated_position_keeps_the_callers_one() -> None:
    options, _ = parse_routine_request("make it 20 minutes", RoutineOptions(position="seated"))
    assert options.position == "seated"


def test_stated_position_reads_plain_lowercase_text_for_other_callers() -> None:
    # the exercise lists ("stretches i can do at my desk") share this vocabulary
    assert stated_position("stretches i can do at my desk") == "seated"
    assert stated_position("stretches for my lower back") is None


@pytest.mark.parametrize("text", ["gamer, 8 hour sessions most weekends, what works the traps", "i drive 4 hours to work and back"])
def test_hours_no_back_routine_could_last_are_not_a_duration(text: str) -> None:
    # 3 hours or more is how long they game, drive or work, not a session they ask for
    assert "minutes" not in parse_routine_request(text, RoutineOptions())[1]


def test_an_hour_long_session_is_still_a_duration() -> None:
    options, stated = parse_routine_request("a 1 hour back workout please", RoutineOptions())
    assert "minutes" in stated and options.minutes == 60


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("no time for the gym, give us a 15 min back routine with dumbbells", "equipment", "dumbbells"),
        ("beginner routine for my lower back please, thank you in advance", "level", "beginner"),
    ],
)
def test_set_phrases_do_not_state_settings(text: str, field: str, value: str) -> None:
    # "no time for the gym" is kit they lack; "in advance" is politeness, not the advanced track
    assert getattr(parse_routine_request(text, RoutineOptions())[0], field) == value


@pytest.mark.parametrize("text", ["i live two hours from the nearest physio, any lower back exercises", "after a 2 hour drive my back is stiff"])
def test_hours_of_travel_are_not_a_duration(text: str) -> None:
    assert "minutes" not in parse_routine_request(text, RoutineOptions())[1]


def test_minutes_before_a_level_leave_the_level_alone() -> None:
    assert parse_routine_request("need a 45 min advanced session", RoutineOptions())[0].level == "advanced"


def test_an_age_said_as_over_seventy_is_the_senior_track() -> None:
    options, stated = parse_routine_request("what back exercises for a person over 70", RoutineOptions())
    assert options.level == "senior" and "level" in stated
    assert "level" not in parse_routine_request("a routine of over 20 minutes", RoutineOptions())[1]


def test_all_the_back_is_the_full_back() -> None:
    assert parse_routine_request("a complete routine for all the back", RoutineOptions())[0].focus == "full"


@pytest.mark.parametrize(
    ("message", "saved", "field", "value"),
    [
        ("make it harder", "beginner", "level", "intermediate"),
        ("these are way too easy now", "intermediate", "level", "advanced"),
        ("the beginner ones are too easy now", "beginner", "level", "intermediate"),
        ("a bit easier pls", "intermediate", "level", "beginner"),
        ("make it harder", "advanced", "level", "advanced"),  # no step above the top
        ("easier version please", "senior", "level", "senior"),
        ("shorter one pls", "beginner", "minutes", 10),
        ("same as yesterday but longer", "beginner", "minutes", 20),
        ("make it shorter, 5 min", "beginner", "minutes", 5),  # a stated length wins
        ("give me a harder one today, advanced level", "beginner", "level", "advanced"),  # so does a level
    ],
)
def test_a_relative_ask_steps_from_the_saved_settings(message: str, saved: str, field: str, value: object) -> None:
    options, stated = parse_routine_request(message, RoutineOptions(level=saved))  # type: ignore[arg-type]
    assert getattr(options, field) == value and field in stated
    assert adjusts_routine(message)


@pytest.mark.parametrize(
    "message", ["is the plank harder than the superman", "how much longer should i hold it", "it's getting harder to sit"]
)
def test_comparisons_that_ask_nothing_of_the_routine_are_not_adjustments(message: str) -> None:
    assert not adjusts_routine(message)


@pytest.mark.parametrize(
    ("message", "minutes"), [("routine 30", 30), ("a workout of 20 please", 20), ("session 3 of 5", 15), ("routine for 2 weeks", 15)]
)
def test_a_number_right_after_the_session_word_is_its_length(message: str, minutes: int) -> None:
    assert parse_routine_request(message, DEFAULTS)[0].minutes == minutes


def test_w_slash_o_any_equipment_is_no_equipment() -> None:
    options, stated = parse_routine_request("can u do a routine w/o any equipment for core", RoutineOptions(equipment="band"))
    assert options.equipment == "none" and "equipment" in stated


@pytest.mark.parametrize("message", ["i've been sat in the car for 2 hours, what should i do", "been driving for an hour, back is stiff"])
def test_time_spent_sitting_or_driving_is_not_a_session_length(message: str) -> None:
    assert "minutes" not in parse_routine_request(message, DEFAULTS)[1]
