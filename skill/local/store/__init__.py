"""Persistent state of the local backend: tokens, sessions, drafts, uploads, renders, claims.

One sqlite database (WAL) plus files under ``<data_dir>/local``. The connection is shared and guarded
by a lock, so any thread (Starlette's thread pool, render workers, chat turns) may call the store.
Every read that takes a ``user_id`` only sees that user's rows: another user's session, upload or
render is simply not found.
"""

from __future__ import annotations

from ..records import ClaimRecord, RenderRecord, SessionRecord, TokenRecord, UploadRecord, empty_draft
from .access import AccessStore
from .renders import RenderStore, render_record
from .sessions import SessionStore
from .uploads import UploadStore, upload_record

__all__ = [
    "ClaimRecord",
    "RenderRecord",
    "SessionRecord",
    "Store",
    "TokenRecord",
    "UploadRecord",
    "empty_draft",
]


class Store(AccessStore, SessionStore, UploadStore, RenderStore):
    """sqlite + files under ``root``; thread-safe; open with :meth:`open`, close with :meth:`close`.

    One class over the per-table parts (tokens and claims, sessions and drafts, uploads, renders),
    so callers hold one object; the retention sweep, which reads two tables, lives here.
    """

    # ----------------------------------------------------------------- retention
    def older_than(self, before: float) -> tuple[list[UploadRecord], list[RenderRecord]]:
        """Uploads created, and finished renders last changed, before ``before`` (the retention sweep)."""
        uploads = self._all("SELECT * FROM uploads WHERE created_at < ? ORDER BY created_at", (before,))
        renders = self._all(
            "SELECT * FROM renders WHERE updated_at < ? AND status IN ('completed', 'failed')", (before,)
        )
        return [upload_record(r) for r in uploads], [render_record(r) for r in renders]
