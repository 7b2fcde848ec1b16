"""How a failure is answered: each endpoint family's error shape, and the crashes told as errors.

The protocol's clients read different shapes (ADK's ``{"detail": ...}`` on ``/run_sse``, the render
proxy's ``success: false``, an HTML page on the project page), so one error has one status and message
here and the path picks the shape. A crash never shows a traceback: disk full is 507, a damaged
database names ``doctor``, anything else is a 500 naming only the exception's type.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from .errors import BackendError, BadRequest, NotFound, SessionNotFound

__all__ = ["EXCEPTION_HANDLERS"]

log = logging.getLogger(__name__)


def _error_response(request: Request, exc: BackendError) -> Response:
    path = request.url.path
    if path == "/run_sse":
        # Google ADK's FastAPI shapes: {"detail": ...}
        if isinstance(exc, SessionNotFound):
            return JSONResponse({"detail": exc.message}, status_code=404)
        if isinstance(exc, BadRequest):
            return JSONResponse({"detail": exc.details or exc.message}, status_code=422)
        body: dict[str, Any] = {"code": exc.code, "message": exc.message, "data": None, "detail": exc.message}
    elif path.startswith("/api/render/"):
        body = {
            "success": False,
            "code": exc.code,
            "message": exc.message,
            "error": exc.message,
            "data": None,
        }
    elif path.startswith("/workspace/"):
        from .page.shell import CSP, error_page

        response = HTMLResponse(error_page(exc.message), status_code=exc.status)
        response.headers["Content-Security-Policy"] = CSP
        return response
    else:
        body = {"code": exc.code, "message": exc.message, "data": None}
    return JSONResponse(body, status_code=exc.status, headers=exc.headers or None)


async def _on_backend_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, BackendError):
        return await _on_crash(request, exc)
    return _error_response(request, exc)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):
        return await _on_crash(request, exc)
    error = BackendError(exc.detail if isinstance(exc.detail, str) else "Request refused")
    error.status = error.code = exc.status_code
    if exc.status_code == 404:
        error = NotFound(f"Not found: {request.url.path}")
    return _error_response(request, error)


async def _on_crash(request: Request, exc: Exception) -> Response:
    if _is_disk_full(exc):
        log.warning("disk full on %s %s", request.method, request.url.path)
        error = BackendError("The backend's disk is full: free some space and try again.")
        error.status = error.code = 507
        return _error_response(request, error)
    if isinstance(exc, sqlite3.DatabaseError):
        log.error("the local state database failed on %s: %s", request.url.path, type(exc).__name__)
        error = BackendError("The backend's database is damaged or unreadable; see `music-to-best doctor`.")
        error.status = error.code = 500
        return _error_response(request, error)
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    error = BackendError(f"Internal error in the local backend ({type(exc).__name__}).")
    error.status = error.code = 500
    return _error_response(request, error)


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


EXCEPTION_HANDLERS: dict[Any, Any] = {
    BackendError: _on_backend_error,
    HTTPException: _on_http_error,
    Exception: _on_crash,
}
