"""Settings storage: SQLite (file and memory) and the in-memory store behave the same."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from bot.storage import migrations
from bot.storage.base import Prefs
from bot.storage.memory import MemoryStore
from bot.storage.migrations import (
    MIGRATIONS,
    SchemaTooNewError,
    migrate,
    schema_version,
)
from bot.storage.sqlite import SqliteStore


@pytest.fixture(params=["sqlite-file", "sqlite-memory", "memory"])
def store(request, tmp_path: Path):
    if request.param == "memory":
        yield MemoryStore()
        return
    db = SqliteStore(tmp_path / "s.db" if request.param == "sqlite-file" else ":memory:")
    yield db
    db.close()


def test_unknown_users_get_default_prefs(store):
    assert store.get_prefs("nobody") == Prefs()
    assert store.get_chat("nobody") is None
    assert not store.is_blocked(5)


def test_prefs_round_trip_and_are_replaced(store):
    store.save_prefs("1", Prefs(level="senior", equipment="band", focus="lower", tz="Europe/Berlin"))
    store.save_prefs("1", Prefs(level="advanced", equipment="gym", focus="core", tz="Asia/Tokyo"))
    assert store.get_prefs("1") == Prefs(level="advanced", equipment="gym", focus="core", tz="Asia/Tokyo")
    assert store.get_prefs("2") == Prefs()


def test_saving_prefs_keeps_the_chat_and_setting_the_chat_keeps_prefs(store):
    store.set_chat("1", 1)
    store.save_prefs("1", Prefs(level="senior"))
    store.set_chat("1", 1)
    assert store.get_chat("1") == 1
    assert store.get_prefs("1").level == "senior"


def test_blocked_chats_are_recorded_until_the_user_writes_again(store):
    store.set_chat("3", 3)
    store.mark_blocked(3)
    assert store.is_blocked(3)
    store.mark_blocked(3, False)
    assert not store.is_blocked(3)
    store.mark_blocked(3)
    store.set_chat("3", 3)
    assert not store.is_blocked(3)


def test_forget_deletes_the_user_and_nobody_else(store):
    for user in ("1", "2"):
        store.set_chat(user, int(user))
        store.save_prefs(user, Prefs(level="advanced"))
    assert store.forget_user("1") == 1
    assert sum(store.describe_user("1").values()) == 0
    assert store.get_prefs("1") == Prefs() and store.get_chat("1") is None
    assert store.get_prefs("2").level == "advanced"
    assert store.forget_user("1") == 0


def test_forget_reaches_tables_added_by_later_migrations(tmp_path: Path):
    store = SqliteStore(tmp_path / "f.db")
    with store.transaction() as conn:
        conn.execute(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY,"
            " user_id TEXT NOT NULL REFERENCES users (user_id), body TEXT)"
        )
        store.save_prefs("9", Prefs())
        store.save_prefs("8", Prefs())
        conn.executemany("INSERT INTO notes (user_id, body) VALUES (?, ?)", [("9", "a"), ("9", "b"), ("8", "c")])
    counts = store.describe_user("9")
    assert counts["notes"] == 2 and counts["users"] == 1 and sum(counts.values()) == 3
    assert store.forget_user("9") == 3  # child rows first, so the foreign key holds
    assert sum(store.describe_user("9").values()) == 0
    assert store.connection.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 1
    store.close()


def test_settings_survive_reopening_the_file(tmp_path: Path):
    first = SqliteStore(tmp_path / "r.db")
    first.save_prefs("1", Prefs(focus="upper"))
    first.close()
    second = SqliteStore(tmp_path / "r.db")
    assert second.get_prefs("1").focus == "upper"
    assert second.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert second.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    second.close()


def test_migrations_run_once_and_record_the_version():
    conn = sqlite3.connect(":memory:")
    assert migrate(conn) == len(MIGRATIONS)
    assert migrate(conn) == len(MIGRATIONS)
    assert schema_version(conn) == len(MIGRATIONS)


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path):
    conn = sqlite3.connect(tmp_path / "new.db")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.commit()
    with pytest.raises(SchemaTooNewError, match="newer"):
        migrate(conn)


def test_a_failing_migration_leaves_the_database_untouched(monkeypatch):
    conn = sqlite3.connect(":memory:")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, "CREATE TABLE ok (x); INSERT INTO ok VALUES ('x"])
    with pytest.raises(ValueError, match="incomplete"):
        migrate(conn)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, "CREATE TABLE ok (x); INSERT INTO nowhere VALUES (1)"])
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn)
    assert schema_version(conn) == 0
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_statement_splitting_keeps_semicolons_inside_strings():
    script = "CREATE TABLE t (x TEXT DEFAULT 'a;b'); INSERT INTO t VALUES ('c;d');"
    assert migrations._statements(script) == [
        "CREATE TABLE t (x TEXT DEFAULT 'a;b');",
        "INSERT INTO t VALUES ('c;d');",
    ]


def _writer(path: str, offset: int, n: int) -> None:
    store = SqliteStore(path)
    for i in range(n):
        store.save_prefs(str(offset + i), Prefs(level="senior"))
        store.set_chat(str(offset + i), offset + i)
    store.close()


def test_two_processes_writing_one_file_lose_nothing(tmp_path: Path):
    path = str(tmp_path / "shared.db")
    SqliteStore(path).close()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(path, k * 1000, 150)) for k in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    store = SqliteStore(path)
    assert store.connection.execute("SELECT COUNT(*) FROM users WHERE level = 'senior'").fetchone()[0] == 300
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
