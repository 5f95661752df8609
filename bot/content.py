"""Reads knowledge/ and intents/ from disk: the only place that opens content files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.brain.brain import Brain
from bot.brain.intents import IntentDef, Thresholds, build_intents
from bot.brain.knowledge import ContentError, Knowledge, build_knowledge

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster when present


@dataclass(frozen=True)
class Content:
    """Everything the brain is built from."""

    knowledge: Knowledge
    intents: tuple[IntentDef, ...]
    thresholds: Thresholds
    root: Path


def default_root() -> Path:
    """The folder holding the project's own knowledge/ and intents/."""
    return PROJECT_ROOT


def _read_folder(folder: Path, label: str, errors: list[str]) -> dict[str, object]:
    """Parse every *.yaml file of a folder; syntax errors are recorded with file and line."""
    if not folder.is_dir():
        errors.append(f"{label}: folder not found at {folder}")
        return {}
    documents: dict[str, object] = {}
    for path in sorted(folder.glob("*.yaml")):
        name = f"{label}/{path.name}"
        try:
            documents[path.name] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except UnicodeDecodeError as exc:
            errors.append(f"{name}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            problem = getattr(exc, "problem", None) or str(exc)
            errors.append(f"{name}: {where}invalid YAML: {problem}")
    return documents


def load_content(content_dir: Path | None = None) -> Content:
    """Load and validate a content folder (one holding knowledge/ and intents/).

    Args:
        content_dir: the folder; None means the project's own content.
    Returns:
        The validated Content.
    Raises:
        ContentError: every problem found, each naming file, entry and field.
    """
    root = (content_dir or default_root()).resolve()
    errors: list[str] = []
    knowledge_files = _read_folder(root / "knowledge", "knowledge", errors)
    intent_files = _read_folder(root / "intents", "intents", errors)
    if errors:
        raise ContentError(errors)
    knowledge: Knowledge | None = None
    try:
        knowledge = build_knowledge(knowledge_files)
    except ContentError as exc:
        errors.extend(exc.errors)
    try:
        intents, thresholds = build_intents(intent_files)
    except ContentError as exc:
        errors.extend(exc.errors)
    if errors or knowledge is None:
        raise ContentError(errors)
    return Content(knowledge, intents, thresholds, root)


def load_brain(content_dir: Path | None = None) -> Brain:
    """Load content and build a ready Brain (fits the classifier and the index)."""
    content = load_content(content_dir)
    return Brain(content.knowledge, content.intents, content.thresholds)
