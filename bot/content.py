"""Reads knowledge/ and intents/ from disk (the only place that opens content files) and
keeps a cache of the fitted brain, so a start with unchanged content needs no refit.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from bot import __version__
from bot.brain.brain import Brain
from bot.brain.intents import IntentDef, Thresholds, build_intents
from bot.brain.knowledge import ContentError, Knowledge, build_knowledge
from bot.brain.red_flag_model import parse_examples

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BRAIN_CODE = Path(__file__).resolve().parent / "brain"
ENGLISH_WORDS = Path(__file__).resolve().parent / "data" / "english_words.txt"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster when present
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Content:
    """Everything the brain is built from, and a fingerprint of the files it came from."""

    knowledge: Knowledge
    intents: tuple[IntentDef, ...]
    thresholds: Thresholds
    root: Path
    fingerprint: str = ""
    safety_examples: tuple[tuple[str, str], ...] = ()  # (message, tier or "none") for the red-flag model


def default_root() -> Path:
    """The folder holding the project's own knowledge/ and intents/."""
    return PROJECT_ROOT


def _read_folder(folder: Path, label: str, errors: list[str], digest: hashlib._Hash) -> dict[str, object]:
    """Parse every *.yaml file of a folder; syntax errors are recorded with file and line."""
    if not folder.is_dir():
        errors.append(f"{label}: folder not found at {folder}")
        return {}
    documents: dict[str, object] = {}
    for path in sorted(folder.glob("*.yaml")):
        name = f"{label}/{path.name}"
        raw = path.read_bytes()
        digest.update(name.encode() + b"\0" + raw + b"\0")
        try:
            documents[path.name] = yaml.load(raw.decode("utf-8"), Loader=_Loader)
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
    digest = hashlib.sha256()
    knowledge_files = _read_folder(root / "knowledge", "knowledge", errors, digest)
    intent_files = _read_folder(root / "intents", "intents", errors, digest)
    examples_folder = root / "knowledge" / "safety_examples"
    example_files = (
        _read_folder(examples_folder, "knowledge/safety_examples", errors, digest) if examples_folder.is_dir() else {}
    )
    if errors:
        raise ContentError(errors)
    safety_examples, example_errors = parse_examples(example_files, "knowledge/safety_examples")
    errors.extend(example_errors)
    knowledge: Knowledge | None = None
    try:
        # English words never wake the other languages' red-flag rules (safety_languages.yaml)
        knowledge = build_knowledge(knowledge_files, english_words=english_words())
    except ContentError as exc:
        errors.extend(exc.errors)
    try:
        intents, thresholds = build_intents(intent_files)
    except ContentError as exc:
        errors.extend(exc.errors)
    if errors or knowledge is None:
        raise ContentError(errors)
    return Content(knowledge, intents, thresholds, root, digest.hexdigest(), tuple(safety_examples))


@cache
def english_words() -> frozenset[str]:
    """Real English words, which typo correction leaves alone (bot/data/english_words.txt)."""
    try:
        lines = ENGLISH_WORDS.read_text(encoding="utf-8").splitlines()
    except OSError as exc:  # correction still works, only less carefully: say so, don't stop
        log.warning("no English word list at %s (%s): typo correction may change real words", ENGLISH_WORDS, exc)
        return frozenset()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where fitted brains are cached: BACKCOACH_CACHE_DIR ('off' disables), else the user cache."""
    configured = environ.get("BACKCOACH_CACHE_DIR", "")
    if configured.lower() == "off":
        return None
    if configured:
        return Path(configured)
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "backcoach"


def _cache_key(content: Content) -> str:
    """Changes whenever the content, the brain's code or the library versions change."""
    digest = hashlib.sha256(f"{content.fingerprint}|{__version__}|{np.__version__}".encode())
    for path in [*sorted(BRAIN_CODE.glob("*.py")), ENGLISH_WORDS]:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def build_brain(content: Content, state: Mapping[str, np.ndarray] | None = None) -> Brain:
    """A Brain for loaded content: fitted now, or restored from a cached ``state``."""
    return Brain(
        content.knowledge,
        content.intents,
        content.thresholds,
        state,
        english=english_words(),
        safety_examples=content.safety_examples,
    )


def load_brain(content_dir: Path | None = None, cache: Path | None | bool = True) -> Brain:
    """Load content and build a ready Brain, from the fit cache when it matches.

    Args:
        content_dir: folder holding knowledge/ and intents/; None for the project's own.
        cache: True for the default cache folder, a Path for another, False/None for none.
    Raises:
        ContentError: the content is invalid (every problem listed).
    """
    content = load_content(content_dir)
    folder = cache_dir() if cache is True else (cache or None)
    if folder is None:
        return build_brain(content)
    path = folder / f"brain-{_cache_key(content)}.npz"
    try:
        with np.load(path, allow_pickle=False) as data:  # arrays only: nothing executable
            state = {name: data[name] for name in data.files}
        return build_brain(content, state)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError) as exc:  # a damaged or stale file: refit
        log.warning("ignoring unreadable brain cache %s: %s", path, exc)
    brain = build_brain(content)
    _save(path, brain.state())
    return brain


def _save(path: Path, state: dict[str, np.ndarray]) -> None:
    """Write atomically (temp file + rename), so concurrent starts never read half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            np.savez(handle, allow_pickle=False, **state)
        os.replace(handle.name, path)
        for old in path.parent.glob("brain-*.npz"):  # earlier content or code: never read again
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only home is fine: we just refit next time
        log.info("could not write brain cache %s: %s", path, exc)
