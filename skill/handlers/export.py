"""Export: refuse an empty draft, render (one retry with a new id), download the MP4, give the links."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skill.client.errors import APIError, EmptyDraft, NotFound, RenderFailed, TransportError, with_fields
from skill.client.render import Completed, Failed, Pending, Processing, RenderStatus, new_render_id
from skill.handlers import views
from skill.handlers.feedback import Feedback
from skill.messages import text

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = ["ExportReply", "export_video", "default_output"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExportReply:
    path: Path
    url: str | None
    link: str | None
    render_id: str
    texts: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def fields(self) -> dict[str, Any]:
        """What the result reports besides its text: one list for the CLI's ``--json`` and ``say``'s."""
        return {"path": str(self.path), "url": self.url, "link": self.link, "render_id": self.render_id}


def safe_stem(render_id: str) -> str:
    """The render id as a file-name part: the service chose it, so only ``[A-Za-z0-9_-]``, 64 at most."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", render_id).strip("_")[:64]
    return stem or new_render_id()


def default_output(render_id: str, output: Path | None = None) -> Path:
    """Where the video goes: ``output`` (a file, or a folder to put it in), else the current folder.

    The name never leaves the chosen folder, whatever render id the service returned."""
    name = f"music-to-best-{safe_stem(render_id)}.mp4"
    if output is None:
        return Path.cwd() / name
    output = Path(output).expanduser()
    return output / name if output.is_dir() else output


def _fresh_id(previous: str) -> str:
    """A new ``render_<unix_ms>`` id, never the one that failed (even within the same millisecond)."""
    candidate = new_render_id()
    if candidate == previous:
        candidate = new_render_id(int(candidate.removeprefix("render_")) + 1)
    return candidate


def _rebase(url: str | None, base: str) -> str | None:
    """``url`` on another server (its path and query kept): the embedded server's links on the page server."""
    if not url:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return base.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def _reason(failed: Failed) -> str:
    return f" ({failed.reason})" if failed.reason else ""


def export_video(
    client: NemoClient,
    *,
    output: Path | None = None,
    lang: str = "en",
    feedback: Feedback | None = None,
) -> ExportReply:
    """Render the current draft to MP4 and download it.

    Raises
    ------
    EmptyDraft
        The timeline has no segments (nothing is sent).
    RenderFailed
        The render failed, and the one retry with a new render id failed too.
    RequestTimeout
        The render did not finish within the poll bound (the job is cancelled).
    """
    feedback = feedback or Feedback()
    draft = client.state().draft or {}
    if not views.is_exportable(draft):
        raise EmptyDraft()
    rendering = text("export.rendering", lang)

    def on_status(status: RenderStatus) -> None:
        if isinstance(status, Pending) and status.position is not None:
            feedback.on_progress(
                "render", status.progress, text("export.queued", lang, position=status.position)
            )
        elif isinstance(status, (Pending, Processing)):
            feedback.on_progress("render", status.progress, rendering)
        elif isinstance(status, Completed):
            feedback.on_progress("render", 1.0, rendering)

    job = client.submit_render(draft)
    outcome = job.wait(on_progress=on_status)
    if isinstance(outcome, Failed):
        feedback.on_notice(text("export.retry", lang, reason=_reason(outcome)))
        job = client.submit_render(draft, render_id=_fresh_id(job.id))
        outcome = job.wait(on_progress=on_status)
        if isinstance(outcome, Failed):
            raise RenderFailed(reason=_reason(outcome))
    dest = default_output(job.id, output)
    downloading = text("export.downloading", lang)

    def on_bytes(done: int, total: int) -> None:
        feedback.on_progress("download", done / total, downloading)

    try:
        try:
            path = client.download(outcome.url, dest, render_id=job.id, on_progress=on_bytes)
        except (APIError, TransportError) as err:
            if not outcome.url:
                raise
            # A signed CDN link can expire, refuse or be unreachable; the service's own download path is
            # the fallback (a failure there is the one reported: it names the backend, not the CDN).
            log.info("result URL refused (%s); using the fallback download path", type(err).__name__)
            path = client.download(None, dest, render_id=job.id, on_progress=on_bytes)
            outcome = Completed(None)  # the refused URL is not offered to the user as a working link
    except NotFound as err:
        # "could not find what was asked for" says nothing here: the render is done, its file is missing.
        raise with_fields(err, key="client.error.download_missing") from None
    texts = [text("export.done", lang, path=str(path))]
    url = outcome.url or None
    if url and not url.lower().startswith(("http://", "https://")):
        url = client.settings.api_url.rstrip("/") + "/" + url.lstrip("/") if client.settings.api_url else url
    page: str | None = None
    if client.settings.embedded:
        # The embedded server stops with this command: links point at the background page server (same
        # store), or there are none rather than dead ones.
        from skill.backend import page_base

        page = page_base(client.settings)
        if page is None:
            return ExportReply(path, None, None, job.id, tuple(texts))
        url = _rebase(url, page)
    try:
        link: str | None = client.claim_link(web_base=page)
    except (APIError, TransportError) as err:
        log.info("claim link unavailable: %s", type(err).__name__)
        link = None
    if url:
        texts.append(text("export.url", lang, url=url))
    if link:
        texts.append(text("export.link", lang, link=link))
    return ExportReply(path, url, link, job.id, tuple(texts))
