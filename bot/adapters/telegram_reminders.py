"""Telegram side of reminders and progress: commands, buttons and the one due-reminder job.

Interface used by ``bot/adapters/telegram.py`` (kept stable while the rest lands):
``register(application, brain, store)`` and ``apply_actions(store, user_id, chat_id, actions, now)``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

# Every callback_data this module owns starts with this prefix; the main adapter must not claim it.
CALLBACK_PREFIX = "rem:"
CALLBACK_PATTERN = r"^rem:"


def register(application: Any, brain: Any, store: Any) -> None:
    """Add the /remind, /reminders, /progress handlers, reminder buttons and the due job."""
    # First version: nothing registered yet; the full implementation follows.
    return None


async def apply_actions(
    store: Any, user_id: str, chat_id: int, actions: tuple[Any, ...], now: datetime
) -> list[str]:
    """Carry out the brain's reminder/time-zone actions and return extra lines for the reply."""
    return []
