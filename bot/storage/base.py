"""The storage port for user settings: what adapters need, independent of SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.brain.model import Equipment, Focus, Level


@dataclass(frozen=True, slots=True)
class Prefs:
    """A user's saved settings; the defaults are what a new user gets."""

    level: Level = "beginner"
    equipment: Equipment = "none"
    focus: Focus = "full"
    tz: str = ""  # IANA zone name; empty until the user sets one


class SettingsStore(Protocol):
    """Everything the Telegram adapter stores about a user; SQLite in production."""

    def get_prefs(self, user_id: str) -> Prefs:
        """The user's saved settings, or ``Prefs()`` for an unknown user."""
        ...

    def save_prefs(self, user_id: str, prefs: Prefs) -> None:
        """Create or replace the user's settings."""
        ...

    def set_chat(self, user_id: str, chat_id: int) -> None:
        """Remember the private chat to write to (for reminders); clears a blocked flag."""
        ...

    def get_chat(self, user_id: str) -> int | None:
        """The chat recorded for the user, or None."""
        ...

    def mark_blocked(self, chat_id: int, blocked: bool = True) -> None:
        """Record that messages to this chat fail for good (user blocked the bot, chat gone)."""
        ...

    def is_blocked(self, chat_id: int) -> bool:
        """Whether sending to this chat is known to fail."""
        ...

    def forget_user(self, user_id: str) -> int:
        """Delete every row about the user in every table; returns the number of rows deleted."""
        ...

    def describe_user(self, user_id: str) -> dict[str, int]:
        """How many rows each table holds about the user (for /privacy and tests)."""
        ...
