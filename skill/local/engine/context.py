"""The engine's answer to what the timeline core asks (:class:`skill.timeline.EditContext`).

``MediaContext`` knows the media of one project (uploaded files, or the files given to
``render-local``): it analyses a song when an op first needs it (once per song), finds its best
section and chooses each clip shot's in-point from the clip's motion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from skill.timeline import ClipFacts, EditError, SongFacts

if TYPE_CHECKING:
    import numpy as np

    from .analysis import TrackAnalysis

__all__ = ["MediaContext", "MediaRef"]

FileType = Literal["audio", "video", "image"]


@dataclass(frozen=True, slots=True)
class MediaRef:
    """One file the project may use: ``upload_id`` names it in the timeline, ``src`` is its URL."""

    upload_id: str
    name: str
    src: str
    path: Path
    file_type: FileType
    has_audio: bool = False


class MediaContext:
    """An EditContext over ``media``; ``analyse(path)`` runs the analysis (the chat adds heartbeats)."""

    def __init__(self, media: Sequence[MediaRef], analyse: Callable[[MediaRef], TrackAnalysis]) -> None:
        self._media = list(media)
        self._analyse = analyse
        self._analyses: dict[str, TrackAnalysis] = {}
        self._facts: dict[str, SongFacts] = {}
        self._curves: dict[Path, tuple[np.ndarray, np.ndarray, float]] = {}

    def _ref(self, upload_id: str) -> MediaRef | None:
        return next((m for m in self._media if m.upload_id == upload_id), None)

    def newest_song(self) -> MediaRef | None:
        """The newest audio upload, else the newest video with sound."""
        audio = [m for m in self._media if m.file_type == "audio"]
        videos = [m for m in self._media if m.file_type == "video" and m.has_audio]
        found = audio or videos
        return found[-1] if found else None

    def analysed(self, upload_id: str) -> TrackAnalysis | None:
        """The analysis of a song this context has already read (None before :meth:`song`)."""
        return self._analyses.get(upload_id)

    def known_song(self, upload_id: str) -> SongFacts | None:
        """The facts of a song this context has already analysed (None before :meth:`song`)."""
        return self._facts.get(upload_id)

    def song(self, upload_id: str | None = None) -> SongFacts:
        from .errors import EngineError

        ref = self.newest_song() if upload_id is None else self._ref(upload_id)
        if ref is None:
            raise EditError("need_song")
        if ref.upload_id not in self._facts:
            try:
                analysis = self._analyse(ref)
            except EngineError as err:
                raise EditError("analysis_failed", song=ref.name, reason=err.message) from None
            self._analyses[ref.upload_id] = analysis
            from .sections import timeline_sections

            self._facts[ref.upload_id] = SongFacts(
                upload_id=ref.upload_id,
                name=ref.name,
                src=ref.src,
                duration_s=analysis.duration_s,
                bpm=analysis.tempo_bpm,
                beats_s=tuple(analysis.beats_s),
                downbeats_s=tuple(analysis.downbeats_s),
                beats_per_bar=analysis.beats_per_bar,
                sections=timeline_sections(analysis),
                steady=analysis.is_steady_fallback,
                beat_confidence=round(float(analysis.beat_confidence), 3),
            )
        return self._facts[ref.upload_id]

    def best_start(self, song: SongFacts, duration_s: float) -> float:
        from .highlight import best_section

        return best_section(self._analyses[song.upload_id], duration_s=duration_s).start_s

    def clips(self) -> Sequence[ClipFacts]:
        return [
            ClipFacts(m.upload_id, m.name, m.src, "photo" if m.file_type == "image" else "clip")
            for m in self._media
            if m.file_type in ("video", "image")
        ]

    def choose_in(self, clip: ClipFacts, length_s: float, taken: Sequence[tuple[float, float]]) -> float:
        from .clips import choose_in_point
        from .errors import EngineError

        ref = self._ref(clip.upload_id)
        if ref is None or clip.kind != "clip":
            return 0.0
        try:
            return choose_in_point(ref.path, length_s, taken, curves=self._curves)
        except EngineError:  # an unreadable clip: the render says so, by name
            return 0.0
