"""The core's vocabulary: frozen dataclasses shared by every part of BackCoach."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal, get_args

Level = Literal["beginner", "intermediate", "advanced", "senior"]
Area = Literal["upper", "lower", "core"]
Focus = Literal["upper", "lower", "core", "full"]
Equipment = Literal["none", "band", "dumbbells", "gym"]
Kind = Literal["warmup", "strength", "core", "stretch", "mobility", "activity"]
Tier = Literal["emergency", "urgent"]

LEVELS: tuple[str, ...] = get_args(Level)
AREAS: tuple[str, ...] = get_args(Area)
# How the body is placed for an exercise: "exercises I can do sitting down / on the floor".
POSITIONS: tuple[str, ...] = ("standing", "seated", "floor", "hanging", "bench")
# where a topic can answer pain: a part of the back, or the back as a whole
PAIN_PLACES: tuple[str, ...] = (*AREAS, "back")
FOCUSES: tuple[str, ...] = get_args(Focus)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)  # ordered tiers: a gym user also has a band
KINDS: tuple[str, ...] = get_args(Kind)


def equipment_rank(equipment: str) -> int:
    """Position of an equipment tier: none 0 < band 1 < dumbbells 2 < gym 3."""
    return EQUIPMENT.index(equipment)


@dataclass(frozen=True, slots=True)
class Dose:
    """How much of an exercise: sets of reps, or sets of a timed hold (ranges, low to high)."""

    sets: tuple[int, int]
    reps: tuple[int, int] | None = None
    hold_seconds: tuple[int, int] | None = None
    per_side: bool = False  # one leg / one arm at a time: the work is done twice

    def describe(self) -> str:
        """Human text such as '2-3 sets of 12-15 reps' or '2-3 holds of 10-20 seconds'."""
        sets = _span(self.sets)
        side = " each side" if self.per_side else ""
        if self.reps is not None:
            return f"{sets} sets of {_span(self.reps)} reps{side}"
        assert self.hold_seconds is not None
        return f"{sets} holds of {_span(self.hold_seconds)} seconds{side}"


def _span(bounds: tuple[int, int]) -> str:
    low, high = bounds
    return str(low) if low == high else f"{low}-{high}"


@dataclass(frozen=True, slots=True)
class Muscle:
    """A back (or supporting) muscle: where it is, what it does."""

    id: str
    name: str
    aliases: tuple[str, ...]
    areas: tuple[str, ...]
    location: str
    function: str
    source: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """An exercise or activity with everything needed to explain it and to dose it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # one of KINDS
    areas: tuple[str, ...]
    muscles: tuple[str, ...]  # muscle ids, primary first
    equipment: str  # minimum tier, one of EQUIPMENT
    equipment_note: str  # e.g. "pulldown machine"; empty when none is needed
    level: str  # minimum level: beginner, intermediate or advanced
    senior: bool  # suitable for the gentle senior track
    dose: Dose | None  # None for activities such as swimming
    summary: str
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    benefits: tuple[str, ...]
    substitutes: tuple[str, ...]  # exercise ids at a lower equipment tier, same muscles
    source: str  # "article", or "added: <basis>" for content beyond the seed article
    added_source: str = ""  # for article entries: basis of details the article lacks
    positions: tuple[str, ...] = ()  # how the body is placed (POSITIONS); empty for activities
    # what the body does, in users' words ("lie on your back and lift your hips"): lets a
    # message that describes the exercise instead of naming it find it (brain/described.py)
    described_as: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    """A question-and-answer entry: an FAQ from the article or a guidance topic."""

    id: str
    title: str
    phrasings: tuple[str, ...]
    answer: str
    exercises: tuple[str, ...]
    source: str
    pain: str | None = None  # the part of the back ("lower", "upper", "back") whose pain it answers
    equipment: str | None = None  # the kit the question is about: it answers only those who name it


@dataclass(frozen=True, slots=True)
class BodyArea:
    """A section of the back (upper, lower, core) and the words people use for it."""

    id: str  # area.upper_back, area.lower_back, area.core
    area: str  # one of AREAS
    name: str
    aliases: tuple[str, ...]
    summary: str
    source: str


@dataclass(frozen=True, slots=True)
class Turn:
    """One user message, as the brain sees it, with that user's saved settings."""

    text: str
    user_id: str
    today: date  # passed in: the brain never reads the clock
    level: Level = "beginner"
    equipment: Equipment = "none"
    focus: Focus = "full"
    tz: str = ""  # IANA zone; empty when the user has not set one


@dataclass(frozen=True, slots=True)
class SetReminder:
    """Ask the adapter to store a daily reminder at a local time on some weekdays (0 = Monday).

    With ``replace`` ("change my reminder to 8pm") it changes ONE existing reminder instead of
    adding one: the one at ``old_at`` and/or on ``old_days`` when the message names it ("my 7am
    reminder", "my weekend reminder"). ``days == ()`` means the change named no days, so the
    changed reminder keeps its own; a new reminder always names its days (every day by default).
    """

    at: time
    days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    replace: bool = False  # "change my reminder to ..." changes a reminder instead of adding
    old_at: time | None = None  # the time of the reminder to change, when named
    old_days: tuple[int, ...] = ()  # the days of the reminder to change, when named

    @property
    def keeps_days(self) -> bool:
        """Whether this is a change that leaves the changed reminder's days as they are."""
        return self.replace and not self.days


@dataclass(frozen=True, slots=True)
class ListReminders:
    """Ask the adapter to list the user's reminders."""


@dataclass(frozen=True, slots=True)
class CancelReminders:
    """Ask the adapter to cancel reminders: all of them, or the one at a given time."""

    at: time | None = None


@dataclass(frozen=True, slots=True)
class SetTimezone:
    """Ask the adapter to save the user's IANA time zone."""

    tz: str


Action = SetReminder | ListReminders | CancelReminders | SetTimezone


@dataclass(frozen=True, slots=True)
class Reply:
    """What to say and what to do; how it looks is the adapter's business."""

    text: str
    intent: str
    sources: tuple[str, ...] = ()  # knowledge ids the answer was built from
    confidence: float = 0.0
    suggestions: tuple[str, ...] = ()  # knowledge ids offered as "did you mean"
    actions: tuple[Action, ...] = ()
    tier: Tier | None = None  # set on red-flag replies


@dataclass(frozen=True, slots=True)
class RoutineOptions:
    """What a routine is built for; defaults are what the user gets when they say nothing."""

    level: Level = "beginner"
    focus: Focus = "full"
    equipment: Equipment = "none"
    minutes: int = 15
    # Where the user will do it ("at my desk": seated): every exercise must be doable so.
    # None means anywhere; it is never a saved setting, so None is also "not stated".
    position: str | None = None


@dataclass(frozen=True, slots=True)
class RoutineItem:
    """One step of a routine: which exercise, why, how much, and how long it takes."""

    exercise_id: str
    name: str
    role: Literal["warmup", "main", "cooldown"]
    reason: str
    dose: str
    seconds: int
    substitute_for: str = ""  # exercise id this one replaces when equipment was missing


@dataclass(frozen=True, slots=True)
class Routine:
    """A day's routine: warm-up first, then main work, then an optional cool-down."""

    day: date
    options: RoutineOptions
    day_type: Literal["strength", "mobility"]
    items: tuple[RoutineItem, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def total_seconds(self) -> int:
        """Estimated duration of the whole routine in seconds."""
        return sum(item.seconds for item in self.items)

    @property
    def total_minutes(self) -> int:
        """Estimated duration rounded up to whole minutes."""
        return -(-self.total_seconds // 60)
