"""The endpoints of protocol.md, one small async function each, grouped by resource; the work runs in threads.

This table is the one list of paths and methods; the handlers live in the sibling module of their
resource (account, sessions, uploads, renders) and in ``edit_route`` and ``page.routes``.
"""

from __future__ import annotations

from typing import Any

from ..edit_route import edit
from ..page.routes import PAGE_ROUTES
from .account import anonymous_token, claim_token, credits, healthz
from .renders import queue_render, render_cancel, render_download, render_status, render_submit
from .sessions import create_session, run_sse, state
from .uploads import media, upload

__all__ = ["ROUTES", "queue_render"]


ROUTES: tuple[tuple[str, str, Any], ...] = (
    ("GET", "/healthz", healthz),
    ("POST", "/api/auth/anonymous-token", anonymous_token),
    ("POST", "/api/tasks/me/with-session/nemo_agent", create_session),
    ("POST", "/api/auth/claim-token", claim_token),
    ("POST", "/run_sse", run_sse),
    ("POST", "/api/edit/nemo_agent/me/{sid}", edit),
    ("POST", "/api/upload-video/nemo_agent/me/{sid}", upload),
    ("GET", "/api/media/{upload_id}", media),
    ("GET", "/api/credits/balance/simple", credits),
    ("GET", "/api/state/nemo_agent/me/{sid}/latest", state),
    ("POST", "/api/render/proxy/lambda", render_submit),
    ("GET", "/api/render/proxy/lambda/{rid}", render_status),
    ("POST", "/api/render/proxy/lambda/{rid}/cancel", render_cancel),
    ("GET", "/api/render/proxy/{rid}/download", render_download),
    *PAGE_ROUTES,
)
