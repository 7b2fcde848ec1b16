"""Liveness, tokens, claim links and credits: who the caller is and what the server can take."""

from __future__ import annotations

import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..constants import ANON_CREDITS, CLAIM_TTL_S
from ..errors import BackendError, BadRequest, Busy, MissingClientId
from ..http_io import backend_of, ok, read_json, require_user
from ..models import ClaimBody
from ..wire import iso


async def healthz(request: Request) -> Response:
    """Liveness plus the render queue: 503 when no render worker is alive to take an export."""
    try:
        queue = await run_in_threadpool(backend_of(request).renders.health)
    except BackendError as err:
        return JSONResponse({"status": "degraded", "reason": err.message}, status_code=503)
    if queue.get("queue") == "in-process" and not queue.get("workers"):
        return JSONResponse({"status": "degraded", "reason": "no render worker is running", **queue}, 503)
    return JSONResponse({"status": "ok", **queue})


async def anonymous_token(request: Request) -> Response:
    client_id = request.headers.get("x-client-id", "").strip()
    if not client_id or len(client_id) > 128:
        raise MissingClientId("Missing X-Client-Id header: send a stable UUID for this machine.")
    backend = backend_of(request)
    host = request.client.host if request.client else ""
    now = time.monotonic()
    recent = [t for t in backend.token_requests.get(host, []) if now - t < 3600.0]
    if len(recent) >= backend.config.tokens_per_host_per_hour:
        raise Busy("Too many new tokens from this address; try again in an hour.", retry_after_s=600)
    backend.token_requests[host] = [*recent, now]
    record = await run_in_threadpool(backend.store.token_for_client, client_id)
    return ok(
        {
            "token": record.token,
            "user_id": record.user_id,
            "expires_at": iso(record.expires_at),
            "credits": ANON_CREDITS,
        }
    )


async def claim_token(request: Request) -> Response:
    user = await require_user(request)
    body = await read_json(request, ClaimBody)
    store = backend_of(request).store
    if body.session_id:
        session = await run_in_threadpool(store.session, user, body.session_id)
    elif body.task_id:
        session = await run_in_threadpool(store.session_for_task, user, body.task_id)
    else:
        raise BadRequest("Send the project's session_id (and task_id).")
    claim = await run_in_threadpool(
        store.create_claim, user, session.session_id, session.task_id, body.project
    )
    return ok({"claim_token": claim.claim_token, "expires_in": CLAIM_TTL_S})


async def credits(request: Request) -> Response:
    await require_user(request)
    return ok(
        {"available": ANON_CREDITS, "frozen": 0, "total": ANON_CREDITS, "note": "local rendering is free"}
    )
