"""What the project page shows, as JSON for its script: built from the typed timeline and the store.

One function per part (project, video, job, edit) so each reads one thing. Times are seconds on the
video's clock except ``song.*`` (the song's). User strings go out as data; the script only ever puts
them into text nodes, never into markup.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from skill.timeline import Timeline, TimelineError, from_draft
from skill.timeline.model import Shot
from skill.timeline.view import timeline_view

from ..errors import NotFound
from . import media
from .text import LANG_NAMES, PageLang, labels, page_lang

if TYPE_CHECKING:
    from ..records import ClaimRecord, RenderRecord, UploadRecord
    from ..store import Store

__all__ = [
    "WAVE_BUCKETS",
    "claim_of",
    "job_of",
    "latest_video",
    "page_data",
    "poster_time",
    "revision",
    "shot_of",
    "timeline_of",
    "upload_path",
]

WAVE_BUCKETS = 600  # the excerpt's outline: enough for a wide screen, small as JSON
SONG_BUCKETS = 400
_ACTIVE = ("pending", "processing")


def claim_of(store: Store, claim_token: str) -> ClaimRecord:
    """The claim behind a page link; NotFound when it is unknown or expired."""
    record = store.claim(claim_token) if claim_token else None
    if record is None:
        raise NotFound("This project link is unknown or has expired.")
    return record


def timeline_of(draft: object) -> Timeline:
    """The draft as a timeline; a draft the model cannot read shows as an empty project, not an error page."""
    try:
        return from_draft(draft)
    except TimelineError:
        return Timeline()


def latest_video(store: Store, claim: ClaimRecord) -> RenderRecord | None:
    """The newest completed render whose file still exists."""
    for render in reversed(store.session_renders(claim.session_id)):
        if render.status == "completed" and store.render_path(render.file_key).exists():
            return render
    return None


def job_of(store: Store, claim: ClaimRecord) -> dict[str, Any] | None:
    """The newest render when it is still running or failed after the last good one; else None."""
    renders = store.session_renders(claim.session_id)
    if not renders or renders[-1].status == "completed":
        return None
    last = renders[-1]
    return {"id": last.render_id, "status": last.status, "progress": last.progress, "error": last.error}


def revision(store: Store, claim: ClaimRecord) -> str:
    """A short fingerprint of what the page shows: the draft and the renders (the script polls it)."""
    draft = store.draft(claim.session_id)
    renders = [(r.render_id, r.status, r.progress) for r in store.session_renders(claim.session_id)]
    blob = json.dumps([draft, renders], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _upload(store: Store, claim: ClaimRecord, upload_id: str | None) -> UploadRecord | None:
    if not upload_id:
        return None
    try:
        return store.upload(claim.user_id, upload_id)
    except NotFound:
        return None


def upload_path(store: Store, claim: ClaimRecord, upload_id: str | None) -> Path | None:
    record = _upload(store, claim, upload_id)
    if record is None:
        return None
    path = store.upload_path(record.upload_id, record.ext)
    return path if path.exists() else None


def poster_time(timeline: Timeline) -> float:
    """Where the poster frame is taken: inside the title when there is one, else a third in; never in a fade."""
    duration = timeline.duration_s or 0.0
    title = timeline.title
    at = (title.start_s + title.end_s) / 2 if title is not None and title.text else duration / 3
    low = min(timeline.fade_in_s + 0.3, duration / 2)
    high = max(duration - timeline.fade_out_s - 0.3, low)
    return max(low, min(at, high))


def _link(path: str, ct: str, **params: object) -> str:
    query = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())
    return f"/workspace/claim/{path}?ct={quote(ct, safe='')}" + (f"&{query}" if query else "")


def _project(timeline: Timeline, language: str, store: Store, claim: ClaimRecord) -> tuple[PageLang, str]:
    """The page's language and what to call the project: its title, else its song, else its name, else ""."""
    title = timeline.title.text if timeline.title is not None and timeline.title.text else ""
    lang = page_lang(language, title)
    song = timeline.song
    name = title or (song.name if song is not None and song.name else "") or claim.project or ""
    return lang, name


def _video(store: Store, claim: ClaimRecord, ct: str) -> dict[str, Any] | None:
    render = latest_video(store, claim)
    if render is None:
        return None
    rendered = timeline_of(render.draft)
    width, height = rendered.size
    return {
        "id": render.render_id,
        "src": _link("video", ct, r=render.render_id),
        "download": _link("video", ct, r=render.render_id, download=1),
        "poster": _link("poster", ct, r=render.render_id),
        "width": width,
        "height": height,
        "filename": f"{render.render_id}.mp4",
    }


def _thumbs(timeline: Timeline, ct: str, has_video: bool, rev: str) -> list[str | None]:
    """Per shot, the URL of its picture: its clip's or photo's frame, or (generated) the last render's."""
    return [
        _link("thumb", ct, i=i, v=rev) if (shot.kind != "generated" and shot.upload_id) or has_video else None
        for i, shot in enumerate(timeline.shots)
    ]


def _ducking(timeline: Timeline, store: Store, claim: ClaimRecord) -> dict[str, Any] | None:
    """Where the music ducks: under every shot that plays a clip's own sound (clip audio kept)."""
    if not timeline.clip_audio.keep or timeline.clip_audio.duck_db <= 0:
        return None
    spans: list[list[float]] = []
    for shot in timeline.shots:
        record = _upload(store, claim, shot.upload_id) if shot.kind == "clip" else None
        if record is None or not record.has_audio or shot.audio_gain <= 0:
            continue
        if spans and abs(spans[-1][1] - shot.start_s) < 1e-6:
            spans[-1][1] = shot.end_s
        else:
            spans.append([shot.start_s, shot.end_s])
    return {"duck_db": timeline.clip_audio.duck_db, "spans": spans} if spans else None


def _edit(
    timeline: Timeline, store: Store, claim: ClaimRecord, ct: str, *, has_video: bool, rev: str
) -> dict[str, Any] | None:
    """The edit as ``state --json`` gives it to agents (one structure), plus what only the page draws."""
    song = timeline.song
    if song is None or not timeline.is_exportable:
        return None
    view = timeline_view(timeline)
    duration = float(view["duration_s"]) or song.end_s
    song_path = upload_path(store, claim, song.upload_id)
    wave: list[float] = []
    song_wave: list[float] = []
    if song_path is not None:
        wave, song_wave = media.outline(
            song_path,
            start_s=song.song_start_s,
            end_s=song.song_start_s + duration,
            buckets=WAVE_BUCKETS,
            song_buckets=SONG_BUCKETS,
            cache_dir=store.cache_dir / "page",
        )
    thumbs = _thumbs(timeline, ct, has_video, rev)
    return {
        **view,
        "duration_s": duration,
        "song": {**view["song"], "duration_s": song.song_duration_s},
        "shots": [{**shot, "thumb": thumb} for shot, thumb in zip(view["shots"], thumbs, strict=True)],
        "wave": wave,
        "song_wave": song_wave,
        "ducking": _ducking(timeline, store, claim),
    }


def page_data(store: Store, claim: ClaimRecord, language: str, ct: str) -> dict[str, Any]:
    """Everything the page draws, for the claim ``ct`` of a project opened in ``language``."""
    timeline = timeline_of(store.draft(claim.session_id))
    lang, name = _project(timeline, language, store, claim)
    video = _video(store, claim, ct)
    rev = revision(store, claim)
    return {
        "rev": rev,
        "project": {"name": name, "id": claim.project or "", "lang": lang, "lang_name": LANG_NAMES[lang]},
        "labels": labels(lang),
        "video": video,
        "job": job_of(store, claim),
        "edit": _edit(timeline, store, claim, ct, has_video=video is not None, rev=rev),
        "export_url": _link("export", ct),
        "status_url": _link("status", ct),
    }


def shot_of(timeline: Timeline, index: int) -> Shot | None:
    shots = timeline.shots
    return shots[index] if 0 <= index < len(shots) else None
