"""The one summary of a timeline (the seed's one-line format) and the one diff, in en/zh-Hans/zh-Hant.

Client and backend both call these, so a draft reads the same everywhere ("20 shots", never "20 cuts"
on one side and "20 shots" on the other).
"""

from __future__ import annotations

import math

from .model import TT_TEXT, Segment, Timeline, Track, file_name
from .phrases import NAME_LABELS, OTHER_TRACK, TEXT, TYPE_LABELS
from .wire import from_draft

__all__ = ["diff", "lang_table", "summarise", "summary", "summary_lines", "track_label"]

MAX_LISTED_SEGMENTS = 3  # more segments than this in one track are counted, not listed


def lang_table(lang: str) -> str:
    """Map a reply language to a table: "zh-Hant" stays, Chinese and mixed -> "zh-Hans", else "en"."""
    if lang == "zh-Hant":
        return lang
    return "zh-Hans" if lang.startswith("zh") or lang == "mixed" else "en"


def summary(timeline: Timeline, lang: str = "en") -> str:
    """Describe the timeline in one line, the seed's format.

    ``Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title:
    "Urban Dreams" (0-3s)``. Items are named by their name (texts by their text in quotes, else the
    file name of their source); a track lists up to ``MAX_LISTED_SEGMENTS`` items and counts more
    ("Video: 6 clips (0-30s)", "Video: Beat visuals (0-10s, 20 shots)"). No items: "Timeline is empty".
    """
    lang = lang_table(lang)
    text = TEXT[lang]
    if not timeline.is_exportable:
        return text["empty"]
    items = " ".join(f"{i}. {line}" for i, line in enumerate(summary_lines(timeline, lang), 1))
    tracks = text.get("track" if len(timeline.tracks) == 1 else "tracks", "")
    return text["timeline"].format(n=len(timeline.tracks), tracks=tracks, items=items)


def summary_lines(timeline: Timeline, lang: str = "en") -> list[str]:
    """One ``Label: items`` line per track, as :func:`summary` numbers them."""
    lang = lang_table(lang)
    return [f"{track_label(track, lang)}: {_describe_track(track, lang)}" for track in timeline.tracks]


def summarise(draft: object, lang: str = "en") -> str:
    """Summarise a draft dict in one line; see :func:`summary`. Raises TimelineError."""
    return summary(from_draft(draft), lang)


def track_label(track: Track, lang: str = "en") -> str:
    """Name a track: its name (translated when it is a usual English one), else its type."""
    lang = lang_table(lang)
    if track.name:
        return NAME_LABELS.get(lang, {}).get(track.name.casefold(), track.name)
    return TYPE_LABELS[lang].get(track.tt, OTHER_TRACK[lang])


def diff(before: Timeline | object, after: Timeline | object, lang: str = "en") -> list[str]:
    """List what changed between two timelines (or drafts), one short phrase each, in ``lang``.

    Tracks are matched by id (else by type and order), items by id (else by order); None is empty.
    Phrases look like ``Added title "Neon Nights" (3-6s)``, ``BGM volume 35% -> 20%``, ``Video now
    0-15s``, ``Removed track BGM``. Raises TimelineError for a malformed draft.
    """
    old = before if isinstance(before, Timeline) else from_draft(before)
    new = after if isinstance(after, Timeline) else from_draft(after)
    lang = lang_table(lang)
    text = TEXT[lang]
    lines: list[str] = []
    timing_changed = False
    old_tracks, new_tracks = _keyed_tracks(old.tracks), _keyed_tracks(new.tracks)
    for key, track in new_tracks.items():
        label = track_label(track, lang)
        previous = old_tracks.get(key)
        if previous is None:
            if not track.items:
                lines.append(text["added_track"].format(label=label))
            lines.extend(_added(track, seg, lang) for seg in track.items)
            continue
        old_label = track_label(previous, lang)
        if old_label != label:
            lines.append(text["renamed_track"].format(old=old_label, new=label))
        changes, moved = _segment_changes(previous, track, lang)
        lines.extend(changes)
        timing_changed = timing_changed or moved
    lines.extend(
        text["removed_track"].format(label=track_label(t, lang))
        for k, t in old_tracks.items()
        if k not in new_tracks
    )
    old_canvas, new_canvas = _canvas(old), _canvas(new)
    if old_canvas and new_canvas and old_canvas != new_canvas:
        lines.append(text["canvas"].format(old=old_canvas, new=new_canvas))
    if (
        old.duration_s is not None
        and new.duration_s is not None
        and old.duration_s != new.duration_s
        and not timing_changed
    ):
        lines.append(
            text["length"].format(old=_seconds(old.duration_s, lang), new=_seconds(new.duration_s, lang))
        )
    return lines


def _fmt_s(seconds: float) -> str:
    """Format seconds: 10.0 -> "10", 2.5 -> "2.5", 1.234 -> "1.23"."""
    if not math.isfinite(seconds):
        return "?"
    return f"{seconds:.2f}".rstrip("0").rstrip(".")


def _range(start: float, end: float, lang: str) -> str:
    return TEXT[lang]["range"].format(a=_fmt_s(start), b=_fmt_s(end))


def _seconds(seconds: float, lang: str) -> str:
    return TEXT[lang]["seconds"].format(s=_fmt_s(seconds))


def _percent(volume: float | None) -> str | None:
    return None if volume is None else f"{round(volume * 100)}%"


def _volume(track: Track, seg: Segment) -> float | None:
    return seg.volume if seg.volume is not None else track.volume


def _seg_name(track: Track, seg: Segment, lang: str) -> str:
    if seg.text is not None and (track.tt == TT_TEXT or not seg.name):
        return f'"{seg.text}"'
    return seg.name or file_name(seg.src) or TEXT[lang]["untitled"]


def _seg_desc(track: Track, seg: Segment, lang: str) -> str:
    details = [_range(seg.start_s, seg.end_s, lang)]
    percent = _percent(_volume(track, seg))
    if percent:
        details.append(percent)
    return f"{_seg_name(track, seg, lang)} ({', '.join(details)})"


def _describe_track(track: Track, lang: str) -> str:
    segments = sorted(track.items, key=lambda s: s.start_s)
    if not segments:
        return TEXT[lang]["empty_track"]
    if len(segments) <= MAX_LISTED_SEGMENTS:
        return ", ".join(_seg_desc(track, seg, lang) for seg in segments)
    details = [_range(segments[0].start_s, max(s.end_s for s in segments), lang)]
    volumes = {_volume(track, s) for s in segments}
    if len(volumes) == 1 and (percent := _percent(volumes.pop())):
        details.append(percent)
    names = {_seg_name(track, seg, lang) for seg in segments}
    if len(names) == 1:  # one source cut many times ("Beat visuals"): name it and count the shots
        details.append(TEXT[lang]["shots"].format(n=len(segments)))
        return f"{names.pop()} ({', '.join(details)})"
    return f"{TEXT[lang]['clips'].format(n=len(segments))} ({', '.join(details)})"


def _lower(label: str, lang: str) -> str:
    """Lower-case a capitalised English label for mid-sentence use ("Title" -> "title", "BGM" stays)."""
    if lang == "en" and label[:1].isupper() and label[1:].islower():
        return label.lower()
    return label


def _keyed_tracks(tracks: tuple[Track, ...]) -> dict[str, Track]:
    keyed: dict[str, Track] = {}
    seen: dict[int, int] = {}
    for track in tracks:
        ordinal = seen.get(track.tt, 0)
        seen[track.tt] = ordinal + 1
        keyed[f"id:{track.id}" if track.id is not None else f"type:{track.tt}:{ordinal}"] = track
    return keyed


def _keyed_segments(segments: tuple[Segment, ...]) -> dict[str, Segment]:
    return {f"id:{s.id}" if s.id is not None else f"at:{i}": s for i, s in enumerate(segments)}


def _added(track: Track, seg: Segment, lang: str) -> str:
    label = _lower(track_label(track, lang), lang)
    return TEXT[lang]["added"].format(label=label, desc=_seg_desc(track, seg, lang))


def _segment_changes(old_track: Track, track: Track, lang: str) -> tuple[list[str], bool]:
    """List item changes within one track, and say whether any item moved or changed length."""
    text = TEXT[lang]
    label = track_label(track, lang)
    low = _lower(label, lang)
    lines: list[str] = []
    moved = False
    old_segments, new_segments = _keyed_segments(old_track.items), _keyed_segments(track.items)
    for key, seg in new_segments.items():
        prev = old_segments.get(key)
        if prev is None:
            lines.append(_added(track, seg, lang))
            continue
        if seg.text is not None and seg.text != prev.text:
            lines.append(text["changed_text"].format(label=low, text=seg.text))
        elif seg.name and prev.name and seg.name != prev.name:
            lines.append(text["changed_name"].format(label=low, name=seg.name))
        old_volume, new_volume = _volume(old_track, prev), _volume(track, seg)
        if new_volume is not None and old_volume != new_volume:
            old_percent = _percent(old_volume) or "-"
            lines.append(text["volume"].format(label=label, old=old_percent, new=_percent(new_volume)))
        if (seg.start_s, seg.end_s) != (prev.start_s, prev.end_s):
            moved = True
            where = _range(seg.start_s, seg.end_s, lang)
            if len(track.items) == 1:
                lines.append(text["timing"].format(label=label, range=where))
            else:
                name = _seg_name(track, seg, lang)
                lines.append(text["timing_named"].format(label=label, name=name, range=where))
    for key, prev in old_segments.items():
        if key not in new_segments:
            lines.append(text["removed"].format(label=low, name=_seg_name(old_track, prev, lang)))
    return lines, moved


def _canvas(timeline: Timeline) -> str | None:
    width, height = timeline.width, timeline.height
    if not width or not height:
        return None
    size = f"{width}x{height}"
    g = math.gcd(width, height)
    w, h = width // g, height // g
    return f"{size} ({w}:{h})" if max(w, h) <= 21 else size
