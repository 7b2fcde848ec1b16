"""Renders: their status and progress as workers report it, and which process owns each one."""

from __future__ import annotations

import json
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import NotFound
from ..owner import this_process
from ..records import RenderRecord
from .db import StoreBase, record_from_row


def render_record(row: sqlite3.Row) -> RenderRecord:
    return record_from_row(RenderRecord, row, draft=json.loads(row["draft"]))


class RenderStore(StoreBase):
    """The ``renders`` table; a read that takes a ``user_id`` sees only that user's rows."""

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

    def render(self, user_id: str, render_id: str) -> RenderRecord:
        row = self._one("SELECT * FROM renders WHERE user_id = ? AND render_id = ?", (user_id, render_id))
        if row is None:
            raise NotFound(f"Render not found: {render_id}")
        return render_record(row)

    def render_by_key(self, render_id: str, file_key: str) -> RenderRecord | None:
        """The render whose signed download key is ``file_key`` (any user), else None."""
        row = self._one("SELECT * FROM renders WHERE file_key = ? AND render_id = ?", (file_key, render_id))
        return render_record(row) if row is not None else None

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
        return [render_record(row) for row in rows]

    def session_renders(self, session_id: str) -> list[RenderRecord]:
        rows = self._all(
            "SELECT * FROM renders WHERE session_id = ? ORDER BY created_at, rowid", (session_id,)
        )
        return [render_record(row) for row in rows]

    def forget_render(self, user_id: str, render_id: str) -> None:
        self._run("DELETE FROM renders WHERE user_id = ? AND render_id = ?", (user_id, render_id))
