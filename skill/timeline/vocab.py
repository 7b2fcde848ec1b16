"""Every closed set of the edit, defined once: aspects and their sizes, paces, kinds, formats, limits.

Other modules import these names; nothing else spells an aspect ratio, a pace or a file extension.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BEAT_FIXES",
    "BeatFixKind",
    "CLIP_ORDERS",
    "ClipOrder",
    "EFFECT_ON",
    "EffectOn",
    "MAX_BAR_SHIFT",
    "METERS",
    "Meter",
    "MAX_BPM",
    "MAX_FADE_S",
    "MIN_BPM",
    "LOW_BEAT_CONFIDENCE",
    "MAX_OFFSET_MS",
    "MAX_TRANSITION_S",
    "OFFSET_STEP_MS",
    "SCOPES",
    "Scope",
    "ASPECTS",
    "ASPECT_SIZES",
    "AUDIO_FORMATS",
    "Aspect",
    "CLIP_AUDIO_DUCK_DB",
    "CLIP_GAIN_STEP_DB",
    "DUCK_STEP_DB",
    "MAX_CLIP_GAIN",
    "MAX_DUCK_DB",
    "DEFAULT_ASPECT",
    "DEFAULT_FADE_S",
    "DEFAULT_FPS",
    "DEFAULT_HIGHLIGHT_S",
    "DEFAULT_PACE",
    "DEFAULT_TITLE_S",
    "DEFAULT_TRANSITION_S",
    "EFFECTS",
    "FORMATS_LISTED",
    "Effect",
    "IMAGE_FORMATS",
    "LOUDNESS_TARGET_LUFS",
    "MAX_LOUDNESS_LUFS",
    "MIN_LOUDNESS_LUFS",
    "MAX_HIGHLIGHT_S",
    "MEDIA_FORMATS",
    "MIN_HIGHLIGHT_S",
    "MIN_TEXT_S",
    "PACES",
    "Pace",
    "SECTION_LABELS",
    "SIZES",
    "TITLE_STEP_S",
    "SectionLabel",
    "ShotKind",
    "TITLE_POSITIONS",
    "TRANSITIONS",
    "TRUE_PEAK_DBTP",
    "TextSize",
    "TitlePosition",
    "TrackKind",
    "Transition",
    "UPLOAD_MAX_BYTES",
    "VIDEO_FORMATS",
]

Aspect = Literal["16:9", "9:16", "1:1"]
ASPECTS: tuple[Aspect, ...] = get_args(Aspect)
ASPECT_SIZES: dict[Aspect, tuple[int, int]] = {
    "16:9": (1920, 1080),
    "9:16": (1080, 1920),
    "1:1": (1080, 1080),
}
# one default everywhere (say, make, render-local): the short-video platforms are vertical
DEFAULT_ASPECT: Aspect = "9:16"
DEFAULT_FPS = 30

# beat: every beat; half: every other beat; bar: every downbeat; 2bar: every second downbeat
Pace = Literal["beat", "half", "bar", "2bar"]
PACES: tuple[Pace, ...] = get_args(Pace)
DEFAULT_PACE: Pace = "beat"

TrackKind = Literal["video", "audio", "text"]
ShotKind = Literal["clip", "photo", "generated"]
SectionLabel = Literal["intro", "verse", "chorus", "drop", "bridge", "outro"]
SECTION_LABELS: tuple[SectionLabel, ...] = get_args(SectionLabel)

TitlePosition = Literal["top", "center", "bottom"]
TITLE_POSITIONS: tuple[TitlePosition, ...] = get_args(TitlePosition)
TextSize = Literal["small", "medium", "large"]
SIZES: tuple[TextSize, ...] = get_args(TextSize)

Transition = Literal["cut", "crossfade", "dip_black", "dip_white"]
TRANSITIONS: tuple[Transition, ...] = get_args(Transition)
Effect = Literal["none", "flash", "zoom", "shake"]
EFFECTS: tuple[Effect, ...] = get_args(Effect)
# a transition or beat effect everywhere, or only in the chorus (and drop)
Scope = Literal["all", "chorus"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
# beat effects on every cut, or only on the cuts that fall on a downbeat
EffectOn = Literal["cuts", "downbeats"]
EFFECT_ON: tuple[EffectOn, ...] = get_args(EffectOn)
# the clips in upload order, shuffled (the order is then written down), or in an order the user gave
ClipOrder = Literal["upload", "shuffle", "custom"]
CLIP_ORDERS: tuple[ClipOrder, ...] = get_args(ClipOrder)

# the user's corrections of the detected beat: double or half the tempo, move the beat by half a beat
# (it was on the off-beat), or back to what was detected; a tapped tempo is a number within the limits
BeatFixKind = Literal["double", "half", "offbeat", "detected"]
BEAT_FIXES: tuple[BeatFixKind, ...] = get_args(BeatFixKind)
MIN_BPM = 30.0
MAX_BPM = 300.0
# a bar-line correction moves the downbeats by at most this many beats either way
MAX_BAR_SHIFT = 3
# beats to a bar the user may set ("it's in 3/4"; 6/8 is two dotted-quarter beats): the tracker reads 3 or 4
Meter = Literal[2, 3, 4]
METERS: tuple[Meter, ...] = get_args(Meter)
# below this beat confidence (0-1) the highlight's reply says the beat can be corrected
LOW_BEAT_CONFIDENCE = 0.5

# "show the title longer" with no number: this many seconds more (or less)
TITLE_STEP_S = 2.0

# lower-case extensions without the dot; the client, the backend and the engine all read these
# in the order messages list them; the sets below are made from these, so the two cannot disagree
_VIDEO_LISTED = ("mp4", "mov", "avi", "webm", "mkv", "m4v")
_IMAGE_LISTED = ("jpg", "jpeg", "png", "gif", "webp", "bmp")
_AUDIO_LISTED = ("mp3", "wav", "m4a", "aac", "flac", "ogg", "opus")
AUDIO_FORMATS: frozenset[str] = frozenset(_AUDIO_LISTED)
VIDEO_FORMATS: frozenset[str] = frozenset(_VIDEO_LISTED)
IMAGE_FORMATS: frozenset[str] = frozenset(_IMAGE_LISTED)
MEDIA_FORMATS: frozenset[str] = AUDIO_FORMATS | VIDEO_FORMATS | IMAGE_FORMATS
FORMATS_LISTED: tuple[str, ...] = (*_VIDEO_LISTED, *_IMAGE_LISTED, *_AUDIO_LISTED)
UPLOAD_MAX_BYTES = 500 * 1024 * 1024

DEFAULT_HIGHLIGHT_S = 30.0
MIN_HIGHLIGHT_S = 3.0
MAX_HIGHLIGHT_S = 600.0
DEFAULT_TITLE_S = 3.0
MIN_TEXT_S = 0.5  # the shortest a title or text stays on screen
DEFAULT_FADE_S = 1.0
DEFAULT_TRANSITION_S = 0.25
MAX_TRANSITION_S = 2.0
MAX_FADE_S = 10.0
# "the cuts are a bit late" moves them this much earlier; more than MAX_OFFSET_MS is another beat
OFFSET_STEP_MS = 40
MAX_OFFSET_MS = 500

CLIP_AUDIO_DUCK_DB = 10.0
MAX_DUCK_DB = 30.0
DUCK_STEP_DB = 4.0  # "duck more" / "duck less"
CLIP_GAIN_STEP_DB = 3.0  # "clip sound louder" / "quieter"
MAX_CLIP_GAIN = 4.0  # +12 dB over the clip's levelled sound
LOUDNESS_TARGET_LUFS = -14.0  # the short-video platforms' target; broadcast is -23, podcasts -16
MIN_LOUDNESS_LUFS = -40.0
MAX_LOUDNESS_LUFS = -5.0
TRUE_PEAK_DBTP = -1.0
