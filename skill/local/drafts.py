"""Draft JSON (protocol.md's short keys) built and changed by pure functions; never mutated in place.

Conventions (the runtime and the renderer rely on them):

* ``t`` holds up to three tracks, always in this order and with these ids: ``track_video`` (``tt`` 0),
  ``track_bgm`` (``tt`` 1), ``track_title`` (``tt`` 7). ``d`` and every ``st``/``d`` are integer ms.
* Video segments (``seg_v<n>``) tile ``[0, d)`` exactly; each boundary is a cut on the beat grid.
  ``m.name`` is "Beat visuals" for generated pictures (``m.kind`` "generated", no ``src``) or the
  clip's display name (``m.kind`` "clip", ``m.src`` its URL, ``m.upload_id``).
* The BGM segment ``seg_bgm`` spans the whole video; ``m.name`` is the song's display name,
  ``m.volume`` 0-1, ``m.src`` its URL, ``m.upload_id``, ``m.start_ms`` where the excerpt starts in the
  song, ``m.source_duration_ms`` the song's length.
* The title segment ``seg_title`` has ``m.text``; default 0-3 s.
* Draft ``m``: ``width``, ``height``, ``fps``, ``aspect`` ("16:9" | "9:16" | "1:1"), ``pace``
  ("beat" | "bar" | "2bar"), ``tempo_bpm``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .constants import ASPECT_SIZES, DEFAULT_FPS, DEFAULT_TITLE_MS

__all__ = [
    "ClipRef",
    "SongRef",
    "bgm_segment",
    "build_highlight",
    "has_highlight",
    "remove_title",
    "retime",
    "set_aspect",
    "set_title",
    "set_volume",
    "summary",
    "title_segment",
]

GENERATED_NAME = "Beat visuals"
_TRACK_ORDER = ("track_video", "track_bgm", "track_title")
Draft = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SongRef:
    upload_id: str
    name: str
    src: str
    duration_s: float


@dataclass(frozen=True, slots=True)
class ClipRef:
    upload_id: str
    name: str
    src: str
    file_type: str


def _track(draft: Draft, track_id: str) -> dict[str, Any] | None:
    for track in draft.get("t", []):
        if track.get("id") == track_id:
            found: dict[str, Any] = track
            return found
    return None


def _with_track(draft: Draft, track: dict[str, Any] | None, track_id: str) -> Draft:
    """Return a copy of ``draft`` with ``track_id`` replaced (or removed when ``track`` is None)."""
    out = copy.deepcopy(draft)
    tracks = {t.get("id"): t for t in out.get("t", [])}
    if track is None:
        tracks.pop(track_id, None)
    else:
        tracks[track_id] = track
    ordered = [tracks[k] for k in _TRACK_ORDER if k in tracks]
    ordered += [t for k, t in tracks.items() if k not in _TRACK_ORDER]
    out["t"] = ordered
    return out


def bgm_segment(draft: Draft) -> dict[str, Any] | None:
    track = _track(draft, "track_bgm")
    if track and track.get("sg"):
        seg: dict[str, Any] = track["sg"][0]
        return seg
    return None


def title_segment(draft: Draft) -> dict[str, Any] | None:
    track = _track(draft, "track_title")
    if track and track.get("sg"):
        seg: dict[str, Any] = track["sg"][0]
        return seg
    return None


def has_highlight(draft: Draft) -> bool:
    return bgm_segment(draft) is not None


def _video_segments(
    duration_ms: int, cuts_s: Sequence[float], clips: Sequence[ClipRef]
) -> list[dict[str, Any]]:
    bounds = (
        [0] + sorted({round(c * 1000) for c in cuts_s if 0 < round(c * 1000) < duration_ms}) + [duration_ms]
    )
    segments = []
    for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if clips:
            clip = clips[i % len(clips)]
            m: dict[str, Any] = {
                "name": clip.name,
                "kind": "clip",
                "src": clip.src,
                "upload_id": clip.upload_id,
                "file_type": clip.file_type,
            }
        else:
            m = {"name": GENERATED_NAME, "kind": "generated"}
        segments.append({"id": f"seg_v{i + 1}", "st": start, "d": end - start, "m": m})
    return segments


def build_highlight(
    draft: Draft,
    *,
    song: SongRef,
    start_s: float,
    duration_s: float,
    cuts_s: Sequence[float],
    clips: Sequence[ClipRef],
    pace: str,
    tempo_bpm: float,
    beats_s: Sequence[float] = (),
) -> Draft:
    """Return a draft with the video and BGM tracks rebuilt for this excerpt; title, size and volume kept.

    ``beats_s`` (relative to the excerpt) is kept in the video track's ``m.beats_ms`` so generated
    visuals can pulse on every beat even when cuts fall only on bars.
    """
    duration_ms = round(duration_s * 1000)
    old_bgm = bgm_segment(draft)
    volume = float(old_bgm["m"].get("volume", 1.0)) if old_bgm else 1.0
    video = {
        "id": "track_video",
        "tt": 0,
        "m": {"name": "Video"},
        "sg": _video_segments(duration_ms, cuts_s, clips),
    }
    bgm = {
        "id": "track_bgm",
        "tt": 1,
        "m": {"name": "BGM"},
        "sg": [
            {
                "id": "seg_bgm",
                "st": 0,
                "d": duration_ms,
                "m": {
                    "name": song.name,
                    "volume": volume,
                    "src": song.src,
                    "upload_id": song.upload_id,
                    "start_ms": round(start_s * 1000),
                    "source_duration_ms": round(song.duration_s * 1000),
                },
            }
        ],
    }
    out = _with_track(_with_track(draft, video, "track_video"), bgm, "track_bgm")
    out["d"] = duration_ms
    meta = dict(out.get("m") or {})
    meta.setdefault("width", ASPECT_SIZES["16:9"][0])
    meta.setdefault("height", ASPECT_SIZES["16:9"][1])
    meta.setdefault("fps", DEFAULT_FPS)
    meta.update(pace=pace, tempo_bpm=round(tempo_bpm, 1))
    out["m"] = meta
    title = title_segment(out)
    if title is not None:
        out = set_title(out, title["m"].get("text", ""))
    return out


def retime(
    draft: Draft,
    *,
    start_s: float,
    duration_s: float,
    cuts_s: Sequence[float],
    pace: str,
    beats_s: Sequence[float] = (),
) -> Draft:
    """Re-cut an existing highlight (new length, start or pace), keeping its clips, song and title."""
    bgm = bgm_segment(draft)
    if bgm is None:
        return copy.deepcopy(draft)
    video = _track(draft, "track_video")
    clips: list[ClipRef] = []
    seen: set[str] = set()
    for seg in (video or {}).get("sg", []):
        m = seg.get("m", {})
        if m.get("kind") == "clip" and m.get("upload_id") and m["upload_id"] not in seen:
            seen.add(m["upload_id"])
            clips.append(
                ClipRef(m["upload_id"], m.get("name", ""), m.get("src", ""), m.get("file_type", "video"))
            )
    bm = bgm["m"]
    song = SongRef(
        bm.get("upload_id", ""), bm.get("name", ""), bm.get("src", ""), bm.get("source_duration_ms", 0) / 1000
    )
    tempo = float((draft.get("m") or {}).get("tempo_bpm", 0.0))
    return build_highlight(
        draft,
        song=song,
        start_s=start_s,
        duration_s=duration_s,
        cuts_s=cuts_s,
        clips=clips,
        pace=pace,
        tempo_bpm=tempo,
    )


def set_aspect(draft: Draft, ratio: str) -> Draft:
    out = copy.deepcopy(draft)
    width, height = ASPECT_SIZES[ratio]
    meta = dict(out.get("m") or {})
    meta.update(width=width, height=height, aspect=ratio)
    meta.setdefault("fps", DEFAULT_FPS)
    out["m"] = meta
    return out


def set_title(draft: Draft, text: str) -> Draft:
    total_ms = int(draft.get("d") or 0)
    old = title_segment(draft)
    start = int(old["st"]) if old else 0
    length = int(old["d"]) if old else DEFAULT_TITLE_MS
    if total_ms > 0:
        start = min(start, max(total_ms - 500, 0))
        length = max(min(length, total_ms - start), 1)
    track = {
        "id": "track_title",
        "tt": 7,
        "m": {"name": "Title"},
        "sg": [{"id": "seg_title", "st": start, "d": length, "m": {"text": text}}],
    }
    out = _with_track(draft, track, "track_title")
    if not total_ms:
        out["d"] = max(int(out.get("d") or 0), start + length)
    return out


def remove_title(draft: Draft) -> Draft:
    return _with_track(draft, None, "track_title")


def set_volume(draft: Draft, level: float) -> Draft:
    out = copy.deepcopy(draft)
    seg = bgm_segment(out)
    if seg is not None:
        seg["m"]["volume"] = round(max(0.0, min(1.0, level)), 2)
    return out


def summary(draft: Draft, lang: str = "en") -> str:
    """The seed's one-line timeline summary, in ``lang``: the timeline core's one summary."""
    from skill.timeline import summarise

    return summarise(draft, lang)
