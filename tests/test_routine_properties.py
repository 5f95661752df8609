"""Property tests: the routine rules hold for every level, focus, equipment, minutes and date."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.brain.knowledge import Knowledge
from bot.brain.model import (
    EQUIPMENT,
    FOCUSES,
    LEVELS,
    Routine,
    RoutineOptions,
    equipment_rank,
)
from bot.brain.routine import (
    MAX_MAIN,
    MAX_MINUTES,
    MIN_MAIN,
    MIN_MINUTES,
    ROUTINE_POSITIONS,
    build_routine,
    build_week,
    eligible_exercises,
    main_pool,
    week_has_room,
)

LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}
CASES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

options_st = st.builds(
    RoutineOptions,
    level=st.sampled_from(LEVELS),
    focus=st.sampled_from(FOCUSES),
    equipment=st.sampled_from(EQUIPMENT),
    minutes=st.integers(MIN_MINUTES, 60) | st.integers(MIN_MINUTES, MAX_MINUTES),
)
# The same settings with a position asked for ("at my desk", "in bed", "standing").
positioned_st = st.builds(
    RoutineOptions,
    level=st.sampled_from(LEVELS),
    focus=st.sampled_from(FOCUSES),
    equipment=st.sampled_from(EQUIPMENT),
    minutes=st.integers(MIN_MINUTES, 60) | st.integers(MIN_MINUTES, MAX_MINUTES),
    position=st.sampled_from(ROUTINE_POSITIONS),
)
days_st = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@pytest.fixture(scope="module")
def knowledge(content) -> Knowledge:
    return content.knowledge


def mains(routine: Routine) -> list[str]:
    return [i.exercise_id for i in routine.items if i.role == "main"]


def check_routine(routine: Routine, knowledge: Knowledge) -> None:
    """Every rule a single day's routine must keep."""
    options = routine.options
    roles = [item.role for item in routine.items]
    if options.position is None:
        assert roles and roles[0] == "warmup", "the warm-up comes first"
    elif "warmup" not in roles:
        assert any("warm-up" in note for note in routine.notes), "a missing warm-up is explained"
    assert roles == sorted(roles, key=["warmup", "main", "cooldown"].index)
    assert routine.total_seconds <= options.minutes * 60
    ids = [item.exercise_id for item in routine.items]
    assert len(ids) == len(set(ids)), "no exercise twice in one routine"

    n_main = len(mains(routine))
    assert n_main <= MAX_MAIN
    if n_main < MIN_MAIN:
        assert routine.notes, "fewer than 3 main exercises is always explained"

    pool_areas = {
        a for x in main_pool(options, routine.day_type, knowledge)
        for a in knowledge.exercises[x].areas
    }
    main_areas = {a for x in mains(routine) for a in knowledge.exercises[x].areas}
    if options.focus == "full" and n_main >= 2 and len(pool_areas) > 1:
        assert len(main_areas) > 1, "main work covers more than one section of the back"

    for item in routine.items:
        exercise = knowledge.exercises[item.exercise_id]
        assert exercise.kind != "activity"
        assert equipment_rank(exercise.equipment) <= equipment_rank(options.equipment)
        assert item.seconds > 0 and item.dose and item.reason
        if options.level == "senior":
            assert exercise.senior and exercise.level == "beginner"
            assert exercise.equipment in ("none", "band"), "nothing loaded on the senior track"
        else:
            assert LEVEL_RANK[exercise.level] <= LEVEL_RANK[options.level]
        if routine.day_type == "mobility":
            assert exercise.kind != "strength", "no strength work on a mobility day"
        if item.role == "main" and options.focus != "full":
            assert options.focus in exercise.areas
        if item.substitute_for:
            planned = knowledge.exercises[item.substitute_for]
            assert item.exercise_id in planned.substitutes
            assert equipment_rank(planned.equipment) > equipment_rank(options.equipment)
            assert equipment_rank(exercise.equipment) < equipment_rank(planned.equipment)


@CASES
@given(options=options_st, day=days_st)
def test_every_routine_keeps_the_rules(knowledge: Knowledge, options: RoutineOptions, day: date):
    routine = build_routine(options, day, knowledge)
    check_routine(routine, knowledge)
    assert build_routine(options, day, knowledge) == routine, "deterministic"


@CASES
@given(options=options_st, start=days_st)
def test_every_week_keeps_the_rules(knowledge: Knowledge, options: RoutineOptions, start: date):
    week = build_week(options, start, knowledge)
    assert [r.day for r in week] == [start + timedelta(days=i) for i in range(7)]
    types = [r.day_type for r in week]
    assert types.count("strength") <= 3  # the article: strengthening 2-3 times a week
    for today, tomorrow in pairwise(week):
        assert not (today.day_type == tomorrow.day_type == "strength")
        if set(mains(today)) == set(mains(tomorrow)):
            # Only when the whole pool fits in one day is there nothing else to rotate to.
            assert set(mains(today)) == main_pool(options, today.day_type, knowledge)
    if week_has_room(options, knowledge):
        seen = {item.exercise_id for r in week for item in r.items}
        assert eligible_exercises(options, knowledge) <= seen


def test_most_settings_have_room_to_cover_every_exercise_in_a_week(knowledge: Knowledge):
    """The coverage property above is not vacuous: 15 minutes or more nearly always has room."""
    combos = [
        RoutineOptions(level, focus, equipment, minutes)  # type: ignore[arg-type]
        for level in LEVELS
        for focus in FOCUSES
        for equipment in EQUIPMENT
        for minutes in (15, 20, 30)
    ]
    without = [o for o in combos if not week_has_room(o, knowledge)]
    assert len(without) <= len(combos) // 10, without
    assert week_has_room(RoutineOptions(), knowledge), "the defaults cover everything weekly"


# Longer than any main exercise takes at any dose (345 s with the current content), so this
# much time left unused means the builder had no more exercises to give.
ROOM_FOR_ANOTHER = 6 * 60


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(options=positioned_st, day=days_st)
def test_a_positional_routine_keeps_the_rules_stays_in_position_and_says_when_short(
    knowledge: Knowledge, options: RoutineOptions, day: date
):
    routine = build_routine(options, day, knowledge)
    check_routine(routine, knowledge)
    for item in routine.items:
        assert options.position in knowledge.exercises[item.exercise_id].positions, item.exercise_id
    unused = options.minutes * 60 - routine.total_seconds
    if len(mains(routine)) < MAX_MAIN and unused >= ROOM_FOR_ANOTHER:
        assert routine.notes, "a routine that leaves time unused says why"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(options=positioned_st, start=days_st)
# Found by this test: 2 of 3 seated exercises, and Sunday repeated Saturday's pair.
@example(options=RoutineOptions("beginner", "full", "none", 5, position="seated"), start=date(2000, 4, 1))
def test_a_positional_week_keeps_the_weekly_rules(knowledge: Knowledge, options: RoutineOptions, start: date):
    week = build_week(options, start, knowledge)
    for today, tomorrow in pairwise(week):
        assert not (today.day_type == tomorrow.day_type == "strength")
        if set(mains(today)) == set(mains(tomorrow)):
            assert set(mains(today)) == main_pool(options, today.day_type, knowledge)
    # No weekly coverage promise here: a position often leaves a pool of mostly one section
    # (standing: upper back), and mixing sections each day then repeats the odd one out.
