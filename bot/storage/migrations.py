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
