"""Reply text from knowledge entries: plain text, caveat appended exactly once.

Adapters decide how text looks (HTML escaping, splitting); this module decides what it says,
and says only what the knowledge base holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.brain.knowledge import Knowledge
from bot.brain.model import Exercise, Muscle, Topic

BULLET = "•"
EQUIPMENT_WORDS = {
    "none": "no equipment",
    "band": "a resistance band",
    "dumbbells": "dumbbells",
    "gym": "gym equipment",
}


def with_caveat(text: str, caveat: str) -> str:
    """The text followed by the caveat, which appears exactly once and last."""
    body = text.replace(caveat, "").rstrip()
    return f"{body}\n\n{caveat}" if body else caveat


def _bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"{BULLET} {line}" for line in lines)


def _muscle_names(knowledge: Knowledge, ids: Sequence[str]) -> str:
    names = [knowledge.muscles[m].name.lower() for m in ids if m in knowledge.muscles]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _needs(x: Exercise) -> str:
    if x.equipment == "none":
        return "no equipment"
    return x.equipment_note or EQUIPMENT_WORDS[x.equipment]


def exercise_howto(knowledge: Knowledge, x: Exercise) -> str:
    """How to do an exercise: summary, numbered steps, dose, cautions, muscles."""
    parts = [f"{x.name}\n{x.summary}"]
    if x.steps:
        steps = "\n".join(f"{i}. {step}" for i, step in enumerate(x.steps, 1))
        parts.append(f"How to do it:\n{steps}")
    facts = []
    if x.dose is not None:
        facts.append(f"Dose: {x.dose.describe()}")
    facts.append(f"You need: {_needs(x)}")
    if x.muscles:
        facts.append(f"Works: {_muscle_names(knowledge, x.muscles)}")
    parts.append("\n".join(facts))
    if x.cautions:
        parts.append("Take care:\n" + _bullets(x.cautions))
    return "\n\n".join(parts)


def exercise_muscles(knowledge: Knowledge, x: Exercise) -> str:
    """Which muscles an exercise works, primary first, with what each does."""
    if not x.muscles:
        return f"{x.name}\n{x.summary}"
    primary, *others = [knowledge.muscles[m] for m in x.muscles if m in knowledge.muscles]
    lines = [f"{x.name} mainly works the {primary.name.lower()}: {primary.function}"]
    if others:
        lines.append(f"It also works the {_muscle_names(knowledge, [m.id for m in others])}.")
    if x.benefits:
        lines.append("Why do it:\n" + _bullets(x.benefits))
    return "\n".join(lines)


def muscle_info(knowledge: Knowledge, m: Muscle) -> str:
    """What and where a muscle is, what it does, and exercises that target it."""
    text = f"{m.name}\nWhere: {m.location}\nWhat it does: {m.function}"
    exercises = knowledge.exercises_for_muscle(m.id)
    if exercises:
        text += "\n\nExercises that work it:\n" + _bullets(
            f"{x.name} ({_needs(x)})" for x in exercises[:8]
        )
    return text


def exercise_list(title: str, exercises: Sequence[Exercise]) -> str:
    """A titled list of exercises with what each needs and its dose."""
    lines = []
    for x in exercises:
        dose = f", {x.dose.describe()}" if x.dose is not None else ""
        lines.append(f"{x.name} ({_needs(x)}{dose}): {x.summary}")
    return f"{title}\n{_bullets(lines)}" + '\n\nAsk "how do I do ..." for step-by-step instructions.'


def topic_answer(knowledge: Knowledge, t: Topic) -> str:
    """An FAQ or guidance answer, with the exercises it mentions."""
    text = f"{t.title}\n{t.answer}"
    named = [knowledge.exercises[e] for e in t.exercises if e in knowledge.exercises]
    if named:
        text += "\n\nMentioned here:\n" + _bullets(f"{x.name}: {x.summary}" for x in named)
    return text


def suggestions_text(knowledge: Knowledge, lead: str, ids: Sequence[str]) -> str:
    """A lead sentence and the named topics offered instead of a guess."""
    if not ids:
        return lead
    return f"{lead}\n" + _bullets(knowledge.entry_name(i) for i in ids)
