"""The store's database: one sqlite file (WAL) and the directories under ``root``, shared by a lock.

The connection is shared and guarded by a re-entrant lock, so any thread (Starlette's thread pool,
render workers, chat turns) may call the store, and a method that reads then writes holds the lock
across both. The tables of every record live in one schema here, so a data dir is created (and an old
one migrated) in one place; the methods on each table live in the sibling modules.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    R = TypeVar("R", bound=DataclassInstance)

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY, user_id TEXT NOT NULL, client_id TEXT NOT NULL,
    created_at REAL NOT NULL, expires_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_client ON tokens (client_id, expires_at);
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, user_id TEXT NOT NULL,
    language TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
    session_id TEXT NOT NULL, seq INTEGER NOT NULL, draft TEXT NOT NULL, created_at REAL NOT NULL,
    PRIMARY KEY (session_id, seq));
-- drafts an undo took back, for redo; any new draft clears them
CREATE TABLE IF NOT EXISTS redo (
    session_id TEXT NOT NULL, seq INTEGER NOT NULL, draft TEXT NOT NULL, PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, session_id TEXT NOT NULL, filename TEXT NOT NULL,
    file_type TEXT NOT NULL, ext TEXT NOT NULL, size_bytes INTEGER NOT NULL, duration_s REAL,
    width INTEGER, height INTEGER, fps REAL, sha256 TEXT NOT NULL, has_audio INTEGER NOT NULL,
    created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS uploads_session ON uploads (session_id, created_at);
CREATE TABLE IF NOT EXISTS renders (
    user_id TEXT NOT NULL, render_id TEXT NOT NULL, session_id TEXT NOT NULL, file_key TEXT NOT NULL,
    status TEXT NOT NULL, progress INTEGER NOT NULL, error TEXT, draft TEXT NOT NULL,
    created_at REAL NOT NULL, updated_at REAL NOT NULL, owner_pid INTEGER NOT NULL DEFAULT 0,
    owner_start INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (user_id, render_id));
CREATE INDEX IF NOT EXISTS renders_status ON renders (status);
CREATE TABLE IF NOT EXISTS claims (
    claim_token TEXT PRIMARY KEY, user_id TEXT NOT NULL, session_id TEXT NOT NULL, task_id TEXT NOT NULL,
    expires_at REAL NOT NULL);
"""

S = TypeVar("S", bound="StoreBase")


def record_from_row(kind: type[R], row: sqlite3.Row, **overrides: Any) -> R:
    """A record from the row's columns named like its fields; a field the table lacks keeps its default.

    One mapping for every table, so a column added to the schema and the record is read without a
    second edit here.
    """
    names = set(row.keys())
    values = {f.name: row[f.name] for f in dataclasses.fields(kind) if f.name in names}
    return kind(**{**values, **overrides})


class StoreBase:
    """sqlite + files under ``root``; thread-safe; open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, root: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.root = root
        self._clock = clock
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None

    # ----------------------------------------------------------------- lifecycle
    @property
    def uploads_dir(self) -> Path:
        return self.root / "uploads"

    @property
    def renders_dir(self) -> Path:
        return self.root / "renders"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    def open(self: S) -> S:
        """Create the directories and schema (idempotent) and open the database."""
        for path in (self.root, self.uploads_dir, self.renders_dir, self.cache_dir):
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        db = sqlite3.connect(self.root / "backend.sqlite3", check_same_thread=False, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=5000")
        db.executescript(SCHEMA)
        columns = {row["name"] for row in db.execute("PRAGMA table_info(renders)")}
        if "owner_pid" not in columns:  # a data dir from before renders recorded their process
            db.execute("ALTER TABLE renders ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0")
        if "owner_start" not in columns:  # ... or that process's start time (PID reuse)
            db.execute("ALTER TABLE renders ADD COLUMN owner_start INTEGER NOT NULL DEFAULT 0")
        if "project" not in {row["name"] for row in db.execute("PRAGMA table_info(claims)")}:
            db.execute("ALTER TABLE claims ADD COLUMN project TEXT")  # links made before projects had names
        with contextlib.suppress(OSError):  # tokens live here: owner-only, like the token cache
            os.chmod(self.root / "backend.sqlite3", 0o600)
        self._db = db
        return self

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the store is not open")
        return self._db

    def _one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn().execute(sql, tuple(params)).fetchone()
            return row

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._conn().execute(sql, tuple(params)).fetchall())

    def _run(self, sql: str, params: Iterable[Any] = ()) -> int:
        with self._lock:
            return self._conn().execute(sql, tuple(params)).rowcount
