"""Persistent state of the local backend: tokens, sessions, drafts, uploads, renders, claims.

One sqlite database (WAL) plus files under ``<data_dir>/local``. The connection is shared and guarded
by a lock, so any thread (Starlette's thread pool, render workers, chat turns) may call the store.
Every read that takes a ``user_id`` only sees that user's rows: another user's session, upload or
render is simply not found.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .constants import CLAIM_TTL_S, TOKEN_TTL_S
from .errors import NotFound, SessionNotFound
from .owner import this_process
from .records import ClaimRecord, RenderRecord, SessionRecord, TokenRecord, UploadRecord, empty_draft

__all__ = [
    "ClaimRecord",
    "RenderRecord",
    "SessionRecord",
    "Store",
    "TokenRecord",
    "UploadRecord",
    "empty_draft",
]

_HISTORY_MAX = 50
_SCHEMA = """
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


class Store:
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

    def open(self) -> Store:
        """Create the directories and schema (idempotent) and open the database."""
        for path in (self.root, self.uploads_dir, self.renders_dir, self.cache_dir):
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        db = sqlite3.connect(self.root / "backend.sqlite3", check_same_thread=False, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=5000")
        db.executescript(_SCHEMA)
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

    # ----------------------------------------------------------------- tokens
    def token_for_client(self, client_id: str) -> TokenRecord:
        """Return the client's valid token, minting one (7 days) when it has none."""
        now = self._clock()
        with self._lock:
            row = self._one(
                "SELECT * FROM tokens WHERE client_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1",
                (client_id, now + 60),
            )
            if row is not None:
                return TokenRecord(row["token"], row["user_id"], row["client_id"], row["expires_at"])
            record = TokenRecord(
                token="nmv_usr_" + secrets.token_urlsafe(32),
                user_id="anon_" + secrets.token_hex(12),
                client_id=client_id,
                expires_at=now + TOKEN_TTL_S,
            )
            self._run(
                "INSERT INTO tokens VALUES (?, ?, ?, ?, ?)",
                (record.token, record.user_id, client_id, now, record.expires_at),
            )
            return record

    def user_for_token(self, token: str) -> str | None:
        """Return the user id of a valid (known, unexpired) token, else None."""
        row = self._one("SELECT user_id, expires_at FROM tokens WHERE token = ?", (token,))
        if row is None or row["expires_at"] <= self._clock():
            return None
        return str(row["user_id"])

    # ----------------------------------------------------------------- sessions and drafts
    def create_session(self, user_id: str, language: str, draft: dict[str, Any]) -> SessionRecord:
        now = self._clock()
        record = SessionRecord(
            session_id="ses_" + secrets.token_hex(12),
            task_id="task_" + secrets.token_hex(12),
            user_id=user_id,
            language=language,
        )
        with self._lock:
            self._run(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                (record.session_id, record.task_id, user_id, language, now),
            )
            self._run("INSERT INTO drafts VALUES (?, 0, ?, ?)", (record.session_id, json.dumps(draft), now))
        return record

    def session(self, user_id: str, session_id: str) -> SessionRecord:
        """Return the user's session, or raise SessionNotFound (also for another user's)."""
        row = self._one("SELECT * FROM sessions WHERE session_id = ? AND user_id = ?", (session_id, user_id))
        if row is None:
            raise SessionNotFound(session_id)
        return SessionRecord(row["session_id"], row["task_id"], row["user_id"], row["language"])

    def session_for_task(self, user_id: str, task_id: str) -> SessionRecord:
        """The user's session of ``task_id``, or SessionNotFound."""
        row = self._one(
            "SELECT session_id FROM sessions WHERE task_id = ? AND user_id = ?", (task_id, user_id)
        )
        if row is None:
            raise SessionNotFound(task_id)
        return self.session(user_id, row["session_id"])

    def draft(self, session_id: str) -> dict[str, Any]:
        row = self._one(
            "SELECT draft FROM drafts WHERE session_id = ? ORDER BY seq DESC LIMIT 1", (session_id,)
        )
        if row is None:
            raise SessionNotFound(session_id)
        value: dict[str, Any] = json.loads(row["draft"])
        return value

    def push_draft(self, session_id: str, draft: dict[str, Any]) -> None:
        """Make ``draft`` the session's current draft, keeping the previous ones for undo."""
        now = self._clock()
        with self._lock:
            row = self._one("SELECT MAX(seq) AS seq FROM drafts WHERE session_id = ?", (session_id,))
            seq = (row["seq"] if row is not None and row["seq"] is not None else -1) + 1
            self._run("INSERT INTO drafts VALUES (?, ?, ?, ?)", (session_id, seq, json.dumps(draft), now))
            self._run("DELETE FROM redo WHERE session_id = ?", (session_id,))
            self._run(
                "DELETE FROM drafts WHERE session_id = ? AND seq > 0 AND seq <= ?",
                (session_id, seq - _HISTORY_MAX),
            )

    def previous_draft(self, session_id: str, steps: int = 1) -> dict[str, Any] | None:
        """The draft ``steps`` undos back, without undoing; None when history is shorter than that."""
        row = self._one(
            "SELECT draft FROM drafts WHERE session_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?",
            (session_id, steps),
        )
        return None if row is None else dict(json.loads(row["draft"]))

    def undo(self, session_id: str) -> dict[str, Any] | None:
        """Drop the current draft and return the previous one, or None when there is nothing to undo."""
        with self._lock:
            rows = self._all(
                "SELECT seq FROM drafts WHERE session_id = ? ORDER BY seq DESC LIMIT 2", (session_id,)
            )
            if len(rows) < 2:
                return None
            seq = rows[0]["seq"]
            self._run(
                "INSERT OR REPLACE INTO redo SELECT session_id, seq, draft FROM drafts WHERE session_id = ? AND seq = ?",
                (session_id, seq),
            )
            self._run("DELETE FROM drafts WHERE session_id = ? AND seq = ?", (session_id, seq))
            return self.draft(session_id)

    def redo(self, session_id: str) -> dict[str, Any] | None:
        """Bring back the draft the last undo took back (None when there is none to redo)."""
        with self._lock:
            row = self._one(
                "SELECT seq, draft FROM redo WHERE session_id = ? ORDER BY seq ASC LIMIT 1", (session_id,)
            )
            if row is None:
                return None
            top = self._one("SELECT MAX(seq) AS seq FROM drafts WHERE session_id = ?", (session_id,))
            seq = max(row["seq"], (top["seq"] if top is not None and top["seq"] is not None else -1) + 1)
            self._run(
                "INSERT INTO drafts VALUES (?, ?, ?, ?)", (session_id, seq, row["draft"], self._clock())
            )
            self._run("DELETE FROM redo WHERE session_id = ? AND seq = ?", (session_id, row["seq"]))
            return self.draft(session_id)

    # ----------------------------------------------------------------- uploads
    def new_upload_id(self) -> str:
        return "upl_" + secrets.token_hex(12)

    def upload_path(self, upload_id: str, ext: str) -> Path:
        """Where an upload's bytes live: a server-chosen name, never the client's."""
        return self.uploads_dir / f"{upload_id}.{ext}"

    def add_upload(self, record: UploadRecord) -> None:
        r = record
        self._run(
            "INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r.upload_id, r.user_id, r.session_id, r.filename, r.file_type, r.ext, r.size_bytes,
                r.duration_s, r.width, r.height, r.fps, r.sha256, int(r.has_audio), r.created_at,
            ),
        )  # fmt: skip

    @staticmethod
    def _upload(row: sqlite3.Row) -> UploadRecord:
        return UploadRecord(
            upload_id=row["upload_id"],
            user_id=row["user_id"],
            session_id=row["session_id"],
            filename=row["filename"],
            file_type=row["file_type"],
            ext=row["ext"],
            size_bytes=row["size_bytes"],
            duration_s=row["duration_s"],
            width=row["width"],
            height=row["height"],
            fps=row["fps"],
            sha256=row["sha256"],
            has_audio=bool(row["has_audio"]),
            created_at=row["created_at"],
        )

    def upload(self, user_id: str, upload_id: str) -> UploadRecord:
        row = self._one("SELECT * FROM uploads WHERE upload_id = ? AND user_id = ?", (upload_id, user_id))
        if row is None:
            raise NotFound(f"File not found: {upload_id}")
        return self._upload(row)

    def uploads(self, session_id: str) -> list[UploadRecord]:
        rows = self._all(
            "SELECT * FROM uploads WHERE session_id = ? ORDER BY created_at, rowid", (session_id,)
        )
        return [self._upload(row) for row in rows]

    def user_upload_bytes(self, user_id: str) -> int:
        """What one user's uploads take on disk (their quota is checked against it)."""
        row = self._one("SELECT COALESCE(SUM(size_bytes), 0) AS n FROM uploads WHERE user_id = ?", (user_id,))
        return int(row["n"]) if row is not None else 0

    # ----------------------------------------------------------------- retention
    def older_than(self, before: float) -> tuple[list[UploadRecord], list[RenderRecord]]:
        """Uploads created, and finished renders last changed, before ``before`` (the retention sweep)."""
        uploads = self._all("SELECT * FROM uploads WHERE created_at < ? ORDER BY created_at", (before,))
        renders = self._all(
            "SELECT * FROM renders WHERE updated_at < ? AND status IN ('completed', 'failed')", (before,)
        )
        return [self._upload(r) for r in uploads], [self._render(r) for r in renders]

    def forget_upload(self, upload_id: str) -> None:
        self._run("DELETE FROM uploads WHERE upload_id = ?", (upload_id,))

    def forget_render(self, user_id: str, render_id: str) -> None:
        self._run("DELETE FROM renders WHERE user_id = ? AND render_id = ?", (user_id, render_id))

    # ----------------------------------------------------------------- renders
    def render_path(self, file_key: str) -> Path:
        return self.renders_dir / f"{file_key}.mp4"

    def add_render(
        self, user_id: str, render_id: str, session_id: str, draft: dict[str, Any]
    ) -> RenderRecord:
        now = self._clock()
        file_key = secrets.token_hex(12)
        pid, start = this_process()
        self._run(
            "INSERT INTO renders (user_id, render_id, session_id, file_key, status, progress, error, draft, "
            "created_at, updated_at, owner_pid, owner_start) VALUES (?, ?, ?, ?, 'pending', 0, NULL, ?, ?, ?, ?, ?)",
            (user_id, render_id, session_id, file_key, json.dumps(draft), now, now, pid, start),
        )
        return self.render(user_id, render_id)

    @staticmethod
    def _render(row: sqlite3.Row) -> RenderRecord:
        return RenderRecord(
            user_id=row["user_id"],
            render_id=row["render_id"],
            session_id=row["session_id"],
            file_key=row["file_key"],
            status=row["status"],
            progress=row["progress"],
            error=row["error"],
            draft=json.loads(row["draft"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            owner_pid=row["owner_pid"],
            owner_start=row["owner_start"],
        )

    def render(self, user_id: str, render_id: str) -> RenderRecord:
        row = self._one("SELECT * FROM renders WHERE user_id = ? AND render_id = ?", (user_id, render_id))
        if row is None:
            raise NotFound(f"Render not found: {render_id}")
        return self._render(row)

    def render_by_key(self, render_id: str, file_key: str) -> RenderRecord | None:
        """The render whose signed download key is ``file_key`` (any user), else None."""
        row = self._one("SELECT * FROM renders WHERE file_key = ? AND render_id = ?", (file_key, render_id))
        return self._render(row) if row is not None else None

    def find_render(self, user_id: str, render_id: str) -> RenderRecord | None:
        try:
            return self.render(user_id, render_id)
        except NotFound:
            return None

    def update_render(
        self,
        user_id: str,
        render_id: str,
        *,
        status: str | None = None,
        progress: int | None = None,
        error: str | None = None,
        owner_pid: int | None = None,
        owner_start: int | None = None,
        only_if_status: tuple[str, ...] = (),
    ) -> bool:
        """Change a render's status/progress/error; with ``only_if_status``, only from those statuses."""
        sets = ["updated_at = ?"]
        params: list[Any] = [self._clock()]
        fields = (
            ("status", status),
            ("progress", progress),
            ("error", error),
            ("owner_pid", owner_pid),
            ("owner_start", owner_start),
        )
        for column, value in fields:
            if value is not None:
                sets.append(f"{column} = ?")
                params.append(value)
        sql = f"UPDATE renders SET {', '.join(sets)} WHERE user_id = ? AND render_id = ?"
        params += [user_id, render_id]
        if only_if_status:
            sql += f" AND status IN ({', '.join('?' * len(only_if_status))})"
            params += list(only_if_status)
        return self._run(sql, params) > 0

    def renders_with_status(self, *statuses: str) -> list[RenderRecord]:
        marks = ", ".join("?" * len(statuses))
        rows = self._all(f"SELECT * FROM renders WHERE status IN ({marks}) ORDER BY created_at", statuses)
        return [self._render(row) for row in rows]

    def session_renders(self, session_id: str) -> list[RenderRecord]:
        rows = self._all(
            "SELECT * FROM renders WHERE session_id = ? ORDER BY created_at, rowid", (session_id,)
        )
        return [self._render(row) for row in rows]

    # ----------------------------------------------------------------- claims
    def create_claim(
        self, user_id: str, session_id: str, task_id: str, project: str | None = None
    ) -> ClaimRecord:
        """A link key to the project; ``project`` is the client's name for it (shown on its page)."""
        record = ClaimRecord(
            claim_token="clm_" + secrets.token_urlsafe(24),
            user_id=user_id,
            session_id=session_id,
            task_id=task_id,
            expires_at=self._clock() + CLAIM_TTL_S,
            project=project,
        )
        self._run(
            "INSERT INTO claims (claim_token, user_id, session_id, task_id, expires_at, project)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (record.claim_token, user_id, session_id, task_id, record.expires_at, project),
        )
        return record

    def claim(self, claim_token: str) -> ClaimRecord | None:
        row = self._one("SELECT * FROM claims WHERE claim_token = ?", (claim_token,))
        if row is None or row["expires_at"] <= self._clock():
            return None
        return ClaimRecord(
            row["claim_token"],
            row["user_id"],
            row["session_id"],
            row["task_id"],
            row["expires_at"],
            row["project"],
        )
