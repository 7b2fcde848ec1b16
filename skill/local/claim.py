"""The project page behind a claim link: the timeline (one line per track) and the latest video."""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from . import drafts
from .errors import NotFound

if TYPE_CHECKING:
    from .store import ClaimRecord, Store

__all__ = ["error_page", "latest_video", "project_page"]


def _template() -> Template:
    text = resources.files("skill.local").joinpath("claim.html").read_text(encoding="utf-8")
    return Template(text)


def _claim(store: Store, claim_token: str) -> ClaimRecord:
    record = store.claim(claim_token) if claim_token else None
    if record is None:
        raise NotFound("This project link is unknown or has expired.")
    return record


def _latest_completed(store: Store, claim: ClaimRecord) -> Path | None:
    for render in reversed(store.session_renders(claim.session_id)):
        path = store.render_path(render.file_key)
        if render.status == "completed" and path.exists():
            return path
    return None


def project_page(store: Store, claim_token: str) -> str:
    """Render the page for ``claim_token``; NotFound (a 404 page) when it is unknown or expired."""
    claim = _claim(store, claim_token)
    draft = store.draft(claim.session_id)
    lines = drafts.summary_lines(draft)
    timeline = (
        "<ol>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ol>"
        if lines
        else '<p class="muted">The timeline is empty.</p>'
    )
    if _latest_completed(store, claim) is not None:
        src = "/workspace/claim/video?ct=" + html.escape(claim.claim_token, quote=True)
        video = f'<video controls preload="metadata" src="{src}"></video>'
    else:
        video = '<p class="muted">No video has been exported yet.</p>'
    return _template().substitute(
        title="Music to Best — project",
        subtitle=html.escape(f"Project {claim.task_id}"),
        video=video,
        timeline=timeline,
    )


def latest_video(store: Store, claim_token: str) -> Path:
    path = _latest_completed(store, _claim(store, claim_token))
    if path is None:
        raise NotFound("No video has been exported for this project yet.")
    return path


def error_page(message: str) -> str:
    return _template().substitute(
        title="Music to Best — not found", subtitle=html.escape(message), video="", timeline=""
    )
