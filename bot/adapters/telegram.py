"""Telegram adapter: `backcoach serve` on python-telegram-bot 22 with long polling.

It only translates: an Update plus stored settings become a ``Turn``; a ``Reply`` becomes
escaped HTML messages with inline buttons. Decisions stay in the brain, data in the store.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import sqlite3
import sys
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import (
    ChatAction,
    ChatType,
    MessageEntityType,
    MessageLimit,
    ParseMode,
)
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest, RequestData

from bot.adapters import telegram_reminders
from bot.adapters.callbacks import answer_query
from bot.brain.model import (
    EQUIPMENT,
    FOCUSES,
    LEVELS,
    Equipment,
    Focus,
    Level,
    Reply,
    RoutineOptions,
    Turn,
)
from bot.config import Settings
from bot.storage.base import Prefs, SettingsStore

if TYPE_CHECKING:  # the brain is passed in; importing it here would load scikit-learn
    from bot.brain.brain import Brain

log = logging.getLogger(__name__)

# Telegram's per-message limit (characters after entity parsing, counted in UTF-16 units).
MESSAGE_LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for callback_data
# Telegram asks bots to send no more than about one message per second to one chat; the
# AIORateLimiter only covers the global 30/s and the per-group 20/min limits.
CHAT_INTERVAL_SECONDS = 1.0
RETRY_DELAYS_SECONDS = (0.5, 1.0, 2.0, 4.0)  # network errors and 5xx, then give up
RATE_LIMIT_RETRIES = 3  # 429 retry_after is waited out this many times
CONCURRENT_UPDATES = 64

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "What BackCoach does and how to begin"),
    ("help", "What you can ask"),
    ("routine", "Today's routine for your settings"),
    ("settings", "Level, equipment, focus and time zone"),
    ("privacy", "What BackCoach stores about you"),
    ("forget", "Delete everything stored about you"),
)

LEVEL_LABELS = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced", "senior": "Senior"}
EQUIPMENT_LABELS = {"none": "No equipment", "band": "Band", "dumbbells": "Dumbbells", "gym": "Gym"}
FOCUS_LABELS = {"upper": "Upper back", "lower": "Lower back", "core": "Core", "full": "Full back"}
_FIELDS = {"l": ("level", LEVELS), "e": ("equipment", EQUIPMENT), "f": ("focus", FOCUSES)}

NON_TEXT_REPLY = (
    "Thanks! I can only read text messages. Ask me something like "
    "\u201chow do I do a superman?\u201d or send /help."
)
PRIVACY_TEXT = """What BackCoach stores about you, and nothing else:

\u2022 Your Telegram user id and the id of our private chat, so replies and reminders reach you.
\u2022 Your settings: level, equipment, focus and time zone (defaults until you change them).
\u2022 Whether Telegram reports that you blocked the bot, so nothing keeps retrying.
\u2022 Reminders you set, the sessions you mark as done, and your optional check-in answers
  (how a session felt, and a pain score from 0 to 10): these are health data, kept only to
  adjust your routines and show your progress.

Your messages are not stored: they are answered and discarded. Logs record which kind of question was asked, never its text.

Send /forget to delete all of it at once."""
SORRY_TEXT = "Sorry, something went wrong on my side. Please try again, or send /help."
FORGET_ASK = (
    "This deletes everything BackCoach stores about you: settings, chat id, reminders, "
    "progress and check-ins. It cannot be undone. Delete everything?"
)


# --- logging -------------------------------------------------------------------------------

_SECRETS: set[str] = set()
_default_factory = logging.getLogRecordFactory()


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``[REDACTED]``."""
    for secret in _SECRETS:
        if secret in text:
            text = text.replace(secret, "[REDACTED]")
    return text


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _default_factory(*args, **kwargs)
    if not _SECRETS:
        return record
    # Formatting here, at creation, covers every handler (files, stderr, pytest's caplog).
    try:
        message = record.getMessage()
    except (TypeError, ValueError, KeyError):  # malformed args: the handler reports them
        return record
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    return record


def install_log_redaction(secret: str) -> None:
    """Make sure ``secret`` never appears in any log record, from any logger, at any level."""
    if secret:
        _SECRETS.add(secret)
    logging.setLogRecordFactory(_redacting_factory)
    # httpx logs every request URL, which contains the token, at INFO.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def configure_logging(level: str, token: str) -> None:
    """Root logging for ``serve``: one line per record, the token redacted everywhere."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    install_log_redaction(token)


# --- transport: retries and pacing ---------------------------------------------------------


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that retries connection errors and 5xx responses with backoff."""

    def __init__(self, delays: Sequence[float] = RETRY_DELAYS_SECONDS, **kwargs: Any) -> None:
        """``delays`` are the waits before each retry; other arguments go to HTTPXRequest."""
        super().__init__(**kwargs)
        self.delays = tuple(delays)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        write_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        connect_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        pool_timeout: Any = HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send once, then again after each delay while the failure is transient."""
        for attempt in range(len(self.delays) + 1):
            try:
                code, payload = await super().do_request(
                    url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
                )
            except TimedOut:
                # The request may have reached Telegram: sending it again could duplicate a
                # message, so a read timeout is reported, not retried.
                raise
            except NetworkError as exc:
                if attempt == len(self.delays):
                    raise
                log.warning("network error (%s), retry %d in %.1f s", exc, attempt + 1, self.delays[attempt])
            else:
                if code < 500 or attempt == len(self.delays):
                    return code, payload
                log.warning("Bot API answered %d, retry %d in %.1f s", code, attempt + 1, self.delays[attempt])
            await asyncio.sleep(self.delays[attempt])
        raise AssertionError("unreachable")  # pragma: no cover


class PacedRateLimiter(AIORateLimiter):
    """AIORateLimiter plus at most one message per ``interval`` to each private chat."""

    def __init__(self, interval: float = CHAT_INTERVAL_SECONDS, **kwargs: Any) -> None:
        """``interval`` seconds between messages to one private chat; kwargs go to AIORateLimiter."""
        super().__init__(**kwargs)
        self.interval = interval
        self._next_slot: dict[int, float] = {}

    def _reserve(self, chat_id: int) -> float:
        """Book the next free send slot for the chat; returns how long to wait for it."""
        now = time.monotonic()
        slot = max(now, self._next_slot.get(chat_id, now))
        self._next_slot[chat_id] = slot + self.interval
        if len(self._next_slot) > 10_000:  # forget chats whose slot has long passed
            self._next_slot = {c: t for c, t in self._next_slot.items() if t > now}
        return slot - now

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Wait for the chat's slot (new messages to private chats only), then rate-limit."""
        if endpoint == "sendChatAction":
            # "typing..." is cosmetic and not a message: it must not spend the 30 messages/s
            # budget (that would halve throughput); a 429 on it is simply ignored by the caller.
            return await callback(*args, **kwargs)
        chat_id = data.get("chat_id")
        if endpoint.startswith("send") and endpoint != "sendChatAction" and self.interval > 0:
            try:
                chat = int(chat_id)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                chat = 0
            if chat > 0:  # positive ids are users' private chats; groups are negative
                delay = self._reserve(chat)
                if delay > 0:
                    await asyncio.sleep(delay)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


# --- rendering -----------------------------------------------------------------------------


def _units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _pieces(paragraph: str, limit: int) -> list[tuple[str, str]]:
    """Cut one over-long paragraph at line breaks, then spaces, then anywhere.

    Returns (separator before the piece, piece) pairs so that joining restores the text.
    """
    for separator in ("\n", " "):
        if separator in paragraph:
            out: list[tuple[str, str]] = []
            for word in paragraph.split(separator):
                if out and _units(html.escape(out[-1][1] + separator + word)) <= limit:
                    out[-1] = (out[-1][0], out[-1][1] + separator + word)
                else:
                    out.append((separator if out else "", word))
            if all(_units(html.escape(piece)) <= limit for _, piece in out):
                return out
            return [
                (sep if i == 0 else inner_sep, inner)
                for sep, piece in out
                for i, (inner_sep, inner) in enumerate(_pieces(piece, limit))
            ]
    cut = max(1, limit // 6)  # worst case: every character escapes to 6 ("&quot;")
    return [("", paragraph[i : i + cut]) for i in range(0, len(paragraph), cut)]


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Escape plain text to HTML and split it into parts of at most ``limit`` UTF-16 units.

    Splits between paragraphs when it can (inside one only when it alone is too long), so
    the caveat, the last paragraph, ends up whole in the last part.
    """
    tokens: list[tuple[str, str]] = []  # (separator before, escaped text)
    for paragraph in text.strip().split("\n\n"):
        if not paragraph.strip():
            continue
        pieces = _pieces(paragraph, limit) if _units(html.escape(paragraph)) > limit else [("", paragraph)]
        for index, (separator, piece) in enumerate(pieces):
            tokens.append(("\n\n" if index == 0 else separator, html.escape(piece)))
    parts: list[str] = []
    current = ""
    for separator, piece in tokens:
        candidate = f"{current}{separator}{piece}" if current else piece
        if current and _units(candidate) > limit:
            parts.append(current)  # the separator is dropped at a message boundary
            current = piece
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts or [""]


def with_extra_lines(text: str, extra: Sequence[str], caveat: str) -> str:
    """Insert the adapter's extra lines (reminder confirmations) before the caveat."""
    if not extra:
        return text
    block = "\n".join(extra)
    if caveat and text.rstrip().endswith(caveat):
        head = text.rstrip()[: -len(caveat)].rstrip()
        return f"{head}\n\n{block}\n\n{caveat}" if head else f"{block}\n\n{caveat}"
    return f"{text.rstrip()}\n\n{block}"


def _button(label: str, data: str) -> InlineKeyboardButton:
    # Telegram rejects the whole message when callback_data exceeds 64 bytes.
    assert len(data.encode()) <= CALLBACK_DATA_LIMIT, data
    return InlineKeyboardButton(label, callback_data=data)


def _choice_rows(prefix: str, prefs: Prefs) -> list[list[InlineKeyboardButton]]:
    """One row per setting; the current value carries a check mark."""
    rows = []
    for code, labels in (("l", LEVEL_LABELS), ("e", EQUIPMENT_LABELS), ("f", FOCUS_LABELS)):
        current = getattr(prefs, _FIELDS[code][0])
        row = [
            _button(("\u2713 " if value == current else "") + label, f"{prefix}:{code}:{value}")
            for value, label in labels.items()
        ]
        rows.append(row[:2])
        rows.append(row[2:])
    return rows


def routine_keyboard(prefs: Prefs, variant: int) -> InlineKeyboardMarkup:
    """Buttons under a routine: change level, equipment, focus, or get another one."""
    rows = _choice_rows("r", prefs)
    rows.append([_button("\U0001f501 Another one", f"r:n:{variant + 1}")])
    return InlineKeyboardMarkup(rows)


def settings_keyboard(prefs: Prefs) -> InlineKeyboardMarkup:
    """Buttons under /settings: every choice, time zone help and today's routine."""
    rows = _choice_rows("s", prefs)
    rows.append([_button("Time zone", "s:tz"), _button("Today's routine", "go:routine")])
    return InlineKeyboardMarkup(rows)


START_KEYBOARD = InlineKeyboardMarkup(
    [
        [_button("Today's routine", "go:routine"), _button("My settings", "go:settings")],
        [_button("What can I ask?", "go:help"), _button("Privacy", "go:privacy")],
    ]
)
FORGET_KEYBOARD = InlineKeyboardMarkup(
    [[_button("Yes, delete everything", "f:yes"), _button("Cancel", "f:no")]]
)


def settings_text(prefs: Prefs) -> str:
    """Plain-text summary of a user's settings."""
    return (
        "Your settings:\n"
        f"\u2022 Level: {LEVEL_LABELS.get(prefs.level, prefs.level)}\n"
        f"\u2022 Equipment: {EQUIPMENT_LABELS.get(prefs.equipment, prefs.equipment)}\n"
        f"\u2022 Focus: {FOCUS_LABELS.get(prefs.focus, prefs.focus)}\n"
        f"\u2022 Time zone: {prefs.tz or 'not set (UTC is used)'}\n\n"
        "Tap to change. Routines and answers follow these settings."
    )


# --- the bot -------------------------------------------------------------------------------


def _zone(tz: str) -> timezone | ZoneInfo:
    try:
        return ZoneInfo(tz) if tz else timezone.utc
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


def _with_choice(prefs: Prefs, field: str, value: str) -> Prefs:
    """``prefs`` with one setting changed; ``value`` is already checked against its vocabulary."""
    if field == "level":
        return replace(prefs, level=cast(Level, value))
    if field == "equipment":
        return replace(prefs, equipment=cast(Equipment, value))
    return replace(prefs, focus=cast(Focus, value))


def _is_gone(exc: TelegramError) -> bool:
    """Whether an error means the chat will never accept messages again (not worth retrying)."""
    if isinstance(exc, Forbidden):
        return True
    return isinstance(exc, BadRequest) and "chat not found" in exc.message.lower()


class BackCoachBot:
    """The handlers: translate updates into brain calls and replies into messages."""

    def __init__(
        self,
        brain: Brain,
        store: SettingsStore,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        """Handlers over one brain and one store; ``clock`` returns an aware UTC datetime."""
        self.brain = brain
        self.store = store
        self.clock = clock
        self.caveat = brain.knowledge.texts.get("caveat", "")
        self._known_chats: set[tuple[str, int]] = set()
        self._chat_locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._answered_edits: OrderedDict[tuple[int, int, str], None] = OrderedDict()

    # -- plumbing ----------------------------------------------------------------------------

    @asynccontextmanager
    async def _chat_turn(self, chat_id: int) -> AsyncIterator[None]:
        """Serialise turns of one chat (updates run concurrently) so replies keep their order."""
        lock, users = self._chat_locks.get(chat_id, (asyncio.Lock(), 0))
        self._chat_locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._chat_locks[chat_id]
            if users <= 1:
                del self._chat_locks[chat_id]
            else:
                self._chat_locks[chat_id] = (lock, users - 1)

    def _today(self, prefs: Prefs) -> date:
        return self.clock().astimezone(_zone(prefs.tz)).date()

    def _turn(self, text: str, user_id: str, prefs: Prefs) -> Turn:
        return Turn(
            text=text,
            user_id=user_id,
            today=self._today(prefs),
            level=prefs.level,
            equipment=prefs.equipment,
            focus=prefs.focus,
            tz=prefs.tz,
        )

    def _remember_chat(self, user_id: str, chat_id: int, chat_type: str) -> None:
        """Keep the private chat id (for reminders and the blocked flag); cached per process."""
        if chat_type != ChatType.PRIVATE or (user_id, chat_id) in self._known_chats:
            return
        self.store.set_chat(user_id, chat_id)
        self._known_chats.add((user_id, chat_id))

    def _gone(self, chat_id: int, exc: TelegramError) -> None:
        """Record a chat that refuses messages; later sends to it are skipped, not retried."""
        log.info("chat %s unreachable (%s): marked blocked", chat_id, exc.message)
        self.store.mark_blocked(chat_id, True)
        self._known_chats = {k for k in self._known_chats if k[1] != chat_id}

    async def send(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None = None,
        reply_to: int | None = None,
    ) -> Message | None:
        """Send escaped, split text; buttons go on the last part. None if the chat is gone."""
        parts = split_message(text)
        sent: Message | None = None
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            try:
                sent = await context.bot.send_message(
                    chat_id,
                    part,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup if last else None,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
                    if reply_to is not None and index == 0
                    else None,
                )
            except TelegramError as exc:
                if _is_gone(exc):
                    self._gone(chat_id, exc)
                    return None
                raise
        return sent

    async def _typing(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> bool:
        """Show "typing..."; False when the chat is gone (then there is no point answering)."""
        try:
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as exc:
            if _is_gone(exc):
                self._gone(chat_id, exc)
                return False
            log.debug("chat action failed: %s", exc)  # cosmetic: still answer
        return True

    def _suggestion_markup(self, reply: Reply) -> InlineKeyboardMarkup | None:
        """"Did you mean" buttons, one per suggested knowledge id that fits callback_data."""
        rows = []
        for knowledge_id in reply.suggestions:
            data = f"k:{knowledge_id}"
            if len(data.encode()) > CALLBACK_DATA_LIMIT:
                log.warning("knowledge id too long for a button: %s", knowledge_id)
                continue
            rows.append([InlineKeyboardButton(self._label(knowledge_id)[:60], callback_data=data)])
        return InlineKeyboardMarkup(rows) if rows else None

    def _label(self, knowledge_id: str) -> str:
        k = self.brain.knowledge
        if knowledge_id in k.exercises:
            return k.exercises[knowledge_id].name
        if knowledge_id in k.muscles:
            return k.muscles[knowledge_id].name
        if knowledge_id in k.topics:
            return k.topics[knowledge_id].title
        if knowledge_id in k.areas:
            return k.areas[knowledge_id].name
        return knowledge_id

    # -- free text -------------------------------------------------------------------------

    async def answer_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        """Run one message through the brain and send the reply: the heart of the adapter."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        chat = message.chat
        user_id = str(user.id)
        group = chat.type != ChatType.PRIVATE
        async with self._chat_turn(chat.id):
            started = time.perf_counter()
            self._remember_chat(user_id, chat.id, chat.type)
            if not await self._typing(context, chat.id):
                return
            prefs = self.store.get_prefs(user_id)
            turn = self._turn(text, user_id, prefs)
            thinking = time.perf_counter()
            reply = self.brain.reply(turn)
            thought = time.perf_counter() - thinking
            extra: list[str] = []
            if reply.actions:
                extra = await telegram_reminders.apply_actions(
                    self.store, user_id, chat.id, reply.actions, self.clock()
                )
            body = with_extra_lines(reply.text, extra, self.caveat)
            await self.send(
                context,
                chat.id,
                body,
                self._suggestion_markup(reply),
                reply_to=message.message_id if group else None,
            )
            log.info(
                "turn update=%s intent=%s confidence=%.2f sources=%s tier=%s brain_ms=%.1f total_ms=%.1f",
                update.update_id,
                reply.intent,
                reply.confidence,
                ",".join(reply.sources) or "-",
                reply.tier or "-",
                thought * 1000,
                (time.perf_counter() - started) * 1000,
            )
            log.debug("turn update=%s text=%r", update.update_id, text)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A private text message: answer it."""
        message = update.effective_message
        if message is not None and message.text is not None:
            await self.answer_text(update, context, message.text)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited private message: answer the new text once, ignore repeats of the same text."""
        message = update.edited_message
        if message is None or message.text is None:
            return
        key = (message.chat.id, message.message_id, message.text)
        if key in self._answered_edits:
            return
        self._answered_edits[key] = None
        if len(self._answered_edits) > 2048:
            self._answered_edits.popitem(last=False)
        await self.answer_text(update, context, message.text)

    async def on_group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A group message: answer only when it mentions the bot or replies to it."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        username = (context.bot.username or "").lower()
        mentioned = any(
            entity.type == MessageEntityType.MENTION and text.lower() == f"@{username}"
            for entity, text in message.parse_entities([MessageEntityType.MENTION]).items()
        )
        replied = (
            message.reply_to_message is not None
            and message.reply_to_message.from_user is not None
            and message.reply_to_message.from_user.id == context.bot.id
        )
        if not (mentioned or replied):
            return
        # The mention is addressing, not part of the question.
        text = re.sub(rf"@{re.escape(username)}\b", " ", message.text, flags=re.IGNORECASE) if username else message.text
        await self.answer_text(update, context, text.strip(" ,:"))

    async def on_non_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice, locations, documents: say kindly that BackCoach reads text."""
        message = update.effective_message
        if message is not None:
            await self.send(context, message.chat.id, NON_TEXT_REPLY)

    # -- commands --------------------------------------------------------------------------

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start: welcome, what BackCoach does, the caveat, first-step buttons."""
        message = update.effective_message
        if message is None or update.effective_user is None:
            return
        self._remember_chat(str(update.effective_user.id), message.chat.id, message.chat.type)
        texts = self.brain.knowledge.texts
        await self.send(
            context, message.chat.id, f"{texts['greeting']}\n\n{self.caveat}".strip(), START_KEYBOARD
        )

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/help: what can be asked, and the commands."""
        message = update.effective_message
        if message is not None:
            await self.send(context, message.chat.id, self._help_text())

    def _help_text(self) -> str:
        commands = "\n".join(f"/{name} \u2014 {text}" for name, text in self.commands())
        return f"{self.brain.knowledge.texts['help']}\n\nCommands:\n{commands}"

    def commands(self) -> list[tuple[str, str]]:
        """Commands to register with Telegram: ours plus the reminders module's."""
        extra = getattr(telegram_reminders, "COMMANDS", ())
        return list(COMMANDS) + [(name, text) for name, text in extra if name not in dict(COMMANDS)]

    def _routine(self, prefs: Prefs, variant: int) -> str:
        options = RoutineOptions(level=prefs.level, focus=prefs.focus, equipment=prefs.equipment)
        # "Another one": the same day, the rotation moved on by `variant` turns.
        return self.brain.routine(options, self._today(prefs), variant=variant).text

    async def on_routine(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/routine: today's routine for the saved settings, with buttons to adjust it."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        prefs = self.store.get_prefs(str(user.id))
        await self.send(context, message.chat.id, self._routine(prefs, 0), routine_keyboard(prefs, 0))

    async def on_settings(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/settings: current settings with buttons for each choice."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        prefs = self.store.get_prefs(str(user.id))
        await self.send(context, message.chat.id, settings_text(prefs), settings_keyboard(prefs))

    async def on_privacy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/privacy: exactly what is stored."""
        message, user = update.effective_message, update.effective_user
        if message is not None and user is not None:
            await self.send(context, message.chat.id, self._privacy_text(str(user.id)))

    def _privacy_text(self, user_id: str) -> str:
        held = sum(self.store.describe_user(user_id).values())
        return f"{PRIVACY_TEXT}\n\nRight now BackCoach holds {held} record{'s' if held != 1 else ''} about you."

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/forget: ask for confirmation with a button."""
        message = update.effective_message
        if message is not None:
            await self.send(context, message.chat.id, FORGET_ASK, FORGET_KEYBOARD)

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An unknown /command in a private chat: point to /help."""
        message = update.effective_message
        if message is not None and message.chat.type == ChatType.PRIVATE:
            await self.send(context, message.chat.id, "I don't know that command. Send /help to see what I can do.")

    # -- buttons ---------------------------------------------------------------------------

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every button press: act on it, and always answer the callback query."""
        query = update.callback_query
        if query is None:
            return
        notice: str | None = None
        try:
            notice = await self._press(query, update, context)
        finally:
            await answer_query(query, notice)

    async def _edit_or_send(
        self,
        query: CallbackQuery,
        context: ContextTypes.DEFAULT_TYPE,
        text: str,
        markup: InlineKeyboardMarkup | None,
    ) -> None:
        """Replace the pressed message when the new text fits in one, else send new messages."""
        parts = split_message(text)
        message = query.message
        if len(parts) == 1 and isinstance(message, Message):
            try:
                await message.edit_text(
                    parts[0],
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
                return
            except BadRequest as exc:
                if "not modified" in exc.message.lower():
                    return  # the same choice pressed twice
                log.debug("edit failed, sending instead: %s", exc)
        if message is not None:
            await self.send(context, message.chat.id, text, markup)

    async def _press(self, query: CallbackQuery, update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
        """Carry out one button; returns a short notice for the query answer, or None."""
        data, user = query.data or "", query.from_user
        message = query.message
        chat_id = message.chat.id if message is not None else user.id
        user_id = str(user.id)
        prefs = self.store.get_prefs(user_id)
        head, _, rest = data.partition(":")
        log.info("button update=%s data=%s", update.update_id, data)

        if head in ("r", "s") and rest[:2] in ("l:", "e:", "f:"):
            field, allowed = _FIELDS[rest[0]]
            value = rest[2:]
            if value not in allowed:
                return "That button has expired."
            prefs = _with_choice(prefs, field, value)
            self.store.save_prefs(user_id, prefs)
            if head == "r":
                await self._edit_or_send(query, context, self._routine(prefs, 0), routine_keyboard(prefs, 0))
            else:
                await self._edit_or_send(query, context, settings_text(prefs), settings_keyboard(prefs))
            return "Saved."
        if head == "r" and rest.startswith("n:") and rest[2:].isdigit():
            variant = min(int(rest[2:]), 365)
            await self.send(context, chat_id, self._routine(prefs, variant), routine_keyboard(prefs, variant))
            return None
        if head == "s" and rest == "tz":
            await self.send(
                context,
                chat_id,
                'Tell me your time zone in a message, for example "my time zone is Europe/Berlin" '
                'or "UTC+2". It decides when "today" starts and when reminders arrive.',
            )
            return None
        if head == "k" and rest:
            reply = self.brain.describe(rest, self._turn("", user_id, prefs))
            await self.send(context, chat_id, reply.text, self._suggestion_markup(reply))
            log.info("turn update=%s intent=%s sources=%s via=button", update.update_id, reply.intent, ",".join(reply.sources) or "-")
            return None
        if head == "f":
            if rest == "yes":
                deleted = self.store.forget_user(user_id)
                self._known_chats = {k for k in self._known_chats if k[0] != user_id}
                log.info("forget update=%s rows=%d", update.update_id, deleted)
                await self._edit_or_send(
                    query, context, "Done: everything BackCoach stored about you has been deleted.", None
                )
                return "Deleted."
            await self._edit_or_send(query, context, "Nothing was deleted.", None)
            return None
        if head == "go":
            handler = {
                "routine": lambda: self.send(context, chat_id, self._routine(prefs, 0), routine_keyboard(prefs, 0)),
                "settings": lambda: self.send(context, chat_id, settings_text(prefs), settings_keyboard(prefs)),
                "help": lambda: self.send(context, chat_id, self._help_text()),
                "privacy": lambda: self.send(context, chat_id, self._privacy_text(user_id)),
            }.get(rest)
            if handler is not None:
                await handler()
                return None
        return "That button has expired."

    # -- errors and start-up ---------------------------------------------------------------

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the update id and the exception; a chat that is gone is recorded, not retried."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        chat = update.effective_chat if isinstance(update, Update) else None
        if isinstance(error, TelegramError) and _is_gone(error) and chat is not None:
            self._gone(chat.id, error)
            return
        log.error("update %s failed: %r", update_id, error, exc_info=error)
        if isinstance(error, TelegramError):
            return  # Telegram itself failed: another message would likely fail too
        if chat is not None and chat.type == ChatType.PRIVATE:
            try:
                await self.send(context, chat.id, SORRY_TEXT)
            except TelegramError as exc:
                log.warning("could not tell chat %s about the failure: %s", chat.id, exc)

    async def post_init(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Register the command list so Telegram shows it in the menu."""
        await application.bot.set_my_commands([BotCommand(n, t) for n, t in self.commands()])


def build_application(
    settings: Settings,
    brain: Brain,
    store: SettingsStore,
    *,
    chat_interval: float = CHAT_INTERVAL_SECONDS,
    retry_delays: Sequence[float] = RETRY_DELAYS_SECONDS,
    concurrency: int = CONCURRENT_UPDATES,
    clock: Callable[[], datetime] | None = None,
    overall_max_rate: float = 30.0,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The configured PTB Application with every BackCoach handler (not started).

    ``overall_max_rate`` is Telegram's 30 messages/s; 0 lifts it (benchmarks of the stack).
    """
    # Before build(): PTB logs the Bot API URL, token included, while constructing the bot.
    install_log_redaction(settings.telegram_token)
    bot = BackCoachBot(brain, store, clock) if clock is not None else BackCoachBot(brain, store)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .request(RetryingRequest(retry_delays))
        .rate_limiter(
            PacedRateLimiter(chat_interval, overall_max_rate=overall_max_rate, max_retries=RATE_LIMIT_RETRIES)
        )
        .concurrent_updates(concurrency)
        .post_init(bot.post_init)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    application = builder.build()
    application.bot_data["backcoach"] = bot

    new = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE
    for name, callback in (
        ("start", bot.on_start),
        ("help", bot.on_help),
        ("routine", bot.on_routine),
        ("settings", bot.on_settings),
        ("privacy", bot.on_privacy),
        ("forget", bot.on_forget),
    ):
        # Edited commands are not re-run: /forget edited into /forget must not ask twice.
        application.add_handler(CommandHandler(name, callback, filters=new))
    application.add_handler(CallbackQueryHandler(bot.on_button, pattern=r"^(r|s|k|f|go):"))
    application.add_handler(MessageHandler(private & new & filters.TEXT & ~filters.COMMAND, bot.on_text))
    application.add_handler(
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE & filters.TEXT & ~filters.COMMAND, bot.on_edited)
    )
    application.add_handler(MessageHandler(filters.ChatType.GROUPS & new & filters.TEXT & ~filters.COMMAND, bot.on_group_text))
    # Only new messages: a shared live location sends an edit every few seconds.
    application.add_handler(
        MessageHandler(private & new & ~filters.TEXT & ~filters.StatusUpdate.ALL, bot.on_non_text)
    )
    telegram_reminders.register(application, brain, store)
    # Fallbacks last, after the reminders module's handlers, so its commands win.
    application.add_handler(MessageHandler(private & new & filters.COMMAND, bot.on_unknown_command))
    application.add_handler(CallbackQueryHandler(bot.on_button, pattern=r"^(?!rem:)"))
    application.add_error_handler(bot.on_error)
    return application


async def start(application: Application[Any, Any, Any, Any, Any, Any], poll_timeout: float = 10.0) -> None:
    """Initialise, register commands and start long polling without dropping pending updates."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0.0,
        timeout=timedelta(seconds=poll_timeout),
        drop_pending_updates=False,
        allowed_updates=Update.ALL_TYPES,
    )


async def stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop polling (confirming fetched updates), stop handlers and release connections."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()


def serve(settings: Settings, content_dir: Path | None = None) -> int:
    """Run the bot with long polling until interrupted (Ctrl+C / SIGTERM).

    Returns 0 after a clean stop, 1 when the database cannot be opened or is too new.
    """
    from bot.content import load_brain  # reads files: only when actually serving
    from bot.storage.migrations import SchemaTooNewError
    from bot.storage.sqlite import SqliteStore

    configure_logging(settings.log_level, settings.telegram_token)
    brain = load_brain(content_dir)
    try:
        store = SqliteStore(settings.db_path)
    except (sqlite3.Error, SchemaTooNewError) as exc:
        print(f"backcoach serve: cannot use BACKCOACH_DB={settings.db_path}: {exc}", file=sys.stderr)
        return 1
    try:
        application = build_application(settings, brain, store)
        log.info("BackCoach serving with long polling (database %s)", settings.db_path)
        # drop_pending_updates=False: messages sent while the bot was down still get answers.
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    finally:
        store.close()
    return 0


__all__ = ("BackCoachBot", "build_application", "serve", "split_message", "start", "stop")
