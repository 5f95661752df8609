"""ReminderStore on real SQLite: reminders, claims across processes, snooze/skip, progress, /forget."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from bot.scheduler import ALL_DAYS
from bot.storage.migrations import migrate
from bot.storage.reminders import ReminderStore
from bot.storage.sqlite import SqliteStore

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday


@pytest.fixture
def sqlite_store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = SqliteStore(tmp_path / "bc.db")
    yield store
    store.close()


@pytest.fixture
def reminders(sqlite_store: SqliteStore) -> ReminderStore:
    return ReminderStore.for_store(sqlite_store)


def test_add_list_and_identical_reminder_is_not_duplicated(reminders: ReminderStore) -> None:
    first = reminders.add("u", 1, time(7), ALL_DAYS, "Europe/Berlin", NOW)
    again = reminders.add("u", 1, time(7), ALL_DAYS, "Europe/Berlin", NOW)
    reminders.add("u", 1, time(18, 30), (0, 1, 2, 3, 4), "Europe/Berlin", NOW)
    assert first.id == again.id
    listed = reminders.for_user("u")
    assert [(r.at, r.days) for r in listed] == [(time(7), ALL_DAYS), (time(18, 30), (0, 1, 2, 3, 4))]
    assert listed[0].next_due_utc == datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # 07:00 CET tomorrow


def test_cancel_and_delete(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(19, 30), ALL_DAYS, "UTC", NOW)
    reminders.add("other", 2, time(7), ALL_DAYS, "UTC", NOW)
    reminders.add("u", 1, time(6), ALL_DAYS, "UTC", NOW)
    assert reminders.cancel("u", time(6)) == 1
    assert reminders.cancel("u", time(6)) == 0
    only = reminders.for_user("u")[0]
    assert not reminders.delete("other", only.id)  # not theirs
    assert reminders.delete("u", only.id)
    assert reminders.cancel("u") == 0
    assert len(reminders.for_user("other")) == 1


# --- changing a reminder ----------------------------------------------------------------------

WEEKDAYS, WEEKENDS = (0, 1, 2, 3, 4), (5, 6)


def schedule(reminders: ReminderStore, user_id: str = "u") -> list[tuple[time, tuple[int, ...]]]:
    return [(r.at, r.days) for r in reminders.for_user(user_id)]


def test_change_without_days_keeps_the_days_and_the_row(reminders: ReminderStore) -> None:
    before = reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    change = reminders.change("u", 1, time(20), (), "UTC", NOW)
    assert change.outcome == "changed"
    assert change.was == before
    assert change.now is not None and (change.now.id, change.now.at, change.now.days) == (before.id, time(20), WEEKDAYS)
    assert change.now.next_due_utc == datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # Monday 20:00, today
    assert reminders.for_user("u") == [change.now]


def test_change_naming_the_old_time_moves_only_that_reminder(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    reminders.add("u", 1, time(10), WEEKENDS, "UTC", NOW)
    reminders.add("other", 2, time(7), WEEKDAYS, "UTC", NOW)
    change = reminders.change("u", 1, time(8), (), "UTC", NOW, old_at=time(7))
    assert change.outcome == "changed"
    assert schedule(reminders) == [(time(8), WEEKDAYS), (time(10), WEEKENDS)]
    assert schedule(reminders, "other") == [(time(7), WEEKDAYS)]


def test_change_naming_old_days_picks_the_reminder_on_them(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    reminders.add("u", 1, time(10), WEEKENDS, "UTC", NOW)
    assert reminders.change("u", 1, time(9), (), "UTC", NOW, old_days=(5,)).outcome == "changed"  # "saturday"
    assert schedule(reminders) == [(time(7), WEEKDAYS), (time(9), WEEKENDS)]
    # New days that match exactly one reminder's days single it out too.
    assert reminders.change("u", 1, time(6, 30), WEEKDAYS, "UTC", NOW).outcome == "changed"
    assert schedule(reminders) == [(time(6, 30), WEEKDAYS), (time(9), WEEKENDS)]


def test_ambiguous_change_changes_nothing_and_lists_the_choices(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    reminders.add("u", 1, time(10), WEEKENDS, "UTC", NOW)
    change = reminders.change("u", 1, time(20), (), "UTC", NOW)
    assert change.outcome == "ambiguous" and change.now is None
    assert [(r.at, r.days) for r in change.choices] == [(time(7), WEEKDAYS), (time(10), WEEKENDS)]
    assert schedule(reminders) == [(time(7), WEEKDAYS), (time(10), WEEKENDS)]


def test_change_naming_a_reminder_that_does_not_exist_changes_nothing(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    change = reminders.change("u", 1, time(8), (), "UTC", NOW, old_at=time(9))
    assert change.outcome == "not_found" and [r.at for r in change.choices] == [time(7)]
    assert schedule(reminders) == [(time(7), WEEKDAYS)]
    nobody = reminders.change("new", 1, time(8), (), "UTC", NOW, old_at=time(7))
    assert (nobody.outcome, nobody.choices) == ("not_found", ())
    assert reminders.for_user("new") == []


def test_change_with_no_reminders_sets_a_daily_one(reminders: ReminderStore) -> None:
    change = reminders.change("u", 1, time(20), (), "Europe/Berlin", NOW)
    assert change.outcome == "added" and change.was is None
    assert schedule(reminders) == [(time(20), ALL_DAYS)]
    assert reminders.for_user("u")[0].tz == "Europe/Berlin"


def test_change_onto_an_existing_reminder_merges_them(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    kept = reminders.add("u", 1, time(20), WEEKDAYS, "UTC", NOW)
    change = reminders.change("u", 1, time(20), (), "UTC", NOW, old_at=time(7))
    assert change.outcome == "changed" and change.now == kept
    assert schedule(reminders) == [(time(20), WEEKDAYS)]


def test_a_paused_reminder_stays_paused_when_changed(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    reminders.pause_user("u")
    change = reminders.change("u", 1, time(8), (), "UTC", NOW)
    assert change.now is not None and change.now.paused and change.now.next_due_utc is None
    assert reminders.for_user("u") == [change.now]


@pytest.mark.parametrize("statement", ["UPDATE", "DELETE"])
def test_a_change_that_fails_midway_leaves_every_reminder_as_it_was(
    sqlite_store: SqliteStore, reminders: ReminderStore, statement: str
) -> None:
    reminders.add("u", 1, time(7), WEEKDAYS, "UTC", NOW)
    reminders.add("u", 1, time(20), WEEKDAYS, "UTC", NOW)
    before = reminders.for_user("u")
    # A write that fails inside the transaction stands in for a crash at that point.
    sqlite_store.connection.execute(
        f"CREATE TRIGGER crash BEFORE {statement} ON reminders BEGIN SELECT RAISE(ABORT, 'crash'); END"
    )
    target = time(20) if statement == "DELETE" else time(8)  # onto 20:00 merges (a DELETE)
    with pytest.raises(sqlite3.IntegrityError, match="crash"):
        reminders.change("u", 1, target, (), "UTC", NOW, old_at=time(7))
    assert not sqlite_store.connection.in_transaction
    assert reminders.for_user("u") == before


def test_changing_time_zone_keeps_local_time(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), ALL_DAYS, "UTC", NOW)
    assert reminders.set_timezone("u", "America/New_York", NOW) == 1
    rem = reminders.for_user("u")[0]
    assert rem.tz == "America/New_York"
    assert rem.next_due_utc == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 07:00 EST today


def test_claim_is_exclusive_between_two_connections(tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    a, b = SqliteStore(path), SqliteStore(path)
    ra, rb = ReminderStore.for_store(a), ReminderStore.for_store(b)
    for n in range(20):
        ra.add(f"u{n}", n, time(7), ALL_DAYS, "UTC", NOW)
    at = datetime(2026, 11, 23, 7, 0, 5, tzinfo=UTC)
    claimed = ra.claim_due(at, 7) + rb.claim_due(at, 100) + ra.claim_due(at, 100)
    assert sorted(c.user_id for c in claimed) == sorted(f"u{n}" for n in range(20))
    a.close()
    b.close()


def _claim_in_process(path: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    store = SqliteStore(path)
    got = []
    for _ in range(20):
        got += [c.user_id for c in ReminderStore.for_store(store).claim_due(
            datetime(2026, 11, 23, 7, 0, 5, tzinfo=UTC), 3)]
    queue.put(got)
    store.close()


def test_two_processes_claiming_together_never_claim_the_same_reminder(tmp_path: Path) -> None:
    path = str(tmp_path / "procs.db")
    store = SqliteStore(path)
    reminders = ReminderStore.for_store(store)
    for n in range(60):
        reminders.add(f"u{n}", n, time(7), ALL_DAYS, "UTC", NOW)
    store.close()
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_claim_in_process, args=(path, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
    claimed = results[0] + results[1]
    assert sorted(claimed) == sorted(f"u{n}" for n in range(60))


def test_snooze_fires_once_thirty_minutes_later(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), ALL_DAYS, "UTC", NOW)
    at = datetime(2026, 11, 23, 7, 0, 5, tzinfo=UTC)
    [claim] = reminders.claim_due(at, 10)
    delivery = reminders.delivery(claim.delivery_id)
    assert delivery is not None and delivery.local_date == date(2026, 11, 23)
    reminders.snooze(delivery, 1, "UTC", at)
    assert reminders.claim_due(at + timedelta(minutes=29), 10) == []
    [again] = reminders.claim_due(at + timedelta(minutes=30), 10)
    assert again.user_id == "u"
    assert reminders.claim_due(at + timedelta(minutes=60), 10) == []
    assert [r.at for r in reminders.for_user("u")] == [time(7)]  # the snooze is not listed
    assert reminders.delivery(claim.delivery_id).response == "snoozed"  # type: ignore[union-attr]


def test_skip_today_drops_later_reminders_today_but_not_tomorrow(reminders: ReminderStore) -> None:
    reminders.add("u", 1, time(7), ALL_DAYS, "UTC", NOW)
    reminders.add("u", 1, time(18), ALL_DAYS, "UTC", NOW)
    at = datetime(2026, 11, 23, 7, 0, 5, tzinfo=UTC)
    reminders.claim_due(at, 10)
    assert reminders.skip_today("u", date(2026, 11, 23), "UTC", at) == 1
    assert reminders.claim_due(datetime(2026, 11, 23, 18, 0, 5, tzinfo=UTC), 10) == []
    tomorrow = reminders.claim_due(datetime(2026, 11, 24, 7, 0, 5, tzinfo=UTC), 10)
    assert len(tomorrow) == 1


def test_sessions_are_one_per_day_and_checkins_drive_the_ease(reminders: ReminderStore) -> None:
    sid, new = reminders.record_session("u", date(2026, 11, 23), NOW)
    sid2, new2 = reminders.record_session("u", date(2026, 11, 23), NOW)
    assert (sid, new) == (sid2, True) and not new2
    reminders.record_checkin("u", sid, NOW, feel="hard")
    reminders.record_checkin("u", sid, NOW, pain=4)
    latest = reminders.recent_checkins("u")
    assert (latest[0].feel, latest[0].pain) == ("hard", 4)
    assert reminders.effective_level("u", "advanced") == "advanced"
    reminders.set_ease("u", 1)
    assert reminders.effective_level("u", "advanced") == "intermediate"
    assert reminders.weekly_target("u") == 3
    assert reminders.session_dates("u", date(2026, 11, 1)) == [date(2026, 11, 23)]


def test_checkin_rejects_out_of_range_pain(reminders: ReminderStore) -> None:
    sid, _ = reminders.record_session("u", date(2026, 11, 23), NOW)
    with pytest.raises(sqlite3.IntegrityError):
        reminders.record_checkin("u", sid, NOW, pain=11)


def test_forget_user_deletes_reminders_history_and_checkins(
    sqlite_store: SqliteStore, reminders: ReminderStore
) -> None:
    sqlite_store.set_chat("u", 1)
    reminders.add("u", 1, time(7), ALL_DAYS, "UTC", NOW)
    reminders.add("keep", 2, time(7), ALL_DAYS, "UTC", NOW)
    reminders.claim_due(datetime(2026, 11, 23, 7, 0, 5, tzinfo=UTC), 10)
    sid, _ = reminders.record_session("u", date(2026, 11, 23), NOW)
    reminders.record_checkin("u", sid, NOW, feel="ok", pain=2)
    reminders.set_ease("u", 1)
    reminders.mark_tz_asked("u")
    before = sqlite_store.describe_user("u")
    for table in ("reminders", "reminder_deliveries", "exercise_sessions", "checkins", "reminder_users"):
        assert before[table] >= 1, table
    sqlite_store.forget_user("u")
    assert all(count == 0 for count in sqlite_store.describe_user("u").values())
    assert reminders.for_user("u") == [] and not reminders.tz_asked("u")
    assert len(reminders.for_user("keep")) == 1


def test_start_up_reads_only_the_table(tmp_path: Path) -> None:
    path = tmp_path / "boot.db"
    conn = sqlite3.connect(path)
    migrate(conn)
    ReminderStore(conn).add("u", 1, time(7), ALL_DAYS, "UTC", NOW)
    conn.close()
    again = SqliteStore(path)
    assert ReminderStore.for_store(again).next_due() == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    plan = again.connection.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM reminders WHERE next_due_utc <= ? ORDER BY next_due_utc LIMIT 5",
        ("2026-11-23T07:00:00Z",),
    ).fetchall()
    assert any("reminders_next_due" in str(row) for row in plan)
    again.close()
