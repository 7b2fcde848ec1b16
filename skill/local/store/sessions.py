"""Sessions and their draft history: the undo stack (``drafts``) and what undo took back (``redo``)."""

from __future__ import annotations

import json
import secrets
from typing import Any

from ..errors import SessionNotFound
from ..records import SessionRecord
from .db import StoreBase, record_from_row

_HISTORY_MAX = 50


class SessionStore(StoreBase):
    """A user's sessions and each session's drafts, newest last, at most ``_HISTORY_MAX`` kept."""

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
        return record_from_row(SessionRecord, row)

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
