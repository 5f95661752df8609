"""Reminder and time-zone parsing tables, progress counting and check-in rules (pure core)."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.brain.model import CancelReminders, ListReminders, SetReminder, SetTimezone
from bot.brain.reminder_text import (
    ALL_DAYS,
    WEEKDAYS,
    WEEKENDS,
    CheckIn,
    ReminderProblem,
    describe_days,
    describe_reminder,
    describe_zone,
    eased_level,
    judge_checkin,
    names_timezone,
    parse_reminder,
    parse_timezone,
    progress,
    render_progress,
    reports_clock_mismatch,
)

SET_CASES = [
    ("remind me every day at 7am", time(7), ALL_DAYS, False),
    ("weekdays at 18:30", time(18, 30), WEEKDAYS, False),
    ("every evening at 9", time(21), ALL_DAYS, False),
    ("/remind 07:30 mon-fri", time(7, 30), WEEKDAYS, False),
    ("/remind@BackCoachTestBot 6 weekends", time(6), (5, 6), False),
    ("change my reminder to 7.30 pm", time(19, 30), (), True),  # no days stated: keeps its own
    ("remnd me evry day at 7", time(7), ALL_DAYS, False),
    ("remind me on wendsdays and fridays at 6pm", time(18), (2, 4), False),
    ("remind me tue-thu at 19h30", time(19, 30), (1, 2, 3), False),
    ("remind me at seven am", time(7), ALL_DAYS, False),
    ("every morning at 6:45", time(6, 45), ALL_DAYS, False),
    ("remind me at noon on weekends", time(12), (5, 6), False),
    ("remind me at 12am", time(0), ALL_DAYS, False),
    ("remind me at 12 pm daily", time(12), ALL_DAYS, False),
    ("fri-mon at 8", time(8), (0, 4, 5, 6), False),
    ("mon, wed and fri at 17:05", time(17, 5), (0, 2, 4), False),
    ("remind me at 7 on workdays", time(7), WEEKDAYS, False),
    ("Remind me every night at 10:15 p.m.", time(22, 15), ALL_DAYS, False),
    ("move my reminder to 8", time(8), (), True),
]


@pytest.mark.parametrize(("message", "at", "days", "replace"), SET_CASES, ids=[c[0] for c in SET_CASES])
def test_parse_sets_reminder(message: str, at: time, days: tuple[int, ...], replace: bool) -> None:
    assert parse_reminder(message) == SetReminder(at=at, days=days, replace=replace)


CHANGE_CASES = [
    # (message, new time, new days (() = keep), old time, old days)
    ("change my reminder to 8pm", time(20), (), None, ()),
    ("change my 7am reminder to 8am", time(8), (), time(7), ()),
    ("move my 7am reminder to 8", time(8), (), time(7), ()),
    ("move my 7pm reminder to 8", time(20), (), time(19), ()),  # the bare 8 keeps the pm
    ("change my reminder from 7:30 to 8", time(8), (), time(7, 30), ()),
    ("change my reminder at 7 to 8", time(8), (), time(7), ()),
    ("switch my 7 reminder to 8", time(8), (), time(7), ()),
    ("change my evening reminder from 7 to 8", time(20), (), time(19), ()),
    ("i'd like to move my 7am reminder to 8am", time(8), (), time(7), ()),
    ("make it 8pm instead of 7pm", time(20), (), time(19), ()),
    ("make it 8pm instead", time(20), (), None, ()),
    ("update reminder: 6:45 pm", time(18, 45), (), None, ()),
    ("change my weekend reminder to 9am", time(9), (), None, WEEKENDS),
    ("move my weekday reminder from 7 to 8", time(8), (), time(7), WEEKDAYS),
    ("change my reminder to weekdays at 8", time(8), WEEKDAYS, None, ()),
    ("change my reminder to every day at 8", time(8), ALL_DAYS, None, ()),
    ("change my 7am reminder to weekdays", time(7), WEEKDAYS, time(7), ()),  # same time, new days
]


@pytest.mark.parametrize(
    ("message", "at", "days", "old_at", "old_days"), CHANGE_CASES, ids=[c[0] for c in CHANGE_CASES]
)
def test_parse_change_reads_new_schedule_and_the_reminder_it_names(
    message: str, at: time, days: tuple[int, ...], old_at: time | None, old_days: tuple[int, ...]
) -> None:
    expected = SetReminder(at=at, days=days, replace=True, old_at=old_at, old_days=old_days)
    assert parse_reminder(message) == expected
    assert expected.keeps_days == (days == ())


@pytest.mark.parametrize("message", ["change my 7am reminder", "change the 7am one", "move my 7am reminder to 7am"])
def test_change_without_a_new_time_asks_for_it(message: str) -> None:
    problem = parse_reminder(message)
    assert isinstance(problem, ReminderProblem)
    assert problem.reason == "I need the new time for the reminder."
    examples = re.findall(r'"([^"]+)"', problem.example)
    assert examples and all(isinstance(parse_reminder(e), SetReminder) for e in examples)


def test_a_new_reminder_without_days_is_every_day_but_a_change_keeps_them() -> None:
    assert parse_reminder("remind me at 8pm") == SetReminder(at=time(20), days=ALL_DAYS)
    change = parse_reminder("change my reminder to 8pm")
    assert isinstance(change, SetReminder) and change.keeps_days
    assert not SetReminder(at=time(20)).keeps_days


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("stop my reminders", CancelReminders()),
        ("cancle my reminders", CancelReminders()),
        ("cancel the 7am one", CancelReminders(at=time(7))),
        ("delete the reminder at 18:30", CancelReminders(at=time(18, 30))),
        ("no more reminders please", CancelReminders()),
        ("what reminders do i have", ListReminders()),
        ("show my reminders", ListReminders()),
        ("/reminders", ListReminders()),
        ("which reminders are set", ListReminders()),
    ],
)
def test_parse_cancel_and_list(message: str, expected: object) -> None:
    assert parse_reminder(message) == expected


@pytest.mark.parametrize(
    ("message", "fragment"),
    [
        ("remind me at 25:00", "HH:MM between 00:00 and 23:59"),
        ("remind me at 7:75", "HH:MM between 00:00 and 23:59"),
        ("remind me at 13pm", "HH:MM between 00:00 and 23:59"),
        ("remind me every blursday at 7", '"blursday"'),
        ("remind me every day", "need a time"),
        ("/remind", "need a time"),
        ("remind me every morning", "need a time"),
        ("remind me every 2 hours", "not every few hours"),
        ("remind me every other day at 7", "not every other day"),
        ("remind me tomorrow at 7", "not one-off"),
    ],
)
def test_unparseable_reminder_explains_and_gives_an_example(message: str, fragment: str) -> None:
    problem = parse_reminder(message)
    assert isinstance(problem, ReminderProblem)
    assert fragment in problem.reason
    assert "7:30" in problem.example  # an example that works
    # Every quoted example really works.
    examples = re.findall(r'"([^"]+)"', problem.example)
    assert examples and all(isinstance(parse_reminder(e), SetReminder) for e in examples)


@pytest.mark.parametrize(
    ("message", "zone"),
    [
        ("my timezone is Europe/Berlin", "Europe/Berlin"),
        ("set my timezone to america/new_york", "America/New_York"),
        ("timezone europe/berln", "Europe/Berlin"),
        ("i'm in london", "Europe/London"),
        ("I live in San Francisco", "America/Los_Angeles"),
        ("new york", "America/New_York"),
        ("Berlin", "Europe/Berlin"),
        ("UTC+2", "Etc/GMT-2"),
        ("my time zone is utc-5", "Etc/GMT+5"),
        ("GMT+5:30", "Asia/Kolkata"),
        ("utc", "UTC"),
        ("UTC+0", "UTC"),
        ("im on EST", "America/New_York"),
        ("change my timezone to pacific time", "America/Los_Angeles"),
        ("my timezone is CET", "Europe/Paris"),
        ("i'm in the uk", "Europe/London"),
    ],
)
def test_parse_timezone(message: str, zone: str) -> None:
    assert parse_timezone(message) == SetTimezone(zone)
    ZoneInfo(zone)  # loads: the name is valid for zoneinfo


def test_offset_zone_sign_is_inverted_like_posix() -> None:
    result = parse_timezone("UTC+2")
    assert isinstance(result, SetTimezone)
    offset = ZoneInfo(result.tz).utcoffset(None)  # type: ignore[arg-type]
    assert offset == timedelta(hours=2)
    assert describe_zone(result.tz) == "UTC+2"


@pytest.mark.parametrize(
    "message", ["my time zone is blurgh", "timezone Mars/Olympus", "utc+15", "UTC+3:15"]
)
def test_unknown_zone_says_what_is_expected(message: str) -> None:
    problem = parse_timezone(message)
    assert isinstance(problem, ReminderProblem)
    assert "Europe/Berlin" in problem.example and "UTC+2" in problem.example


@pytest.mark.parametrize(
    "message", ["i'm in pain", "my back hurts after running", "how do i do a plank", "im at pt on tuesday"]
)
def test_other_messages_are_not_time_zones(message: str) -> None:
    assert parse_timezone(message) is None


def test_describe_days_and_reminder() -> None:
    assert describe_days(ALL_DAYS) == "every day"
    assert describe_days(WEEKDAYS) == "weekdays"
    assert describe_days((0, 2, 4)) == "Mon, Wed, Fri"
    assert describe_days(()) == "the same days"  # a change that keeps the reminder's days
    assert describe_reminder(time(7), WEEKDAYS, "Europe/Berlin") == "weekdays at 07:00 (Europe/Berlin)"
    assert describe_reminder(time(7), WEEKDAYS, "") == "weekdays at 07:00 (UTC)"


# --- progress --------------------------------------------------------------------------------

MONDAY = date(2026, 11, 23)


def test_streak_counts_weeks_that_met_the_target_and_rest_days_do_not_break_it() -> None:
    sessions = [
        MONDAY - timedelta(weeks=3) + timedelta(days=d) for d in (0, 3, 6)  # met
    ] + [
        MONDAY - timedelta(weeks=2) + timedelta(days=d) for d in (1, 2, 5)  # met
    ] + [
        MONDAY - timedelta(weeks=1) + timedelta(days=d) for d in (0, 4, 6)  # met, rest days between
    ] + [MONDAY]
    p = progress(sessions, MONDAY + timedelta(days=2), target=3)
    assert p.this_week == 1
    assert p.streak == 3  # the current week is still under way: it does not break the streak
    assert [count for _, count in p.weeks] == [3, 3, 3, 1]
    assert progress(sessions + [MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)],
                    MONDAY + timedelta(days=2)).streak == 4


def test_a_missed_week_resets_the_streak() -> None:
    sessions = [MONDAY - timedelta(weeks=3) + timedelta(days=d) for d in (0, 1, 2)]
    sessions += [MONDAY - timedelta(weeks=1) + timedelta(days=d) for d in (0, 1)]  # 2 < 3
    assert progress(sessions, MONDAY).streak == 0


def test_same_day_twice_counts_once() -> None:
    assert progress([MONDAY, MONDAY], MONDAY).this_week == 1


def test_render_progress_shows_week_streak_and_four_weeks() -> None:
    text = render_progress(progress([MONDAY - timedelta(weeks=1) + timedelta(days=d) for d in range(3)], MONDAY))
    assert "This week: 0 of 3 sessions." in text
    assert "Streak: 1 week in a row" in text
    assert text.count("\n") >= 6 and "Last 4 weeks:" in text


# --- check-ins -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "previous", "ease", "professional"),
    [
        (CheckIn("ok", 7), CheckIn("ok", 6), True, False),
        (CheckIn("hard", 2), CheckIn("hard", 2), True, False),
        (CheckIn("hard", 2), CheckIn("ok", 2), False, False),
        (CheckIn("easy", 6), CheckIn("ok", 2), False, True),
        (CheckIn("hard", 9), CheckIn("hard", 3), True, True),
        (CheckIn("ok", 3), None, False, False),
        (CheckIn("ok", None), CheckIn("ok", 1), False, False),
    ],
    ids=["pain7", "hard-twice", "hard-once", "jump", "both", "first", "no-pain"],
)
def test_checkin_verdict(latest: CheckIn, previous: CheckIn | None, ease: bool, professional: bool) -> None:
    verdict = judge_checkin(latest, previous, "intermediate")
    assert (verdict.ease, verdict.see_professional) == (ease, professional)
    assert ("one level easier (beginner)" in verdict.text) == ease
    assert ("physiotherapist" in verdict.text) == professional


def test_easing_stops_at_beginner_and_keeps_the_senior_track() -> None:
    assert eased_level("advanced", 1) == "intermediate"
    assert eased_level("intermediate", 2) == "beginner"
    assert eased_level("beginner", 1) == "beginner"
    assert eased_level("senior", 1) == "senior"
    assert eased_level("advanced", 0) == "advanced"
    text = judge_checkin(CheckIn("ok", 8), None, "beginner").text
    assert "gently" in text and "stop any exercise that hurts" in text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80) | st.from_regex(r"(remind me |/remind )?(every )?[a-z0-9:.\- ]{0,30}", fullmatch=True))
def test_parsers_never_crash_and_always_answer_something(text: str) -> None:
    result = parse_reminder(text)
    assert isinstance(result, (SetReminder, ListReminders, CancelReminders, ReminderProblem))
    if isinstance(result, SetReminder):
        assert (result.days or result.replace) and set(result.days) <= set(ALL_DAYS)
        assert set(result.old_days) <= set(ALL_DAYS) and (result.old_at is None or result.replace)
    zone = parse_timezone(text)
    if isinstance(zone, SetTimezone):
        ZoneInfo(zone.tz)


def test_british_half_five_in_the_evening_is_17_30() -> None:
    parsed = parse_reminder("nudge me tuesdays at half 5 in the evening")
    assert parsed == SetReminder(at=time(17, 30), days=(1,))


@pytest.mark.parametrize(
    ("message", "at"),
    [
        ("reminder at quarter past six every day", time(6, 15)),
        ("remind me at quarter to seven pm on weekdays", time(18, 45)),
        ("remind me a quarter to 1 in the afternoon", time(12, 45)),
        ("i want a reminder at 0730", time(7, 30)),
        ("reminder 1800 hrs weekdays", time(18, 0)),
    ],
)
def test_spoken_and_four_digit_times(message: str, at: time) -> None:
    result = parse_reminder(message)
    assert isinstance(result, SetReminder) and result.at == at


def test_a_year_is_not_a_four_digit_time() -> None:
    assert not isinstance(parse_reminder("remind me in 2030"), SetReminder)


# Voice dictation and regional English write times as words; each family is read as a clock.
SPOKEN_CASES = [
    # spelled-out hour and minutes
    ("remind me at seven forty five", time(7, 45), ALL_DAYS),
    ("remind me at eight oh five on weekdays", time(8, 5), WEEKDAYS),
    ("reminder for twelve fifteen on saturdays", time(12, 15), (5,)),
    ("remind me at ten twenty in the evening", time(22, 20), ALL_DAYS),
    ("/remind six thirty weekends", time(6, 30), WEEKENDS),
    ("remind me at 7 thirty on fridays", time(7, 30), (4,)),
    # am/pm spaced or dotted, after words or digits
    ("remind me at 6 p m", time(18), ALL_DAYS),
    ("remind me at nine forty p m every day", time(21, 40), ALL_DAYS),
    ("remind me on mondays at seven p. m.", time(19), (0,)),
    ("remind me at 8 15 am", time(8, 15), ALL_DAYS),
    ("remind me at eleven P.M.", time(23), ALL_DAYS),
    # the 24-hour clock said aloud
    ("remind me at oh six hundred hours", time(6), ALL_DAYS),
    ("remind me eighteen hundred hours on weekdays", time(18), WEEKDAYS),
    ("remind me at nineteen thirty hours every evening", time(19, 30), ALL_DAYS),
    ("remind me at twenty two hundred", time(22), ALL_DAYS),
    # minutes past or to the hour, with a part of the day around them
    ("remind me half past six every evening", time(18, 30), ALL_DAYS),
    ("every morning at half past nine please", time(9, 30), ALL_DAYS),
    ("remind me at twenty past seven every morning", time(7, 20), ALL_DAYS),
    ("remind me at ten to eight every night", time(19, 50), ALL_DAYS),
    ("remind me at twenty five to six in the evening", time(17, 35), ALL_DAYS),
    ("remind me at half seven in the morning", time(7, 30), ALL_DAYS),
    # Australian "arvo" is the afternoon
    ("remind me every arvo at 3", time(15), ALL_DAYS),
]


@pytest.mark.parametrize(("message", "at", "days"), SPOKEN_CASES, ids=[c[0] for c in SPOKEN_CASES])
def test_spoken_times_are_read_as_clock_times(message: str, at: time, days: tuple[int, ...]) -> None:
    assert parse_reminder(message) == SetReminder(at=at, days=days)


@pytest.mark.parametrize(
    ("message", "at"),
    [
        ("working nights, remind me at 01:15 every day", time(1, 15)),
        ("every evening at 09:00", time(9)),
        ("night shift again, remind me at 0300", time(3)),
        ("remind me every night at oh two hundred hours", time(2)),
    ],
)
def test_a_time_on_the_24_hour_clock_is_not_moved_by_night_or_evening(message: str, at: time) -> None:
    result = parse_reminder(message)
    assert isinstance(result, SetReminder) and result.at == at


@pytest.mark.parametrize(
    ("message", "at"),
    [
        ("every night at 1:15", time(13, 15)),  # no leading zero: still read as the late period
        ("remind me at 6", time(6)),
        ("remind me at six every evening", time(18)),
    ],
)
def test_ambiguous_times_keep_their_reading(message: str, at: time) -> None:
    result = parse_reminder(message)
    assert isinstance(result, SetReminder) and result.at == at


@pytest.mark.parametrize(
    ("message", "at"),
    [
        ("remind me at 7pm to do ten fifteen-second holds", time(19)),
        ("remind me to do two twenty five second holds at 7pm", time(19)),
        ("remind me at 6pm to walk two hundred steps", time(18)),
        ("remind me at 8am to do 5 to 10 reps", time(8)),
        ("remind me at 7pm to stretch for five to ten minutes", time(19)),
        ("remind me at 9am for two fifteen reps", time(9)),
    ],
)
def test_counts_in_words_are_not_read_as_times(message: str, at: time) -> None:
    result = parse_reminder(message)
    assert isinstance(result, SetReminder) and result.at == at


@pytest.mark.parametrize(
    ("message", "at", "old_at"),
    [
        ("change my reminder from 7 to 8", time(8), time(7)),  # a change, not 7:52
        ("change my reminder from seven to eight", time(8), time(7)),
        ("move my seven thirty reminder to eight fifteen", time(8, 15), time(7, 30)),
        ("change my reminder to ten to seven pm", time(18, 50), None),
    ],
)
def test_spoken_times_in_changes(message: str, at: time, old_at: time | None) -> None:
    assert parse_reminder(message) == SetReminder(at=at, days=(), replace=True, old_at=old_at)


# Days said as contrasts: the days the reminder skips, or that only describe the user's week,
# are not added to it.
CONTRAST_CASES = [
    ("remind me every day except sundays at 7", ALL_DAYS[:6]),
    ("remind me at 7, but not on weekends", WEEKDAYS),
    ("remind me at 7 not at weekends", WEEKDAYS),
    ("every day but sunday at 8pm", ALL_DAYS[:6]),
    ("remind me mon-fri except wednesdays at 7", (0, 1, 3, 4)),
    ("remind me at 6pm, weekends off", WEEKDAYS),
    ("remind me at 7, except for the weekend", WEEKDAYS),
    ("9am, saturdays only. weekdays i work", (5,)),
    ("only on mondays and fridays at 7am please, wednesdays i have physio", (0, 4)),
    ("remind me just weekdays at 7", WEEKDAYS),
    ("remind me on tuesdays at 6pm, but thursdays i'm at the gym anyway", (1,)),
    ("remind me at 7 on saturdays, sundays i'm at church", (5,)),
    # An aside is all the days there are, or "and" joins the days: kept as before.
    ("mondays i work late so remind me at 9pm", (0,)),
    ("remind me at 7 on saturdays and sundays i'm free then", WEEKENDS),
]


@pytest.mark.parametrize(("message", "days"), CONTRAST_CASES, ids=[c[0] for c in CONTRAST_CASES])
def test_contrasted_days_are_left_out(message: str, days: tuple[int, ...]) -> None:
    result = parse_reminder(message)
    assert isinstance(result, SetReminder) and result.days == days


def test_a_change_can_leave_out_days() -> None:
    result = parse_reminder("change my reminder to 8pm, not on fridays")
    assert isinstance(result, SetReminder) and result.replace
    assert result.at == time(20) and result.days == (0, 1, 2, 3, 5, 6)


@pytest.mark.parametrize(
    "text",
    ["my coach says routine matters, so set me a reminder for my planks", "my back needs it, remind me to stretch", "add a reminder for my exercises please"],
)
def test_asking_for_a_reminder_is_not_listing_them_though_it_says_my(text: str) -> None:
    # "my ... reminder" reads like "show my reminders"; the ask for one is what counts
    assert not isinstance(parse_reminder(text), ListReminders)


@pytest.mark.parametrize(
    ("text", "at"),
    [("remember me to stretch every day at 18h", "18:00"), ("remind me weekdays at 7h30", "07:30")],
)
def test_learner_forms_of_a_reminder_are_read(text: str, at: str) -> None:
    # "remember me" (recuérdame, erinnere mich) and "17h" are how many learners write it
    parsed = parse_reminder(text)
    assert isinstance(parsed, SetReminder) and f"{parsed.at:%H:%M}" == at


def test_a_duration_in_hours_is_not_a_reminder_time() -> None:
    assert not isinstance(parse_reminder("for 2h routine"), SetReminder)


@pytest.mark.parametrize(("text", "zone"), [("my hour is of madrid, spain", "Europe/Madrid"), ("change my zone of hour to warsaw", "Europe/Warsaw")])
def test_learner_ways_of_naming_a_time_zone(text: str, zone: str) -> None:
    assert parse_timezone(text) == SetTimezone(zone)


@pytest.mark.parametrize("text", ["did i set a reminder?", "have i already made a reminder"])
def test_asking_whether_a_reminder_exists_lists_them(text: str) -> None:
    assert parse_reminder(text) == ListReminders()


def test_an_outright_ask_without_a_time_is_a_request_to_set_one() -> None:
    parsed = parse_reminder("could you send me a reminder, my memory is not great")
    assert isinstance(parsed, ReminderProblem) and parsed.sets


@pytest.mark.parametrize(("text", "zone"), [("relocated to tokyo last week", "Asia/Tokyo"), ("i just moved to new york", "America/New_York")])
def test_a_move_to_a_city_names_its_time_zone(text: str, zone: str) -> None:
    assert parse_timezone(text) == SetTimezone(zone) and names_timezone(text)


def test_moving_to_something_that_is_no_place_names_no_zone() -> None:
    assert not names_timezone("moving to the gym after work")


@pytest.mark.parametrize(
    "text",
    [
        "when will u ping me next",
        "what time are you texting me every day",
        "what time is my reminder",
        "what time did i pick again",
        "is my 6.30 alarm still set",
        "did you save it?",
        "am i still getting notifications on saturdays",
        "what alerts do i have",
    ],
)
def test_a_question_about_the_reminders_already_set_lists_them(text: str) -> None:
    # a time named here is the reminder asked about, not a new one
    assert parse_reminder(text) == ListReminders()


@pytest.mark.parametrize(
    "text", ["remind me at 7 when you can", "what time should i do my stretches", "when do you think i should train"]
)
def test_questions_that_set_or_ask_advice_are_not_about_the_reminders_set(text: str) -> None:
    assert parse_reminder(text) != ListReminders()


@pytest.mark.parametrize(("text", "at"), [("mute reminders", None), ("pause the 7am alarm", time(7, 0)), ("kill all pings", None)])
def test_silencing_reminders_by_name_cancels_them(text: str, at: time | None) -> None:
    assert parse_reminder(text) == CancelReminders(at=at)


def test_pausing_a_workout_is_not_cancelling_reminders() -> None:
    assert not isinstance(parse_reminder("can i pause between sets"), CancelReminders)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("your reminder came at 4am lol i'm in california", "America/Los_Angeles"),
        ("nurse on a contract in dubai now and my reminders keep arriving at 3am", "Asia/Dubai"),
        ("my reminders are an hour off, i'm in dublin", "Europe/Dublin"),
        ("it's 3pm here", None),
        ("right now its 9:40 in the morning where i live", None),
    ],
)
def test_reminders_at_the_wrong_hour_are_a_time_zone_matter(text: str, zone: str | None) -> None:
    assert reports_clock_mismatch(text)
    assert parse_timezone(text) == (SetTimezone(zone) if zone else None)


@pytest.mark.parametrize("text", ["the reminder came at 7 like i asked", "my back pain comes at night", "it's 3pm, time for my stretches"])
def test_a_reminder_on_time_or_a_time_of_pain_is_no_clock_mismatch(text: str) -> None:
    assert not reports_clock_mismatch(text)


@pytest.mark.parametrize(
    ("text", "at", "old_at"),
    [("actually make it 9 instead of 8, in the morning", time(9, 0), time(8, 0)), ("make it 7 instead, in the evening", time(19, 0), None)],
)
def test_make_it_with_a_bare_hour_is_the_new_time(text: str, at: time, old_at: time | None) -> None:
    parsed = parse_reminder(text)
    assert isinstance(parsed, SetReminder) and (parsed.at, parsed.old_at) == (at, old_at)


def test_a_four_digit_time_after_alarm_or_reminder_is_read_but_not_a_year() -> None:
    assert parse_reminder("set alarm 0630 every day") == SetReminder(at=time(6, 30), days=ALL_DAYS)
    assert not isinstance(parse_reminder("a reminder for 2026 plans"), SetReminder)


@pytest.mark.parametrize(
    ("text", "at"),
    [("turn my reminder off", None), ("turn my 7am alarm off", time(7, 0)), ("get rid of all my reminders", None), ("dont remind me anymore", None)],
)
def test_ways_of_stopping_reminders_cancel_them(text: str, at: time | None) -> None:
    # these are the intent examples of reminder_cancel; the parse used to list or set instead
    assert parse_reminder(text) == CancelReminders(at=at)


def test_turning_something_else_off_is_not_cancelling() -> None:
    assert isinstance(parse_reminder("turn the lights off and remind me at 9"), SetReminder)


def test_which_days_you_remind_me_lists_the_reminders() -> None:
    assert parse_reminder("which days will you remind me") == ListReminders()


def _examples(intent: str) -> list[str]:
    path = Path(__file__).resolve().parents[1] / "intents" / f"{intent}.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["examples"])


@pytest.mark.parametrize(
    ("intent", "action"), [("reminder_cancel", CancelReminders), ("reminder_list", ListReminders)]
)
def test_every_example_of_a_reminder_intent_parses_to_its_action(intent: str, action: type) -> None:
    # the parse decides what is done: an example the classifier learns as "cancel" that the
    # parse reads as "list" would list the reminders of a user who asked to stop them
    wrong = [text for text in _examples(intent) if not isinstance(parse_reminder(text), action)]
    assert wrong == []


def test_no_example_of_setting_a_reminder_parses_as_listing_or_cancelling() -> None:
    wrong = [t for t in _examples("reminder_set") if isinstance(parse_reminder(t), (ListReminders, CancelReminders))]
    assert wrong == []
