"""What ``apply`` may ask of the world: the song's analysis, the uploads, a clip's in-point; and its errors.

The core never imports the engine or the store: the local backend (and ``render-local``) hand it an
:class:`EditContext`. Facts are plain data; the few choices that need the media (the best section of a
song, the liveliest stretch of a clip) are methods, asked only by the ops that need them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .model import Section
from .vocab import ShotKind

__all__ = ["ClipFacts", "EditContext", "EditError", "SongFacts"]


@dataclass(frozen=True, slots=True)
class SongFacts:
    """An analysed song: beats and downbeats in seconds from its start, its tempo and length.

    ``sections`` are on the song's clock; ``steady`` says the beat was not heard and a steady grid
    stands in for it; ``beat_confidence`` (0-1, None: not known) is how sure the tracker is of the beats.
    """

    upload_id: str
    name: str
    src: str
    duration_s: float
    bpm: float
    beats_s: tuple[float, ...]
    downbeats_s: tuple[float, ...] = ()
    beats_per_bar: int = 4
    sections: tuple[Section, ...] = ()
    steady: bool = False
    beat_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class ClipFacts:
    """An uploaded clip or photo that shots can show."""

    upload_id: str
    name: str
    src: str
    kind: ShotKind = "clip"
    duration_s: float | None = None


class EditContext(Protocol):
    """The world as ``apply`` sees it (see the module docstring)."""

    def song(self, upload_id: str | None = None) -> SongFacts:
        """The analysed song ``upload_id`` (None: the newest uploaded song).

        Raises EditError ``need_song`` when there is none, ``analysis_failed`` when it cannot be read.
        """
        ...

    def best_start(self, song: SongFacts, duration_s: float) -> float:
        """Where the strongest ``duration_s`` of ``song`` starts, in seconds of the song."""
        ...

    def clips(self) -> Sequence[ClipFacts]:
        """The uploaded clips and photos, in upload order."""
        ...

    def choose_in(self, clip: ClipFacts, length_s: float, taken: Sequence[tuple[float, float]]) -> float:
        """The in-point of a ``length_s`` shot of ``clip`` (its liveliest stretch not in ``taken``)."""
        ...


class EditError(Exception):
    """An op that cannot be performed on this timeline; ``code`` is stable, ``fields`` fill the reply.

    Codes: ``need_song``, ``need_highlight``, ``no_title``, ``length_limit`` (``length_s``),
    ``analysis_failed`` (``song``, ``reason``), ``no_clip_sound`` (no clip on the timeline),
    ``no_such_clip`` (``clip``), ``bpm_limit`` (``bpm``, ``min``, ``max``: a double/half would leave
    the tempo limits), ``bpm_range`` (a tapped tempo outside them), ``no_beat_fix`` (``bpm``: nothing
    to take back, the detected tempo).
    """

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields
