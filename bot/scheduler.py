"""When reminders fire, and how the due ones are delivered: pure time rules plus one delivery loop.

``next_fire`` is pure (zoneinfo only, the clock is an argument). ``deliver_due`` is the body
of the one recurring job: it claims what is due in small transactional batches (the claim
advances each reminder's next due instant in the same transaction, so nothing is sent twice)
and sends through a ``Pacer`` so a minute with thousands of reminders spreads over seconds.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Protocol
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
# A reminder found due more than this late (the bot was down) is skipped, not sent: a 7:00
# "time for your exercises" at 10:00 is noise, and the next one is rescheduled as usual.
LATE_LIMIT = timedelta(hours=2)
# Telegram allows about 30 messages/s per bot overall; reminders take 25 so replies to
# people chatting at the same moment still have headroom.
REMINDERS_PER_SECOND = 25.0


def _require_utc(moment: datetime, name: str) -> None:
    """Reject naive datetimes: every instant handled here is an aware UTC datetime."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC), got naive {moment!r}")


def local_instant(day: date, at: time, tz: str) -> datetime:
    """The UTC instant of wall-clock ``at`` on ``day`` in ``tz``, applying the DST rules.

    A wall time that does not exist (spring forward) maps, per PEP 495 with fold=0, to the
    same distance past the gap: 02:30 in a 02:00->03:00 gap fires at 03:30. A wall time that
    happens twice (fall back) maps to its first occurrence (fold=0), so it fires once.
    """
    zone = ZoneInfo(tz)
    wall = datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone)
    return wall.astimezone(timezone.utc)


def next_fire(at: time, days: Sequence[int], tz: str, after: datetime) -> datetime:
    """The first instant strictly after ``after`` when local ``at`` falls on one of ``days``.

    Args:
        at: local wall-clock time of the reminder.
        days: weekdays it fires on, 0 = Monday ... 6 = Sunday; must not be empty.
        tz: IANA zone name (``ZoneInfoNotFoundError`` if unknown).
        after: aware instant; the result is an aware UTC datetime later than it.
    """
    _require_utc(after, "after")
    wanted = set(days)
    if not wanted or not wanted <= set(ALL_DAYS):
        raise ValueError(f"days must be a non-empty subset of 0..6, got {tuple(days)!r}")
    start = after.astimezone(ZoneInfo(tz)).date()
    # Eight local days always contain one wanted weekday strictly after `after`, because
    # today's occurrence may already have passed.
    for offset in range(8):
        day = start + timedelta(days=offset)
        if day.weekday() in wanted:
            candidate = local_instant(day, at, tz)
            if candidate > after:
                return candidate
    raise AssertionError("unreachable: a wanted weekday occurs within eight days")


def local_date(moment: datetime, tz: str) -> date:
    """The calendar date in ``tz`` at an aware instant."""
    _require_utc(moment, "moment")
    return moment.astimezone(ZoneInfo(tz)).date()


@dataclass(frozen=True, slots=True)
class DuePlan:
    """What the claim does with one due reminder: send it or not, and when it is due next."""

    send: bool
    next_due: datetime | None  # None: a one-off (snooze) reminder that is finished


def plan_due(
    at: time, days: Sequence[int], tz: str, due: datetime, now: datetime, once: bool = False
) -> DuePlan:
    """Decide for a reminder due at ``due`` and claimed at ``now``: send if < LATE_LIMIT late."""
    _require_utc(due, "due")
    _require_utc(now, "now")
    send = now - due < LATE_LIMIT
    if once:
        return DuePlan(send=send, next_due=None)
    # Advancing from `now` (not from `due`) skips every occurrence missed while the bot was
    # down in one step, instead of replaying a backlog of stale reminders.
    return DuePlan(send=send, next_due=next_fire(at, days, tz, max(now, due)))


class Outcome(enum.Enum):
    """How one send ended, as far as the delivery loop needs to know."""

    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot or the chat is gone: pause, never retry
    FAILED = "failed"  # anything else after the transport's own retries: logged, not resent


@dataclass(frozen=True, slots=True)
class Claimed:
    """One reminder delivery that was claimed and must now be sent (at most once)."""

    delivery_id: int
    reminder_id: int
    user_id: str
    chat_id: int
    due_utc: datetime
    local_date: date
    tz: str


class ClaimStore(Protocol):
    """What the delivery loop needs from storage (``bot.storage.reminders.ReminderStore``)."""

    def claim_due(self, now: datetime, limit: int) -> list[Claimed]:
        """Claim up to ``limit`` due reminders and advance them, in one transaction."""
        ...

    def record_outcome(self, delivery_id: int, outcome: str, now: datetime) -> None:
        """Record how a claimed delivery ended."""
        ...

    def pause_user(self, user_id: str) -> int:
        """Pause all the user's reminders (they blocked the bot); returns how many."""
        ...


class Pacer:
    """Spaces calls evenly at ``rate`` per second; clock and sleep are injected for tests."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Create a pacer that lets one call through every ``1 / rate`` seconds."""
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next = float("-inf")
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Return when the next call may go; concurrent callers queue in order."""
        async with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
            if slot > now:
                await self._sleep(slot - now)


@dataclass(slots=True)
class DeliveryReport:
    """Counts from one run of the delivery loop."""

    claimed: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0


Sender = Callable[[Claimed], Awaitable[Outcome]]


async def deliver_due(
    store: ClaimStore,
    now: Callable[[], datetime],
    send: Sender,
    pacer: Pacer,
    batch: int = 50,
    max_batches: int = 1_000_000,
) -> DeliveryReport:
    """Claim and send everything due, batch by batch, until nothing is due.

    Batches are small so that a crash loses at most the batch in flight (those were
    claimed, so they are never sent twice; delivery is at most once by design, because
    Telegram has no idempotency key that would make a resend safe).
    """
    report = DeliveryReport()
    for _ in range(max_batches):
        claimed = store.claim_due(now(), batch)
        if not claimed:
            break
        report.claimed += len(claimed)
        outcomes = await asyncio.gather(*(_paced_send(item, send, pacer) for item in claimed))
        for item, outcome in zip(claimed, outcomes):
            store.record_outcome(item.delivery_id, outcome.value, now())
            if outcome is Outcome.SENT:
                report.sent += 1
            elif outcome is Outcome.BLOCKED:
                report.blocked += 1
                store.pause_user(item.user_id)
            else:
                report.failed += 1
    if report.claimed:
        log.info(
            "reminders: claimed=%d sent=%d blocked=%d failed=%d",
            report.claimed, report.sent, report.blocked, report.failed,
        )
    return report


async def _paced_send(item: Claimed, send: Sender, pacer: Pacer) -> Outcome:
    """Wait for a pacing slot, then send; an unexpected error counts as FAILED, not a crash."""
    await pacer.wait()
    try:
        return await send(item)
    except Exception:  # one bad reminder must not stop the others in the batch
        log.exception("reminder delivery %d failed", item.delivery_id)
        return Outcome.FAILED
