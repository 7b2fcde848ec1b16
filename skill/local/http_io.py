"""What every endpoint does at the HTTP edge: find the backend and the caller, read a JSON body into its
model, and answer in the protocol's envelopes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from .errors import AuthInvalid, BadRequest, BodyTooLarge

if TYPE_CHECKING:
    from .app import Backend

__all__ = ["backend_of", "base_url", "ok", "read_json", "render_ok", "require_user"]

ModelT = TypeVar("ModelT", bound=BaseModel)


def backend_of(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def ok(data: dict[str, Any], status: int = 200) -> JSONResponse:
    """The common envelope: ``{"code": 0, "message": "ok", "data": ...}``."""
    return JSONResponse({"code": 0, "message": "ok", "data": data}, status_code=status)


def render_ok(data: dict[str, Any]) -> JSONResponse:
    """The render endpoints' envelope: ``{"success": true, "data": ...}``."""
    return JSONResponse({"success": True, "data": data})


async def require_user(request: Request) -> str:
    """Return the user id of the request's bearer token, or raise AuthInvalid (401 / 1001)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise AuthInvalid("Missing bearer token: send Authorization: Bearer <token>.")
    user = await run_in_threadpool(backend_of(request).store.user_for_token, token)
    if user is None:
        raise AuthInvalid("Token expired or invalid; get a new one from /api/auth/anonymous-token.")
    return user


async def read_json(request: Request, model: type[ModelT], *, required: bool = True) -> ModelT:
    """Read a JSON body (at most ``json_max_bytes``) into ``model``; BadRequest (422) when it does not fit."""
    limit = backend_of(request).config.json_max_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(f"The JSON body is larger than {limit} bytes.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(f"The JSON body is larger than {limit} bytes.")
    if not body.strip():
        if required:
            raise BadRequest(
                "A JSON body is required.",
                details=[{"type": "missing", "loc": ["body"], "msg": "Field required"}],
            )
        data: Any = {}
    else:
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as err:  # RecursionError: nesting too deep to parse
            raise BadRequest(
                "The body is not valid JSON.",
                details=[{"type": "json_invalid", "loc": ["body"], "msg": str(err)}],
            ) from err
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = err.errors(include_url=False)
        details: list[dict[str, object]] = [
            {"type": e["type"], "loc": ["body", *e["loc"]], "msg": e["msg"]} for e in errors
        ]
        where = ".".join(str(p) for p in errors[0]["loc"]) or "body"
        raise BadRequest(f"Invalid request body: {where}: {errors[0]['msg']}", details=details) from err
