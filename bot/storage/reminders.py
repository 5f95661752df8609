"""All reminder and progress SQL: reminders, their deliveries, exercise sessions and check-ins.

Shares the connection (and lock) of ``SqliteStore``; the tables come from migration 2 in
``bot.storage.migrations``. Every table keys rows by ``user_id``, so ``SqliteStore.forget_user``
deletes them without knowing about them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Literal, cast

from bot.brain.model import Level
from bot.brain.reminder_text import CheckIn, eased_level
from bot.scheduler import ALL_DAYS, Claimed, local_date, next_fire, plan_due
from bot.storage.sqlite import write_transaction

SNOOZE = timedelta(minutes=30)


def to_db(moment: datetime) -> str:
    """An aware instant as sortable ISO-8601 UTC text, to the second."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_db(text: str) -> datetime:
    """The aware UTC instant stored by ``to_db``."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def _days_text(days: Sequence[int]) -> str:
    """Weekdays as a digit string, '0123456' for every day."""
    return "".join(str(d) for d in sorted(set(days)))


@dataclass(frozen=True, slots=True)
class Reminder:
    """One stored recurring reminder."""

    id: int
    user_id: str
    chat_id: int
    at: time
    days: tuple[int, ...]
    tz: str
    paused: bool
    next_due_utc: datetime | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One claimed reminder delivery and what the user did with it."""

    id: int
    user_id: str
    reminder_id: int
    local_date: date
    status: str
    response: str | None


def _reminder(row: Sequence[Any]) -> Reminder:
    """A Reminder from a ``SELECT id, user_id, chat_id, at, days, tz, paused, next_due_utc`` row."""
    return Reminder(
        id=row[0],
        user_id=row[1],
        chat_id=row[2],
        at=time.fromisoformat(row[3]),
        days=tuple(int(d) for d in row[4]),
        tz=row[5],
        paused=bool(row[6]),
        next_due_utc=None if row[7] is None else from_db(row[7]),
    )


_REMINDER_COLUMNS = "id, user_id, chat_id, at, days, tz, paused, next_due_utc"

ChangeOutcome = Literal["changed", "added", "ambiguous", "not_found"]


@dataclass(frozen=True, slots=True)
class ReminderChange:
    """What ``ReminderStore.change`` did: the reminder stored now and the one it was, or why
    nothing changed (``choices`` then holds all the user's reminders, for asking which one)."""

    outcome: ChangeOutcome
    now: Reminder | None = None  # "changed" / "added": the reminder as stored now
    was: Reminder | None = None  # "changed": the reminder before the change
    choices: tuple[Reminder, ...] = ()  # "ambiguous" / "not_found"


def pick_reminders(
    rows: Sequence[Reminder], old_at: time | None, old_days: Sequence[int], days: Sequence[int]
) -> list[Reminder]:
    """The reminders a change request can mean, best reading first.

    Those at the named old time and on the named old days: exactly those days, else any
    reminder that includes them ("my saturday reminder" is the weekend one). When several
    still fit and the request states new days, a reminder already on exactly those days is
    the one meant ("change my reminder to weekends at 9" beside a weekday one).
    """
    fits = [r for r in rows if old_at is None or r.at == old_at]
    if old_days:
        named = tuple(sorted(set(old_days)))
        exact = [r for r in fits if r.days == named]
        fits = exact or [r for r in fits if set(named) <= set(r.days)]
    if len(fits) > 1 and days:
        same = [r for r in fits if r.days == tuple(sorted(set(days)))]
        if len(same) == 1:
            return same
    return fits


class ReminderStore:
    """Reminders, deliveries, sessions and check-ins in the shared SQLite connection."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock | None = None) -> None:
        """Use ``conn`` (already migrated); ``lock`` serialises it with other stores."""
        self._conn = conn
        self._lock = lock if lock is not None else threading.RLock()

    @classmethod
    def for_store(cls, store: Any) -> ReminderStore:
        """A ReminderStore sharing a ``SqliteStore``'s connection and lock."""
        return cls(store.connection, getattr(store, "lock", None))

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction taken up front: BEGIN IMMEDIATE excludes other writers (processes)."""
        return write_transaction(self._conn, self._lock)

    # --- reminders -------------------------------------------------------------------------

    def add(
        self, user_id: str, chat_id: int, at: time, days: Sequence[int], tz: str, now: datetime
    ) -> Reminder:
        """Store a recurring reminder beside the user's others; returns it."""
        due = next_fire(at, days, tz, now)
        with self._tx() as conn:
            # An identical reminder is not duplicated: "remind me at 7" twice means one reminder.
            existing = conn.execute(
                f"SELECT {_REMINDER_COLUMNS} FROM reminders"
                " WHERE user_id = ? AND at = ? AND days = ? AND once = 0",
                (user_id, at.strftime("%H:%M"), _days_text(days)),
            ).fetchone()
            if existing is not None:
                return _reminder(existing)
            cur = conn.execute(
                "INSERT INTO reminders (user_id, chat_id, at, days, tz, next_due_utc, created_utc)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (user_id, chat_id, at.strftime("%H:%M"), _days_text(days), tz, to_db(due), to_db(now)),
            )
            rid = cast(int, cur.lastrowid)
        return Reminder(rid, user_id, chat_id, at, tuple(sorted(set(days))), tz, False, due)

    def change(
        self, user_id: str, chat_id: int, at: time, days: Sequence[int], tz: str, now: datetime,
        old_at: time | None = None, old_days: Sequence[int] = (),
    ) -> ReminderChange:
        """Move ONE of the user's reminders to ``at`` (and ``days``; none given keeps its days).

        Which one: the reminder at ``old_at`` and on ``old_days`` when those are given (see
        ``pick_reminders``), otherwise the user's only reminder. When the request fits several
        reminders or none, nothing changes and the outcome lists the user's reminders, so the
        adapter can ask which one: a change never silently drops a reminder. A user with no
        reminders who names none gets a new one (every day unless days were given), in ``tz``.

        Reading the reminders and rewriting the one row happen in one BEGIN IMMEDIATE
        transaction, so a crash or a concurrent writer can never leave the user with fewer
        reminders than they had, or a change made against a stale list.
        """
        wanted = tuple(sorted(set(days)))
        with self._tx() as conn:
            rows = [
                _reminder(r)
                for r in conn.execute(
                    f"SELECT {_REMINDER_COLUMNS} FROM reminders WHERE user_id = ? AND once = 0"
                    " ORDER BY at, days",
                    (user_id,),
                ).fetchall()
            ]
            if not rows and old_at is None and not old_days:
                added = self.add(user_id, chat_id, at, wanted or ALL_DAYS, tz, now)
                return ReminderChange("added", now=added)
            fits = pick_reminders(rows, old_at, old_days, wanted)
            if len(fits) != 1:
                return ReminderChange("ambiguous" if fits else "not_found", choices=tuple(rows))
            was = fits[0]
            new_days = wanted or was.days
            twin = next((r for r in rows if r.id != was.id and (r.at, r.days) == (at, new_days)), None)
            if twin is not None:
                # The user already has the reminder asked for: keep that one, drop the moved one.
                conn.execute("DELETE FROM reminders WHERE id = ?", (was.id,))
                return ReminderChange("changed", now=twin, was=was)
            # The row keeps its id, so a delivery already made today for it still counts: a
            # reminder moved later on a day it has fired is not sent a second time that day.
            due = None if was.paused else next_fire(at, new_days, was.tz, now)
            conn.execute(
                "UPDATE reminders SET at = ?, days = ?, next_due_utc = ?, chat_id = ? WHERE id = ?",
                (at.strftime("%H:%M"), _days_text(new_days), None if due is None else to_db(due),
                 chat_id, was.id),
            )
        return ReminderChange(
            "changed", now=Reminder(was.id, user_id, chat_id, at, new_days, was.tz, was.paused, due),
            was=was,
        )

    def for_user(self, user_id: str) -> list[Reminder]:
        """The user's recurring reminders, by local time."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_REMINDER_COLUMNS} FROM reminders WHERE user_id = ? AND once = 0"
                " ORDER BY at, days",
                (user_id,),
            ).fetchall()
        return [_reminder(r) for r in rows]

    def cancel(self, user_id: str, at: time | None = None) -> int:
        """Delete the user's reminders (all, or those at local time ``at``); returns how many."""
        with self._tx() as conn:
            if at is None:
                return conn.execute("DELETE FROM reminders WHERE user_id = ?", (user_id,)).rowcount
            return conn.execute(
                "DELETE FROM reminders WHERE user_id = ? AND at = ? AND once = 0",
                (user_id, at.strftime("%H:%M")),
            ).rowcount

    def delete(self, user_id: str, reminder_id: int) -> bool:
        """Delete one reminder if it belongs to the user."""
        with self._tx() as conn:
            return conn.execute(
                "DELETE FROM reminders WHERE id = ? AND user_id = ?", (reminder_id, user_id)
            ).rowcount == 1

    def set_timezone(self, user_id: str, tz: str, now: datetime) -> int:
        """Move the user's reminders to a new zone, keeping their local times; returns how many."""
        with self._tx() as conn:
            rows = conn.execute(
                f"SELECT {_REMINDER_COLUMNS} FROM reminders WHERE user_id = ? AND once = 0",
                (user_id,),
            ).fetchall()
            for rem in map(_reminder, rows):
                due = None if rem.paused else to_db(next_fire(rem.at, rem.days, tz, now))
                conn.execute(
                    "UPDATE reminders SET tz = ?, next_due_utc = ? WHERE id = ?", (tz, due, rem.id)
                )
        return len(rows)

    def pause_user(self, user_id: str) -> int:
        """Pause the user's reminders (they blocked the bot): not due until resumed."""
        with self._tx() as conn:
            conn.execute("DELETE FROM reminders WHERE user_id = ? AND once = 1", (user_id,))
            return conn.execute(
                "UPDATE reminders SET paused = 1, next_due_utc = NULL"
                " WHERE user_id = ? AND paused = 0",
                (user_id,),
            ).rowcount

    def resume_user(self, user_id: str, now: datetime) -> int:
        """Resume a paused user's reminders from ``now`` on; returns how many were resumed."""
        with self._lock:
            paused = self._conn.execute(
                f"SELECT {_REMINDER_COLUMNS} FROM reminders WHERE user_id = ? AND paused = 1",
                (user_id,),
            ).fetchall()
        if not paused:  # the common case, checked on every message, stays a single indexed read
            return 0
        with self._tx() as conn:
            for rem in map(_reminder, paused):
                conn.execute(
                    "UPDATE reminders SET paused = 0, next_due_utc = ? WHERE id = ? AND paused = 1",
                    (to_db(next_fire(rem.at, rem.days, rem.tz, now)), rem.id),
                )
        return len(paused)

    def count(self) -> int:
        """How many reminders are stored (all users)."""
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM reminders").fetchone()[0])

    def next_due(self) -> datetime | None:
        """The earliest due instant of any active reminder (what start-up needs to know)."""
        with self._lock:
            row = self._conn.execute("SELECT MIN(next_due_utc) FROM reminders").fetchone()
        return None if row[0] is None else from_db(row[0])

    # --- claiming and delivering -----------------------------------------------------------

    def claim_due(self, now: datetime, limit: int) -> list[Claimed]:
        """Claim up to ``limit`` due reminders, advancing each, in ONE transaction.

        Each claim inserts a delivery row unique per (reminder, local date) and moves the
        reminder's next due instant past ``now`` before anything is sent, so a crash after
        this commit can lose a message but never send one twice. Reminders more than
        ``LATE_LIMIT`` late are advanced and recorded as skipped, not returned.
        """
        claimed: list[Claimed] = []
        with self._tx() as conn:
            rows = conn.execute(
                f"SELECT {_REMINDER_COLUMNS}, once FROM reminders"
                " WHERE next_due_utc <= ? ORDER BY next_due_utc LIMIT ?",
                (to_db(now), limit),
            ).fetchall()
            for row in rows:
                rem, once = _reminder(row), bool(row[8])
                assert rem.next_due_utc is not None  # the WHERE clause excludes NULL
                plan = plan_due(rem.at, rem.days or (0,), rem.tz, rem.next_due_utc, now, once)
                if plan.next_due is None:
                    conn.execute("DELETE FROM reminders WHERE id = ?", (rem.id,))
                else:
                    conn.execute(
                        "UPDATE reminders SET next_due_utc = ? WHERE id = ?",
                        (to_db(plan.next_due), rem.id),
                    )
                day = local_date(rem.next_due_utc, rem.tz)
                # A snooze is a one-off row pointing at the recurring reminder it came from
                # through its delivery; its own id keeps it unique per local day.
                cur = conn.execute(
                    "INSERT OR IGNORE INTO reminder_deliveries"
                    " (user_id, reminder_id, local_date, due_utc, claimed_utc, status)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (rem.user_id, rem.id, day.isoformat(), to_db(rem.next_due_utc), to_db(now),
                     "claimed" if plan.send else "skipped_late"),
                )
                # rowcount 0: this reminder already went out for that local day (e.g. the
                # user moved to a zone behind theirs): the guard against a second send.
                if plan.send and cur.rowcount == 1:
                    claimed.append(
                        Claimed(cast(int, cur.lastrowid), rem.id, rem.user_id, rem.chat_id,
                                rem.next_due_utc, day, rem.tz)
                    )
        return claimed

    def record_outcome(self, delivery_id: int, outcome: str, now: datetime) -> None:
        """Record how a claimed delivery ended: sent, blocked or failed."""
        with self._tx() as conn:
            conn.execute(
                "UPDATE reminder_deliveries SET status = ?, finished_utc = ? WHERE id = ?",
                (outcome, to_db(now), delivery_id),
            )

    def delivery(self, delivery_id: int) -> Delivery | None:
        """One delivery, or None (unknown, or forgotten)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id, user_id, reminder_id, local_date, status, response"
                " FROM reminder_deliveries WHERE id = ?",
                (delivery_id,),
            ).fetchone()
        if row is None:
            return None
        return Delivery(row[0], row[1], row[2], date.fromisoformat(row[3]), row[4], row[5])

    def respond(self, delivery_id: int, response: str) -> None:
        """Record the user's answer to a delivered reminder (done, snoozed, skipped)."""
        with self._tx() as conn:
            conn.execute(
                "UPDATE reminder_deliveries SET response = ? WHERE id = ?", (response, delivery_id)
            )

    def snooze(self, delivery: Delivery, chat_id: int, tz: str, now: datetime) -> datetime:
        """Add a one-off reminder ``SNOOZE`` from now; returns when it is due."""
        due = now + SNOOZE
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO reminders (user_id, chat_id, at, days, tz, once, next_due_utc,"
                " created_utc) VALUES (?, ?, ?, '', ?, 1, ?, ?)",
                (delivery.user_id, chat_id, due.astimezone(timezone.utc).strftime("%H:%M"), tz,
                 to_db(due), to_db(now)),
            )
            conn.execute(
                "UPDATE reminder_deliveries SET response = 'snoozed' WHERE id = ?", (delivery.id,)
            )
        return due

    def skip_today(self, user_id: str, today: date, tz: str, now: datetime) -> int:
        """Drop the rest of today's reminders (snoozes, later ones today); returns how many."""
        skipped = 0
        with self._tx() as conn:
            skipped += conn.execute(
                "DELETE FROM reminders WHERE user_id = ? AND once = 1", (user_id,)
            ).rowcount
            rows = conn.execute(
                f"SELECT {_REMINDER_COLUMNS} FROM reminders"
                " WHERE user_id = ? AND once = 0 AND paused = 0",
                (user_id,),
            ).fetchall()
            for rem in map(_reminder, rows):
                if rem.next_due_utc is not None and local_date(rem.next_due_utc, rem.tz) <= today:
                    # The last instant of today, local: next_fire from there is tomorrow or later.
                    end = next_fire(time(23, 59), (0, 1, 2, 3, 4, 5, 6), rem.tz, now)
                    conn.execute(
                        "UPDATE reminders SET next_due_utc = ? WHERE id = ?",
                        (to_db(next_fire(rem.at, rem.days, rem.tz, end)), rem.id),
                    )
                    skipped += 1
        return skipped

    # --- sessions, check-ins, per-user settings ---------------------------------------------

    def record_session(self, user_id: str, day: date, now: datetime) -> tuple[int, bool]:
        """Record an exercise session on the user's local ``day``; returns (id, newly added)."""
        with self._tx() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO exercise_sessions (user_id, local_date, recorded_utc)"
                " VALUES (?, ?, ?)",
                (user_id, day.isoformat(), to_db(now)),
            )
            row = conn.execute(
                "SELECT id FROM exercise_sessions WHERE user_id = ? AND local_date = ?",
                (user_id, day.isoformat()),
            ).fetchone()
        return int(row[0]), cur.rowcount == 1

    def session_dates(self, user_id: str, since: date) -> list[date]:
        """Local dates with a recorded session on or after ``since``, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT local_date FROM exercise_sessions WHERE user_id = ? AND local_date >= ?"
                " ORDER BY local_date",
                (user_id, since.isoformat()),
            ).fetchall()
        return [date.fromisoformat(r[0]) for r in rows]

    def session_owner(self, session_id: int) -> str | None:
        """The user a session belongs to, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT user_id FROM exercise_sessions WHERE id = ?", (session_id,)
            ).fetchone()
        return None if row is None else str(row[0])

    def record_checkin(
        self, user_id: str, session_id: int, now: datetime,
        feel: str | None = None, pain: int | None = None,
    ) -> None:
        """Create or complete the check-in for a session (feel first, pain afterwards)."""
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO checkins (user_id, session_id, feel, pain, created_utc)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET"
                " feel = COALESCE(excluded.feel, feel), pain = COALESCE(excluded.pain, pain)",
                (user_id, session_id, feel, pain, to_db(now)),
            )

    def recent_checkins(self, user_id: str, n: int = 2) -> list[CheckIn]:
        """The user's last ``n`` check-ins, newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT feel, pain FROM checkins WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                (user_id, n),
            ).fetchall()
        return [CheckIn(feel=r[0], pain=r[1]) for r in rows]

    def _settings(self, user_id: str) -> tuple[int, int, int]:
        """(weekly_target, ease, tz_asked) for the user, defaults when there is no row."""
        with self._lock:
            row = self._conn.execute(
                "SELECT weekly_target, ease, tz_asked FROM reminder_users WHERE user_id = ?",
                (user_id,),
            ).fetchone()
        return (3, 0, 0) if row is None else (int(row[0]), int(row[1]), int(row[2]))

    def _update_settings(self, user_id: str, column: str, value: int) -> None:
        """Upsert one column of reminder_users (column names come from this module only)."""
        with self._tx() as conn:
            conn.execute(
                f"INSERT INTO reminder_users (user_id, {column}) VALUES (?, ?)"
                f" ON CONFLICT (user_id) DO UPDATE SET {column} = excluded.{column}",
                (user_id, value),
            )

    def weekly_target(self, user_id: str) -> int:
        """Sessions per week that make a week count for the streak (default 3)."""
        return self._settings(user_id)[0]

    def ease(self, user_id: str) -> int:
        """How many levels the next routine is eased by (0 = not eased)."""
        return self._settings(user_id)[1]

    def set_ease(self, user_id: str, ease: int) -> None:
        """Store the ease offset decided by the last check-in."""
        self._update_settings(user_id, "ease", ease)

    def effective_level(self, user_id: str, level: Level) -> Level:
        """The level the user's next routine is built at: their level, eased after a hard check-in."""
        return eased_level(level, self.ease(user_id))

    def tz_asked(self, user_id: str) -> bool:
        """Whether the user has already been asked for their time zone."""
        return bool(self._settings(user_id)[2])

    def mark_tz_asked(self, user_id: str) -> None:
        """Remember that the user was asked for their time zone (ask once)."""
        self._update_settings(user_id, "tz_asked", 1)
