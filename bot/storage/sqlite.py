"""SQLite implementation of the storage ports: one file, WAL, forward migrations."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import cast

from bot.brain.model import Equipment, Focus, Level
from bot.storage.base import Prefs
from bot.storage.migrations import migrate

# How long a writer waits for another process's write lock before giving up. Writes here are
# single-row and take microseconds, so 5 s only matters when something is badly wrong.
BUSY_TIMEOUT_SECONDS = 5.0


@contextmanager
def write_transaction(conn: sqlite3.Connection, lock: threading.RLock) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE (excludes other writers, other processes too); commit, or roll back on error.

    Nested use joins the outer transaction, so store methods compose.
    """
    with lock:
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


class SqliteStore:
    """User settings in one SQLite file; safe to share between two processes (WAL + busy wait).

    One connection per store, guarded by a lock so the PTB event loop and helper threads can
    share it. Other stores (reminders) may use ``.connection`` and ``.transaction()`` too.
    """

    def __init__(self, path: str | Path) -> None:
        """Open (creating if needed) and migrate the database at ``path`` (":memory:" works)."""
        self.path = str(path)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )
        self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if self.path != ":memory:":
            # WAL lets a reader and a writer (e.g. a second process) work at the same time;
            # synchronous=NORMAL is the documented safe pairing with WAL (no corruption).
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        with self._lock:
            self.schema_version = migrate(self._conn)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for stores that share this file (hold ``.lock``)."""
        return self._conn

    @property
    def lock(self) -> threading.RLock:
        """The lock serialising use of the shared connection."""
        return self._lock

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction taken up front (BEGIN IMMEDIATE); commits, or rolls back on error."""
        return write_transaction(self._conn, self._lock)

    def close(self) -> None:
        """Close the connection; the store is unusable afterwards."""
        with self._lock:
            self._conn.close()

    def get_prefs(self, user_id: str) -> Prefs:
        """The user's saved settings, or ``Prefs()`` for an unknown user."""
        with self._lock:
            row = self._conn.execute(
                "SELECT level, equipment, focus, tz FROM users WHERE user_id = ?", (user_id,)
            ).fetchone()
        if row is None:
            return Prefs()
        return Prefs(
            level=cast(Level, row[0]),
            equipment=cast(Equipment, row[1]),
            focus=cast(Focus, row[2]),
            tz=row[3],
        )

    def save_prefs(self, user_id: str, prefs: Prefs) -> None:
        """Create or replace the user's settings."""
        with self.transaction() as conn:
            conn.execute(
                """
                INSERT INTO users (user_id, level, equipment, focus, tz)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    level = excluded.level, equipment = excluded.equipment,
                    focus = excluded.focus, tz = excluded.tz,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                """,
                (user_id, prefs.level, prefs.equipment, prefs.focus, prefs.tz),
            )

    def set_chat(self, user_id: str, chat_id: int) -> None:
        """Remember the private chat to write to; a user who writes again is not blocked."""
        with self.transaction() as conn:
            conn.execute(
                """
                INSERT INTO users (user_id, chat_id) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    chat_id = excluded.chat_id, blocked = 0,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                WHERE chat_id IS NOT excluded.chat_id OR blocked = 1
                """,
                (user_id, chat_id),
            )

    def get_chat(self, user_id: str) -> int | None:
        """The chat recorded for the user, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT chat_id FROM users WHERE user_id = ?", (user_id,)
            ).fetchone()
        return None if row is None else row[0]

    def mark_blocked(self, chat_id: int, blocked: bool = True) -> None:
        """Record that messages to this chat fail for good, so nothing retries them."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE users SET blocked = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                " WHERE chat_id = ?",
                (int(blocked), chat_id),
            )

    def is_blocked(self, chat_id: int) -> bool:
        """Whether sending to this chat is known to fail."""
        with self._lock:
            row = self._conn.execute(
                "SELECT MAX(blocked) FROM users WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        return bool(row[0])

    def _user_tables(self) -> list[str]:
        """Every table with a user_id column, dependants first and ``users`` last."""
        names = [
            row[0]
            for row in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        tables = [
            name
            for name in names
            if any(col[1] == "user_id" for col in self._conn.execute(f'PRAGMA table_info("{name}")'))
        ]
        # Rows referencing users(user_id) must go before the user row or a foreign key fails.
        return sorted(tables, key=lambda name: name == "users")

    def forget_user(self, user_id: str) -> int:
        """Delete every row about the user in every table with a user_id column; returns the count.

        Tables added by later migrations are covered without registering them: any personal
        data table must key its rows by ``user_id`` (see ``bot.storage.migrations``).
        """
        deleted = 0
        with self.transaction() as conn:
            for table in self._user_tables():
                deleted += conn.execute(f'DELETE FROM "{table}" WHERE user_id = ?', (user_id,)).rowcount
        return deleted

    def describe_user(self, user_id: str) -> dict[str, int]:
        """How many rows each user table holds about the user (zero counts included)."""
        with self._lock:
            return {
                table: self._conn.execute(
                    f'SELECT COUNT(*) FROM "{table}" WHERE user_id = ?', (user_id,)
                ).fetchone()[0]
                for table in self._user_tables()
            }
