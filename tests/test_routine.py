"""Example tests for the routine builder, its text and JSON forms, and `backcoach routine`."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot import routine_cmd
from bot.brain.knowledge import Knowledge
from bot.brain.model import RoutineOptions
from bot.brain.routine import (
    MAX_MINUTES,
    MIN_MINUTES,
    ROUTINE_POSITIONS,
    build_routine,
    build_week,
    options_problems,
    render_routine,
    render_week,
    routine_to_json,
)

MONDAY = date(2026, 3, 2)
TUESDAY = MONDAY + timedelta(days=1)
ARTICLE_WARMUPS = {"exercise.good_morning", "exercise.knee_to_chest"}
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def knowledge(content) -> Knowledge:
    return content.knowledge


def main_ids(routine) -> list[str]:
    return [i.exercise_id for i in routine.items if i.role == "main"]


def test_default_routine_is_a_warm_up_then_three_to_five_exercises_within_15_minutes(knowledge):
    routine = build_routine(RoutineOptions(), MONDAY, knowledge)
    assert routine.day_type == "strength"
    assert routine.items[0].exercise_id in ARTICLE_WARMUPS
    assert 3 <= len(main_ids(routine)) <= 5
    assert routine.total_minutes <= 15
    assert all(knowledge.exercises[i.exercise_id].equipment == "none" for i in routine.items)


def test_main_work_covers_more_than_one_section_of_the_back(knowledge):
    routine = build_routine(RoutineOptions(equipment="band"), MONDAY, knowledge)
    areas = {a for i in main_ids(routine) for a in knowledge.exercises[i].areas}
    assert {"upper", "lower", "core"} <= areas


def test_the_day_after_a_strength_day_has_no_strength_work(knowledge):
    routine = build_routine(RoutineOptions(level="advanced", equipment="gym"), TUESDAY, knowledge)
    assert routine.day_type == "mobility"
    assert all(knowledge.exercises[i].kind != "strength" for i in main_ids(routine))


def test_a_week_has_three_strength_days_none_of_them_in_a_row(knowledge):
    week = build_week(RoutineOptions(), MONDAY, knowledge)
    types = [r.day_type for r in week]
    assert types == ["strength", "mobility"] * 3 + ["mobility"]


def test_article_warm_ups_both_appear_over_a_week(knowledge):
    week = build_week(RoutineOptions(minutes=5), MONDAY, knowledge)
    warmups = {i.exercise_id for r in week for i in r.items if i.role == "warmup"}
    assert warmups == ARTICLE_WARMUPS


def test_senior_track_is_gentle_bodyweight_work_from_the_senior_list(knowledge):
    week = build_week(RoutineOptions(level="senior", equipment="gym"), MONDAY, knowledge)
    used = {knowledge.exercises[i.exercise_id] for r in week for i in r.items}
    assert all(x.senior and x.equipment in ("none", "band") for x in used)
    assert {"exercise.cat_cow", "exercise.seated_march", "exercise.seated_twist"} <= {
        x.id for x in used
    }
    assert "exercise.good_morning" not in {x.id for x in used}


def test_heavy_lifts_are_only_for_intermediate_and_advanced(knowledge):
    heavy = {"exercise.deadlift", "exercise.hyperextension"}
    for level in ("beginner", "senior"):
        week = build_week(RoutineOptions(level=level, equipment="gym", minutes=30), MONDAY, knowledge)
        assert not heavy & {i.exercise_id for r in week for i in r.items}
    week = build_week(RoutineOptions(level="advanced", equipment="gym", minutes=30), MONDAY, knowledge)
    assert heavy & {i.exercise_id for r in week for i in r.items}


def test_missing_equipment_is_replaced_by_a_listed_substitute_and_says_so(knowledge):
    week = build_week(RoutineOptions(equipment="none"), MONDAY, knowledge)
    subs = [i for r in week for i in r.items if i.substitute_for]
    assert subs
    for item in subs:
        planned = knowledge.exercises[item.substitute_for]
        assert planned.equipment != "none" and item.exercise_id in planned.substitutes
    text = render_routine(
        next(r for r in week if any(i.substitute_for for i in r.items)), knowledge
    )
    assert "instead of" in text and "which needs" in text


def test_lat_pulldown_becomes_a_band_exercise_for_a_band_user(knowledge):
    weeks = [build_week(RoutineOptions(equipment="band"), MONDAY + timedelta(days=7 * n), knowledge)
             for n in range(4)]
    replaced = {
        i.exercise_id
        for week in weeks
        for r in week
        for i in r.items
        if i.substitute_for == "exercise.lat_pulldown"
    }
    assert replaced and replaced <= {"exercise.band_row", "exercise.band_pull_apart"}


def test_dose_grows_with_level(knowledge):
    def superman_dose(level: str) -> str:
        for day in (MONDAY + timedelta(days=n) for n in range(14)):
            for item in build_routine(RoutineOptions(level=level, minutes=30), day, knowledge).items:
                if item.exercise_id == "exercise.superman":
                    return item.dose
        raise AssertionError("no superman in two weeks")

    assert superman_dose("beginner") == "2 holds of 3 seconds"
    assert superman_dose("advanced") == "3 holds of 5 seconds"


def test_a_short_session_says_why_it_has_fewer_exercises(knowledge):
    week = build_week(RoutineOptions(minutes=MIN_MINUTES), MONDAY, knowledge)
    short = [r for r in week if len(main_ids(r)) < 3]
    assert short
    assert all("only leaves room" in " ".join(r.notes) for r in short)
    assert all(r.total_seconds <= MIN_MINUTES * 60 for r in week)


def test_a_long_session_is_not_padded_with_more_back_work(knowledge):
    routine = build_routine(RoutineOptions(minutes=60), MONDAY, knowledge)
    assert len(main_ids(routine)) <= 5
    assert any("complete session" in note for note in routine.notes)


@pytest.mark.parametrize(
    "options",
    [
        RoutineOptions(minutes=0),
        RoutineOptions(minutes=500),
        RoutineOptions(level="expert"),  # type: ignore[arg-type]
        RoutineOptions(equipment="kettlebell"),  # type: ignore[arg-type]
    ],
    ids=["zero-minutes", "500-minutes", "unknown-level", "unknown-equipment"],
)
def test_bad_options_are_refused_naming_the_allowed_values(knowledge, options):
    problems = options_problems(options)
    assert problems
    assert any(
        str(MAX_MINUTES) in p or "beginner" in p or "dumbbells" in p for p in problems
    )
    with pytest.raises(ValueError):
        build_routine(options, MONDAY, knowledge)


def test_same_settings_and_date_give_the_same_routine_in_another_process(knowledge):
    """No salted hash() or unseeded randomness: a new interpreter builds the same routine."""
    options = RoutineOptions(level="intermediate", focus="upper", equipment="dumbbells")
    here = json.dumps(routine_to_json(build_routine(options, MONDAY, knowledge)))
    code = (
        "import json; from datetime import date; from bot.content import load_content;"
        "from bot.brain.model import RoutineOptions as O;"
        "from bot.brain.routine import build_routine, routine_to_json;"
        "k = load_content().knowledge;"
        "print(json.dumps(routine_to_json(build_routine("
        "O('intermediate', 'upper', 'dumbbells'), date(2026, 3, 2), k))))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert there == here


def test_rendered_routine_has_title_items_settings_and_stop_text(knowledge):
    routine = build_routine(RoutineOptions(minutes=20), MONDAY, knowledge)
    text = render_routine(routine, knowledge, stated=frozenset({"minutes"}))
    assert text.startswith(f"Strength day routine for Monday 2 March 2026: about {routine.total_minutes} minutes")
    for number, item in enumerate(routine.items, start=1):
        assert f"{number}. {item.name}" in text and item.dose in text
    assert "beginner (default)" in text and "20 minutes," in text
    assert "(default)" not in text.split("20 minutes")[1].split(".")[0]
    assert knowledge.texts["stop_if_pain"] in text
    assert knowledge.texts["caveat"] not in text, "the composer appends the caveat once"


def test_week_text_lists_seven_days_and_the_stop_text(knowledge):
    text = render_week(build_week(RoutineOptions(), MONDAY, knowledge), knowledge)
    assert text.count("strength day,") == 3 and text.count("mobility and core day,") == 4
    assert knowledge.texts["stop_if_pain"] in text


def test_json_form_carries_ids_doses_seconds_and_total(knowledge):
    routine = build_routine(RoutineOptions(), MONDAY, knowledge)
    data = json.loads(json.dumps(routine_to_json(routine)))
    assert data["total_minutes"] == routine.total_minutes
    assert sum(i["seconds"] for i in data["items"]) == data["total_seconds"]
    assert [i["exercise_id"] for i in data["items"]] == [i.exercise_id for i in routine.items]
    assert all(i["dose"] for i in data["items"])


def cli_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backcoach")
    routine_cmd.add_parser(parser.add_subparsers(dest="command"))
    return parser


def run_cli(knowledge, *argv: str) -> tuple[int, str, str]:
    args = cli_parser().parse_args(["routine", *argv])
    out, err = io.StringIO(), io.StringIO()
    status = routine_cmd.run(args, knowledge, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_cli_prints_the_routine_and_ends_with_the_caveat(knowledge):
    status, out, _ = run_cli(knowledge, "--date", "2026-03-03", "--minutes", "10")
    assert status == 0
    assert out.startswith("Mobility and core day routine for Tuesday 3 March 2026")
    assert out.rstrip().endswith(knowledge.texts["caveat"])


def test_cli_json_week_gives_seven_days(knowledge):
    status, out, _ = run_cli(knowledge, "--date", "2026-03-02", "--week", "--json")
    days = json.loads(out)
    assert status == 0
    assert [d["day"] for d in days] == [str(MONDAY + timedelta(days=n)) for n in range(7)]


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--minutes", "0"], "5 to 90"),
        (["--minutes", "500"], "5 to 90"),
        (["--minutes", "ten"], "5 to 90"),
        (["--level", "expert"], "senior"),
        (["--equipment", "barbell"], "dumbbells"),
        (["--date", "2026-02-30"], "YYYY-MM-DD"),
    ],
)
def test_cli_bad_parameters_exit_2_naming_the_allowed_values(capsys, argv, named):
    with pytest.raises(SystemExit) as exit_info:
        cli_parser().parse_args(["routine", *argv])
    assert exit_info.value.code == 2
    assert named in capsys.readouterr().err


def test_cli_run_refuses_hand_built_bad_settings_with_status_2(knowledge):
    args = cli_parser().parse_args(["routine"])
    args.minutes = 0
    out, err = io.StringIO(), io.StringIO()
    assert routine_cmd.run(args, knowledge, out=out, err=err) == 2
    assert "from 5 to 90" in err.getvalue() and not out.getvalue()


def test_another_one_for_the_same_day_differs_and_keeps_the_day() -> None:
    from bot.brain.model import RoutineOptions
    from bot.brain.routine import build_routine
    from bot.content import load_content

    knowledge = load_content().knowledge
    options = RoutineOptions("intermediate", "full", "gym", 20)
    first = build_routine(options, date(2026, 3, 2), knowledge)
    another = build_routine(options, date(2026, 3, 2), knowledge, variant=1)
    assert another.day == first.day and another.day_type == first.day_type
    mains = lambda r: [i.exercise_id for i in r.items if i.role == "main"]
    assert mains(another) != mains(first)
    assert build_routine(options, date(2026, 3, 2), knowledge, variant=1) == another  # deterministic


def positions_of(routine, knowledge) -> list[tuple[str, ...]]:
    return [knowledge.exercises[i.exercise_id].positions for i in routine.items]


@pytest.mark.parametrize("position", ROUTINE_POSITIONS)
@pytest.mark.parametrize("day", [MONDAY, TUESDAY], ids=["strength-day", "mobility-day"])
def test_every_exercise_of_a_positional_routine_is_done_in_that_position(knowledge, position, day):
    routine = build_routine(RoutineOptions(position=position), day, knowledge)
    assert main_ids(routine), "there is main work in every position"
    assert all(position in p for p in positions_of(routine, knowledge))


def test_a_desk_routine_has_no_floor_work_where_the_default_one_does(knowledge):
    default = build_routine(RoutineOptions(minutes=10), MONDAY, knowledge)
    desk = build_routine(RoutineOptions(minutes=10, position="seated"), MONDAY, knowledge)
    assert any("floor" in p for p in positions_of(default, knowledge))
    assert not any("floor" in p for p in positions_of(desk, knowledge))


def test_a_seated_routine_says_it_has_no_warm_up_and_names_the_ones_there_are(knowledge):
    routine = build_routine(RoutineOptions(position="seated"), MONDAY, knowledge)
    assert all(i.role != "warmup" for i in routine.items), "no warm-up in the content is seated"
    note = next(n for n in routine.notes if "warm-up" in n)
    assert "sitting down" in note and "Good Morning" in note


def test_too_few_standing_exercises_give_a_short_routine_that_says_so(knowledge):
    routine = build_routine(RoutineOptions(position="standing", minutes=30), TUESDAY, knowledge)
    assert routine.total_minutes < 30 // 2
    note = next(n for n in routine.notes if "another position" in n)
    assert "standing up" in note and "of your 30 minutes" in note


def test_a_position_with_nothing_for_the_focus_still_says_why(knowledge):
    # No standing exercise in the content works the core.
    routine = build_routine(RoutineOptions(focus="core", position="standing"), TUESDAY, knowledge)
    assert not main_ids(routine)
    assert any(n.startswith("No exercise") for n in routine.notes)


def test_an_unknown_position_is_refused_naming_the_allowed_ones(knowledge):
    (problem,) = options_problems(RoutineOptions(position="hanging"))
    assert "seated" in problem and "standing" in problem
    with pytest.raises(ValueError):
        build_routine(RoutineOptions(position="upside down"), MONDAY, knowledge)


def test_rendered_positional_routine_names_the_position_and_unpositioned_text_does_not(knowledge):
    desk = render_routine(build_routine(RoutineOptions(position="seated"), MONDAY, knowledge), knowledge)
    plain = render_routine(build_routine(RoutineOptions(), MONDAY, knowledge), knowledge)
    assert desk.splitlines()[0].startswith("Strength day routine for Monday 2 March 2026, sitting down:")
    assert "every exercise done sitting down" in desk
    assert "sitting down" not in plain and "every exercise done" not in plain


def test_json_form_carries_the_position(knowledge):
    bed = routine_to_json(build_routine(RoutineOptions(position="floor"), MONDAY, knowledge))
    plain = routine_to_json(build_routine(RoutineOptions(), MONDAY, knowledge))
    assert (bed["options"]["position"], plain["options"]["position"]) == ("floor", None)


def test_cli_position_option_builds_a_routine_in_that_position(knowledge):
    status, out, _ = run_cli(knowledge, "--date", "2026-03-02", "--position", "seated", "--json")
    assert status == 0
    ids = [i["exercise_id"] for i in json.loads(out)["items"]]
    assert ids and all("seated" in knowledge.exercises[i].positions for i in ids)


def test_a_routine_asked_for_at_a_desk_reaches_the_brain_as_a_seated_routine(ask, knowledge):
    reply = ask("give me a 10 minute routine I can do at my desk")
    assert reply.intent == "routine"
    assert reply.sources and all("seated" in knowledge.exercises[i].positions for i in reply.sources)


def test_settings_without_strength_work_make_every_day_gentle_and_rotate_daily(knowledge):
    # No floor exercise strengthens the upper back: Monday too is a mobility day.
    options = RoutineOptions(focus="upper", position="floor")
    week = build_week(options, MONDAY, knowledge)
    assert {r.day_type for r in week} == {"mobility"}
    assert "every day is a gentle one" in render_routine(week[0], knowledge)


def test_a_short_seated_weekend_does_not_repeat_saturday_on_sunday(knowledge):
    # 5 minutes seated takes 2 of 3 mobility exercises; mixing sections once pulled Sunday's
    # first exercise into Saturday, so both days had Seated Leg Lift and Seated Twist.
    options = RoutineOptions(minutes=5, position="seated")
    pool = {"exercise.seated_march", "exercise.seated_leg_lift", "exercise.seated_twist"}
    saturday = date(2000, 4, 1)
    # 12 weekends: Saturday's turn passes every place of the 3-exercise cycle several times.
    for week in range(12):
        sat, sun = (build_routine(options, saturday + timedelta(days=7 * week + d), knowledge) for d in (0, 1))
        assert set(main_ids(sat)) != set(main_ids(sun)), sat.day
        for routine in (sat, sun):
            assert set(main_ids(routine)) <= pool and len(main_ids(routine)) == 2
            assert "exercise.seated_twist" in main_ids(routine), "core work is mixed with the back"
