"""Uploads: the record of each file a client sent, and where its bytes live."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

from ..errors import NotFound
from ..records import UploadRecord
from .db import StoreBase, record_from_row


def upload_record(row: sqlite3.Row) -> UploadRecord:
    return record_from_row(UploadRecord, row, has_audio=bool(row["has_audio"]))


class UploadStore(StoreBase):
    """The ``uploads`` table; a read that takes a ``user_id`` sees only that user's rows."""

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

    def upload(self, user_id: str, upload_id: str) -> UploadRecord:
        row = self._one("SELECT * FROM uploads WHERE upload_id = ? AND user_id = ?", (upload_id, user_id))
        if row is None:
            raise NotFound(f"File not found: {upload_id}")
        return upload_record(row)

    def uploads(self, session_id: str) -> list[UploadRecord]:
        rows = self._all(
            "SELECT * FROM uploads WHERE session_id = ? ORDER BY created_at, rowid", (session_id,)
        )
        return [upload_record(row) for row in rows]

    def user_upload_bytes(self, user_id: str) -> int:
        """What one user's uploads take on disk (their quota is checked against it)."""
        row = self._one("SELECT COALESCE(SUM(size_bytes), 0) AS n FROM uploads WHERE user_id = ?", (user_id,))
        return int(row["n"]) if row is not None else 0

    def forget_upload(self, upload_id: str) -> None:
        self._run("DELETE FROM uploads WHERE upload_id = ?", (upload_id,))
