"""Reminder language, pure: parse reminder and time-zone requests, judge check-ins, word progress.

No clock and no I/O: dates come in as arguments. zoneinfo is used only to validate zone names
against the tzdata database (data, not I/O in the sense of the design).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process

from bot.brain.model import (
    CancelReminders,
    Level,
    ListReminders,
    SetReminder,
    SetTimezone,
)
from bot.brain.text import normalise

ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)
WEEKENDS: tuple[int, ...] = (5, 6)
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

EXAMPLE_REMINDER = 'remind me every day at 7:30, "weekdays at 18:30" or "/remind 07:30 mon-fri"'
EXAMPLE_TIMEZONE = '"my timezone is Europe/Berlin", a city such as "London", or "UTC+2"'


@dataclass(frozen=True, slots=True)
class ReminderProblem:
    """A reminder or time-zone request that was not understood: why, and an example that works."""

    reason: str
    example: str
    sets: bool = False  # a request to set (or change) a reminder that lacks something

    @property
    def text(self) -> str:
        """The message for the user: the reason, then the example."""
        return f"{self.reason} Try: {self.example}."


ReminderRequest = SetReminder | ListReminders | CancelReminders | ReminderProblem

# --- typo tolerance -------------------------------------------------------------------------

_DAY_WORDS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_DAY_ABBREVIATIONS = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
# Words the parser keys on; a misspelt token within the cutoff is read as the nearest one.
_VOCABULARY = (
    *_DAY_WORDS, "remind", "reminder", "reminders", "every", "everyday", "daily", "weekdays",
    "weekday", "weekends", "weekend", "morning", "afternoon", "evening", "night", "tonight",
    "cancel", "delete", "remove", "change", "stop", "noon", "midnight", "timezone",
    "tomorrow",
)
# 82 accepts one slip in a short word ("evry", "cancle", "wendsday") but not "mind" for
# "remind" (80) nor "blursday" for "thursday" (75), which should be reported, not guessed.
_TYPO_CUTOFF = 82.0
_WORD = re.compile(r"[a-z]+")


def _fix_typos(text: str) -> str:
    """Replace misspelt keywords with the keyword (tokens of four letters or more)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 4 or word in _VOCABULARY or _day_of(word) is not None:
            return word
        best = process.extractOne(word, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF)
        if best is None and word.endswith("s"):  # "wendsdays": match the singular, keep the s
            best = process.extractOne(
                word[:-1], list(_DAY_WORDS), scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF
            )
            return word if best is None else best[0] + "s"
        return word if best is None else best[0]

    return _WORD.sub(fix, text)


def _day_of(word: str) -> int | None:
    """The weekday a word names (monday, mondays, mon, tues ...), else None."""
    for table in (_DAY_WORDS, _DAY_ABBREVIATIONS):
        if word in table:
            return table[word]
        if word.endswith("s") and word[:-1] in table:
            return table[word[:-1]]
    return None


# --- times ----------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?=\s*(?:am|pm|o'?clock|$))")
_AT_NUMBER_WORD = re.compile(r"\bat (" + "|".join(_NUMBER_WORDS) + r")\b")
_AMPM = r"(a\.?m\.?|p\.?m\.?)"
_CLOCK = re.compile(r"(?<![\d+-])(\d{1,3})\s*[:.h]\s*(\d{1,2})(?!\d)\s*" + _AMPM + "?")
_HOUR_AMPM = re.compile(r"(?<![\d:.+-])(\d{1,3})\s*" + _AMPM + r"(?![a-z])")
_OCLOCK = re.compile(r"(?<![\d:.])(\d{1,3})\s*o'?clock")
_AT_HOUR = re.compile(r"(?:\bat|\bto)\s*(\d{1,3})(?![\d:.])(?!\s*(?:min|minute|hour|h\b|day|time))")
_LEADING_HOUR = re.compile(r"^(\d{1,2})(?![\d:.])(?=\s|$)")
# "arvo" is Australian for the afternoon.
_LATE_PERIODS = ("afternoon", "arvo", "evening", "night", "tonight")
_BAD_TIME = ReminderProblem(
    "That time does not exist: I expected HH:MM between 00:00 and 23:59, or 1-12 with am/pm.",
    EXAMPLE_REMINDER,
)


class _TimeError(ValueError):
    """A time was written but is out of range (25:00, 7:75, 13pm)."""


def _apply_ampm(hour: int, ampm: str | None) -> int:
    """A 12-hour clock hour with am/pm as a 24-hour hour; raises _TimeError when out of range."""
    if ampm is None or ampm == _H24:
        return hour
    if not 1 <= hour <= 12:
        raise _TimeError(hour)
    if ampm.startswith("a"):
        return 0 if hour == 12 else hour
    return 12 if hour == 12 else hour + 12


_HOUR_WORD = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# "half past seven", "half 5" (British for 5:30)
_HALF_PAST = re.compile(r"\bhalf (?:past )?" + _HOUR_WORD + r"\b\s*(am|pm)?")
# "quarter past six", "quarter to 7pm"
_QUARTER = re.compile(r"\b(?:a )?quarter (past|after|to|til|till) " + _HOUR_WORD + r"\b\s*(am|pm)?")
# "at 0730", "0730 hrs": the four-digit form of the 24-hour clock, only with a cue (never a year)
_FOUR_DIGITS = re.compile(
    r"\b(?:at|alarm|reminder) ([01]\d|2[0-3])([0-5]\d)\b|\b([01]\d|2[0-3])([0-5]\d) ?(?:hrs|hours|h)\b"
)
# The am/pm slot of a time written on the 24-hour clock ("02:30", "0600 hrs", "twenty one
# hundred hours"): it is never moved to the afternoon by "night" or "evening" elsewhere.
_H24 = "24h"

# --- spoken times ---------------------------------------------------------------------------
# Voice dictation writes times as words ("six thirty", "eight oh five a m", "twenty one
# hundred hours"); these are rewritten as digits before the time patterns above run.

_UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}
_TEEN_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50}
_ZERO_WORDS = ("oh", "o", "zero")
_UNIT = "(?:" + "|".join(_UNIT_WORDS) + ")"
_TEEN = "(?:" + "|".join(_TEEN_WORDS) + ")"
_TENS = "(?:" + "|".join(_TENS_WORDS) + ")"
_SEP = r"[ -]"
# Minutes as said: "oh five", "fifteen", "thirty", "forty five" (never a bare "five": "at
# seven five" is not how anyone says 7:05).
_SPOKEN_MINUTE = rf"(?:(?:oh|o|zero){_SEP}{_UNIT}|{_TEEN}|{_TENS}(?:{_SEP}{_UNIT})?)"
# Hours of either clock: "seven", "7", "nineteen", "twenty one", "oh six" (24-hour).
_SPOKEN_HOUR = (
    rf"(?:(?:oh|zero){_SEP}{_UNIT}|twenty(?:{_SEP}(?:one|two|three))?|{_TEEN}|{_UNIT}|\d{{1,2}})"
)
# A spoken time is only read with a cue before or after it, so "do ten fifteen-second holds"
# stays a count: before it a preposition ("at", "for", "around") or the start of the text,
# after it am/pm, o'clock, hours, a part of the day or the reminder it names ("my six thirty
# one").
_CUE_BEFORE = r"(?:^|\b(?:at|for|around|about|by|to|till|until|from|is|it's)\s+)"
_CUE_AFTER = (
    r"(?=\s*(?:am|pm)\b|\s*o'?clock\b|\s*(?:hours|hrs)\b"
    r"|\s+(?:in the (?:morning|afternoon|evening|arvo)|at night|tonight|reminder|one)\b)"
)
# Units that make a number a count ("five to ten minutes", "two fifteen-second holds").
_COUNT_UNIT = r"(?:minutes?|mins?|seconds?|secs?|reps?|repetitions?|times|sets?|rounds?|breaths?|hours?|hrs)"
_AMPM_SPACED = re.compile(
    r"\b(\d{1,2}|" + "|".join([*_UNIT_WORDS, *_TEEN_WORDS, *_TENS_WORDS])
    + r")\s*([ap])\s*\.?\s*m\b\.?"
)
# "8 15 am": dictated digits with a space for the colon, read only before am/pm.
_SPACED_CLOCK = re.compile(r"(?<![\d:.])\b(1[0-2]|0?[1-9]) ([0-5]\d) (am|pm)\b")
# "twenty one hundred hours", "at six hundred": the military 24-hour clock.
_HUNDRED_HOURS = re.compile(
    rf"(?:\b(at)\s+)?\b({_SPOKEN_HOUR}){_SEP}hundred(?:\s+(hours|hrs|h)\b)?"
)
# "twenty past seven", "ten to six", "5 after 8". "to" needs the minutes in words: "from 7 to 8"
# is a change of time, not 7:52, and "from" is no cue for it for the same reason.
_MINUTES_PAST = re.compile(
    rf"{_CUE_BEFORE}((?:{_SPOKEN_MINUTE}|{_UNIT}|\d{{1,2}})(?:\s+minutes?)?)\s+(past|after|to|til|till)"
    rf"\s+({_SPOKEN_HOUR})\b(?![ -]{_COUNT_UNIT}\b)"
)
# "six thirty", "eight oh five", "nineteen thirty hours"
_SPOKEN_CLOCK = re.compile(
    rf"(?P<before>{_CUE_BEFORE})?\b(?P<hour>{_SPOKEN_HOUR}){_SEP}(?P<minute>{_SPOKEN_MINUTE})\b"
    rf"(?!{_SEP}(?:{_UNIT}|past|after|to|til|till|hundred)\b|{_SEP}(?!hours|hrs){_COUNT_UNIT}\b)"
    rf"(?:\s+(?P<hours>hours|hrs)\b)?"
)


def _words_value(words: str) -> int:
    """The number a run of number words or digits says: "forty five" 45, "oh six" 6, "7" 7."""
    if words.isdigit():
        return int(words)
    total = 0
    for word in re.split(_SEP, words):
        for table in (_UNIT_WORDS, _TEEN_WORDS, _TENS_WORDS):
            total += table.get(word, 0)
    return total


def _is_24h_hour(words: str) -> bool:
    """Whether a spoken hour is said on the 24-hour clock ("oh six", "nineteen", "twenty one")."""
    value = _words_value(words)
    return re.split(_SEP, words)[0] in _ZERO_WORDS or (words.startswith("0") and len(words) == 2) or value > 12


def _clock_text(hour: int, minute: int, h24: bool) -> str:
    """A time rewritten as digits: 24-hour ones in the four-digit "hrs" form, which keeps them."""
    if h24 and 0 <= hour <= 23:
        return f"{hour:02d}{minute:02d} hrs"
    return f"{hour}:{minute:02d}"


def _spoken_to_digits(text: str) -> str:
    """Normalised text with spoken times and spaced am/pm ("a m", "p.m.") written as digits."""
    text = _AMPM_SPACED.sub(lambda m: f"{m.group(1)} {m.group(2)}m", text)
    text = _SPACED_CLOCK.sub(r"\1:\2 \3", text)

    def hundred(m: re.Match[str]) -> str:
        if m.group(1) is None and m.group(3) is None:
            return m.group(0)  # "two hundred squats": no "at" and no "hours", not a time
        prefix = "at " if m.group(1) else ""
        return prefix + _clock_text(_words_value(m.group(2)), 0, True)

    def minutes_past(m: re.Match[str]) -> str:
        minute_words = re.sub(r"\s+minutes?$", "", m.group(1))
        minute, hour = _words_value(minute_words), _words_value(m.group(3))
        # People say these in fives ("twenty five past"); anything else is a count or range.
        if not (1 <= hour <= 12 and 5 <= minute <= 55 and minute % 5 == 0):
            return m.group(0)
        if m.group(2) in ("to", "til", "till"):
            if minute_words.isdigit() or m.group(0).startswith("from"):
                return m.group(0)
            hour, minute = (hour - 1) % 12 or 12, 60 - minute
        before = m.group(0)[: m.start(1) - m.start(0)]
        return before + _clock_text(hour, minute, False)

    def clock(m: re.Match[str]) -> str:
        cued_after = m.group("hours") is not None or re.match(_CUE_AFTER, m.string[m.end():])
        if m.group("before") is None and not cued_after:
            return m.group(0)
        h24 = _is_24h_hour(m.group("hour")) or m.group("hours") is not None
        rewritten = _clock_text(_words_value(m.group("hour")), _words_value(m.group("minute")), h24)
        return (m.group("before") or "") + rewritten

    text = _HUNDRED_HOURS.sub(hundred, text)
    text = _MINUTES_PAST.sub(minutes_past, text)
    return _SPOKEN_CLOCK.sub(clock, text)


def _time_parts(text: str, command: bool) -> tuple[int, int, str | None] | None:
    """The first time of day in normalised text as written: (hour, minute, am/pm or None)."""
    text = _NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS[m.group(1)]), _spoken_to_digits(text))
    text = _AT_NUMBER_WORD.sub(lambda m: "at " + str(_NUMBER_WORDS[m.group(1)]), text)
    if (m := _CLOCK.search(text)) is not None:
        if len(m.group(2)) != 2:
            raise _TimeError(m.group(0))
        # A zero-padded hour ("02:30") is the 24-hour clock: "on nights" must not move it.
        h24 = m.group(3) is None and len(m.group(1)) == 2 and m.group(1).startswith("0")
        return int(m.group(1)), int(m.group(2)), _H24 if h24 else m.group(3)
    if (m := _HALF_PAST.search(text)) is not None:  # British "half 5": 5:30
        return _words_value(m.group(1)), 30, m.group(2)
    if (m := _QUARTER.search(text)) is not None:
        hour = _words_value(m.group(2))
        if m.group(1) in ("past", "after"):
            return hour, 15, m.group(3)
        return (hour - 1) % 12 or 12, 45, m.group(3)  # "quarter to 1" is 12:45
    if (m := _FOUR_DIGITS.search(text)) is not None:
        digits = m.group(1, 2) if m.group(1) else m.group(3, 4)
        return int(digits[0]), int(digits[1]), _H24
    if (m := _HOUR_AMPM.search(text)) is not None:
        return int(m.group(1)), 0, m.group(2)
    if (m := _OCLOCK.search(text)) is not None or (m := _AT_HOUR.search(text)) is not None or command and (m := _LEADING_HOUR.search(text)) is not None:
        return int(m.group(1)), 0, None
    # Noon and midnight are unambiguous: written as 12 pm / 12 am so no period word moves them.
    if re.search(r"\b(noon|midday)\b", text):
        return 12, 0, "pm"
    if re.search(r"\bmidnight\b", text):
        return 12, 0, "am"
    return None


def _is_late(text: str) -> bool:
    """Whether the text names a late period ("evening", "tonight") that puts 1-11 after noon."""
    return any(re.search(rf"\b{p}\b", text) for p in _LATE_PERIODS)


def _to_time(parts: tuple[int, int, str | None], late: bool) -> time:
    """A written time as a time of day; raises _TimeError for an impossible one."""
    hour, minute, ampm = parts
    hour = _apply_ampm(hour, ampm)
    # "every evening at 9" means 21:00: a late period word turns 1-11 into the afternoon.
    if ampm is None and late and 1 <= hour <= 11:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise _TimeError(hour)
    return time(hour, minute)


def _find_time(text: str, command: bool) -> time | None:
    """The first time of day in normalised text; raises _TimeError for an impossible one."""
    parts = _time_parts(text, command)
    return None if parts is None else _to_time(parts, _is_late(text))


# --- days -----------------------------------------------------------------------------------

_DAY_TOKEN = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed"
    r"|thurs|thur|thu|fri|sat|sun)s?"
)
_DAY_RANGE = re.compile(
    rf"\b({_DAY_TOKEN})\s*(?:-|to|through|thru|till|until)\s*({_DAY_TOKEN})\b"
)
_DAY_SINGLE = re.compile(rf"\b({_DAY_TOKEN})\b")
# Words ending in "day" that are not weekday names and must not be read as unknown days.
_NOT_DAYS = {
    "day", "days", "today", "everyday", "weekday", "weekdays", "workday", "workdays", "midday",
    "yesterday", "holiday", "holidays", "birthday",
}
_EVERY_OK = {
    "day", "days", "morning", "afternoon", "arvo", "evening", "night", "weekday", "weekdays", "weekend",
    "weekends", "single", "week", "workday", "workdays",
}


# Words that state "every day" outright: a change that says them sets every day, where a
# change that names no days keeps the days it had.
_EVERY_DAY = re.compile(
    r"\b(?:everyday|daily|each day|all week|every (?:single )?(?:day|morning|afternoon|arvo|evening|night))\b"
)


# A list of days as said: "mon, wed and fri", "the weekend", "tue-thu", "saturdays or sundays".
_DAY_WORD = rf"(?:{_DAY_TOKEN}|weekdays?|weekends?|workdays?|work days?|working days?)"
_DAY_LIST = (
    rf"(?:the\s+)?{_DAY_WORD}(?:(?:\s*[,&/-]\s*|\s+(?:and|or|n|to|through|thru|till|until)\s+|\s+)"
    rf"(?:the\s+)?{_DAY_WORD})*\b"
)
# Days the reminder must skip: "not on weekends", "except sundays", "every day but sunday",
# "weekends off".
_EXCLUDED_DAYS = re.compile(
    r"\b(?:(?:not|never|no|except|excluding|apart from|aside from|other than|without)(?:\s+for)?"
    r"|(?:every ?day|daily|all week)\s+but(?:\s+not)?)"
    rf"\s+(?:(?:on|at)\s+)?(?P<days>{_DAY_LIST})|\b(?P<off>{_DAY_LIST})\s+off\b"
)
# Days the reminder is limited to: "weekends only", "only on mondays", "just weekdays".
_ONLY_DAYS = re.compile(
    rf"\b(?:only|just)\s+(?:(?:on|at)\s+)?(?P<days>{_DAY_LIST})|\b(?P<only>{_DAY_LIST})\s+only\b"
)
# Days that start a statement about the user's week rather than the schedule: "weekdays i'm
# on site", "mondays i have physio". They open a clause (so "on saturdays, sundays i'm at
# church" keeps saturdays) and count only when no other days are named.
_ASIDE_DAYS = re.compile(
    rf"(?:^|[,.;:!?]\s*|\b(?:but|so|as|while)\s+)(?:on\s+)?(?:the\s+)?{_DAY_WORD}"
    rf"(?:\s+(?:and|or|n|to)\s+{_DAY_WORD}|\s*[&/-]\s*{_DAY_WORD})*,?\s+(?:i|i'm|im|i've|ive|i'll|we|we're)\b"
)


def _find_days(text: str) -> tuple[int, ...] | ReminderProblem:
    """The weekdays named in normalised text (every day when none), or a problem."""
    days = _named_days(text)
    return days or ALL_DAYS


def _named_days(text: str) -> tuple[int, ...] | ReminderProblem:
    """The weekdays named in normalised text: () when none are, all seven for "every day"."""
    for word in _WORD.findall(text):
        if word.endswith(("day", "days")) and word not in _NOT_DAYS and _day_of(word) is None:
            return _unknown_day(word)
    if re.search(r"\bevery \d+", text):
        return ReminderProblem(
            "I can repeat a reminder daily or on chosen weekdays, not every few hours or days.",
            EXAMPLE_REMINDER,
        )
    if (m := re.search(r"\bevery (?:other )?([a-z]+)", text)) is not None:
        word = m.group(1)
        if "every other" in text:
            return ReminderProblem(
                "I can repeat a reminder on chosen weekdays, not every other day.",
                '"mon, wed, fri at 7:30"',
            )
        if word not in _EVERY_OK and _day_of(word) is None:
            return _unknown_day(word)
    if re.search(r"\b(tomorrow|tonight only|once)\b", text):
        return ReminderProblem(
            "I can set repeating reminders (every day, weekdays, or chosen days), not one-off ones.",
            EXAMPLE_REMINDER,
        )
    excluded: set[int] = set()
    for m in _EXCLUDED_DAYS.finditer(text):
        excluded |= _days_in(m.group("days") or m.group("off"))
    kept = _EXCLUDED_DAYS.sub(" ", text)
    days: set[int] = set()
    for m in _ONLY_DAYS.finditer(kept):  # "weekends only": other days named are context
        days |= _days_in(m.group("days") or m.group("only"))
    if not days:
        days = _days_in(_ASIDE_DAYS.sub(" ", kept))
        if not days:  # the only days named are in an aside: still the likeliest reading
            days = _days_in(kept)
    if not days and (excluded or _EVERY_DAY.search(text)):
        days = set(ALL_DAYS)  # "every day except sundays", "at 7, not on weekends"
    return tuple(sorted(days - excluded))


def _days_in(text: str) -> set[int]:
    """The weekdays a phrase names: day names, ranges (fri-mon wraps), weekdays and weekends."""
    days: set[int] = set()
    for m in _DAY_RANGE.finditer(text):
        start, end = _day_of(m.group(1)), _day_of(m.group(2))
        assert start is not None and end is not None  # both matched _DAY_TOKEN
        span = (end - start) % 7
        days.update((start + i) % 7 for i in range(span + 1))  # fri-mon wraps the weekend
    text = _DAY_RANGE.sub(" ", text)
    for m in _DAY_SINGLE.finditer(text):
        day = _day_of(m.group(1))
        assert day is not None
        days.add(day)
    if re.search(r"\b(weekdays?|workdays?|work days?|working days?)\b", text):
        days.update(WEEKDAYS)
    if re.search(r"\bweekends?\b", text):
        days.update(WEEKENDS)
    return days


def _unknown_day(word: str) -> ReminderProblem:
    """The problem for a day word that is not a weekday."""
    return ReminderProblem(
        f'I don\'t know the day "{word}". I understand "every day", "weekdays", "weekends" '
        "and day names such as mon, wed, fri (or ranges like mon-fri).",
        EXAMPLE_REMINDER,
    )


# --- requests -------------------------------------------------------------------------------

_COMMAND = re.compile(r"^/(remind|reminders|reminder)\b")
_LIST = re.compile(
    r"\b(what|which|list|show|see|view|any|how many|my)\b.*\breminders?\b.*"
    r"|\breminders?\b.*\b(do i have|have i got|are set|set up)\b"
    r"|\b(?:did|have) i (?:already |ever )?(?:set|made|make|got|created)\b.*\breminders?\b"
)
# What people call a reminder ("mute the pings", "is my 7am alarm still on").
_REMINDER_WORDS = r"reminders?|alarms?|notifications?|pings?|alerts?"
_REMINDER_NOUN = rf"(?:{_REMINDER_WORDS})"
_CANCEL = re.compile(
    r"\b(stop|cancel|delete|remove|disable|turn off|switch off|no more|unsubscribe|clear|get rid of)\b"
    # "turn my reminder off", "dont remind me anymore", "no longer remind me"
    rf"|\b(?:turn|switch|shut) (?:[\w:.]+ ){{0,2}}(?:{_REMINDER_WORDS}|it|them) off\b"
    r"|\b(?:dont|don't|do not|no longer|never) remind me\b"
    r"|\b(?:dont|don't|do not|no longer) (?:want|need) (?:any |the |my |these |those )?(?:more )?"
    r"(?:reminders?|alarms?|notifications?|pings?|nudges?)\b"
    r"|\b(?:reminders?|alarms?|notifications?|pings?|nudges?) off\b|\bno (?:more )?(?:reminders|alarms|pings|nudges)\b"
    r"|\benough (?:with )?(?:the |these |your )?(?:reminders|alarms|pings|nudges|notifications)\b"
    # "mute reminders", "pause the pings", "kill all alarms": only with what they silence
    rf"|\b(?:mute|pause|silence|kill|shut off)\b(?=.*\b{_REMINDER_NOUN}\b)"
)
# "when will you remind me again?", "what time r u messaging me each day", "is my 7am reminder
# still on", "did you set the reminder for 6?", "i forgot when i told you to remind me": the
# schedule already set is asked about, even where a time is named (that is the one asked about)
_ASKS_WHAT_IS_SET = re.compile(
    r"\b(?:when|which days?|what days?|what times?) (?:are|will|do|r|would) (?:you|u)\b.*\b(?:remind|ping|message|text|notify|send|nudge)"
    r"|\bwhat time (?:are|r|will|do) (?:you|u) (?:\w+ )?(?:remind|ping|messag|text|notify|send|nudg)"
    r"|\bwhat time (?:is|are|r) my (?:\w+ )?(?:" + _REMINDER_WORDS + r"|workouts?|sessions?|routines?)\b"
    r"|\bwhat time did i (?:set|tell|ask|pick|choose|say)\b"
    r"|\bwhen (?:did )?i (?:told|tell|asked|ask) (?:you|u) to remind\b"
    r"|\b(?:is|are) (?:my|the) (?:[\w:.]+ )?" + _REMINDER_NOUN + r" (?:still )?(?:on|set|active|working|there|saved)\b"
    r"|\b(?:did|have) (?:you|u) (?:set|save|saved|schedule|scheduled|make|made|keep|kept)\b.*\b(?:" + _REMINDER_WORDS + r"|it)\b"
    r"|\bam i (?:getting|going to get|gonna get|still getting)\b.*\b" + _REMINDER_NOUN
    + r"|\bwhat " + _REMINDER_NOUN + r" (?:do|have|did|are)\b"
    # "is there a reminder set", "is the weekend one still set", "do i still have the morning reminder"
    + r"|\bis there (?:a|an|any) (?:[\w:.]+ )?(?:reminder|alarm|notification)s?\b"
    + r"|\b(?:is|are) (?:the|my) (?:[\w:.]+ )?(?:one|ones) (?:still )?(?:on|set|active|there)\b"
    + r"|\bdo i (?:still )?have (?:a|an|the|any|my) (?:[\w:.]+ )?(?:reminder|alarm)s?\b"
    + r"|\b(?:list|show|see) (?:all )?(?:of )?(?:my|the) " + _REMINDER_NOUN + r"\b"
    + r"|^(?:my )?" + _REMINDER_NOUN + r"\W*$"
)


def asks_what_is_set(clean: str) -> bool:
    """Whether normalised text asks about the reminders already set, not for a new one."""
    return _ASKS_WHAT_IS_SET.search(clean) is not None and _CANCEL.search(clean) is None


_NAMES_A_REMINDER = re.compile(rf"\b{_REMINDER_NOUN}\b")


def cancels_reminders(clean: str) -> bool:
    """Whether normalised text asks to stop reminders by name ("mute reminders", "no more pings")."""
    return _CANCEL.search(clean) is not None and _NAMES_A_REMINDER.search(clean) is not None
# "my physio says ..., so set me a reminder": asking for one, whatever "my" and "reminder"
# around it look like to _LIST.
# How people who learnt English later often say it: "remember me to stretch" (Spanish
# recuérdame, German erinnere mich), "at 17h" (the European way of writing 17:00).
_REMEMBER_ME = re.compile(r"\bremember me\b")
_HOUR_H = re.compile(r"\b(at|by|around|about) (\d{1,2})h(\d{2})?\b")


def _learner_forms(clean: str) -> str:
    """Rewrite learner forms to the ones the patterns read ("remember me" -> "remind me")."""
    clean = _REMEMBER_ME.sub("remind me", clean)
    return _HOUR_H.sub(lambda m: f"{m.group(1)} {m.group(2)}:{m.group(3) or '00'}", clean)


_ASK_FOR_ONE = re.compile(r"\b(?:set|add|create|make|schedule|give|send)(?: me| up)? (?:a|an|another|one) reminder\b|\bremind me\b")
# "did i set a reminder?", "have i already made one": a question about what is there
_ASKED_BEFORE = re.compile(
    r"\b(?:did|have|had|do) i (?:already |ever )?(?:set|add|create|make|schedule|have)\b"
    # "remind me how the plank goes", "remind me what you said": a question, not a reminder
    r"|\bremind me (?:again )?(?:what|how|which|why|where|who|of the|about the)\b"
)


def asks_for_reminder(clean: str) -> bool:
    """Whether normalised text asks for a new reminder outright ("set me a reminder", "remind
    me"), not whether one exists ("did i set a reminder?")."""
    return _ASK_FOR_ONE.search(clean) is not None and _ASKED_BEFORE.search(clean) is None


_REPLACE = re.compile(r"\b(change|move|update|reschedule|switch|instead|make it)\b")


def parse_reminder(text: str) -> ReminderRequest:
    """Read a reminder request: set one, list them, cancel some, or say what was not understood.

    Handles messages ("remind me every day at 7am", "every evening at 9", "change my reminder
    to 7.30 pm", "stop my reminders", "cancel the 7am one", "what reminders do i have") and
    the command form "/remind 07:30 mon-fri", with common typos, times said aloud ("six thirty
    p m", "half past seven", "twenty one hundred hours") and days left out ("except sundays").
    """
    # "/remind@BotName": drop the addressee before normalise() turns "@" into a space.
    clean = _fix_typos(normalise(re.sub(r"^(/\w+)@\w+", r"\1", text.strip())))
    clean = _learner_forms(clean)
    command = _COMMAND.match(clean)
    if command is not None:
        if command.group(1) == "reminders" and not clean[command.end():].strip():
            return ListReminders()
        clean = clean[command.end():].strip()
    try:
        at = _find_time(clean, command=command is not None)
    except _TimeError:
        return _BAD_TIME
    if _CANCEL.search(clean):
        return CancelReminders(at=at)
    if asks_what_is_set(clean):
        return ListReminders()
    if at is None and not asks_for_reminder(clean) and (_LIST.search(clean) or clean in ("reminders", "my reminders")):
        return ListReminders()
    if (verb := _REPLACE.search(clean)) is not None:
        return _parse_change(clean, verb.end(), command is not None)
    days = _find_days(clean)
    if isinstance(days, ReminderProblem):
        return days
    if at is None:
        # an outright ask ("send me a reminder") is a request to set one, not a question
        return ReminderProblem("I need a time of day for the reminder.", EXAMPLE_REMINDER, sets=asks_for_reminder(clean))
    return SetReminder(at=at, days=days)


# The new schedule starts at the first "to"/"for" after the change verb ("move my 7am reminder
# to 8", "change it from 7 to 8"); what comes before it names the reminder being changed.
_CHANGE_TARGET = re.compile(r"\b(?:to|for)\b")
_REMINDER_WORD = re.compile(r"\b(?:reminders?|one)\b")
# "8pm instead of 7pm": here the old time comes second (up to a comma).
_INSTEAD_OF = re.compile(r"\binstead of\b([^,;]*)")
# An hour with no am/pm or "at" still names the old reminder in "from 7" or "my 7 reminder";
# only the part naming the old reminder is read this way.
_OLD_BARE_HOUR = re.compile(
    rf"\b(?:from|of)\s+{_HOUR_WORD}(?![\d:.])\b|\b{_HOUR_WORD}\s+(?:o'?clock\s+)?(?:reminder|one)\b"
)
EXAMPLE_CHANGE = '"change my 7am reminder to 8am" or "move my weekend reminder to 9:30"'
# "make it 9 instead of 8": in a change, a bare hour after "make it" is the new time
_NEW_BARE_HOUR = re.compile(rf"\bmake (?:it|that|them)\s+{_HOUR_WORD}(?![\d:.])\b")


def _split_change(clean: str, verb_end: int) -> tuple[str, str]:
    """(the words naming the reminder to change, the words giving its new schedule)."""
    if (m := _INSTEAD_OF.search(clean)) is not None:
        return f"of {m.group(1)}", clean[: m.start()] + clean[m.end():]
    target = _CHANGE_TARGET.search(clean, verb_end)
    if target is not None:
        return clean[: target.start()], clean[target.start():]
    # No "to": "change my 7am reminder" names only the old one; "make it 8pm" only the new.
    named = [m for m in _REMINDER_WORD.finditer(clean) if m.start() >= verb_end]
    if named:
        return clean[: named[-1].end()], clean[named[-1].end():]
    return "", clean


def _parse_change(clean: str, verb_end: int, command: bool) -> SetReminder | ReminderProblem:
    """A change request: the new time and days, and the time and days naming the old reminder.

    Days left unsaid stay () so the changed reminder keeps its own. A bare new hour takes the
    old time's am/pm ("move my 7pm reminder to 8" means 20:00). With only the old time named
    ("change my 7am reminder to weekdays") the time stays and the days change.
    """
    named = _named_days(clean)
    if isinstance(named, ReminderProblem):
        return named
    old_part, new_part = _split_change(clean, verb_end)
    late = _is_late(clean)
    try:
        old = _time_parts(old_part, command)
        if old is None and (m := _OLD_BARE_HOUR.search(old_part)) is not None:
            old = (_words_value(m.group(1) or m.group(2)), 0, None)
        new = _time_parts(new_part, command)
        if new is None and (m := _NEW_BARE_HOUR.search(new_part)) is not None:
            new = (_words_value(m.group(1)), 0, None)
        # A 12-hour hour takes the old time's am/pm: "to 8" after "7pm" is 8 pm.
        if new is not None and old is not None and new[2] is None and old[2] is not None and 1 <= new[0] <= 12:
            new = (new[0], new[1], old[2])
        old_at = None if old is None else _to_time(old, late)
        at = None if new is None else _to_time(new, late)
    except _TimeError:
        return _BAD_TIME
    old_days, days = _named_days(old_part), _named_days(new_part)
    if isinstance(old_days, ReminderProblem):
        return old_days
    if isinstance(days, ReminderProblem):
        return days
    if at is None and days and old_at is not None:
        at = old_at  # "change my 7am reminder to weekdays": same time, new days
    if at is None or (at == old_at and not days):
        if old_at is not None or old_days:
            return ReminderProblem("I need the new time for the reminder.", EXAMPLE_CHANGE)
        return ReminderProblem("I need a time of day for the reminder.", EXAMPLE_CHANGE)
    return SetReminder(at=at, days=days, replace=True, old_at=old_at, old_days=old_days)


# --- time zones -----------------------------------------------------------------------------

# Cities people name that are not themselves IANA zone names; zone-named cities (Berlin,
# London, New York, Tokyo ...) are found from the tz database itself.
_CITIES = {
    "nyc": "America/New_York", "boston": "America/New_York", "washington": "America/New_York",
    "philadelphia": "America/New_York", "miami": "America/New_York",
    "atlanta": "America/New_York", "montreal": "America/Toronto", "ottawa": "America/Toronto",
    "dallas": "America/Chicago", "houston": "America/Chicago", "austin": "America/Chicago",
    "san francisco": "America/Los_Angeles", "sf": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "san diego": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles", "portland": "America/Los_Angeles",
    "munich": "Europe/Berlin", "hamburg": "Europe/Berlin", "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin", "barcelona": "Europe/Madrid", "milan": "Europe/Rome",
    "manchester": "Europe/London", "edinburgh": "Europe/London", "geneva": "Europe/Zurich",
    "st petersburg": "Europe/Moscow", "kiev": "Europe/Kyiv", "beijing": "Asia/Shanghai",
    "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "osaka": "Asia/Tokyo",
    "tel aviv": "Asia/Jerusalem", "rio": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo", "cape town": "Africa/Johannesburg",
    "canberra": "Australia/Sydney", "wellington": "Pacific/Auckland",
    # what people call their zone: abbreviations and "eastern time" (the common reading of
    # an ambiguous one: IST is India's, CST the US's)
    "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
    "eastern time": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "central time": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mountain time": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles",
    "akst": "America/Anchorage", "hst": "Pacific/Honolulu",
    "bst": "Europe/London", "uk time": "Europe/London", "uk": "Europe/London",
    "cet": "Europe/Paris", "cest": "Europe/Paris", "eet": "Europe/Athens", "eest": "Europe/Athens",
    "ist": "Asia/Kolkata", "india time": "Asia/Kolkata", "jst": "Asia/Tokyo",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland", "sast": "Africa/Johannesburg",
    # places people name that are not cities: the larger US states and countries on one clock
    "california": "America/Los_Angeles", "washington state": "America/Los_Angeles",
    "oregon": "America/Los_Angeles", "nevada": "America/Los_Angeles", "arizona": "America/Phoenix",
    "colorado": "America/Denver", "utah": "America/Denver", "texas": "America/Chicago",
    "illinois": "America/Chicago", "minnesota": "America/Chicago", "florida": "America/New_York",
    "georgia": "America/New_York", "ohio": "America/New_York", "new jersey": "America/New_York",
    "massachusetts": "America/New_York", "virginia": "America/New_York", "hawaii": "Pacific/Honolulu",
    "alaska": "America/Anchorage", "england": "Europe/London", "scotland": "Europe/London",
    "wales": "Europe/London", "ireland": "Europe/Dublin", "france": "Europe/Paris",
    "germany": "Europe/Berlin", "spain": "Europe/Madrid", "italy": "Europe/Rome",
    "netherlands": "Europe/Amsterdam", "holland": "Europe/Amsterdam", "belgium": "Europe/Brussels",
    "switzerland": "Europe/Zurich", "austria": "Europe/Vienna", "poland": "Europe/Warsaw",
    "sweden": "Europe/Stockholm", "norway": "Europe/Oslo", "denmark": "Europe/Copenhagen",
    "finland": "Europe/Helsinki", "greece": "Europe/Athens", "portugal": "Europe/Lisbon",
    "turkey": "Europe/Istanbul", "india": "Asia/Kolkata", "japan": "Asia/Tokyo",
    "china": "Asia/Shanghai", "south korea": "Asia/Seoul", "korea": "Asia/Seoul",
    "philippines": "Asia/Manila", "singapore": "Asia/Singapore", "thailand": "Asia/Bangkok",
    "vietnam": "Asia/Ho_Chi_Minh", "uae": "Asia/Dubai", "nigeria": "Africa/Lagos",
    "kenya": "Africa/Nairobi", "egypt": "Africa/Cairo", "south africa": "Africa/Johannesburg",
    "new zealand": "Pacific/Auckland", "argentina": "America/Argentina/Buenos_Aires",
    "colombia": "America/Bogota", "peru": "America/Lima", "chile": "America/Santiago",
}
# "my reminders keep arriving at 3am", "your reminder came at 4am lol": the clock is wrong
# for them, which only the time zone can fix. "it's 3pm here": their own clock, told to fix it.
_CLOCK_MISMATCH = re.compile(
    r"\b(?:reminders?|pings?|notifications?|alerts?)"
    r" (?:keeps? |always |still )?(?:came|come|comes|coming|arrive|arrives|arrived|arriving|goes off|going off|went off"
    r"|show(?:s|ed)? up|pops? up|popped up) (?:me )?(?:at|in the middle of the night|hours? (?:early|late)"
    r"|too early|too late|at the wrong time)"
    r"|\b(?:reminders?|times?) (?:is|are) (?:all )?(?:wrong|off|an hour off|hours off)\b"
    r"|\b(?:it'?s|its|it is) (?:now |currently |actually )?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?|noon|midnight"
    r"|\d{1,2}(?:[:.]\d\d)? in the \w+) (?:here|where i (?:am|live)|for me|in my (?:city|town|country))\b"
    r"|\bright now (?:it'?s|its|it is) \d{1,2}(?:[:.]\d\d)?(?:\s*(?:am|pm)| in the \w+)? (?:here|where i (?:am|live)|for me)\b"
)
# A reminder that came at the time asked ("it came at 7 like i asked") is no complaint: one
# that came "at 3am" is, when the message also says so.
_COMPLAINT = re.compile(
    r"\b(?:keeps?|always|still|wrong|early|late|middle of the night|instead|why|lol|woke|wake|waking|off)\b|\?"
)


def reports_clock_mismatch(clean: str) -> bool:
    """Whether normalised text says the reminders come at the wrong hour for them, or tells its
    local time to fix that: a time-zone matter, whether or not it names a place."""
    found = _CLOCK_MISMATCH.search(clean)
    if found is None:
        return False
    if found.group().endswith(" at"):
        # "my reminder came at 4am": a mismatch when they complain of it or say where they are
        return _COMPLAINT.search(clean) is not None or _place_named(clean[found.end():]) is not None
    return True
# Half-hour offsets have no Etc/ zone; these are the places that use them all year.
_FRACTIONAL_OFFSETS = {"+5:30": "Asia/Kolkata", "+5:45": "Asia/Kathmandu"}
# "my hour is of madrid", "zone of hour": how some learners of English say time zone
_TZ_CUE = re.compile(r"\b(time ?zone|tz|zone of (?:the )?hour|hour zone|(?:my|the) hour is|hour here is)\b")
_PLACE_CUE = re.compile(
    r"\b(?:(?:i'm|im|i am|i live|living|i'm based|based|located|we're|we are)\s+(?:in|at)"
    r"|(?:i've |ive |i |we )?(?:just )?(?:moved|relocated|moving|relocating)\s+to)\s+(.+)$"
)
# "i moved to new york", "relocated to tokyo last week": a new place, so a new clock
_MOVED_CUE = re.compile(r"\b(?:moved|relocated|moving|relocating) to\b")
_OFFSET = re.compile(r"\b(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?:[:.]?(\d{2}))?\b")
_ZONE_NAME = re.compile(r"\b([a-z]+(?:[_-][a-z]+)*/[a-z]+(?:[_-][a-z0-9]+)*(?:/[a-z_]+)?)\b")
_FILLER = re.compile(
    r"\b(my|the|is|it's|its|set|change|to|please|now|in|city|zone|time ?zone|tz|i'm|im|i am|live|local|moved"
    r"|city of|hour|of|here)\b"
)


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Lowercase zone name -> canonical IANA name, from the tzdata database."""
    return {name.lower(): name for name in available_timezones()}


@lru_cache(maxsize=1)
def _zone_cities() -> dict[str, str]:
    """City name (last part of a zone, "new york") -> zone, plus the extra cities above."""
    cities: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            cities.setdefault(name.rsplit("/", 1)[1].lower().replace("_", " "), name)
    cities.update(_CITIES)
    return cities


def _valid(zone: str) -> bool:
    """Whether zoneinfo can load the zone."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _city_zone(phrase: str) -> str | None:
    """The zone for a place phrase ("london", "new york, usa"), tolerating one typo."""
    phrase = re.sub(r"[^a-z' ]+", " ", phrase).strip()
    cities = _zone_cities()
    words = phrase.split()
    # Longest run of words first, so "new york" wins over "york".
    for size in range(min(3, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start:start + size])
            if candidate in cities:
                return cities[candidate]
    if phrase and len(phrase) >= 5:
        best = process.extractOne(phrase, list(cities), scorer=fuzz.ratio, score_cutoff=88.0)
        if best is not None:
            return cities[best[0]]
    return None


def _place_named(clean: str) -> str | None:
    """The zone of a city or country named anywhere in the text, by exact name only."""
    cities = _zone_cities()
    words = re.sub(r"[^a-z' ]+", " ", clean).split()
    for size in (3, 2, 1):  # "new york" before "york"
        for start in range(len(words) - size + 1):
            zone = cities.get(" ".join(words[start:start + size]))
            if zone is not None:
                return zone
    return None


def names_timezone(text: str, moves: bool = True) -> bool:
    """Whether normalised text says outright that it sets a time zone ("time zone", "my hour
    is of madrid") and names one: that settles the intent whatever the wording ranks.

    With ``moves``, a move to a city ("relocated to tokyo") counts too; a caller passes False
    when the message asks something else, so "i moved to london and my back hurts" is about
    the back, and no time zone is changed behind the user's back.
    """
    cued = _TZ_CUE.search(text) is not None or (moves and _MOVED_CUE.search(text) is not None)
    return cued and isinstance(parse_timezone(text), SetTimezone)


def parse_timezone(text: str) -> SetTimezone | ReminderProblem | None:
    """Read a time-zone statement: an IANA name, a well-known city, or a UTC offset.

    Returns None when the text does not talk about a time zone (so "i'm in pain" is not a
    place), a ReminderProblem when it does but names nothing usable.
    """
    clean = normalise(text)
    cue = _TZ_CUE.search(clean) is not None
    if (m := _OFFSET.search(clean)) is not None:
        return _offset_zone(m.group(1), int(m.group(2)), int(m.group(3) or 0))
    if re.fullmatch(r"(?:my time ?zone is |set (?:my )?time ?zone to )?(utc|gmt|z|zulu)", clean):
        return SetTimezone("UTC")
    # Zone names keep their underscores, which normalise() would turn into spaces.
    if (m := _ZONE_NAME.search(text.lower())) is not None:
        name = m.group(1).replace("-", "_")
        zone = _zones().get(name)
        if zone is None:  # one slip in a zone name: "europe/berln"
            best = process.extractOne(name, list(_zones()), scorer=fuzz.ratio, score_cutoff=90.0)
            zone = None if best is None else _zones()[best[0]]
        if zone is not None and _valid(zone):
            return SetTimezone(zone)
        return _unknown_zone(m.group(1))
    place = _PLACE_CUE.search(clean)
    if place is not None:
        zone = _city_zone(place.group(1))
        if zone is not None:
            return SetTimezone(zone)
    if reports_clock_mismatch(clean):
        # "nurse in dubai now and my reminders keep arriving at 3am": the place named, if any
        zone = _place_named(clean)
        return SetTimezone(zone) if zone is not None else None
    rest = _FILLER.sub(" ", clean).strip(" .,!?")
    if cue or len(rest.split()) <= 3:
        zone = _city_zone(rest) if rest else None
        if zone is not None:
            return SetTimezone(zone)
        if cue:
            return _unknown_zone(rest or clean)
    return None


def _offset_zone(sign: str, hours: int, minutes: int) -> SetTimezone | ReminderProblem:
    """A fixed-offset zone for UTC+h: Etc/GMT-h, because POSIX-style Etc names invert the sign."""
    if minutes:
        key = f"{sign}{hours}:{minutes:02d}"
        if key in _FRACTIONAL_OFFSETS:
            return SetTimezone(_FRACTIONAL_OFFSETS[key])
        return ReminderProblem(
            f"I can only use whole-hour offsets like UTC+2; for UTC{key} please name your city.",
            EXAMPLE_TIMEZONE,
        )
    if hours == 0:
        return SetTimezone("UTC")
    if (sign == "+" and hours > 14) or (sign == "-" and hours > 12):
        return ReminderProblem(
            f"UTC{sign}{hours} is not a real offset: they run from UTC-12 to UTC+14.",
            EXAMPLE_TIMEZONE,
        )
    return SetTimezone(f"Etc/GMT{'-' if sign == '+' else '+'}{hours}")


def _unknown_zone(name: str) -> ReminderProblem:
    """The problem for a zone or place that is not known."""
    return ReminderProblem(
        f'I don\'t know the time zone "{name}". I expected an IANA name like Europe/Berlin, '
        "a city, or a UTC offset.",
        EXAMPLE_TIMEZONE,
    )


# --- wording --------------------------------------------------------------------------------


def describe_days(days: Sequence[int]) -> str:
    """'every day', 'weekdays', 'weekends' or 'Mon, Wed, Fri'; no days is a change keeping its days."""
    wanted = tuple(sorted(set(days)))
    if not wanted:
        return "the same days"
    if wanted == ALL_DAYS:
        return "every day"
    if wanted == WEEKDAYS:
        return "weekdays"
    if wanted == WEEKENDS:
        return "weekends"
    return ", ".join(DAY_NAMES[d] for d in wanted)


def describe_zone(tz: str) -> str:
    """A zone as people read it: Etc/GMT-2 is shown as UTC+2."""
    if m := re.fullmatch(r"Etc/GMT([+-])(\d+)", tz):
        return f"UTC{'-' if m.group(1) == '+' else '+'}{m.group(2)}"
    return tz


def describe_reminder(at: time, days: Sequence[int], tz: str) -> str:
    """'every day at 07:00 (Europe/Berlin)'."""
    return f"{describe_days(days)} at {at.strftime('%H:%M')} ({describe_zone(tz or 'UTC')})"


# --- progress -------------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of the week containing ``day``."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Progress:
    """Sessions this week, the weekly streak, and the last four weeks (oldest first)."""

    this_week: int
    target: int
    streak: int
    weeks: tuple[tuple[date, int], ...]


def progress(session_days: Sequence[date], today: date, target: int = 3) -> Progress:
    """Count sessions per week; the streak is consecutive weeks with at least ``target``.

    The current week counts once it reaches the target but never breaks the streak while it
    is still under way, and rest days never matter: only the weekly total does.
    """
    per_week: dict[date, int] = {}
    for day in set(session_days):
        per_week[week_start(day)] = per_week.get(week_start(day), 0) + 1
    current = week_start(today)
    streak = 1 if per_week.get(current, 0) >= target else 0
    week = current - timedelta(weeks=1)
    while per_week.get(week, 0) >= target:
        streak += 1
        week -= timedelta(weeks=1)
    weeks = tuple(
        (current - timedelta(weeks=back), per_week.get(current - timedelta(weeks=back), 0))
        for back in range(3, -1, -1)
    )
    return Progress(per_week.get(current, 0), target, streak, weeks)


def render_progress(p: Progress) -> str:
    """The /progress message."""
    lines = [f"This week: {p.this_week} of {p.target} sessions."]
    if p.streak:
        unit = "week" if p.streak == 1 else "weeks"
        lines.append(f"Streak: {p.streak} {unit} in a row with {p.target} or more sessions.")
    else:
        lines.append(f"Streak: none yet. A week counts once you reach {p.target} sessions.")
    lines.append("")
    lines.append("Last 4 weeks:")
    for start, count in p.weeks:
        bar = "\u25cf" * min(count, 7) + "\u25cb" * max(p.target - count, 0)
        mark = " \u2713" if count >= p.target else ""
        lines.append(f"{start.strftime('%d %b')}: {bar} {count}{mark}")
    return "\n".join(lines)


# --- check-ins ------------------------------------------------------------------------------

FEELS = ("easy", "ok", "hard")
# Pain of 7/10 or more after a session is the threshold for easing the next routine.
PAIN_EASE = 7
# A rise of 3 points or more since the previous check-in counts as a big jump (a product
# threshold, not a clinical one): it adds the advice to have it looked at.
PAIN_JUMP = 3
# Gentlest last; "senior" is a separate track, so easing stops at beginner.
_EASING = {"advanced": "intermediate", "intermediate": "beginner"}


@dataclass(frozen=True, slots=True)
class CheckIn:
    """How one session felt (easy / ok / hard) and pain 0-10; either may be missing."""

    feel: str | None = None
    pain: int | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a check-in changes: ease the next routine or not, and what to tell the user."""

    ease: bool
    see_professional: bool
    text: str


def eased_level(level: Level, steps: int) -> Level:
    """``level`` made easier by ``steps`` levels, never below beginner (or off the senior track)."""
    for _ in range(max(steps, 0)):
        level = cast(Level, _EASING.get(level, level))
    return level


def judge_checkin(latest: CheckIn, previous: CheckIn | None, level: Level) -> Verdict:
    """Decide from the latest check-in (and the one before) whether to ease and what to say."""
    reasons = []
    if latest.pain is not None and latest.pain >= PAIN_EASE:
        reasons.append(f"pain of {latest.pain}/10")
    if latest.feel == "hard" and previous is not None and previous.feel == "hard":
        reasons.append('"hard" twice in a row')
    jump = (
        latest.pain is not None and previous is not None and previous.pain is not None
        and latest.pain - previous.pain >= PAIN_JUMP
    )
    lines = ["Thanks, noted."]
    if reasons:
        easier = eased_level(level, 1)
        because = " and ".join(reasons)
        if easier != level:
            lines.append(f"Because of {because}, your next routine will be one level easier ({easier}).")
        else:
            lines.append(
                f"Because of {because}, take your next routine gently: fewer sets, smaller range, "
                "and stop any exercise that hurts."
            )
    if jump:
        assert latest.pain is not None and previous is not None and previous.pain is not None
        lines.append(
            f"Your pain went up from {previous.pain} to {latest.pain} since last time. "
            "Please have it checked by a doctor or physiotherapist, and ease off until then."
        )
    return Verdict(ease=bool(reasons), see_professional=jump, text="\n".join(lines))
