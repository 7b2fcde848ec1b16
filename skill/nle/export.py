"""``export --format``: read the project through the state call, collect its media, write the NLE file.

The same path serves the local backend (uploads fetched from its media route) and the cloud (the
draft's own URLs): the timeline always comes from the state endpoint, so what the editor opens is the
edit the user was shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skill.client.errors import (
    APIError,
    BadResponse,
    EmptyDraft,
    LocalWriteFailed,
    RenderFailed,
    TransportError,
)
from skill.errors import MissingExtraError, SkillError
from skill.handlers.feedback import Feedback
from skill.messages import text

from .formats import FORMATS, NleFormat
from .plan import Media

if TYPE_CHECKING:
    from skill.client.api import NemoClient
    from skill.timeline.model import Timeline

__all__ = ["MediaMissing", "NleReply", "export_nle", "nle_output"]

_SLUG_MAX = 40


class MediaMissing(SkillError):
    """A shot or the song names no file the export could fetch (no upload id, no URL)."""

    key = "nle.error.media_missing"


@dataclass(frozen=True, slots=True)
class NleReply:
    path: Path
    media_dir: Path
    format: NleFormat
    shots: int
    markers: int
    texts: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def fields(self) -> dict[str, Any]:
        """What the result reports besides its text: one list for the CLI's ``--json`` and ``say``'s."""
        return {
            "path": str(self.path),
            "media_dir": str(self.media_dir),
            "format": self.format,
            "shots": self.shots,
            "markers": self.markers,
        }


def _slug(name: str) -> str:
    """A file-name-safe form of ``name`` (letters and digits of any script kept)."""
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in unicodedata.normalize("NFC", name))
    return re.sub(r"-{2,}", "-", cleaned).strip("-")[:_SLUG_MAX].strip("-") or "edit"


def nle_output(fmt: NleFormat, name: str, output: Path | None = None) -> Path:
    """Where the file goes: ``output`` (a file, or a folder to put it in), else the current folder."""
    suffix = FORMATS[fmt].suffix
    default = f"music-to-best-{_slug(name)}{suffix}"
    if output is None:
        return Path.cwd() / default
    output = Path(output).expanduser().absolute()
    if output.is_dir():
        return output / default
    return output if output.suffix else output.with_name(output.name + suffix)


class _ClientMedia:
    """Fetches each upload once into ``folder`` under its own name; renders the generated pictures once."""

    def __init__(self, client: NemoClient, folder: Path, lang: str, feedback: Feedback) -> None:
        self._client = client
        self._folder = folder
        self._lang = lang
        self._feedback = feedback
        self._files: dict[str, Media] = {}
        self._taken: set[str] = set()
        self._visuals: Media | None = None

    def _dest(self, name: str, fallback_ext: str = "") -> Path:
        # a display name, never a path: no folders, no leading dots ("..", ".hidden")
        base = Path(name.replace("\\", "/")).name.strip().lstrip(".") or "media"
        stem, ext = Path(base).stem or "media", Path(base).suffix or fallback_ext
        candidate, n = f"{stem}{ext}", 1
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{stem} ({n}){ext}"
        self._taken.add(candidate.lower())
        return self._folder / candidate

    def upload(self, upload_id: str | None, src: str | None, name: str) -> Media:
        from .probe import probe

        key = upload_id or src or name
        if key in self._files:
            return self._files[key]
        # The local backend's own links name the port of the server that made them (an embedded one is
        # gone by now): its media route on this backend serves the same upload.
        target = f"/api/media/{upload_id}" if upload_id and (not src or "/api/media/" in src) else src
        if not target:
            raise MediaMissing(name=name)
        ext = Path((src or "").split("?", 1)[0]).suffix
        dest = self._dest(name, ext)
        collecting = text("nle.collecting", self._lang)

        def on_bytes(done: int, total: int) -> None:
            self._feedback.on_progress("download", done / total, collecting)

        path = self._client.download(target, dest, on_progress=on_bytes)
        media = self._files[key] = probe(path)
        return media

    def visuals(self, timeline: Timeline) -> Media:
        if self._visuals is None:
            self._visuals = self._render(timeline)
        return self._visuals

    def _render(self, timeline: Timeline) -> Media:
        from skill.client.render import Completed, Failed, RenderStatus
        from skill.timeline.model import TT_TEXT
        from skill.timeline.wire import to_draft

        from .probe import probe

        # the pictures alone: no texts (the editor gets them as markers) and no fades
        clean = replace(
            timeline,
            tracks=tuple(t for t in timeline.tracks if t.tt != TT_TEXT),
            fade_in_s=0.0,
            fade_out_s=0.0,
        )
        rendering = text("nle.rendering_visuals", self._lang)

        def on_status(status: RenderStatus) -> None:
            done = 1.0 if isinstance(status, Completed) else getattr(status, "progress", 0.0)
            self._feedback.on_progress("render", float(done or 0.0), rendering)

        job = self._client.submit_render(to_draft(clean))
        outcome = job.wait(on_progress=on_status)
        if isinstance(outcome, Failed):
            raise RenderFailed(reason=f" ({outcome.reason})" if outcome.reason else "")
        dest = self._dest("generated visuals.mp4")
        try:
            path = self._client.download(outcome.url, dest, render_id=job.id)
        except (APIError, TransportError):
            if not outcome.url:
                raise
            path = self._client.download(None, dest, render_id=job.id)
        return probe(path)


def export_nle(
    client: NemoClient,
    fmt: NleFormat,
    *,
    output: Path | None = None,
    lang: str = "en",
    feedback: Feedback | None = None,
) -> NleReply:
    """Export the current project for an editor as ``fmt``; its media go to a folder beside the file.

    Raises
    ------
    MissingExtraError
        OpenTimelineIO (the ``[nle]`` extra) is not installed (nothing is fetched).
    EmptyDraft
        The timeline has no shots.
    """
    try:
        from .build import build_timeline
        from .write import write_timeline
    except ImportError:
        raise MissingExtraError(key="nle.error.missing_extra") from None
    from skill.timeline.wire import TimelineError, from_draft

    from .collect import NothingToExport, collect, export_name

    feedback = feedback or Feedback()
    try:
        timeline = from_draft(client.state().draft or {})
    except TimelineError:
        raise client.decorate(BadResponse(what="a project draft of the wrong shape")) from None
    if not timeline.shots:
        raise EmptyDraft()
    dest = nle_output(fmt, export_name(timeline), output)
    media_dir = dest.with_name(f"{dest.stem}-media")
    try:
        plan = collect(timeline, _ClientMedia(client, media_dir, lang, feedback))
    except NothingToExport:
        raise EmptyDraft() from None
    built = build_timeline(plan)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        write_timeline(built, dest, fmt)
    except OSError as err:
        raise LocalWriteFailed(path=str(dest), reason=err.strerror or type(err).__name__) from None
    markers = sum(len(clip.markers) for clip in built.video_tracks()[0].find_clips())
    spec = FORMATS[fmt]
    done = text(
        "nle.done",
        lang,
        format=fmt,
        editors=spec.editors,
        path=str(dest),
        shots=len(plan.shots),
        markers=markers,
        media=str(media_dir),
    )
    return NleReply(dest, media_dir, fmt, len(plan.shots), markers, (done,))
