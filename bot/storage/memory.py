"""In-memory SettingsStore for tests and the console: same behaviour as SQLite, no file."""

from __future__ import annotations

import dataclasses

from bot.storage.base import Prefs


@dataclasses.dataclass(slots=True)
class _User:
    prefs: Prefs
    chat_id: int | None = None
    blocked: bool = False


class MemoryStore:
    """A dict-backed SettingsStore; state is lost when the process ends."""

    def __init__(self) -> None:
        """Start empty."""
        self._users: dict[str, _User] = {}

    def get_prefs(self, user_id: str) -> Prefs:
        """The user's saved settings, or ``Prefs()`` for an unknown user."""
        user = self._users.get(user_id)
        return Prefs() if user is None else user.prefs

    def save_prefs(self, user_id: str, prefs: Prefs) -> None:
        """Create or replace the user's settings."""
        self._users.setdefault(user_id, _User(Prefs())).prefs = prefs

    def set_chat(self, user_id: str, chat_id: int) -> None:
        """Remember the private chat to write to; a user who writes again is not blocked."""
        user = self._users.setdefault(user_id, _User(Prefs()))
        user.chat_id, user.blocked = chat_id, False

    def get_chat(self, user_id: str) -> int | None:
        """The chat recorded for the user, or None."""
        user = self._users.get(user_id)
        return None if user is None else user.chat_id

    def mark_blocked(self, chat_id: int, blocked: bool = True) -> None:
        """Record that messages to this chat fail for good."""
        for user in self._users.values():
            if user.chat_id == chat_id:
                user.blocked = blocked

    def is_blocked(self, chat_id: int) -> bool:
        """Whether sending to this chat is known to fail."""
        return any(u.blocked for u in self._users.values() if u.chat_id == chat_id)

    def forget_user(self, user_id: str) -> int:
        """Delete the user's row; returns the number of rows deleted (0 or 1)."""
        return 0 if self._users.pop(user_id, None) is None else 1

    def describe_user(self, user_id: str) -> dict[str, int]:
        """How many rows the store holds about the user."""
        return {"users": int(user_id in self._users)}
