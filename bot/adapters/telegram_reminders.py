"""Telegram side of reminders and progress: commands, buttons and the one due-reminder job.

Used by ``bot/adapters/telegram.py``: ``register(application, brain, store)`` adds the
/remind, /reminders and /progress commands, the ``rem:`` buttons and ONE repeating JobQueue
job; ``apply_actions(store, user_id, chat_id, actions, now)`` carries out the brain's
reminder and time-zone actions and returns extra lines for the reply. Every callback_data
here starts with ``rem:``; the main adapter leaves that prefix to this module.
"""

from __future__ import annotations

import html
import logging
import time as monotonic_time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    TypeHandler,
    filters,
)

from bot.adapters.callbacks import answer_query
from bot.brain.model import (
    CancelReminders,
    ListReminders,
    RoutineOptions,
    SetReminder,
    SetTimezone,
)
from bot.brain.reminder_text import (
    ReminderProblem,
    describe_days,
    describe_reminder,
    describe_zone,
    judge_checkin,
    parse_reminder,
    progress,
    render_progress,
    week_start,
)
from bot.scheduler import (
    REMINDERS_PER_SECOND,
    Claimed,
    DeliveryReport,
    Outcome,
    Pacer,
    deliver_due,
)
from bot.storage.reminders import Reminder, ReminderChange, ReminderStore

if TYPE_CHECKING:
    from bot.brain.brain import Brain

log = logging.getLogger(__name__)

# Every callback_data this module owns starts with this prefix; the main adapter must not claim it.
CALLBACK_PREFIX = "rem:"
CALLBACK_PATTERN = r"^rem:"
COMMANDS: tuple[tuple[str, str], ...] = (
    ("remind", "Set a reminder, e.g. /remind 07:30 mon-fri"),
    ("reminders", "List your reminders (with delete buttons)"),
    ("progress", "Sessions this week, streak, last 4 weeks"),
)
# The job polls the indexed next_due column; 20 s keeps reminders within the minute.
TICK_SECONDS = 20.0
CLAIM_BATCH = 50  # a crash loses at most this many in-flight reminders (never sends twice)
_FEEL_CODES = {"e": "easy", "o": "ok", "h": "hard"}

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    """The real clock (aware UTC); everything else takes the clock as an argument."""
    return datetime.now(timezone.utc)


def _reminder_store(store: Any) -> ReminderStore | None:
    """The reminder tables beside a SqliteStore; None for stores without SQLite (MemoryStore)."""
    if not hasattr(store, "connection"):
        return None
    return ReminderStore.for_store(store)


def _local(moment: datetime, tz: str) -> datetime:
    """An aware instant in the user's zone (UTC when none is set)."""
    return moment.astimezone(ZoneInfo(tz or "UTC"))


def _when(moment: datetime, tz: str) -> str:
    """'Tue 24 Nov 07:00' in the user's zone."""
    return _local(moment, tz).strftime("%a %d %b %H:%M")


def _reminder_line(rem: Reminder) -> str:
    """One reminder for a list: schedule, zone and the next time it fires."""
    line = describe_reminder(rem.at, rem.days, rem.tz)
    if rem.paused or rem.next_due_utc is None:
        return f"{line}, paused"
    return f"{line}, next {_when(rem.next_due_utc, rem.tz)}"


# --- actions from the brain -------------------------------------------------------------------


async def apply_actions(
    store: Any, user_id: str, chat_id: int, actions: tuple[Any, ...], now: datetime
) -> list[str]:
    """Carry out the brain's reminder/time-zone actions and return extra lines for the reply."""
    reminders = _reminder_store(store)
    lines: list[str] = []
    for action in actions:
        if isinstance(action, SetTimezone):
            lines += _set_timezone(store, reminders, user_id, action.tz, now)
        elif reminders is None:
            lines.append("Reminders are not available with this storage.")
        elif isinstance(action, SetReminder):
            lines += _set_reminder(store, reminders, user_id, chat_id, action, now)
        elif isinstance(action, CancelReminders):
            removed = reminders.cancel(user_id, action.at)
            if removed:
                lines.append(f"Removed {removed} reminder{'s' if removed != 1 else ''}.")
            elif action.at is not None:
                lines.append(f"There was no reminder at {action.at:%H:%M}. /reminders lists yours.")
            else:
                lines.append("You had no reminders.")
        elif isinstance(action, ListReminders):
            lines += _list_lines(reminders, user_id)
    return lines


def _set_reminder(
    store: Any, reminders: ReminderStore, user_id: str, chat_id: int, action: SetReminder,
    now: datetime,
) -> list[str]:
    """Store one reminder (or change one) in the user's zone; mention UTC once when no zone is set."""
    tz = store.get_prefs(user_id).tz
    if action.replace:
        change = reminders.change(
            user_id, chat_id, action.at, action.days, tz or "UTC", now, action.old_at, action.old_days
        )
        if change.now is None:
            return _unchanged_lines(change, action)
        rem = change.now
        stored = f"{describe_days(rem.days)} at {rem.at:%H:%M}"
        if change.was is None:
            lines = [f"You had no reminder to change, so I set a new one: {stored}."]
        else:
            lines = [f"Changed your {change.was.at:%H:%M} reminder: now {stored}."]
            if change.was.id != rem.id:  # merged into an identical reminder the user had
                lines[0] = lines[0][:-1] + ", which you already had, so that is one reminder now."
    else:
        rem = reminders.add(user_id, chat_id, action.at, action.days, tz or "UTC", now)
        lines = []
    if rem.next_due_utc is not None:
        lines.append(f"Next reminder: {_when(rem.next_due_utc, rem.tz)} ({describe_zone(rem.tz)}).")
    if not tz:
        if not reminders.tz_asked(user_id):
            reminders.mark_tz_asked(user_id)
            lines.append(
                f"You haven't told me your time zone, so I'm using UTC (it is {now:%H:%M} UTC "
                'now). Which zone are you in? Say e.g. "my timezone is Europe/Berlin", '
                '"I\'m in London" or "UTC+2".'
            )
        else:
            lines.append("Times are in UTC until you set your time zone.")
    return lines


def _unchanged_lines(change: ReminderChange, action: SetReminder) -> list[str]:
    """Why a change request changed nothing, the user's reminders, and a request that works."""
    target = f"{action.at:%H:%M}" + (f" {describe_days(action.days)}" if action.days else "")
    if not change.choices:
        return [f'You have no reminders to change. Try "remind me every day at {action.at:%H:%M}".']
    if change.outcome == "ambiguous":
        head = (
            f"You have {len(change.choices)} reminders, so I changed none yet. "
            f"Which one should move to {target}?"
        )
    else:
        named = (f" at {action.old_at:%H:%M}" if action.old_at else "") + (
            f" on {describe_days(action.old_days)}" if action.old_days else ""
        )
        head = f"You have no reminder{named}, so I changed none. Your reminders:"
    first = change.choices[0]
    # Name the days too when the time alone does not single the reminder out.
    shared = sum(r.at == first.at for r in change.choices) > 1
    name = f"{first.at:%H:%M}" + (f" {describe_days(first.days)}" if shared else "")
    return [head, *(f"\u2022 {_reminder_line(r)}" for r in change.choices),
            f'Say e.g. "change my {name} reminder to {target}".']


def _set_timezone(
    store: Any, reminders: ReminderStore | None, user_id: str, tz: str, now: datetime
) -> list[str]:
    """Save the zone, move the user's reminders to it (same local times), confirm local time."""
    store.save_prefs(user_id, replace(store.get_prefs(user_id), tz=tz))
    lines = [f"It is {_local(now, tz):%H:%M} on {_local(now, tz):%a %d %b} there ({describe_zone(tz)})."]
    moved = reminders.set_timezone(user_id, tz, now) if reminders is not None else 0
    if moved:
        lines.append(f"Your {moved} reminder{'s' if moved != 1 else ''} now follow{'s' if moved == 1 else ''} this zone.")
    return lines


def _list_lines(reminders: ReminderStore, user_id: str) -> list[str]:
    """The user's reminders, one per line, or how to set one."""
    rows = reminders.for_user(user_id)
    if not rows:
        return ['You have no reminders. Try "remind me every day at 7:30".']
    return [f"\u2022 {_reminder_line(rem)}" for rem in rows] + ["/reminders shows delete buttons."]


# --- keyboards ----------------------------------------------------------------------------------


def _button(label: str, data: str) -> InlineKeyboardButton:
    """An inline button; Telegram rejects callback_data over 64 bytes."""
    assert data.startswith(CALLBACK_PREFIX) and len(data.encode()) <= 64, data
    return InlineKeyboardButton(label, callback_data=data)


def reminder_keyboard(delivery_id: int) -> InlineKeyboardMarkup:
    """Done / Snooze 30 min / Skip today under a delivered reminder."""
    return InlineKeyboardMarkup([[
        _button("\u2705 Done", f"rem:d:{delivery_id}"),
        _button("\u23f0 Snooze 30 min", f"rem:z:{delivery_id}"),
        _button("Skip today", f"rem:s:{delivery_id}"),
    ]])


def feel_keyboard(session_id: int) -> InlineKeyboardMarkup:
    """How did it feel: easy / ok / hard (optional)."""
    return InlineKeyboardMarkup([[
        _button(label.capitalize(), f"rem:f:{session_id}:{code}")
        for code, label in _FEEL_CODES.items()
    ]])


def pain_keyboard(session_id: int) -> InlineKeyboardMarkup:
    """Pain 0-10 as buttons, two rows."""
    buttons = [_button(str(n), f"rem:p:{session_id}:{n}") for n in range(11)]
    return InlineKeyboardMarkup([buttons[:6], buttons[6:]])


def list_keyboard(rows: Sequence[Reminder]) -> InlineKeyboardMarkup | None:
    """One delete button per reminder."""
    if not rows:
        return None
    return InlineKeyboardMarkup([
        [_button(f"\U0001f5d1 Delete {describe_reminder(r.at, r.days, r.tz)}"[:60], f"rem:x:{r.id}")]
        for r in rows
    ])


# --- the service --------------------------------------------------------------------------------


class ReminderService:
    """Handlers and the due job, over the brain, the settings store and the reminder tables."""

    def __init__(self, brain: Brain, store: Any, clock: Clock | None = None) -> None:
        """``clock`` returns an aware UTC datetime; by default the main adapter's clock."""
        self.brain = brain
        self.store = store
        self.reminders = _reminder_store(store)
        self._clock = clock
        self.pacer = Pacer(REMINDERS_PER_SECOND, monotonic_time.monotonic)

    def clock(self) -> datetime:
        """Now, from the injected clock or the main adapter's or the real one."""
        return (self._clock or _utc_now)()

    # -- sending ---------------------------------------------------------------------------

    async def _send(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str,
        markup: InlineKeyboardMarkup | None = None,
    ) -> Message | None:
        """Send plain text as escaped HTML through the main adapter (split, paced, 'gone' aware).

        Returns None when the chat is gone (blocked bot, deleted chat).
        """
        main = context.application.bot_data.get("backcoach")
        if main is not None:
            sent: Message | None = await main.send(context, chat_id, text, markup)
            return sent
        try:  # standalone use (no main adapter): one escaped message
            return await context.bot.send_message(
                chat_id, html.escape(text), parse_mode=ParseMode.HTML, reply_markup=markup
            )
        except Forbidden:
            return None

    async def _edit(
        self, message: Any, text: str, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        """Replace a message's text (escaped HTML) and buttons; ignore 'not modified'."""
        if not isinstance(message, Message):
            return
        try:
            await message.edit_text(html.escape(text), parse_mode=ParseMode.HTML, reply_markup=markup)
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                raise

    async def _drop_buttons(self, message: Any) -> None:
        """Remove the buttons from a message so they cannot be pressed twice."""
        if isinstance(message, Message):
            try:
                await message.edit_reply_markup(None)
            except BadRequest as exc:
                log.debug("could not remove buttons: %s", exc)

    def reminder_text(self, user_id: str, day: date) -> str:
        """The reminder message: that day's routine for the user's settings, eased if needed."""
        prefs = self.store.get_prefs(user_id)
        assert self.reminders is not None
        level = self.reminders.effective_level(user_id, prefs.level)
        options = RoutineOptions(level=level, focus=prefs.focus, equipment=prefs.equipment)
        routine = self.brain.routine(options, day).text
        head = "Time for your back routine."
        if level != prefs.level:
            head += f" After your last check-in it is eased to {level} today."
        return f"{head}\n\n{routine}"

    async def deliver(self, context: ContextTypes.DEFAULT_TYPE) -> DeliveryReport | None:
        """Claim and send everything due now (the body of the repeating job)."""
        if self.reminders is None:
            return None

        async def send(item: Claimed) -> Outcome:
            text = self.reminder_text(item.user_id, item.local_date)
            try:
                sent = await self._send(context, item.chat_id, text, reminder_keyboard(item.delivery_id))
            except Forbidden:
                return Outcome.BLOCKED
            except TelegramError as exc:
                log.warning("reminder %d not delivered: %s", item.delivery_id, exc)
                return Outcome.FAILED
            return Outcome.SENT if sent is not None else Outcome.BLOCKED

        return await deliver_due(self.reminders, self.clock, send, self.pacer, CLAIM_BATCH)

    async def tick(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """JobQueue callback: one delivery run; errors are logged, the job keeps running."""
        try:
            await self.deliver(context)
        except Exception:
            log.exception("reminder delivery run failed")

    # -- commands --------------------------------------------------------------------------

    async def on_any_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Runs first for every update: a user who writes again gets paused reminders back."""
        user, chat = update.effective_user, update.effective_chat
        if self.reminders is None or user is None or chat is None or chat.type != ChatType.PRIVATE:
            return
        resumed = self.reminders.resume_user(str(user.id), self.clock())
        if resumed:
            log.info("resumed %d paused reminders for a returning user", resumed)

    async def on_remind(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/remind 07:30 mon-fri (or any reminder sentence after the command)."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.text is None:
            return
        parsed = parse_reminder(message.text)
        if isinstance(parsed, ReminderProblem):
            await self._send(context, message.chat.id, f"{parsed.reason}\nTry: {parsed.example}")
            return
        if isinstance(parsed, ListReminders):
            await self.on_list(update, context)
            return
        lines = await apply_actions(self.store, str(user.id), message.chat.id, (parsed,), self.clock())
        # A change confirms itself (what was changed, what is stored now); a new one is named here.
        if isinstance(parsed, SetReminder) and not parsed.replace and self.reminders is not None:
            prefs_tz = self.store.get_prefs(str(user.id)).tz or "UTC"
            lines.insert(0, f"Reminder set: {describe_reminder(parsed.at, parsed.days, prefs_tz)}.")
        await self._send(context, message.chat.id, "\n".join(lines))

    async def on_list(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/reminders: every reminder with a delete button."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        text, markup = self._list_message(str(user.id))
        await self._send(context, message.chat.id, text, markup)

    def _list_message(self, user_id: str) -> tuple[str, InlineKeyboardMarkup | None]:
        """The /reminders text and its delete buttons."""
        if self.reminders is None:
            return "Reminders are not available with this storage.", None
        rows = self.reminders.for_user(user_id)
        if not rows:
            return 'You have no reminders. Try "/remind 07:30 mon-fri" or "remind me every day at 7am".', None
        lines = ["Your reminders:"] + [f"\u2022 {_reminder_line(r)}" for r in rows]
        return "\n".join(lines), list_keyboard(rows)

    async def on_progress(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/progress: sessions this week, weekly streak, last 4 weeks."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        await self._send(context, message.chat.id, self.progress_text(str(user.id)))

    def progress_text(self, user_id: str) -> str:
        """The /progress message for a user, in their zone."""
        if self.reminders is None:
            return "Progress is not available with this storage."
        today = _local(self.clock(), self.store.get_prefs(user_id).tz).date()
        # The streak may reach back further than the 4 weeks shown; a year bounds the read.
        since = week_start(today) - timedelta(weeks=52)
        days = self.reminders.session_dates(user_id, since)
        text = render_progress(progress(days, today, self.reminders.weekly_target(user_id)))
        if not days:
            text += "\n\nPress Done under a reminder to log a session."
        return text

    # -- buttons ---------------------------------------------------------------------------

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every rem: button; the query is always answered, with a short notice."""
        query = update.callback_query
        if query is None:
            return
        notice: str | None = "That button has expired."
        try:
            if self.reminders is not None:
                notice = await self._press(query.data or "", str(query.from_user.id), query.message, context)
        finally:
            await answer_query(query, notice)

    async def _press(
        self, data: str, user_id: str, message: Any, context: ContextTypes.DEFAULT_TYPE
    ) -> str | None:
        """Carry out one rem: button; returns the notice for the query answer."""
        assert self.reminders is not None
        parts = data.split(":")
        if len(parts) < 3 or not parts[2].isdigit():
            return "That button has expired."
        kind, ref = parts[1], int(parts[2])
        now = self.clock()
        if kind == "x":
            if not self.reminders.delete(user_id, ref):
                return "That reminder is already gone."
            text, markup = self._list_message(user_id)
            await self._edit(message, text, markup)
            return "Deleted."
        if kind in ("f", "p") and len(parts) == 4:
            return await self._checkin(kind, ref, parts[3], user_id, message, now)
        delivery = self.reminders.delivery(ref)
        if delivery is None or delivery.user_id != user_id:
            return "That button has expired."
        if delivery.response is not None:
            return f"Already {delivery.response}."
        tz = self.store.get_prefs(user_id).tz or "UTC"
        chat_id = message.chat.id if message is not None else int(user_id)
        if kind == "d":
            session_id, _ = self.reminders.record_session(user_id, delivery.local_date, now)
            self.reminders.respond(delivery.id, "done")
            await self._drop_buttons(message)
            text = f"Nice work: session logged.\n\n{self.progress_text(user_id)}\n\nHow did it feel? (optional)"
            await self._send(context, chat_id, text, feel_keyboard(session_id))
            return "Logged."
        if kind == "z":
            due = self.reminders.snooze(delivery, chat_id, tz, now)
            await self._drop_buttons(message)
            return f"Snoozed until {_local(due, tz):%H:%M}."
        if kind == "s":
            self.reminders.skip_today(user_id, _local(now, tz).date(), tz, now)
            self.reminders.respond(delivery.id, "skipped")
            await self._drop_buttons(message)
            return "Skipped for today."
        return "That button has expired."

    async def _checkin(
        self, kind: str, session_id: int, value: str, user_id: str, message: Any, now: datetime
    ) -> str | None:
        """Record feel (then ask for pain) or pain (then judge and say what changes)."""
        assert self.reminders is not None
        if self.reminders.session_owner(session_id) != user_id:
            return "That button has expired."
        if kind == "f":
            feel = _FEEL_CODES.get(value)
            if feel is None:
                return "That button has expired."
            self.reminders.record_checkin(user_id, session_id, now, feel=feel)
            await self._edit(message, f"Felt {feel}. Any pain now, from 0 (none) to 10 (worst)?", pain_keyboard(session_id))
            return "Noted."
        if not value.isdigit() or not 0 <= int(value) <= 10:
            return "That button has expired."
        self.reminders.record_checkin(user_id, session_id, now, pain=int(value))
        # Read after the write: the latest check-in then holds this session's feel and pain.
        latest = self.reminders.recent_checkins(user_id, 2)
        before = latest[1] if len(latest) > 1 else None
        level = self.store.get_prefs(user_id).level
        verdict = judge_checkin(latest[0], before, level)
        self.reminders.set_ease(user_id, 1 if verdict.ease else 0)
        await self._edit(message, f"Pain {value}/10. {verdict.text}")
        return "Noted."


def register(application: Any, brain: Any, store: Any) -> None:
    """Add the /remind, /reminders, /progress handlers, reminder buttons and the due job."""
    main = application.bot_data.get("backcoach")
    clock = getattr(main, "clock", None)
    service = ReminderService(brain, store, clock)
    application.bot_data["reminders"] = service
    # Group -1 runs before the main handlers and never stops them.
    application.add_handler(TypeHandler(Update, service.on_any_update), group=-1)
    # Private chats only: reminders and progress are personal, and a group is not where
    # a reminder should land. Edited commands are not re-run (no duplicate reminder).
    private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("remind", service.on_remind, filters=private))
    application.add_handler(CommandHandler("reminders", service.on_list, filters=private))
    application.add_handler(CommandHandler("progress", service.on_progress, filters=private))
    application.add_handler(CallbackQueryHandler(service.on_button, pattern=CALLBACK_PATTERN))
    if application.job_queue is None:
        log.warning("no JobQueue (install python-telegram-bot[job-queue]): reminders will not be sent")
        return
    # ONE job for all reminders: it reads the indexed next_due column, so start-up rebuilds nothing.
    application.job_queue.run_repeating(service.tick, interval=TICK_SECONDS, first=1.0, name="reminders")


__all__ = ("CALLBACK_PREFIX", "COMMANDS", "ReminderService", "apply_actions", "register")
