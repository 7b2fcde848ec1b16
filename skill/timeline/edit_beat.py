"""The ``beat`` op (double / half time, the off-beat, a tapped tempo, the bar lines, the meter, back to detected) and the one
place its correction reaches the song: :func:`beat_context`.

The correction is a :class:`~skill.timeline.model.BeatFix` on the song item, so it is in the draft,
undone by undo and kept by every re-cut. :func:`skill.timeline.reducer.apply` wraps its context with
:func:`beat_context`, whose ``song()`` answers the corrected facts (:func:`skill.timeline.beat_grid.
corrected`) for the song the fix belongs to; every op that builds the highlight asks it for the song,
so a later ``highlight``, ``length``, ``pace`` or ``section`` cuts on the corrected grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from typing_extensions import assert_never

from .beat_grid import corrected
from .context import ClipFacts, EditContext, EditError, SongFacts
from .edit_cut import rebuild
from .model import BeatFix, Timeline
from .ops_edits import FixBeat
from .vocab import MAX_BPM, MIN_BPM

__all__ = ["beat_context", "compose", "fix_beat", "tempo_of"]


_LIMITS = {"min": f"{MIN_BPM:g}", "max": f"{MAX_BPM:g}"}


def _n(bpm: float) -> str:
    """A tempo as people read it: 128, 67.5."""
    return f"{bpm:.1f}".rstrip("0").rstrip(".")


class _Corrected:
    """An EditContext whose song ``upload_id`` has its beat corrected by ``fix``; the rest as ``base``."""

    def __init__(self, base: EditContext, upload_id: str, fix: BeatFix) -> None:
        self.base, self.upload_id, self.fix = base, upload_id, fix
        self._done: dict[SongFacts, SongFacts] = {}  # an op may ask for the song more than once

    def song(self, upload_id: str | None = None) -> SongFacts:
        facts = self.base.song(upload_id)
        if facts.upload_id != self.upload_id:
            return facts
        if facts not in self._done:
            self._done[facts] = corrected(facts, self.fix)
        return self._done[facts]

    def best_start(self, song: SongFacts, duration_s: float) -> float:
        return self.base.best_start(song, duration_s)

    def clips(self) -> Sequence[ClipFacts]:
        return self.base.clips()

    def choose_in(self, clip: ClipFacts, length_s: float, taken: Sequence[tuple[float, float]]) -> float:
        return self.base.choose_in(clip, length_s, taken)


def _base(ctx: EditContext) -> EditContext:
    return ctx.base if isinstance(ctx, _Corrected) else ctx


def beat_context(ctx: EditContext, timeline: Timeline) -> EditContext:
    """``ctx`` answering the song of ``timeline`` with its beat as the timeline's song item corrects it."""
    base = _base(ctx)
    song = timeline.song
    if song is None or not song.upload_id or song.beat_fix == BeatFix():
        return base
    return _Corrected(base, song.upload_id, song.beat_fix)


def tempo_of(fix: BeatFix, detected_bpm: float) -> float:
    """The tempo ``fix`` gives a song detected at ``detected_bpm``."""
    return fix.bpm if fix.bpm is not None else detected_bpm * fix.factor


def compose(fix: BeatFix, op: FixBeat, detected_bpm: float, beats_per_bar: int = 4) -> BeatFix:
    """The correction after ``op`` on top of ``fix``. Raises EditError ``bpm_limit`` (the tempo would
    leave the limits), ``bpm_range`` (a tapped tempo outside them) or ``no_beat_fix`` (``detected``
    with no correction in effect); their fields are text for the reply (``bpm``, ``min``, ``max``).
    Bar shifts add up modulo the bar's beats (four shifts of one beat in 4/4 are no shift); a meter
    equal to the detected ``beats_per_bar`` is no correction."""
    if op.meter is not None:
        meter = None if op.meter == beats_per_bar else op.meter
        return replace(fix, meter=meter, bar_shift=fix.bar_shift % op.meter)
    if op.bar is not None:
        bar = fix.meter or beats_per_bar
        return replace(fix, bar_shift=(fix.bar_shift + op.bar) % max(bar, 1))
    if op.bpm is not None:
        if not MIN_BPM <= op.bpm <= MAX_BPM:  # an op made in code, not validated by the schema
            raise EditError("bpm_range", bpm=_n(op.bpm), **_LIMITS)
        return replace(fix, factor=1.0, bpm=float(op.bpm))
    match op.fix:
        case "detected":
            if fix == BeatFix():
                raise EditError("no_beat_fix", bpm=_n(detected_bpm))
            return BeatFix()
        case "offbeat":
            return replace(fix, offbeat=not fix.offbeat)
        case "double" | "half":
            scale = 2.0 if op.fix == "double" else 0.5
            if fix.bpm is not None:
                new = replace(fix, bpm=fix.bpm * scale)
            else:
                new = replace(fix, factor=fix.factor * scale)
            tempo = tempo_of(new, detected_bpm)
            if not MIN_BPM <= tempo <= MAX_BPM:
                raise EditError("bpm_limit", bpm=_n(tempo_of(fix, detected_bpm)), **_LIMITS)
            return new
        case None:
            raise AssertionError("FixBeat validates one of fix, bpm, bar and meter")
        case _:
            assert_never(op.fix)


def fix_beat(timeline: Timeline, op: FixBeat, ctx: EditContext) -> Timeline:
    """Correct the song's beat and re-cut the highlight on the corrected grid (start and length kept).
    Raises EditError ``need_highlight``, ``bpm_limit`` or ``no_beat_fix``."""
    sound, music = timeline.song, timeline.music
    if sound is None or music is None or not sound.upload_id:
        raise EditError("need_highlight")
    base = _base(ctx)
    detected = base.song(sound.upload_id)
    fix = compose(sound.beat_fix, op, detected.bpm, detected.beats_per_bar)
    items = tuple(replace(i, beat_fix=fix) if i is sound else i for i in music.items)
    out = timeline.swap_track(music, replace(music, items=items))
    return rebuild(out, beat_context(base, out))
