"""next_fire across DST changes, and the delivery loop: restarts, crashes, blocked users, bursts."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheduler import (
    ALL_DAYS,
    Claimed,
    Outcome,
    Pacer,
    deliver_due,
    next_fire,
)
from bot.storage.migrations import migrate
from bot.storage.reminders import ReminderStore

UTC = timezone.utc


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- next_fire --------------------------------------------------------------------------------

# 2026 transitions: Europe/Berlin springs forward 29 Mar 02:00 -> 03:00 and falls back
# 25 Oct 03:00 -> 02:00; America/New_York 8 Mar 02:00 -> 03:00 and 1 Nov 02:00 -> 01:00.
@pytest.mark.parametrize(
    ("tz", "at", "after", "expected"),
    [
        # 07:00 local stays 07:00 local on both sides of both transitions.
        ("Europe/Berlin", time(7), utc(2026, 3, 28, 7), utc(2026, 3, 29, 5)),  # CEST from today
        ("Europe/Berlin", time(7), utc(2026, 3, 27, 7), utc(2026, 3, 28, 6)),  # still CET
        ("Europe/Berlin", time(7), utc(2026, 10, 24, 6), utc(2026, 10, 25, 6)),  # CET again
        ("Europe/Berlin", time(7), utc(2026, 10, 23, 6), utc(2026, 10, 24, 5)),  # still CEST
        ("America/New_York", time(7), utc(2026, 3, 7, 13), utc(2026, 3, 8, 11)),  # EDT
        ("America/New_York", time(7), utc(2026, 3, 6, 13), utc(2026, 3, 7, 12)),  # EST
        ("America/New_York", time(7), utc(2026, 10, 31, 12), utc(2026, 11, 1, 12)),  # EST
        ("America/New_York", time(7), utc(2026, 10, 30, 12), utc(2026, 10, 31, 11)),  # EDT
        # A wall time inside the spring-forward gap fires once, an hour later on the wall.
        ("Europe/Berlin", time(2, 30), utc(2026, 3, 28, 12), utc(2026, 3, 29, 1, 30)),
        ("America/New_York", time(2, 30), utc(2026, 3, 7, 12), utc(2026, 3, 8, 7, 30)),
        # A wall time that happens twice on fall-back fires at its first occurrence.
        ("Europe/Berlin", time(2, 30), utc(2026, 10, 24, 12), utc(2026, 10, 25, 0, 30)),
        ("America/New_York", time(1, 30), utc(2026, 10, 31, 12), utc(2026, 11, 1, 5, 30)),
    ],
    ids=[
        "berlin-spring-after", "berlin-spring-before", "berlin-fall-after", "berlin-fall-before",
        "ny-spring-after", "ny-spring-before", "ny-fall-after", "ny-fall-before",
        "berlin-gap", "ny-gap", "berlin-fold", "ny-fold",
    ],
)
def test_next_fire_keeps_local_time_across_dst(
    tz: str, at: time, after: datetime, expected: datetime
) -> None:
    assert next_fire(at, ALL_DAYS, tz, after) == expected


@pytest.mark.parametrize(
    ("tz", "at", "day"),
    [
        ("Europe/Berlin", time(2, 30), date(2026, 3, 29)),
        ("America/New_York", time(2, 30), date(2026, 3, 8)),
        ("Europe/Berlin", time(2, 30), date(2026, 10, 25)),
        ("America/New_York", time(1, 30), date(2026, 11, 1)),
    ],
    ids=["berlin-gap", "ny-gap", "berlin-fold", "ny-fold"],
)
def test_transition_day_fires_exactly_once(tz: str, at: time, day: date) -> None:
    """Walk fire after fire through the transition day: exactly one fire has that local date."""
    moment = utc(day.year, day.month, day.day) - timedelta(days=2)
    fires = []
    for _ in range(5):
        moment = next_fire(at, ALL_DAYS, tz, moment)
        fires.append(moment)
    assert len(set(fires)) == 5
    local_days = [f.astimezone(ZoneInfo(tz)).date() for f in fires]
    assert local_days.count(day) == 1
    assert sorted(local_days) == local_days and len(set(local_days)) == 5


def test_next_fire_honours_weekdays() -> None:
    friday_evening = utc(2026, 11, 27, 20)  # Friday
    assert next_fire(time(7, 30), (0, 1, 2, 3, 4), "UTC", friday_evening) == utc(2026, 11, 30, 7, 30)


def test_next_fire_is_strictly_after() -> None:
    exactly = utc(2026, 11, 23, 7)
    assert next_fire(time(7), ALL_DAYS, "UTC", exactly) == utc(2026, 11, 24, 7)


@pytest.mark.parametrize("days", [(), (7,), (-1, 2)])
def test_next_fire_rejects_bad_days(days: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        next_fire(time(7), days, "UTC", utc(2026, 1, 1))


def test_next_fire_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        next_fire(time(7), ALL_DAYS, "UTC", datetime(2026, 1, 1))


@settings(max_examples=60, deadline=None)
@given(
    after=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                       timezones=st.just(UTC)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    days=st.sets(st.integers(0, 6), min_size=1).map(lambda s: tuple(sorted(s))),
    tz=st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]),
)
def test_next_fire_properties(
    after: datetime, hour: int, minute: int, days: tuple[int, ...], tz: str
) -> None:
    fire = next_fire(time(hour, minute), days, tz, after)
    assert after < fire <= after + timedelta(days=8)
    local = fire.astimezone(ZoneInfo(tz))
    assert local.weekday() in days
    # Either the wall time is exact, or it fell in a DST gap and moved forward by the gap.
    wall = local.hour * 60 + local.minute
    assert wall == hour * 60 + minute or 0 < wall - (hour * 60 + minute) <= 60


# --- delivery loop ------------------------------------------------------------------------------


class Clock:
    """A hand-moved clock: async sleeps advance it instead of waiting."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.now.timestamp()

    async def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Outbox:
    """Records sends; can refuse some users as blocked or crash after sending."""

    def __init__(self, clock: Clock, blocked: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.clock = clock
        self.sent: list[tuple[str, datetime]] = []
        self.blocked = set(blocked)

    async def send(self, item: Claimed) -> Outcome:
        if item.user_id in self.blocked:
            return Outcome.BLOCKED
        self.sent.append((item.user_id, self.clock()))
        return Outcome.SENT


def fresh_db(path: str = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    migrate(conn)
    return conn


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def deliver(store: ReminderStore, clock: Clock, outbox: Outbox, rate: float = 25.0):  # type: ignore[no-untyped-def]
    pacer = Pacer(rate, clock.monotonic, clock.sleep)
    return run(deliver_due(store, clock, outbox.send, pacer))


def test_reminder_is_sent_once_when_due_and_not_again_the_same_day() -> None:
    clock = Clock(utc(2026, 11, 23, 5, 0))
    store = ReminderStore(fresh_db())
    store.add("u1", 1, time(7), ALL_DAYS, "Europe/Berlin", clock.now)  # 06:00 UTC in winter
    outbox = Outbox(clock)
    clock.now = utc(2026, 11, 23, 5, 59, 59)
    assert deliver(store, clock, outbox).claimed == 0
    assert [u for u, _ in outbox.sent] == []
    clock.now = utc(2026, 11, 23, 6, 0, 20)
    report = deliver(store, clock, outbox)
    assert report.sent == 1
    for minutes in (1, 30, 600):
        clock.now += timedelta(minutes=minutes)
        deliver(store, clock, outbox)
    assert len(outbox.sent) == 1
    clock.now = utc(2026, 11, 24, 6, 0, 5)
    deliver(store, clock, outbox)
    assert len(outbox.sent) == 2


def test_restart_before_due_time_sends_on_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = str(tmp_path / "bc.db")
    clock = Clock(utc(2026, 11, 23, 6, 50))
    first = fresh_db(path)
    ReminderStore(first).add("u1", 1, time(7), ALL_DAYS, "UTC", clock.now)
    first.close()  # the bot stops at 06:50 and is back at 06:55
    store = ReminderStore(fresh_db(path))
    outbox = Outbox(clock)
    clock.now = utc(2026, 11, 23, 6, 55)
    deliver(store, clock, outbox)
    clock.now = utc(2026, 11, 23, 7, 0, 10)
    deliver(store, clock, outbox)
    assert [u for u, _ in outbox.sent] == ["u1"]


@pytest.mark.parametrize(
    ("back_at", "expected_sends"),
    [(utc(2026, 11, 23, 8, 59), 1), (utc(2026, 11, 23, 9, 1), 0)],
    ids=["1h59-late-sent", "2h01-late-skipped"],
)
def test_restart_after_due_time_sends_only_if_under_two_hours_late(
    tmp_path, back_at: datetime, expected_sends: int  # type: ignore[no-untyped-def]
) -> None:
    path = str(tmp_path / "bc.db")
    clock = Clock(utc(2026, 11, 23, 6, 50))
    first = fresh_db(path)
    ReminderStore(first).add("u1", 1, time(7), ALL_DAYS, "UTC", clock.now)
    first.close()
    store = ReminderStore(fresh_db(path))
    outbox = Outbox(clock)
    clock.now = back_at
    deliver(store, clock, outbox)
    deliver(store, clock, outbox)
    assert len(outbox.sent) == expected_sends
    # Either way the reminder is rescheduled for tomorrow, and tomorrow it goes out.
    assert store.for_user("u1")[0].next_due_utc == utc(2026, 11, 24, 7)
    clock.now = utc(2026, 11, 24, 7, 0, 1)
    deliver(store, clock, outbox)
    assert len(outbox.sent) == expected_sends + 1


def test_down_for_days_sends_nothing_stale() -> None:
    clock = Clock(utc(2026, 11, 20, 6))
    store = ReminderStore(fresh_db())
    store.add("u1", 1, time(7), ALL_DAYS, "UTC", clock.now)
    clock.now = utc(2026, 11, 23, 12)
    outbox = Outbox(clock)
    assert deliver(store, clock, outbox).claimed == 0
    assert outbox.sent == []
    assert store.for_user("u1")[0].next_due_utc == utc(2026, 11, 24, 7)


def test_crash_between_send_and_record_never_sends_twice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = str(tmp_path / "bc.db")
    clock = Clock(utc(2026, 11, 23, 6, 59))
    conn = fresh_db(path)
    ReminderStore(conn).add("u1", 1, time(7), ALL_DAYS, "UTC", clock.now)
    clock.now = utc(2026, 11, 23, 7, 0, 1)
    outbox = Outbox(clock)

    class Crash(BaseException):
        """Simulates the process dying right after the message left."""

    async def send_then_die(item: Claimed) -> Outcome:
        await outbox.send(item)
        raise Crash

    pacer = Pacer(25, clock.monotonic, clock.sleep)
    with pytest.raises(Crash):
        run(deliver_due(ReminderStore(conn), clock, send_then_die, pacer))
    conn.close()
    # Restart a few seconds later: the claim was committed before sending, so nothing is due.
    store = ReminderStore(fresh_db(path))
    clock.now += timedelta(seconds=30)
    for _ in range(3):
        deliver(store, clock, outbox)
    assert len(outbox.sent) == 1


def test_fifty_users_due_in_the_same_minute_are_all_sent_once_and_paced() -> None:
    clock = Clock(utc(2026, 11, 23, 6))
    store = ReminderStore(fresh_db())
    for n in range(50):
        store.add(f"u{n}", n, time(7), ALL_DAYS, "UTC", clock.now)
    clock.now = utc(2026, 11, 23, 7, 0, 2)
    outbox = Outbox(clock)
    report = deliver(store, clock, outbox, rate=25.0)
    assert report.sent == 50 and report.claimed == 50
    assert sorted(u for u, _ in outbox.sent) == sorted(f"u{n}" for n in range(50))
    times = sorted(t for _, t in outbox.sent)
    # 50 messages at 25/s spread over about two seconds, never more than 25 in any second.
    assert timedelta(seconds=1.9) <= times[-1] - times[0] <= timedelta(seconds=2.1)
    for start in times:
        assert sum(1 for t in times if start <= t < start + timedelta(seconds=0.99)) <= 25
    assert deliver(store, clock, outbox).claimed == 0


def test_blocked_user_is_paused_then_resumed_when_they_write_again() -> None:
    clock = Clock(utc(2026, 11, 23, 6))
    store = ReminderStore(fresh_db())
    store.add("gone", 1, time(7), ALL_DAYS, "UTC", clock.now)
    store.add("here", 2, time(7), ALL_DAYS, "UTC", clock.now)
    outbox = Outbox(clock, blocked={"gone"})
    clock.now = utc(2026, 11, 23, 7, 0, 5)
    report = deliver(store, clock, outbox)
    assert (report.sent, report.blocked) == (1, 1)
    assert store.for_user("gone")[0].paused
    # Days pass: no retries for the blocked user.
    for day in range(24, 28):
        clock.now = utc(2026, 11, day, 7, 0, 5)
        deliver(store, clock, outbox)
    assert [u for u, _ in outbox.sent].count("here") == 5
    assert store.for_user("gone")[0].next_due_utc is None
    # They write again on the 27th at noon: the next reminder is tomorrow 07:00.
    outbox.blocked.clear()
    assert store.resume_user("gone", utc(2026, 11, 27, 12)) == 1
    assert store.resume_user("gone", utc(2026, 11, 27, 12)) == 0
    clock.now = utc(2026, 11, 28, 7, 0, 5)
    deliver(store, clock, outbox)
    assert [u for u, _ in outbox.sent].count("gone") == 1


def test_failed_send_is_not_retried_and_others_still_go() -> None:
    clock = Clock(utc(2026, 11, 23, 6))
    store = ReminderStore(fresh_db())
    store.add("bad", 1, time(7), ALL_DAYS, "UTC", clock.now)
    store.add("good", 2, time(7), ALL_DAYS, "UTC", clock.now)
    outbox = Outbox(clock)

    async def flaky(item: Claimed) -> Outcome:
        if item.user_id == "bad":
            raise RuntimeError("network down after retries")
        return await outbox.send(item)

    clock.now = utc(2026, 11, 23, 7, 0, 5)
    report = run(deliver_due(store, clock, flaky, Pacer(25, clock.monotonic, clock.sleep)))
    assert (report.sent, report.failed) == (1, 1)
    assert run(deliver_due(store, clock, flaky, Pacer(25, clock.monotonic, clock.sleep))).claimed == 0


def test_pacer_spaces_calls_without_real_waiting() -> None:
    clock = Clock(utc(2026, 1, 1))
    pacer = Pacer(10, clock.monotonic, clock.sleep)

    async def go() -> list[float]:
        stamps = []
        for _ in range(5):
            await pacer.wait()
            stamps.append(clock.monotonic())
        return stamps

    stamps = run(go())
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(stamps)]
    assert gaps == [0.1, 0.1, 0.1, 0.1]


def test_pacer_rejects_non_positive_rate() -> None:
    with pytest.raises(ValueError):
        Pacer(0, lambda: 0.0)


@pytest.mark.parametrize(
    ("tz", "at", "start", "expected_local"),
    [
        ("Europe/Berlin", time(7), utc(2026, 3, 27, 12), ["07:00"] * 4),
        ("Europe/Berlin", time(2, 30), utc(2026, 3, 27, 12), ["02:30", "03:30", "02:30", "02:30"]),
        ("Europe/Berlin", time(2, 30), utc(2026, 10, 23, 12), ["02:30"] * 4),
        ("America/New_York", time(7), utc(2026, 10, 30, 12), ["07:00"] * 4),
        ("America/New_York", time(1, 30), utc(2026, 10, 30, 12), ["01:30"] * 4),
        ("America/New_York", time(2, 30), utc(2026, 3, 6, 12), ["02:30", "03:30", "02:30", "02:30"]),
    ],
    ids=["berlin-spring-7", "berlin-spring-gap", "berlin-fall-fold", "ny-fall-7", "ny-fall-fold", "ny-spring-gap"],
)
def test_delivery_loop_across_dst_sends_once_per_local_day(
    tz: str, at: time, start: datetime, expected_local: list[str]
) -> None:
    """Tick the real claim loop every 5 minutes through a DST weekend: one send a day, on time."""
    clock = Clock(start)
    store = ReminderStore(fresh_db())
    store.add("u", 1, at, ALL_DAYS, tz, clock.now)
    outbox = Outbox(clock)
    end = start + timedelta(days=4)
    while clock.now < end:
        clock.now += timedelta(minutes=5)
        deliver(store, clock, outbox)
    local = [sent.astimezone(ZoneInfo(tz)) for _, sent in outbox.sent]
    assert [f"{t:%H:%M}" for t in local] == expected_local
    assert len({t.date() for t in local}) == 4  # one a day, never two on the fold day
