"""Validated knowledge: turns already-parsed YAML data into typed, cross-checked entries.

Every problem is collected (not just the first) and named by file, entry and field, e.g.
``knowledge/exercises.yaml: exercises[3] (exercise.superman).muscles[0]: unknown muscle 'lat'``.
No YAML dict gets past this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.brain.model import (
    AREAS,
    EQUIPMENT,
    KINDS,
    PAIN_PLACES,
    POSITIONS,
    BodyArea,
    Dose,
    Exercise,
    Muscle,
    Topic,
)
from bot.brain.safety import SafetyRules, parse_safety

T = TypeVar("T")

ID_PATTERN = re.compile(r"^[a-z]+\.[a-z0-9_]+$")
MAX_ID_BYTES = 60  # ids travel in Telegram callback_data, which allows 64 bytes
MIN_LEVELS = ("beginner", "intermediate", "advanced")  # a minimum level; "senior" is a track
REQUIRED_TEXTS = (
    "caveat",
    "stop_if_pain",
    "greeting",
    "other_body_part",
    "narrow_list",
    "help",
    "thanks",
    "fallback",
    "not_sure",
    "out_of_scope",
    "safety_net",
    "possible_red_flag",
    "possible_red_flag_misread",
    "medication_aside",
)


class ContentError(Exception):
    """Invalid content; ``errors`` lists every problem as 'file: entry.field: problem'."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Knowledge:
    """All curated content, validated and indexed by id."""

    muscles: dict[str, Muscle]
    exercises: dict[str, Exercise]  # activities included (kind "activity")
    topics: dict[str, Topic]  # faq.* and topic.*
    areas: dict[str, BodyArea]
    texts: dict[str, str]
    safety: SafetyRules
    _by_muscle: dict[str, tuple[Exercise, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_muscle: dict[str, list[Exercise]] = {m: [] for m in self.muscles}
        for exercise in self.exercises.values():
            for muscle_id in exercise.muscles:
                by_muscle.setdefault(muscle_id, []).append(exercise)
        # exercises where the muscle is primary come first: "exercises for lats" should lead
        # with pulldowns and pull-ups, not with exercises that merely involve the lats
        for muscle_id, exercises in by_muscle.items():
            exercises.sort(key=lambda x: x.muscles.index(muscle_id))
            self._by_muscle[muscle_id] = tuple(exercises)

    def exercises_for_muscle(self, muscle_id: str) -> tuple[Exercise, ...]:
        """Exercises (not activities) that list the muscle; where it is primary first."""
        return tuple(x for x in self._by_muscle.get(muscle_id, ()) if x.kind != "activity")

    def exercises_for_area(self, area: str) -> tuple[Exercise, ...]:
        """Exercises (not activities) that work an area: upper, lower or core."""
        return tuple(
            x for x in self.exercises.values() if area in x.areas and x.kind != "activity"
        )

    def entry_name(self, knowledge_id: str) -> str:
        """The display name of any entry, or the id itself when unknown."""
        for table in (self.exercises, self.muscles, self.areas):
            entry = table.get(knowledge_id)
            if entry is not None:
                return entry.name
        topic = self.topics.get(knowledge_id)
        return topic.title if topic is not None else knowledge_id

    def __contains__(self, knowledge_id: object) -> bool:
        return any(
            knowledge_id in table
            for table in (self.exercises, self.muscles, self.topics, self.areas)
        )


class FieldReader:
    """Reads typed fields from one YAML mapping, recording problems instead of raising."""

    def __init__(self, errors: list[str], file: str, where: str, raw: object) -> None:
        self.errors = errors
        self.file = file
        self.where = where
        self.raw: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        self.used: set[str] = set()
        if not isinstance(raw, Mapping):
            self.fail("", f"must be a mapping, got {type(raw).__name__}")

    def fail(self, name: str, problem: str) -> None:
        """Record one problem for a field of this entry."""
        path = f"{self.where}.{name}" if name else self.where
        self.errors.append(f"{self.file}: {path}: {problem}")

    def get(self, name: str, default: object = None) -> Any:
        """The raw value of a field, marking it as known."""
        self.used.add(name)
        return self.raw.get(name, default)

    def check_unknown(self) -> None:
        """Report fields nobody read: usually a misspelt field name ("aliasses")."""
        for name in self.raw:
            if name not in self.used:
                self.fail(str(name), "unknown field")

    def text(self, name: str, *, required: bool = True, default: str = "") -> str:
        """A non-empty string field (or the default when optional and absent)."""
        value = self.get(name)
        if value is None:
            if required:
                self.fail(name, "missing")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(name, "must be a non-empty string")
            return default
        return value.strip()

    def texts(self, name: str, *, required: bool = True, min_items: int = 1) -> tuple[str, ...]:
        """A list of non-empty strings."""
        value = self.get(name)
        if value is None:
            if required:
                self.fail(name, "missing")
            return ()
        if not isinstance(value, list):
            self.fail(name, "must be a list of strings")
            return ()
        items: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{name}[{i}]", "must be a non-empty string")
            else:
                items.append(item.strip())
        if required and len(items) < min_items:
            self.fail(name, f"needs at least {min_items} item(s)")
        return tuple(items)

    def choice(self, name: str, allowed: Sequence[str], default: str | None = None) -> str:
        """A string from a closed vocabulary."""
        value = self.get(name, default)
        if value not in allowed:
            self.fail(name, f"unknown value {value!r}; expected one of {', '.join(allowed)}")
            return allowed[0]
        return str(value)

    def optional_choice(self, name: str, allowed: Sequence[str]) -> str | None:
        """A string from a closed vocabulary, or None when the field is absent."""
        return self.choice(name, allowed) if self.get(name) is not None else None

    def choices(self, name: str, allowed: Sequence[str]) -> tuple[str, ...]:
        """A non-empty list of strings from a closed vocabulary."""
        values = self.texts(name)
        for i, value in enumerate(values):
            if value not in allowed:
                self.fail(f"{name}[{i}]", f"unknown value {value!r}; expected one of {', '.join(allowed)}")
        return tuple(v for v in values if v in allowed)

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean field."""
        value = self.get(name, default)
        if not isinstance(value, bool):
            self.fail(name, "must be true or false")
            return default
        return value

    def source(self) -> str:
        """The provenance field: 'article' or 'added: <basis>'."""
        value = self.text("source")
        if value and value != "article" and not value.startswith("added:"):
            self.fail("source", "must be 'article' or start with 'added:' and state the basis")
        return value


def _span(reader: FieldReader, raw: Mapping[str, Any], name: str) -> tuple[int, int] | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
        or value[0] > value[1]
    ):
        reader.fail(f"dose.{name}", "must be [low, high] with 0 < low <= high")
        return None
    return (value[0], value[1])


def _dose(reader: FieldReader, kind: str) -> Dose | None:
    raw = reader.get("dose")
    if raw is None:
        if kind != "activity":
            reader.fail("dose", "missing (only activities may have no dose)")
        return None
    if not isinstance(raw, Mapping):
        reader.fail("dose", "must be a mapping with sets and reps or hold_seconds")
        return None
    sets = _span(reader, raw, "sets")
    reps = _span(reader, raw, "reps")
    hold = _span(reader, raw, "hold_seconds")
    if sets is None:
        reader.fail("dose.sets", "missing")
    if (reps is None) == (hold is None):
        reader.fail("dose", "needs exactly one of reps or hold_seconds")
    for key in raw:
        if key not in ("sets", "reps", "hold_seconds", "per_side"):
            reader.fail(f"dose.{key}", "unknown field")
    per_side = raw.get("per_side", False)
    if not isinstance(per_side, bool):
        reader.fail("dose.per_side", "must be true or false")
        per_side = False
    if sets is None or (reps is None) == (hold is None):
        return None
    return Dose(sets=sets, reps=reps, hold_seconds=hold, per_side=per_side)


def _entries(
    data: object, file: str, key: str, errors: list[str], parse: Callable[[FieldReader], T | None]
) -> list[tuple[FieldReader, T]]:
    """Parse the list under ``key`` of one file, entry by entry."""
    if not isinstance(data, Mapping) or not isinstance(data.get(key), list):
        errors.append(f"{file}: {key}: must be a list at the top level under '{key}:'")
        return []
    parsed: list[tuple[FieldReader, T]] = []
    for i, raw in enumerate(data[key]):
        label = raw.get("id") if isinstance(raw, Mapping) else None
        where = f"{key}[{i}]" + (f" ({label})" if isinstance(label, str) else "")
        reader = FieldReader(errors, file, where, raw)
        entry = parse(reader)
        reader.check_unknown()
        if entry is not None:
            parsed.append((reader, entry))
    return parsed


def _entry_id(reader: FieldReader, prefixes: tuple[str, ...]) -> str:
    value = reader.text("id")
    if not value:
        return ""
    if not ID_PATTERN.match(value) or not value.startswith(prefixes):
        reader.fail("id", f"{value!r} must be lowercase like {prefixes[0]}name_with_underscores")
    elif len(value.encode()) > MAX_ID_BYTES:
        reader.fail("id", f"longer than {MAX_ID_BYTES} bytes (ids travel in callback data)")
    return value


def _muscle(r: FieldReader) -> Muscle:
    return Muscle(
        id=_entry_id(r, ("muscle.",)),
        name=r.text("name"),
        aliases=r.texts("aliases"),
        areas=r.choices("areas", AREAS),
        location=r.text("location"),
        function=r.text("function"),
        source=r.source(),
    )


def _exercise(r: FieldReader) -> Exercise:
    kind = r.choice("kind", KINDS)
    return Exercise(
        id=_entry_id(r, ("exercise.", "activity.")),
        name=r.text("name"),
        aliases=r.texts("aliases"),
        kind=kind,
        areas=r.choices("areas", AREAS),
        muscles=r.texts("muscles", required=kind != "activity"),
        equipment=r.choice("equipment", EQUIPMENT, default="none"),
        equipment_note=r.text("equipment_note", required=False),
        level=r.choice("level", MIN_LEVELS, default="beginner"),
        senior=r.flag("senior"),
        dose=_dose(r, kind),
        summary=r.text("summary"),
        steps=r.texts("steps"),
        cautions=r.texts("cautions", required=False),
        benefits=r.texts("benefits", required=False),
        substitutes=r.texts("substitutes", required=False),
        source=r.source(),
        added_source=r.text("added_source", required=False),
        positions=r.choices("positions", POSITIONS) if kind != "activity" else (),
        described_as=r.texts("described_as", required=False),
    )


def _topic(r: FieldReader) -> Topic:
    return Topic(
        id=_entry_id(r, ("faq.", "topic.")),
        title=r.text("title"),
        phrasings=r.texts("phrasings", min_items=3),
        answer=r.text("answer"),
        exercises=r.texts("exercises", required=False),
        source=r.source(),
        pain=r.optional_choice("pain", PAIN_PLACES),
        equipment=r.optional_choice("equipment", EQUIPMENT),
    )


def _area(r: FieldReader) -> BodyArea:
    return BodyArea(
        id=_entry_id(r, ("area.",)),
        area=r.choice("area", AREAS),
        name=r.text("name"),
        aliases=r.texts("aliases"),
        summary=r.text("summary"),
        source=r.source(),
    )


def build_knowledge(
    files: Mapping[str, object], folder: str = "knowledge", english_words: frozenset[str] = frozenset()
) -> Knowledge:
    """Validate parsed YAML documents keyed by file name and return the Knowledge.

    Args:
        files: file name (e.g. ``"exercises.yaml"``) -> the data ``yaml.safe_load`` returned.
        folder: how the folder is named in error messages.
        english_words: real English words, which never wake the red-flag rules of another
            language (knowledge/safety_languages.yaml).
    Returns:
        The cross-checked Knowledge.
    Raises:
        ContentError: listing every problem found, each naming file, entry and field.
    """
    errors: list[str] = []

    def path(name: str) -> str:
        return f"{folder}/{name}"

    def load(name: str, key: str, parse: Callable[[FieldReader], T]) -> list[tuple[FieldReader, T]]:
        if name not in files:
            errors.append(f"{path(name)}: missing file")
            return []
        return _entries(files[name], path(name), key, errors, parse)

    muscles = load("muscles.yaml", "muscles", _muscle)
    exercises = load("exercises.yaml", "exercises", _exercise)
    if "activities.yaml" in files:
        exercises += load("activities.yaml", "activities", _exercise)
    topics = load("faq.yaml", "faqs", _topic) + load("guidance.yaml", "topics", _topic)
    areas = load("areas.yaml", "areas", _area)
    texts = _texts(files.get("texts.yaml"), path("texts.yaml"), errors)
    # the same red flags in other languages (optional: without it triage reads English only)
    safety, safety_errors = parse_safety(
        files.get("safety.yaml"), path("safety.yaml"),
        files.get("safety_languages.yaml"), path("safety_languages.yaml"), english_words,
    )
    errors.extend(safety_errors)

    seen: dict[str, str] = {}
    entries: list[tuple[FieldReader, Muscle | Exercise | Topic | BodyArea]] = [*muscles, *exercises, *topics, *areas]
    for reader, entry in entries:
        entry_id = entry.id
        if entry_id in seen:
            reader.fail("id", f"duplicate id {entry_id!r}, first defined in {seen[entry_id]}")
        elif entry_id:
            seen[entry_id] = f"{reader.file}: {reader.where}"

    muscle_ids = {m.id for _, m in muscles}
    exercise_ids = {x.id for _, x in exercises}
    for reader, x in exercises:
        for i, muscle_id in enumerate(x.muscles):
            if muscle_id not in muscle_ids:
                reader.fail(f"muscles[{i}]", f"unknown muscle {muscle_id!r}")
        for i, sub in enumerate(x.substitutes):
            if sub not in exercise_ids:
                reader.fail(f"substitutes[{i}]", f"unknown exercise {sub!r}")
            elif sub == x.id:
                reader.fail(f"substitutes[{i}]", "an exercise cannot substitute itself")
    pain_owner: dict[str, str] = {}
    for reader, t in topics:
        if t.pain is not None and pain_owner.setdefault(t.pain, t.id) != t.id:
            reader.fail("pain", f"{t.pain!r} pain is already answered by {pain_owner[t.pain]!r}")
        for i, ref in enumerate(t.exercises):
            if ref not in exercise_ids:
                reader.fail(f"exercises[{i}]", f"unknown exercise {ref!r}")
    _check_aliases(errors, muscles, exercises, areas)
    _check_descriptions(exercises)

    if errors or safety is None:
        raise ContentError(errors or [f"{path('safety.yaml')}: invalid"])
    return Knowledge(
        muscles={m.id: m for _, m in muscles},
        exercises={x.id: x for _, x in exercises},
        topics={t.id: t for _, t in topics},
        areas={a.id: a for _, a in areas},
        texts=texts,
        safety=safety,
    )


def _check_aliases(errors: list[str], *tables: Sequence[tuple[FieldReader, Any]]) -> None:
    """An alias naming two different entries would make entity matching ambiguous."""
    owner: dict[str, str] = {}
    for table in tables:
        for reader, entry in table:
            for i, alias in enumerate((entry.name, *entry.aliases)):
                key = " ".join(alias.lower().split())
                if key in owner and owner[key] != entry.id:
                    reader.fail(
                        "aliases" if i else "name",
                        f"{alias!r} also names {owner[key]}",
                    )
                owner.setdefault(key, entry.id)


def _check_descriptions(exercises: Sequence[tuple[FieldReader, Exercise]]) -> None:
    """One description under two exercises could never pick either: it must say what differs."""
    owner: dict[str, str] = {}
    for reader, x in exercises:
        for i, description in enumerate(x.described_as):
            key = " ".join(description.lower().split())
            if owner.setdefault(key, x.id) != x.id:
                reader.fail(f"described_as[{i}]", f"{description!r} also describes {owner[key]}")


def _texts(data: object, file: str, errors: list[str]) -> dict[str, str]:
    if not isinstance(data, Mapping):
        errors.append(f"{file}: must be a mapping of text name -> text")
        return {}
    texts: dict[str, str] = {}
    for name, value in data.items():
        if not isinstance(value, str) or not value.strip():
            errors.append(f"{file}: {name}: must be a non-empty string")
        else:
            texts[str(name)] = value.strip()
    for name in REQUIRED_TEXTS:
        if name not in data:
            errors.append(f"{file}: {name}: missing")
    return texts


