"""Daily routine builder: a safe, varied, timed routine built from the knowledge base alone.

Pure: the day comes in as an argument, nothing reads the clock, and there is no randomness, so
the same options and day always give the same routine. Variety comes from a fixed rotation:
each day type walks its own cycle of eligible exercises, so consecutive days of one type take
consecutive slices of that cycle and a week visits all of it whenever seven days have room
(``week_has_room``). Timings are estimates from the dose: they fit the minutes asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from bot.brain.model import (
    EQUIPMENT,
    FOCUSES,
    LEVELS,
    Dose,
    Exercise,
    Routine,
    RoutineItem,
    RoutineOptions,
    equipment_rank,
)

if TYPE_CHECKING:
    from bot.brain.knowledge import Knowledge

DayType = Literal["strength", "mobility"]
Role = Literal["warmup", "main", "cooldown"]

MIN_MINUTES = 5  # below this there is no room for a warm-up and one exercise
MAX_MINUTES = 90  # the full dose takes far less; longer asks are almost always typos
MIN_MAIN = 3  # the article: "Aim to perform 3-5 exercises for 2-3 sets each"
MAX_MAIN = 5
MAX_WARMUPS = 2  # the article's warm-up is two moves: Good Morning and Knee-to-Chest

# The article: strengthening "2-3 times per week". Monday, Wednesday and Friday give three
# strength days in every run of 7 days and never two in a row (Sunday -> Monday is fine).
STRENGTH_WEEKDAYS = (0, 2, 4)
MOBILITY_WEEKDAYS = (1, 3, 5, 6)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# Main-exercise kinds per day type, in tiers: a later tier is only used when the earlier
# ones give fewer than MIN_MAIN exercises. Strength work never lands on a mobility day.
MAIN_TIERS: dict[DayType, tuple[tuple[str, ...], ...]] = {
    "strength": (("strength",), ("core",), ("mobility", "stretch")),
    "mobility": (("mobility", "core"), ("stretch",)),
}
WARMUP_TIERS: dict[bool, tuple[tuple[str, ...], ...]] = {
    False: (("warmup",), ("mobility",)),
    True: (("mobility", "warmup"),),  # seniors: gentle mobility such as cat-cow first
}
COOLDOWN_KINDS = ("stretch",)

# Timing estimates. The rule of thumb: 3-4 s per controlled rep, plus rests.
SECONDS_PER_REP = 3
MAIN_REST_SECONDS = 30  # between sets of a main exercise
GENTLE_REST_SECONDS = 10  # between rounds of a warm-up or stretch
SETUP_SECONDS = 15  # reading the steps and getting into position, once per exercise

LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}
LOW_DOSE_LEVEL = "beginner"  # the low end of every range: what a short session falls back to
LOADED_TIER = equipment_rank("dumbbells")  # seniors get nothing loaded: band at most

# The positions a routine can be asked for: where people are ("at my desk", "in bed",
# "standing, no floor"). Hanging and bench describe one piece of kit, not a place to be.
ROUTINE_POSITIONS = ("seated", "floor", "standing")
POSITION_TEXT = {"seated": "sitting down", "floor": "lying or on the floor", "standing": "standing up"}

EQUIPMENT_TEXT = {
    "none": "no equipment",
    "band": "a resistance band",
    "dumbbells": "dumbbells",
    "gym": "a gym",
}
FOCUS_TEXT = {"upper": "upper back", "lower": "lower back", "core": "core", "full": "full back"}


def options_problems(options: RoutineOptions) -> tuple[str, ...]:
    """Why these options cannot be built, naming the allowed values; empty when they can."""
    problems: list[str] = []
    if options.level not in LEVELS:
        problems.append(f"unknown level {options.level!r}; choose one of {', '.join(LEVELS)}")
    if options.focus not in FOCUSES:
        problems.append(f"unknown focus {options.focus!r}; choose one of {', '.join(FOCUSES)}")
    if options.equipment not in EQUIPMENT:
        problems.append(
            f"unknown equipment {options.equipment!r}; choose one of {', '.join(EQUIPMENT)}"
        )
    if options.position is not None and options.position not in ROUTINE_POSITIONS:
        problems.append(
            f"unknown position {options.position!r}; choose one of {', '.join(ROUTINE_POSITIONS)}"
        )
    minutes = options.minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        problems.append(f"minutes must be a whole number from {MIN_MINUTES} to {MAX_MINUTES}")
    elif not MIN_MINUTES <= minutes <= MAX_MINUTES:
        problems.append(
            f"minutes must be from {MIN_MINUTES} to {MAX_MINUTES}, got {minutes}"
        )
    return tuple(problems)


def day_type_for(day: date) -> DayType:
    """Strength on Monday, Wednesday and Friday; mobility and core on the other days."""
    return "strength" if day.weekday() in STRENGTH_WEEKDAYS else "mobility"


def level_allows(exercise: Exercise, level: str) -> bool:
    """Whether the level (or the senior track) may do this exercise, equipment aside."""
    if exercise.kind == "activity" or exercise.dose is None:
        return False  # activities are suggested in notes, never timed routine items
    if level == "senior":
        return (
            exercise.senior
            and exercise.level == "beginner"
            and equipment_rank(exercise.equipment) < LOADED_TIER
        )
    return LEVEL_RANK.get(exercise.level, len(LEVEL_RANK)) <= LEVEL_RANK[level]


def usable(exercise: Exercise, options: RoutineOptions) -> bool:
    """Whether the user may do this exercise with the equipment they have, where they are."""
    return (
        level_allows(exercise, options.level)
        and equipment_rank(exercise.equipment) <= equipment_rank(options.equipment)
        and _in_position(exercise, options.position)
    )


def _in_position(exercise: Exercise, position: str | None) -> bool:
    return position is None or position in exercise.positions


def _in_focus(exercise: Exercise, focus: str) -> bool:
    return focus == "full" or focus in exercise.areas


@dataclass(frozen=True, slots=True)
class _Slot:
    """One position of a rotation cycle: an exercise the user can do, and what it replaces."""

    exercise: Exercise
    # None: done as itself; an Exercise: planned but needing equipment the user lacks.
    # The rotation takes turns through these, so substitutions are shown without
    # ever taking a second place in the cycle.
    stands_in_for: tuple[Exercise | None, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    """Everything about a routine that depends on the options and day type, not the date."""

    warmups: tuple[Exercise, ...]
    mains: tuple[_Slot, ...]  # the rotation cycle, sections interleaved
    cooldowns: tuple[Exercise, ...]
    n_warmups: int
    n_main: int  # mains every day of this type has room for, whatever the rotation picks
    n_cooldowns: int
    worst_warmup: int  # seconds of the longest warm-up at the low dose
    worst_main: int  # seconds of the longest main exercise at the low dose


def _substitute(
    planned: Exercise, options: RoutineOptions, knowledge: Knowledge, excluded: set[str]
) -> Exercise | None:
    """The first listed substitute the user can do: lower equipment tier, same section."""
    for sub_id in planned.substitutes:
        sub = knowledge.exercises.get(sub_id)
        if (
            sub is not None
            and sub.id not in excluded
            and usable(sub, options)
            and _in_focus(sub, options.focus)
            and equipment_rank(sub.equipment) < equipment_rank(planned.equipment)
        ):
            return sub
    return None


def _slots(options: RoutineOptions, knowledge: Knowledge, excluded: set[str]) -> list[_Slot]:
    """One slot per exercise the user can do, each with the planned exercises it replaces."""
    found: dict[str, Exercise] = {}
    stands_in_for: dict[str, list[Exercise | None]] = {}
    for planned in knowledge.exercises.values():
        if (
            planned.id in excluded
            or not level_allows(planned, options.level)
            or not _in_focus(planned, options.focus)
            # Standing in for work they cannot do where they are would mislabel it as an
            # equipment swap; substitutes below are only for missing equipment.
            or not _in_position(planned, options.position)
        ):
            continue
        if usable(planned, options):
            done, label = planned, None
        else:
            sub = _substitute(planned, options, knowledge, excluded)
            if sub is None:
                continue
            done, label = sub, planned
        found.setdefault(done.id, done)
        stands_in_for.setdefault(done.id, []).append(label)
    return [
        # Done as itself first: a substitution label only when its turn comes round.
        _Slot(x, tuple(sorted(stands_in_for[x.id], key=lambda lab: lab is not None)))
        for x in found.values()
    ]


def _interleave(slots: list[_Slot]) -> tuple[_Slot, ...]:
    """Spread each section (primary area) evenly through the cycle.

    Any short slice then tends to mix upper, lower and core work, as the article's "exercises
    targeting different sections of the back" asks.
    """
    groups: dict[str, list[_Slot]] = {}
    for slot in slots:
        primary = slot.exercise.areas[0] if slot.exercise.areas else ""
        groups.setdefault(primary, []).append(slot)
    keyed = [
        ((i + 0.5) / len(group), order, slot)
        for order, group in enumerate(groups.values())
        for i, slot in enumerate(group)
    ]
    return tuple(slot for _, _, slot in sorted(keyed, key=lambda k: (k[0], k[1])))


def _tiered(tiers: tuple[tuple[str, ...], ...], slots: list[_Slot], enough: int) -> list[_Slot]:
    """Slots of the first kind tiers that, together, hold at least ``enough`` exercises."""
    chosen: list[_Slot] = []
    for kinds in tiers:
        if len(chosen) >= enough:
            break
        chosen.extend(s for s in slots if s.exercise.kind in kinds)
    return chosen


def _plan(options: RoutineOptions, day_type: DayType, knowledge: Knowledge) -> _Plan:
    """Pools, rotation cycle and per-day counts for these options on this day type."""
    exercises = list(knowledge.exercises.values())
    senior = options.level == "senior"
    own = [_Slot(x, (None,)) for x in exercises if usable(x, options)]
    warmups = tuple(s.exercise for s in _tiered(WARMUP_TIERS[senior], own, 1))
    # A warm-up exercise is never also main work, so every cycle position yields an exercise.
    slots = _slots(options, knowledge, {x.id for x in warmups})
    chosen = _tiered(MAIN_TIERS[day_type], slots, MIN_MAIN)
    if options.position is not None:
        # A position leaves few exercises: every kind this day type allows then joins, so the
        # time asked for goes to what can be done there rather than to a needlessly short
        # routine. Stretches still only when short: they are kept for the cool-down.
        allowed = {kind for kinds in MAIN_TIERS[day_type] for kind in kinds} - set(COOLDOWN_KINDS)
        chosen += [s for s in slots if s not in chosen and s.exercise.kind in allowed]
    mains = _interleave(chosen)
    stretches = [x for x in exercises if x.kind in COOLDOWN_KINDS and usable(x, options)]
    # Prefer stretches for the asked section; any stretch beats none.
    cooldowns = tuple(x for x in stretches if _in_focus(x, options.focus)) or tuple(stretches)

    budget = options.minutes * 60
    low = LOW_DOSE_LEVEL
    w_warm = max((_seconds(x, low, "warmup") for x in warmups), default=0)
    w_main = max((_seconds(s.exercise, low, "main") for s in mains), default=0)
    w_cool = max((_seconds(x, low, "cooldown") for x in cooldowns), default=0)
    # Fill by priority with worst-case timings at the low dose, so every day of this type has
    # room for the same counts whichever exercises the rotation picks; that keeps the
    # rotation's slices contiguous, which is what guarantees weekly coverage.
    used = 0
    n_warmups = n_main = n_cooldowns = 0
    if warmups and w_warm <= budget:
        n_warmups, used = 1, w_warm
    while n_main < min(MIN_MAIN, len(mains)) and used + w_main <= budget:
        n_main, used = n_main + 1, used + w_main
    if cooldowns and used + w_cool <= budget:
        n_cooldowns, used = 1, used + w_cool
    while n_warmups < min(MAX_WARMUPS, len(warmups)) and used + w_warm <= budget:
        n_warmups, used = n_warmups + 1, used + w_warm
    while n_main < min(MAX_MAIN, len(mains)) and used + w_main <= budget:
        n_main, used = n_main + 1, used + w_main
    return _Plan(warmups, mains, cooldowns, n_warmups, n_main, n_cooldowns, w_warm, w_main)


def week_has_room(options: RoutineOptions, knowledge: Knowledge) -> bool:
    """Whether any 7 days at these settings have room to show every eligible exercise.

    Each day type walks its cycle in slices of its daily main count, so 3 strength days and
    4 mobility days cover cycles of up to 3 and 4 times that count; warm-ups and cool-downs
    advance one place a day.
    """
    week: tuple[tuple[DayType, int], ...] = (("strength", 3), ("mobility", 4))
    for day_type, days in week:
        plan = _plan(options, day_type, knowledge)
        if days * plan.n_main < len(plan.mains) or len(plan.warmups) > 7:
            return False
        if plan.n_warmups == 0 or (plan.cooldowns and plan.n_cooldowns == 0):
            return False
        if len(plan.cooldowns) > 7:
            return False
    return True


def _scaled(dose: Dose, level: str, role: Role) -> Dose:
    """One concrete dose from the content's ranges: low for beginners and seniors, high for
    advanced; warm-ups and stretches stay at the lowest number of sets."""
    sets_low, sets_high = dose.sets
    amount = dose.reps if dose.reps is not None else dose.hold_seconds
    assert amount is not None  # knowledge.py guarantees exactly one of reps / hold_seconds
    low, high = amount
    if level == "advanced":
        sets, value = sets_high, high
    elif level == "intermediate":
        sets, value = sets_high, (low + high) // 2
    else:
        sets, value = sets_low, low
    if role != "main":
        sets = sets_low
    span = (value, value)
    return Dose(
        sets=(sets, sets),
        reps=span if dose.reps is not None else None,
        hold_seconds=span if dose.hold_seconds is not None else None,
        per_side=dose.per_side,
    )


def _dose_text(dose: Dose) -> str:
    """'2 sets of 12 reps', '1 hold of 20 seconds each side': one concrete dose, in words."""
    sets = dose.sets[0]
    side = " each side" if dose.per_side else ""
    if dose.reps is not None:
        return f"{sets} set{'s' if sets != 1 else ''} of {dose.reps[0]} reps{side}"
    assert dose.hold_seconds is not None
    return f"{sets} hold{'s' if sets != 1 else ''} of {dose.hold_seconds[0]} seconds{side}"


def _seconds(exercise: Exercise, level: str, role: Role) -> int:
    """Estimated seconds: setup + sets x sides x (reps x 3 s, or the hold) + rests."""
    assert exercise.dose is not None
    dose = _scaled(exercise.dose, level, role)
    sets = dose.sets[0]
    if dose.reps is not None:
        work = dose.reps[0] * SECONDS_PER_REP
    else:
        assert dose.hold_seconds is not None
        work = dose.hold_seconds[0]
    sides = 2 if dose.per_side else 1
    rest = MAIN_REST_SECONDS if role == "main" else GENTLE_REST_SECONDS
    return SETUP_SECONDS + sets * sides * work + (sets - 1) * rest


def _reason(exercise: Exercise, knowledge: Knowledge, role: Role) -> str:
    """Why the item is there, from the knowledge base: the sections and muscles it works."""
    area_names = {a.area: a.name.lower() for a in knowledge.areas.values()}
    names = [area_names.get(a, a) for a in exercise.areas]
    backs = [n for n in names if n.endswith(" back")]
    if len(backs) > 1:  # "the lower and upper back", not "the lower back and upper back"
        merged = _join([n.removesuffix(" back") for n in backs]) + " back"
        names = [merged if n == backs[0] else n for n in names if n not in backs[1:]]
    areas = _join(names)
    muscles = _join(
        [knowledge.muscles[m].name for m in exercise.muscles[:3] if m in knowledge.muscles]
    )
    lead = {"warmup": "Warms up", "main": "Works", "cooldown": "Stretches"}[role]
    text = f"{lead} the {areas}" if areas else lead
    return f"{text} ({muscles})." if muscles else f"{text}."


def _join(words: list[str], conjunction: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def _item(
    exercise: Exercise,
    dose_level: str,
    knowledge: Knowledge,
    role: Role,
    substitute_for: Exercise | None = None,
) -> RoutineItem:
    assert exercise.dose is not None
    return RoutineItem(
        exercise_id=exercise.id,
        name=exercise.name,
        role=role,
        reason=_reason(exercise, knowledge, role),
        dose=_dose_text(_scaled(exercise.dose, dose_level, role)),
        seconds=_seconds(exercise, dose_level, role),
        substitute_for=substitute_for.id if substitute_for is not None else "",
    )


def _shortened(item: RoutineItem, knowledge: Knowledge) -> RoutineItem:
    """The same item at the low end of its dose range (the beginner dose)."""
    exercise = knowledge.exercises[item.exercise_id]
    planned = knowledge.exercises.get(item.substitute_for)
    return _item(exercise, LOW_DOSE_LEVEL, knowledge, item.role, planned)


def _type_index(day: date, day_type: DayType) -> int:
    """How many days of this type came before this one since 1 January of year 1 (a Monday)."""
    week, weekday = divmod(day.toordinal() - 1, 7)
    days = STRENGTH_WEEKDAYS if day_type == "strength" else MOBILITY_WEEKDAYS
    return week * len(days) + days.index(weekday)


def _cyclic(items: tuple[Any, ...], start: int) -> list[Any]:
    if not items:
        return []
    start %= len(items)
    return list(items[start:] + items[:start])


def _mixed(today: list[_Slot], later: list[_Slot]) -> list[_Slot]:
    """Today's slice, with its last exercise swapped if all of it works one section only.

    The article's ideal routine targets "different sections of the back"; a slice of the
    cycle can still land on, say, three upper-back rows when upper-back exercises dominate.
    """
    if len(today) < 2:
        return today
    areas = {a for slot in today for a in slot.exercise.areas}
    if len(areas) > 1:
        return today
    other = next((s for s in later if not areas.issuperset(s.exercise.areas)), None)
    return today if other is None else [*today[:-1], other]


def _picks(plan: _Plan, day_type: DayType, turn: int, focus: str) -> tuple[list[_Slot], list[_Slot]]:
    """The cycle as seen from this turn, and the turn's main picks: its slice, swapped so a
    strength day has strength work and a full-back day mixes sections."""
    cycle = _cyclic(plan.mains, turn * plan.n_main)
    today = cycle[: plan.n_main]
    if day_type == "strength" and today and all(s.exercise.kind != "strength" for s in today):
        # A slice of only core work would make this day no different from a mobility day;
        # the core exercise it displaces comes round on the mobility days anyway.
        swap = next((s for s in cycle[plan.n_main :] if s.exercise.kind == "strength"), None)
        if swap is not None:
            today[-1] = swap
    if focus == "full":
        today = _mixed(today, cycle[plan.n_main :])
    return cycle, today


def _ids(slots: list[_Slot]) -> frozenset[str]:
    return frozenset(s.exercise.id for s in slots)


def _varied(
    today: list[_Slot],
    later: list[_Slot],
    before: frozenset[str],
    after: frozenset[str] | None,
    day_type: DayType,
    focus: str,
) -> list[_Slot]:
    """Today's picks with one exercise changed so they differ from the day before's.

    The change keeps what the swaps gave (strength work on a strength day, mixed sections on
    a full-back day) and, where the pool allows, also avoids the next day's picks, whose own
    slice is what today's swaps had taken from. Unchanged when nothing else fits the rules.
    """

    def strong(picks: list[_Slot]) -> bool:
        return day_type != "strength" or any(s.exercise.kind == "strength" for s in picks)

    def mixed(picks: list[_Slot]) -> bool:
        return focus != "full" or len({a for s in picks for a in s.exercise.areas}) > 1

    def keeps_rules(picks: list[_Slot]) -> bool:
        return (strong(picks) or not strong(today)) and (mixed(picks) or not mixed(today))

    # The last pick first: it is the one the swaps replace, so the rest of the slice stays.
    candidates = [
        [*today[:i], slot, *today[i + 1 :]]
        for i in reversed(range(len(today)))
        for slot in later
        if slot not in today
    ]
    fitting = [c for c in candidates if _ids(c) != before and keeps_rules(c)]
    best = next((c for c in fitting if _ids(c) != after), None)
    return best or (fitting[0] if fitting else today)


def build_routine(options: RoutineOptions, day: date, knowledge: Knowledge, variant: int = 0) -> Routine:
    """The routine for one day: warm-up, 3-5 main exercises, an optional cool-down stretch.

    ``variant`` > 0 gives "another one" for the same day: the rotation moves on by that
    many turns, keeping the day's type (strength or mobility) and every safety rule.

    Raises:
        ValueError: when ``options_problems(options)`` is not empty.
    """
    problems = options_problems(options)
    if problems:
        raise ValueError("; ".join(problems))
    day_type = day_type_for(day)
    strength = _plan(options, "strength", knowledge)
    # Nothing to strengthen at these settings (e.g. floor work for the upper back): every day
    # is a gentle one, and the rotation counts every day, as no day is of the other type.
    gentle_week = not any(s.exercise.kind == "strength" for s in strength.mains)
    if gentle_week:
        day_type = "mobility"
    plan = strength if day_type == "strength" else _plan(options, day_type, knowledge)
    taken: set[str] = set()

    level = options.level
    warmups: list[RoutineItem] = []
    # Warm-ups and cool-downs move one place a day, so 7 days show up to 7 of each.
    for exercise in _cyclic(plan.warmups, day.toordinal() + variant)[: plan.n_warmups]:
        warmups.append(_item(exercise, level, knowledge, "warmup"))
        taken.add(exercise.id)

    # Today's slice of the cycle starts where the previous day of this type stopped.
    turn = (day.toordinal() - 1 if gentle_week else _type_index(day, day_type)) + variant
    cycle, today = _picks(plan, day_type, turn, options.focus)
    # Days of one type next to each other in the calendar (Saturday and Sunday, or any two in
    # a gentle week) have consecutive turns. Their slices always differ, but the swaps above
    # take from the start of the next slice, so with a short routine from a small pool (2 of
    # 3 seated exercises) two swapped slices can hold the same exercises. Only the later day
    # of such a pair moves, so each day needs its neighbours' unswapped picks, not their
    # final ones, and nothing recurses further back.
    if day.toordinal() > 1 and (gentle_week or day_type_for(day - timedelta(days=1)) == day_type):
        before = _ids(_picks(plan, day_type, turn - 1, options.focus)[1])
        if _ids(today) == before and len(before) < len(plan.mains):
            next_same = day < date.max and (
                gentle_week or day_type_for(day + timedelta(days=1)) == day_type
            )
            after = _ids(_picks(plan, day_type, turn + 1, options.focus)[1]) if next_same else None
            today = _varied(today, cycle[plan.n_main :], before, after, day_type, options.focus)
    mains: list[RoutineItem] = []
    for slot in today:
        replaces = slot.stands_in_for[turn % len(slot.stands_in_for)]
        mains.append(_item(slot.exercise, level, knowledge, "main", replaces))
        taken.add(slot.exercise.id)

    cooldowns: list[RoutineItem] = []
    for exercise in _cyclic(plan.cooldowns, day.toordinal() + variant):
        if len(cooldowns) >= plan.n_cooldowns:
            break
        if exercise.id not in taken:  # a stretch already done as main work today
            cooldowns.append(_item(exercise, level, knowledge, "cooldown"))
            taken.add(exercise.id)

    # The plan guarantees the low dose fits; trim the items that save most until this does.
    budget = options.minutes * 60
    items = [*warmups, *mains, *cooldowns]
    spent = sum(i.seconds for i in items)
    by_saving = sorted(
        range(len(items)),
        key=lambda i: items[i].seconds - _shortened(items[i], knowledge).seconds,
        reverse=True,
    )
    for index in by_saving:
        if spent <= budget:
            break
        short = _shortened(items[index], knowledge)
        spent -= items[index].seconds - short.seconds
        items[index] = short

    # Room left over takes more main work, from the far side of the cycle: the next day of
    # this type starts right after today's slice, so this keeps the two days different.
    rest = [slot for slot in cycle[plan.n_main :] if slot not in today]
    half = max(0, len(cycle) // 2 - plan.n_main)
    rest = rest[half:] + rest[:half]
    covered = {a for slot in today for a in slot.exercise.areas}
    # A section today's work has not touched yet comes first.
    rest.sort(key=lambda slot: covered.issuperset(slot.exercise.areas))
    extra: list[RoutineItem] = []
    for slot in rest:
        if len(mains) + len(extra) >= MAX_MAIN:
            break
        if slot.exercise.id in taken:
            continue
        replaces = slot.stands_in_for[turn % len(slot.stands_in_for)]
        item = _item(slot.exercise, level, knowledge, "main", replaces)
        if spent + item.seconds > budget:
            item = _shortened(item, knowledge)
        if spent + item.seconds <= budget:
            extra.append(item)
            taken.add(slot.exercise.id)
            spent += item.seconds

    n_warm, n_main = len(warmups), len(mains)
    warmups, mains, cooldowns = (
        items[:n_warm], items[n_warm : n_warm + n_main] + extra, items[n_warm + n_main :]
    )
    notes = _notes(options, day_type, plan, len(mains), spent, knowledge)
    return Routine(
        day=day,
        options=options,
        day_type=day_type,
        items=(*warmups, *mains, *cooldowns),
        notes=notes,
    )


def _notes(
    options: RoutineOptions,
    day_type: DayType,
    plan: _Plan,
    n_main: int,
    spent: int,
    knowledge: Knowledge,
) -> tuple[str, ...]:
    notes: list[str] = []
    pool = len(plan.mains)
    kind = "strength" if day_type == "strength" else "mobility and core"
    position = options.position
    if position is not None:
        # Everything that position leaves out, said plainly: the routine is never padded
        # with exercises done in another position.
        if plan.n_warmups == 0:
            anywhere = _plan(replace(options, position=None), day_type, knowledge)
            notes.append(_no_warmup_note(position, anywhere))
        # Every exercise of the pool is in, and there is time for another: too few exist here.
        if n_main == pool < MAX_MAIN and options.minutes * 60 - spent >= plan.worst_main:
            notes.append(
                f"{_only(pool)} done {POSITION_TEXT[position]} suit{'s' if pool <= 1 else ''}"
                f" a {kind} day for the {FOCUS_TEXT[options.focus]} at {options.level} level"
                f" with {EQUIPMENT_TEXT[options.equipment]}, so this routine takes about"
                f" {-(-spent // 60)} of your {options.minutes} minutes; I have not filled it with"
                " exercises done in another position. Without a position you get more choice."
            )
            return tuple(notes)
    if pool < MIN_MAIN:
        where = f" done {POSITION_TEXT[position]}" if position is not None else ""
        notes.append(
            f"Only {pool} exercise{'s' if pool != 1 else ''}{where} suit{'s' if pool == 1 else ''}"
            f" a {kind} day for the {FOCUS_TEXT[options.focus]} at {options.level} level with"
            f" {EQUIPMENT_TEXT[options.equipment]}; a full-back focus or more equipment gives"
            " more choice."
        )
    elif n_main < MIN_MAIN:
        needed = _minutes_for(min(MIN_MAIN, len(plan.mains)), plan)
        notes.append(
            f"{options.minutes} minutes only leaves room for {n_main} main"
            f" exercise{'s' if n_main != 1 else ''} instead of the usual {MIN_MAIN}-{MAX_MAIN};"
            f" ask for {needed} minutes for a full routine."
        )
    if options.minutes * 60 - spent >= 10 * 60 and n_main >= min(MAX_MAIN, pool):
        activities = [x.name for x in knowledge.exercises.values() if x.kind == "activity"]
        extra = (
            f" To fill the rest of your {options.minutes} minutes, the guide suggests"
            f" {_join(activities[:3], 'or')} for overall back pain."
            if activities
            else ""
        )
        notes.append(
            f"This is a complete session ({MIN_MAIN}-{MAX_MAIN} exercises of 2-3 sets) and takes"
            f" about {-(-spent // 60)} minutes: more back work in one go is not better.{extra}"
        )
    return tuple(notes)


def _only(count: int) -> str:
    """'No exercise', 'Only 1 exercise', 'Only 3 exercises' (in the knowledge base)."""
    if count == 0:
        return "No exercise in my knowledge base"
    return f"Only {count} exercise{'s' if count != 1 else ''} in my knowledge base"


def _no_warmup_note(position: str, anywhere: _Plan) -> str:
    """Why a routine in this position starts without a warm-up, and which ones exist."""
    note = (
        f"No warm-up exercise in my knowledge base is done {POSITION_TEXT[position]}, so this"
        " routine starts with the main exercises."
    )
    others = [x.name for x in anywhere.warmups[:MAX_WARMUPS]]
    if others:
        note += f" If you are able to, warm up first with {_join(others, 'or')}."
    return note


def _minutes_for(n_main: int, plan: _Plan) -> int:
    """Fewest minutes whose plan has room for a warm-up and n_main main exercises."""
    seconds = plan.worst_warmup + n_main * plan.worst_main
    return min(MAX_MINUTES, max(MIN_MINUTES, -(-seconds // 60)))


def eligible_exercises(options: RoutineOptions, knowledge: Knowledge) -> frozenset[str]:
    """Ids of every exercise a routine with these options may contain, on any day."""
    ids: set[str] = set()
    day_types: tuple[DayType, ...] = ("strength", "mobility")
    for day_type in day_types:
        plan = _plan(options, day_type, knowledge)
        ids.update(x.id for x in plan.warmups)
        ids.update(s.exercise.id for s in plan.mains)
        ids.update(x.id for x in plan.cooldowns)
    return frozenset(ids)


def main_pool(options: RoutineOptions, day_type: DayType, knowledge: Knowledge) -> frozenset[str]:
    """Ids of the exercises the rotation cycles through for main work on this day type."""
    return frozenset(s.exercise.id for s in _plan(options, day_type, knowledge).mains)


def build_week(options: RoutineOptions, start: date, knowledge: Knowledge) -> tuple[Routine, ...]:
    """Seven consecutive daily routines starting on ``start``."""
    return tuple(build_routine(options, start + timedelta(days=i), knowledge) for i in range(7))


def _date_text(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _settings_text(options: RoutineOptions, stated: frozenset[str] | None) -> str:
    parts = {
        "level": options.level,
        "focus": FOCUS_TEXT[options.focus],
        "equipment": EQUIPMENT_TEXT[options.equipment],
        "minutes": f"{options.minutes} minutes",
    }
    if stated is not None:
        parts = {k: v if k in stated else f"{v} (default)" for k, v in parts.items()}
    if options.position is not None:  # never a default: only there when asked for
        parts["position"] = f"every exercise done {POSITION_TEXT[options.position]}"
    return ", ".join(parts.values())


def render_routine(
    routine: Routine, knowledge: Knowledge, stated: frozenset[str] | None = None
) -> str:
    """Plain chat text for a routine; ``stated`` marks which settings the user gave.

    The caveat is not included: the composer appends it exactly once per reply.
    """
    kind = "Strength day" if routine.day_type == "strength" else "Mobility and core day"
    position = routine.options.position
    where = f", {POSITION_TEXT[position]}" if position is not None else ""
    lines = [
        f"{kind} routine for {_date_text(routine.day)}{where}: about {routine.total_minutes} minutes.",
    ]
    if routine.day_type == "strength":
        lines.append("Strength days are Monday, Wednesday and Friday, with gentler days between.")
    elif routine.day.weekday() in STRENGTH_WEEKDAYS:
        lines.append("No strength exercise suits these settings, so every day is a gentle one.")
    else:
        lines.append(
            "No hard strength work today: strength days are Monday, Wednesday and Friday,"
            " so the back muscles get a day to recover between them."
        )
    headings = {"warmup": "Warm-up", "main": "Main exercises", "cooldown": "Cool-down"}
    role = ""
    for number, item in enumerate(routine.items, start=1):
        if item.role != role:
            role = item.role
            lines += ["", f"{headings[role]}:"]
        name = item.name
        planned = knowledge.exercises.get(item.substitute_for)
        if planned is not None:
            need = EQUIPMENT_TEXT.get(planned.equipment, "more equipment")
            name += f" (instead of {planned.name}, which needs {need})"
        lines.append(f"{number}. {name}: {item.dose}, about {item.seconds} s. {item.reason}")
    if routine.notes:
        lines.append("")
        lines += [f"Note: {note}" for note in routine.notes]
    lines += [
        "",
        (
            f"Settings: {_settings_text(routine.options, stated)}. To change them, say for"
            ' example "10 minute routine with a band for my upper back" or "routine for'
            f' seniors" (levels: {", ".join(LEVELS)}; focus: {", ".join(FOCUSES)};'
            f' equipment: {", ".join(EQUIPMENT)}; {MIN_MINUTES}-{MAX_MINUTES} minutes).'
        ),
    ]
    stop = knowledge.texts.get("stop_if_pain", "")
    if stop:
        lines += ["", stop]
    return "\n".join(lines)


def render_week(
    routines: tuple[Routine, ...], knowledge: Knowledge, stated: frozenset[str] | None = None
) -> str:
    """Plain text for a multi-day plan: one compact block per day; caveat not included."""
    if not routines:
        return ""
    headings = {"warmup": "Warm-up", "main": "Main", "cooldown": "Cool-down"}
    lines = [f"{len(routines)}-day plan from {_date_text(routines[0].day)}:"]
    for routine in routines:
        kind = "strength day" if routine.day_type == "strength" else "mobility and core day"
        lines += ["", f"{_date_text(routine.day)}: {kind}, about {routine.total_minutes} minutes"]
        for role, heading in headings.items():
            items = [i for i in routine.items if i.role == role]
            if items:
                lines.append(
                    f"  {heading}: " + "; ".join(f"{i.name} ({i.dose})" for i in items)
                )
        lines += [f"  Note: {note}" for note in routine.notes]
    lines += [
        "",
        (
            "Strength days are Monday, Wednesday and Friday, so the back muscles get a day"
            " to recover between them."
        ),
        f"Settings: {_settings_text(routines[0].options, stated)}.",
    ]
    stop = knowledge.texts.get("stop_if_pain", "")
    if stop:
        lines += ["", stop]
    return "\n".join(lines)


def routine_to_json(routine: Routine) -> dict[str, Any]:
    """A JSON-ready dict: day, settings, items (id, role, dose, seconds...), total minutes."""
    options = routine.options
    return {
        "day": routine.day.isoformat(),
        "day_type": routine.day_type,
        "options": {
            "level": options.level,
            "focus": options.focus,
            "equipment": options.equipment,
            "minutes": options.minutes,
            "position": options.position,  # null: anywhere
        },
        "items": [
            {
                "exercise_id": item.exercise_id,
                "name": item.name,
                "role": item.role,
                "dose": item.dose,
                "seconds": item.seconds,
                "reason": item.reason,
                "substitute_for": item.substitute_for,
            }
            for item in routine.items
        ],
        "total_seconds": routine.total_seconds,
        "total_minutes": routine.total_minutes,
        "notes": list(routine.notes),
    }
