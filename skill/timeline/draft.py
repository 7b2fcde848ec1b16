"""Read a draft (t/tt/sg/d/m short keys) into a typed Timeline, summarise it in one line, and diff two."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

__all__ = [
    "Segment",
    "SegmentMeta",
    "Timeline",
    "TimelineError",
    "Track",
    "TrackMeta",
    "diff",
    "is_exportable",
    "summarise",
]

MAX_LISTED_SEGMENTS = 3  # more segments than this in one track are counted, not listed
MAX_REPORTED_ERRORS = 3
TRACK_VIDEO, TRACK_AUDIO, TRACK_TEXT = 0, 1, 7

# User-facing text, one table per language. Placeholders are str.format fields.
_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "timeline": "Timeline ({n} {tracks}): {items}",
        "track": "track",
        "tracks": "tracks",
        "empty": "Timeline is empty",
        "empty_track": "empty",
        "clips": "{n} clips",
        "cuts": "{n} cuts",
        "range": "{a}-{b}s",
        "seconds": "{s}s",
        "untitled": "untitled",
        "added": "Added {label} {desc}",
        "added_track": "Added track {label}",
        "removed": "Removed {label} {name}",
        "removed_track": "Removed track {label}",
        "renamed_track": "Renamed track {old} to {new}",
        "changed_text": 'Changed {label} to "{text}"',
        "changed_name": "Changed {label} to {name}",
        "volume": "{label} volume {old} -> {new}",
        "timing": "{label} now {range}",
        "timing_named": "{label} {name} now {range}",
        "canvas": "Canvas {old} -> {new}",
        "length": "Length {old} -> {new}",
    },
    "zh-Hans": {
        "timeline": "时间线（{n} 条轨道）：{items}",
        "empty": "时间线为空",
        "empty_track": "空",
        "clips": "{n} 个片段",
        "cuts": "{n} 个镜头",
        "range": "{a}-{b}秒",
        "seconds": "{s}秒",
        "untitled": "未命名",
        "added": "添加了{label}：{desc}",
        "added_track": "添加了轨道：{label}",
        "removed": "删除了{label}：{name}",
        "removed_track": "删除了轨道：{label}",
        "renamed_track": "轨道 {old} 改名为 {new}",
        "changed_text": '{label}改为"{text}"',
        "changed_name": "{label}改为 {name}",
        "volume": "{label}音量 {old} -> {new}",
        "timing": "{label}现在是 {range}",
        "timing_named": "{label}（{name}）现在是 {range}",
        "canvas": "画布 {old} -> {new}",
        "length": "总时长 {old} -> {new}",
    },
    "zh-Hant": {
        "timeline": "時間線（{n} 條軌道）：{items}",
        "empty": "時間線為空",
        "empty_track": "空",
        "clips": "{n} 個片段",
        "cuts": "{n} 個鏡頭",
        "range": "{a}-{b}秒",
        "seconds": "{s}秒",
        "untitled": "未命名",
        "added": "新增了{label}：{desc}",
        "added_track": "新增了軌道：{label}",
        "removed": "刪除了{label}：{name}",
        "removed_track": "刪除了軌道：{label}",
        "renamed_track": "軌道 {old} 改名為 {new}",
        "changed_text": '{label}改為"{text}"',
        "changed_name": "{label}改為 {name}",
        "volume": "{label}音量 {old} -> {new}",
        "timing": "{label}現在是 {range}",
        "timing_named": "{label}（{name}）現在是 {range}",
        "canvas": "畫布 {old} -> {new}",
        "length": "總時長 {old} -> {new}",
    },
}
# Track labels: by track type when the track has no name, and Chinese for the usual English names.
_TYPE_LABELS: dict[str, dict[int, str]] = {
    "en": {TRACK_VIDEO: "Video", TRACK_AUDIO: "Audio", TRACK_TEXT: "Text"},
    "zh-Hans": {TRACK_VIDEO: "视频", TRACK_AUDIO: "音频", TRACK_TEXT: "文字"},
    "zh-Hant": {TRACK_VIDEO: "影片", TRACK_AUDIO: "音訊", TRACK_TEXT: "文字"},
}
_OTHER_TRACK = {"en": "Track", "zh-Hans": "轨道", "zh-Hant": "軌道"}
_NAME_LABELS: dict[str, dict[str, str]] = {
    "zh-Hans": {
        "video": "视频",
        "bgm": "背景音乐",
        "music": "音乐",
        "audio": "音频",
        "title": "标题",
        "text": "文字",
        "subtitles": "字幕",
        "captions": "字幕",
        "voice": "人声",
    },
    "zh-Hant": {
        "video": "影片",
        "bgm": "背景音樂",
        "music": "音樂",
        "audio": "音訊",
        "title": "標題",
        "text": "文字",
        "subtitles": "字幕",
        "captions": "字幕",
        "voice": "人聲",
    },
}


class TimelineError(ValueError):
    """A draft that cannot be read as a timeline (not an object, wrong types, missing keys)."""


class _Edge(BaseModel):
    """Wire data: unknown keys are kept (``model_extra``) and survive :meth:`Timeline.to_draft`.

    Numbers where text is expected (a clip named 2024) become text rather than errors.
    """

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)


class SegmentMeta(_Edge):
    """Segment metadata: a display name, the text of a text segment, volume 0-1, the source URL."""

    name: str | None = None
    text: str | None = None
    volume: float | None = Field(default=None, ge=0)
    src: str | None = None


class Segment(_Edge):
    """One piece of media on a track: start ``st`` and duration ``d`` in ms on the timeline."""

    id: str | int | None = None
    st: int | float = Field(ge=0)  # int first: whole milliseconds round-trip as ints
    d: int | float = Field(ge=0)
    m: SegmentMeta = Field(default_factory=SegmentMeta)

    @field_validator("m", mode="before")
    @classmethod
    def _null_meta(cls, value: object) -> object:
        return {} if value is None else value

    @property
    def end(self) -> float:
        """End on the timeline in ms."""
        return self.st + self.d


class TrackMeta(_Edge):
    """Track metadata: the display name ("Video", "BGM", "Title") and an optional volume 0-1."""

    name: str | None = None
    volume: float | None = Field(default=None, ge=0)


class Track(_Edge):
    """A track of type ``tt`` (0 video, 1 audio, 7 text) holding segments ``sg``."""

    id: str | int | None = None
    tt: int
    m: TrackMeta = Field(default_factory=TrackMeta)
    sg: list[Segment] = Field(default_factory=list)

    @field_validator("m", "sg", mode="before")
    @classmethod
    def _null_to_empty(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            return {} if info.field_name == "m" else []
        return value

    def label(self, lang: str = "en") -> str:
        """Name the track: its ``m.name`` (translated when it is a usual English one), else its type."""
        lang = _lang(lang)
        if self.m.name:
            return _NAME_LABELS.get(lang, {}).get(self.m.name.casefold(), self.m.name)
        return _TYPE_LABELS[lang].get(self.tt, _OTHER_TRACK[lang])


class DraftMeta(_Edge):
    """Canvas settings of a draft."""

    width: int | None = None
    height: int | None = None
    fps: int | float | None = None


class Timeline(_Edge):
    """A draft read into types: tracks ``t``, total duration ``d`` in ms, canvas ``m``."""

    t: list[Track] = Field(default_factory=list)
    d: int | float | None = Field(default=None, ge=0)
    m: DraftMeta = Field(default_factory=DraftMeta)

    @field_validator("t", "m", mode="before")
    @classmethod
    def _null_to_empty(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            return [] if info.field_name == "t" else {}
        return value

    @classmethod
    def from_draft(cls, draft: object) -> Timeline:
        """Read a draft dict (or a state dict holding one under ``draft``).

        Raises
        ------
        TimelineError
            The draft is not an object, has values of the wrong type, or lacks a required key
            (``tt`` on a track, ``st`` and ``d`` on a segment).

        Examples
        --------
        >>> Timeline.from_draft({"t": [{"tt": 0, "sg": [{"st": 0, "d": 2500, "m": {"name": "a"}}]}]}).summary()
        'Timeline (1 track): 1. Video: a (0-2.5s)'
        """
        if draft is None:
            return cls()
        if not isinstance(draft, Mapping):
            raise TimelineError(f"malformed draft: expected an object, got {type(draft).__name__}")
        data: Mapping[Any, Any] = draft
        if "t" not in data and isinstance(data.get("draft"), Mapping):
            data = data["draft"]
        try:
            return cls.model_validate(dict(data))
        except ValidationError as err:
            raise TimelineError(_describe(err)) from err

    def to_draft(self) -> dict[str, Any]:
        """Write the draft back in its wire form, unknown keys included."""
        return self.model_dump(exclude_unset=True, by_alias=True)

    @property
    def is_exportable(self) -> bool:
        """True when some track has at least one segment."""
        return any(track.sg for track in self.t)

    def summary(self, lang: str = "en") -> str:
        """Describe the timeline in one line, the seed's format.

        ``Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title:
        "Urban Dreams" (0-3s)``. Segments are named by ``m.name`` (text segments by ``m.text`` in
        quotes, else the file name of ``m.src``); times are seconds; volume is a percent when set. A
        track lists up to ``MAX_LISTED_SEGMENTS`` segments ("Video: a (0-5s), b (5-10s)") and counts
        more ("Video: 6 clips (0-30s)"). A timeline without segments is "Timeline is empty".
        """
        lang = _lang(lang)
        text = _TEXT[lang]
        if not self.is_exportable:
            return text["empty"]
        items = " ".join(
            f"{i}. {track.label(lang)}: {_describe_track(track, lang)}" for i, track in enumerate(self.t, 1)
        )
        tracks = text.get("track" if len(self.t) == 1 else "tracks", "")
        return text["timeline"].format(n=len(self.t), tracks=tracks, items=items)


def summarise(draft: object, lang: str = "en") -> str:
    """Summarise a draft dict in one line; see :meth:`Timeline.summary`. Raises TimelineError."""
    return Timeline.from_draft(draft).summary(lang)


def is_exportable(draft: object) -> bool:
    """Say whether a draft (dict or Timeline) has a track with segments; never raises."""
    if isinstance(draft, Timeline):
        return draft.is_exportable
    if isinstance(draft, Mapping) and "t" not in draft and isinstance(draft.get("draft"), Mapping):
        draft = draft["draft"]
    if not isinstance(draft, Mapping) or not isinstance(draft.get("t"), list):
        return False
    return any(
        isinstance(track, Mapping) and isinstance(track.get("sg"), list) and track["sg"]
        for track in draft["t"]
    )


def diff(before: object, after: object, lang: str = "en") -> list[str]:
    """List what changed between two drafts, one short phrase each, in the reply language.

    Tracks are matched by ``id`` (else by type and order), segments by ``id`` (else by order).
    ``None`` is an empty draft. Phrases look like ``Added title "Neon Nights" (3-6s)``,
    ``Changed title to "X"``, ``BGM volume 35% -> 20%``, ``Video now 0-15s``, ``Removed track BGM``.

    Raises
    ------
    TimelineError
        Either draft is malformed.
    """
    old, new = Timeline.from_draft(before), Timeline.from_draft(after)
    lang = _lang(lang)
    text = _TEXT[lang]
    lines: list[str] = []
    timing_changed = False
    old_tracks = _keyed_tracks(old.t)
    new_tracks = _keyed_tracks(new.t)
    for key, track in new_tracks.items():
        label = track.label(lang)
        previous = old_tracks.get(key)
        if previous is None:
            if not track.sg:
                lines.append(text["added_track"].format(label=label))
            lines.extend(_added(track, seg, lang) for seg in track.sg)
            continue
        old_label = previous.label(lang)
        if old_label != label:
            lines.append(text["renamed_track"].format(old=old_label, new=label))
        changes, moved = _segment_changes(previous, track, lang)
        lines.extend(changes)
        timing_changed = timing_changed or moved
    lines.extend(
        text["removed_track"].format(label=t.label(lang))
        for k, t in old_tracks.items()
        if k not in new_tracks
    )

    old_canvas, new_canvas = _canvas(old.m), _canvas(new.m)
    if old_canvas and new_canvas and old_canvas != new_canvas:
        lines.append(text["canvas"].format(old=old_canvas, new=new_canvas))
    if old.d is not None and new.d is not None and old.d != new.d and not timing_changed:
        lines.append(text["length"].format(old=_seconds(old.d, lang), new=_seconds(new.d, lang)))
    return lines


def _lang(lang: str) -> str:
    """Map a router language to a table: "zh-Hant", Chinese and mixed -> "zh-Hans", else "en"."""
    if lang == "zh-Hant":
        return lang
    return "zh-Hans" if lang.startswith("zh") or lang == "mixed" else "en"


def _describe(err: ValidationError) -> str:
    problems = []
    for item in err.errors()[:MAX_REPORTED_ERRORS]:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"]).lstrip(".")
        problems.append(f"{where or 'draft'}: {item['msg']}")
    more = err.error_count() - len(problems)
    suffix = f" (and {more} more)" if more > 0 else ""
    return "malformed draft: " + "; ".join(problems) + suffix


def _fmt_s(ms: float) -> str:
    """Format milliseconds as seconds: 10000 -> "10", 2500 -> "2.5", 1234 -> "1.23"."""
    if not math.isfinite(ms):
        return "?"
    return f"{ms / 1000:.2f}".rstrip("0").rstrip(".")


def _range(st: float, end: float, lang: str) -> str:
    return _TEXT[lang]["range"].format(a=_fmt_s(st), b=_fmt_s(end))


def _seconds(ms: float, lang: str) -> str:
    return _TEXT[lang]["seconds"].format(s=_fmt_s(ms))


def _percent(volume: float | None) -> str | None:
    return None if volume is None else f"{round(volume * 100)}%"


def _volume(track: Track, seg: Segment) -> float | None:
    return seg.m.volume if seg.m.volume is not None else track.m.volume


def _seg_name(track: Track, seg: Segment, lang: str) -> str:
    if seg.m.text is not None and (track.tt == TRACK_TEXT or not seg.m.name):
        return f'"{seg.m.text}"'
    if seg.m.name:
        return seg.m.name
    if seg.m.src:
        return seg.m.src.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or _TEXT[lang]["untitled"]
    return _TEXT[lang]["untitled"]


def _seg_desc(track: Track, seg: Segment, lang: str) -> str:
    details = [_range(seg.st, seg.end, lang)]
    percent = _percent(_volume(track, seg))
    if percent:
        details.append(percent)
    return f"{_seg_name(track, seg, lang)} ({', '.join(details)})"


def _describe_track(track: Track, lang: str) -> str:
    segments = sorted(track.sg, key=lambda s: s.st)
    if not segments:
        return _TEXT[lang]["empty_track"]
    if len(segments) <= MAX_LISTED_SEGMENTS:
        return ", ".join(_seg_desc(track, seg, lang) for seg in segments)
    details = [_range(segments[0].st, max(s.end for s in segments), lang)]
    volumes = {_volume(track, s) for s in segments}
    if len(volumes) == 1 and (percent := _percent(volumes.pop())):
        details.append(percent)
    names = {_seg_name(track, seg, lang) for seg in segments}
    if len(names) == 1:  # one source cut many times ("Beat visuals"): name it and count the cuts
        details.append(_TEXT[lang]["cuts"].format(n=len(segments)))
        return f"{names.pop()} ({', '.join(details)})"
    return f"{_TEXT[lang]['clips'].format(n=len(segments))} ({', '.join(details)})"


def _lower(label: str, lang: str) -> str:
    """Lower-case a capitalised English label for mid-sentence use ("Title" -> "title", "BGM" stays)."""
    if lang == "en" and label[:1].isupper() and label[1:].islower():
        return label.lower()
    return label


def _keyed_tracks(tracks: list[Track]) -> dict[str, Track]:
    keyed: dict[str, Track] = {}
    seen: dict[int, int] = {}
    for track in tracks:
        ordinal = seen.get(track.tt, 0)
        seen[track.tt] = ordinal + 1
        keyed[f"id:{track.id}" if track.id is not None else f"type:{track.tt}:{ordinal}"] = track
    return keyed


def _keyed_segments(segments: list[Segment]) -> dict[str, Segment]:
    return {f"id:{s.id}" if s.id is not None else f"at:{i}": s for i, s in enumerate(segments)}


def _added(track: Track, seg: Segment, lang: str) -> str:
    return _TEXT[lang]["added"].format(
        label=_lower(track.label(lang), lang), desc=_seg_desc(track, seg, lang)
    )


def _segment_changes(old_track: Track, track: Track, lang: str) -> tuple[list[str], bool]:
    """List segment changes within one track, and say whether any segment moved or changed length."""
    text = _TEXT[lang]
    label = track.label(lang)
    low = _lower(label, lang)
    lines: list[str] = []
    moved = False
    old_segments = _keyed_segments(old_track.sg)
    new_segments = _keyed_segments(track.sg)
    for key, seg in new_segments.items():
        prev = old_segments.get(key)
        if prev is None:
            lines.append(_added(track, seg, lang))
            continue
        if seg.m.text is not None and seg.m.text != prev.m.text:
            lines.append(text["changed_text"].format(label=low, text=seg.m.text))
        elif seg.m.name and prev.m.name and seg.m.name != prev.m.name:
            lines.append(text["changed_name"].format(label=low, name=seg.m.name))
        old_volume, new_volume = _volume(old_track, prev), _volume(track, seg)
        if new_volume is not None and old_volume != new_volume:
            old_percent = _percent(old_volume) or "-"
            lines.append(text["volume"].format(label=label, old=old_percent, new=_percent(new_volume)))
        if (seg.st, seg.d) != (prev.st, prev.d):
            moved = True
            where = _range(seg.st, seg.end, lang)
            if len(track.sg) == 1:
                lines.append(text["timing"].format(label=label, range=where))
            else:
                lines.append(
                    text["timing_named"].format(label=label, name=_seg_name(track, seg, lang), range=where)
                )
    for key, prev in old_segments.items():
        if key not in new_segments:
            lines.append(text["removed"].format(label=low, name=_seg_name(old_track, prev, lang)))
    return lines, moved


def _canvas(meta: DraftMeta) -> str | None:
    if not meta.width or not meta.height:
        return None
    size = f"{meta.width}x{meta.height}"
    g = math.gcd(meta.width, meta.height)
    w, h = meta.width // g, meta.height // g
    return f"{size} ({w}:{h})" if max(w, h) <= 21 else size
