"""The typed timeline: frozen dataclasses, seconds everywhere, no wire keys.

A :class:`Timeline` is an ordered tuple of :class:`Track` (the wire order, which the summary numbers),
each holding typed items (:mod:`skill.timeline.items`: shots, sounds, texts, segments). Whatever a
draft carries that this model does not know stays in each object's ``rest`` (the wire dict minus the
known keys) and is written back untouched by :func:`skill.timeline.wire.to_draft`; ``wire`` (with
``wire_meta``) is the only place that spells the keys.

Times are seconds on the video's clock unless the name says ``song`` or ``source``. Fields with
defaults cost nothing: they are here so the edits that come next only add ops, not places.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .items import (
    GENERATED,
    TRACK_KINDS,
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    BeatFix,
    Item,
    Rest,
    Segment,
    Shot,
    Sound,
    Text,
    Track,
    file_name,
    no_rest,
)
from .vocab import (
    ASPECT_SIZES,
    ASPECTS,
    CLIP_AUDIO_DUCK_DB,
    DEFAULT_ASPECT,
    DEFAULT_TRANSITION_S,
    Aspect,
    ClipOrder,
    Effect,
    EffectOn,
    Pace,
    Scope,
    SectionLabel,
    Transition,
)

__all__ = [
    "GENERATED",
    "TRACK_KINDS",
    "TT_AUDIO",
    "TT_TEXT",
    "TT_VIDEO",
    "BeatFix",
    "ClipAudio",
    "Item",
    "Look",
    "Section",
    "Segment",
    "Shot",
    "Sound",
    "Sources",
    "Text",
    "Timeline",
    "Track",
    "aspect_of",
    "file_name",
]


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled stretch of the chosen excerpt, on the video's clock."""

    label: SectionLabel
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class ClipAudio:
    """How the clips' own sound is mixed: kept (each shot's ``audio_gain``) under a ducked song, or not."""

    keep: bool = True
    duck_db: float = CLIP_AUDIO_DUCK_DB


@dataclass(frozen=True, slots=True)
class Look:
    """How shots join and what the beat does to the picture; photo motion; pace per section.

    The transition begins every shot (or only the chorus's shots: ``transition_scope``); the beat effect
    hits the first frames of every shot, or only of those starting on a downbeat (``effect_on``).
    ``section_paces`` overrides the timeline's pace inside sections with those labels.
    """

    transition: Transition = "cut"
    transition_s: float = DEFAULT_TRANSITION_S
    transition_scope: Scope = "all"
    effect: Effect = "none"
    effect_on: EffectOn = "cuts"
    effect_scope: Scope = "all"
    photo_motion: bool = True
    section_paces: tuple[tuple[SectionLabel, Pace], ...] = ()


@dataclass(frozen=True, slots=True)
class Sources:
    """Which uploads the shots show and in what order: ``order`` upload/shuffle/custom, ``names`` the
    explicit order (upload ids) when custom or shuffled, ``excluded`` the upload ids left out and
    ``excluded_names`` their file names (for people: an excluded clip is on no shot to name it)."""

    order: ClipOrder = "upload"
    names: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    excluded_names: tuple[str, ...] = ()
    shuffles: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """The whole edit. ``duration_s`` None means the draft did not say (an empty project).

    ``beats_s``/``downbeats_s``/``sections`` describe the chosen excerpt on the video's clock;
    ``offset_ms`` is positive when cuts move later than the beat; fades apply to picture and sound.
    """

    tracks: tuple[Track, ...] = ()
    duration_s: float | None = None
    width: int | None = None
    height: int | None = None
    fps: int | float | None = None
    aspect: Aspect | None = None
    pace: Pace | None = None
    bpm: float | None = None
    offset_ms: int = 0
    fade_in_s: float = 0.0
    fade_out_s: float = 0.0
    beats_s: tuple[float, ...] = ()
    downbeats_s: tuple[float, ...] = ()
    sections: tuple[Section, ...] = ()
    clip_audio: ClipAudio = ClipAudio()
    look: Look = Look()
    sources: Sources = Sources()
    rest: Rest = field(default_factory=no_rest)

    # ------------------------------------------------------------------------ what is on it
    @property
    def is_exportable(self) -> bool:
        """True when some track has at least one item (the protocol's export precondition)."""
        return any(track.items for track in self.tracks)

    @property
    def video(self) -> Track | None:
        return _first(self.tracks, TT_VIDEO, "track_video")

    @property
    def music(self) -> Track | None:
        return _first(self.tracks, TT_AUDIO, "track_bgm")

    @property
    def title_track(self) -> Track | None:
        return _first(self.tracks, TT_TEXT, "track_title")

    @property
    def shots(self) -> tuple[Shot, ...]:
        video = self.video
        items = video.items if video is not None else ()
        return tuple(sorted((s for s in items if isinstance(s, Shot)), key=lambda s: s.start_s))

    @property
    def song(self) -> Sound | None:
        music = self.music
        return next((s for s in music.items if isinstance(s, Sound)), None) if music else None

    @property
    def song_volume(self) -> float:
        """The song's volume as a fraction: its own, else its track's, else 1.0 (as recorded)."""
        song, music = self.song, self.music
        if song is not None and song.volume is not None:
            return song.volume
        return music.volume if music is not None and music.volume is not None else 1.0

    @property
    def title(self) -> Text | None:
        track = self.title_track
        return next((t for t in track.items if isinstance(t, Text)), None) if track else None

    @property
    def texts(self) -> tuple[Text, ...]:
        """Every text on every text track, the title first."""
        return tuple(i for t in self.tracks if t.tt == TT_TEXT for i in t.items if isinstance(i, Text))

    @property
    def cuts_s(self) -> tuple[float, ...]:
        """Where a new shot starts, 0 excluded."""
        return tuple(s.start_s for s in self.shots if s.start_s > 0)

    @property
    def has_highlight(self) -> bool:
        """True once a song excerpt is on the timeline (the edits that re-cut need one)."""
        return self.song is not None and bool(self.song.upload_id)

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels (the aspect's size when the draft gave none)."""
        default = ASPECT_SIZES[self.aspect or DEFAULT_ASPECT]
        return self.width or default[0], self.height or default[1]

    @property
    def shape(self) -> Aspect | None:
        """The aspect ratio: as set, else read from the size."""
        return self.aspect or aspect_of(*self.size)

    # ------------------------------------------------------------------------ building
    def with_track(self, track: Track | None, *, track_id: str, order: tuple[str, ...] = ()) -> Timeline:
        """Replace the track ``track_id`` in place (None removes it); a new one goes where ``order`` says."""
        tracks = list(self.tracks)
        old = next((i for i, t in enumerate(tracks) if t.id == track_id), None)
        if old is not None:
            if track is None:
                del tracks[old]
            else:
                tracks[old] = track
        elif track is not None:
            rank = _at(order, track_id)
            where = next((i for i, t in enumerate(tracks) if _at(order, t.id) > rank), len(tracks))
            tracks.insert(where, track)
        return replace(self, tracks=tuple(tracks))

    def swap_track(self, old: Track, new: Track | None) -> Timeline:
        """Replace the track ``old`` (this very object) by ``new``, or remove it when ``new`` is None."""
        tracks = [t for t in self.tracks if new is not None or t is not old]
        return replace(self, tracks=tuple(t if t is not old or new is None else new for t in tracks))


def _at(order: tuple[str, ...], track_id: object) -> int:
    return order.index(track_id) if isinstance(track_id, str) and track_id in order else len(order)


def _first(tracks: tuple[Track, ...], tt: int, preferred_id: str) -> Track | None:
    """The track with ``preferred_id``, else the first of type ``tt``."""
    return next((t for t in tracks if t.id == preferred_id), None) or next(
        (t for t in tracks if t.tt == tt), None
    )


def aspect_of(width: int, height: int) -> Aspect | None:
    """The named aspect of a pixel size, None when it is none of them."""
    return next((a for a in ASPECTS if ASPECT_SIZES[a][0] * height == ASPECT_SIZES[a][1] * width), None)
