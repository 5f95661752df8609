"""Shared fixtures: one brain built from the real content for the whole session."""

from __future__ import annotations

import os
from datetime import date

import pytest

from bot.brain.brain import Brain
from bot.brain.model import Reply, Turn
from bot.content import Content, build_brain, load_content

TODAY = date(2026, 3, 2)  # a fixed Monday: nothing in the tests depends on the real clock


@pytest.fixture(scope="session", autouse=True)
def _private_brain_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or write the user's real brain cache."""
    previous = os.environ.get("BACKCOACH_CACHE_DIR")
    os.environ["BACKCOACH_CACHE_DIR"] = str(tmp_path_factory.mktemp("brain-cache"))
    yield
    if previous is None:
        os.environ.pop("BACKCOACH_CACHE_DIR", None)
    else:
        os.environ["BACKCOACH_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="session")
def brain(content: Content) -> Brain:
    return build_brain(content)


@pytest.fixture(scope="session")
def ask(brain: Brain):
    """ask("text") -> Reply, as a beginner with no equipment on a fixed day."""

    def _ask(text: str, **prefs: str) -> Reply:
        return brain.reply(Turn(text, "test-user", TODAY, **prefs))

    return _ask
