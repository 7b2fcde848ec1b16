"""Who may act: bearer tokens for clients and claim links to one project."""

from __future__ import annotations

import secrets

from ..constants import CLAIM_TTL_S, TOKEN_TTL_S
from ..records import ClaimRecord, TokenRecord
from .db import StoreBase, record_from_row


class AccessStore(StoreBase):
    """Tokens (``tokens`` table) and claims (``claims`` table)."""

    def token_for_client(self, client_id: str) -> TokenRecord:
        """Return the client's valid token, minting one (7 days) when it has none."""
        now = self._clock()
        with self._lock:
            row = self._one(
                "SELECT * FROM tokens WHERE client_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1",
                (client_id, now + 60),
            )
            if row is not None:
                return record_from_row(TokenRecord, row)
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
        return record_from_row(ClaimRecord, row)
