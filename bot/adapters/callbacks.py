"""What every Telegram button handler shares."""

from __future__ import annotations

import logging

from telegram import CallbackQuery
from telegram.error import TelegramError

log = logging.getLogger(__name__)


async def answer_query(query: CallbackQuery, notice: str | None) -> None:
    """Answer a button press, never raising: an unanswered query leaves a spinner on the
    user's button for a long time, and a failed answer must not hide the real error."""
    try:
        await query.answer(notice)
    except TelegramError as exc:
        log.debug("answerCallbackQuery failed: %s", exc)
