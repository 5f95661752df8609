"""Forward-only SQLite schema migrations, versioned with PRAGMA user_version.

``MIGRATIONS[i]`` is the SQL script that takes a database from version ``i`` to ``i + 1``.
Entries are only ever appended, never edited once committed: a deployed database has
already run them. Any table holding personal data must have a ``user_id`` column, because
``/forget`` deletes from every such table (see ``SqliteStore.forget_user``).
"""

from __future__ import annotations

import sqlite3

# Timestamps are ISO-8601 UTC text so they sort and read the same in any sqlite3 shell.
_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

MIGRATIONS: list[str] = [
    # 1: one row per Telegram user with the settings the brain needs on every turn.
    f"""
    CREATE TABLE users (
        user_id    TEXT PRIMARY KEY,
        chat_id    INTEGER,
        level      TEXT NOT NULL DEFAULT 'beginner',
        equipment  TEXT NOT NULL DEFAULT 'none',
        focus      TEXT NOT NULL DEFAULT 'full',
        tz         TEXT NOT NULL DEFAULT '',
        blocked    INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
        created_at TEXT NOT NULL DEFAULT {_NOW},
        updated_at TEXT NOT NULL DEFAULT {_NOW}
    );
    CREATE INDEX users_chat_id ON users (chat_id);
    """,
    # 2: reminders and progress (bot/storage/reminders.py). Instants are ISO-8601 UTC text
    # ('YYYY-MM-DDTHH:MM:SSZ'), which sorts like time; next_due_utc is NULL while paused.
    """
    CREATE TABLE reminders (
        id           INTEGER PRIMARY KEY,
        user_id      TEXT NOT NULL,
        chat_id      INTEGER NOT NULL,
        at           TEXT NOT NULL,
        days         TEXT NOT NULL,
        tz           TEXT NOT NULL,
        once         INTEGER NOT NULL DEFAULT 0 CHECK (once IN (0, 1)),
        paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        next_due_utc TEXT,
        created_utc  TEXT NOT NULL
    );
    CREATE INDEX reminders_next_due ON reminders (next_due_utc);
    CREATE INDEX reminders_user ON reminders (user_id);
    CREATE TABLE reminder_deliveries (
        id           INTEGER PRIMARY KEY,
        user_id      TEXT NOT NULL,
        reminder_id  INTEGER NOT NULL,
        local_date   TEXT NOT NULL,
        due_utc      TEXT NOT NULL,
        claimed_utc  TEXT NOT NULL,
        status       TEXT NOT NULL,
        response     TEXT,
        finished_utc TEXT,
        UNIQUE (reminder_id, local_date)
    );
    CREATE INDEX reminder_deliveries_user ON reminder_deliveries (user_id);
    CREATE TABLE exercise_sessions (
        id           INTEGER PRIMARY KEY,
        user_id      TEXT NOT NULL,
        local_date   TEXT NOT NULL,
        recorded_utc TEXT NOT NULL,
        UNIQUE (user_id, local_date)
    );
    CREATE TABLE checkins (
        id          INTEGER PRIMARY KEY,
        user_id     TEXT NOT NULL,
        session_id  INTEGER NOT NULL UNIQUE,
        feel        TEXT CHECK (feel IN ('easy', 'ok', 'hard')),
        pain        INTEGER CHECK (pain BETWEEN 0 AND 10),
        created_utc TEXT NOT NULL
    );
    CREATE INDEX checkins_user ON checkins (user_id, id);
    CREATE TABLE reminder_users (
        user_id       TEXT PRIMARY KEY,
        weekly_target INTEGER NOT NULL DEFAULT 3 CHECK (weekly_target BETWEEN 1 AND 7),
        ease          INTEGER NOT NULL DEFAULT 0 CHECK (ease >= 0),
        tz_asked      INTEGER NOT NULL DEFAULT 0 CHECK (tz_asked IN (0, 1))
    );
    """,
]


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer BackCoach than this one."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database file (0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a script into statements, keeping ';' inside strings and triggers intact."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \t\r\n;"):
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:80]!r}")
    return statements


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations in one transaction and return the resulting schema version.

    Raises:
        SchemaTooNewError: the file has a higher version than ``len(MIGRATIONS)``.
    """
    target = len(MIGRATIONS)
    # executescript() would commit behind our back, so statements run one by one inside an
    # explicit BEGIN IMMEDIATE: it takes the write lock before reading the version, so two
    # processes starting together cannot both apply the same migration.
    saved_isolation = conn.isolation_level
    conn.isolation_level = None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current > target:
                raise SchemaTooNewError(
                    f"database schema version {current} is newer than this BackCoach "
                    f"supports ({target}); upgrade BackCoach or point BACKCOACH_DB elsewhere"
                )
            for version in range(current + 1, target + 1):
                for statement in _statements(MIGRATIONS[version - 1]):
                    conn.execute(statement)
                # PRAGMA does not accept bound parameters; version is an int we computed.
                conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.isolation_level = saved_isolation
    return target
