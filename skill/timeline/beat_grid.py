"""The song's beat grid as the user corrected it: one pure function, :func:`corrected`.

The tracker can be at the wrong metrical level (68 BPM heard for 136), half a beat off, or at a tempo
the user knows better. A :class:`~skill.timeline.model.BeatFix` says which, and this module maps the
detected beats, downbeats and sections to the corrected ones, so every cut (and the page's beat lane)
follows them:

- double time inserts the midpoint between neighbouring beats; the detected downbeats stay downbeats
  and the bars in between get theirs (a bar keeps its number of beats, so a detected bar is two);
- half time keeps every other beat, the ones the first downbeat is on, and every other bar line;
- off-beat moves every beat to the midpoint of its beat and the next (the downbeats with them);
- a tapped tempo is a steady grid at ``60 / bpm`` s, phase-aligned to the detected beats (where most
  of them fall, downbeats counted twice: see :func:`_phase`), its bar lines where most detected
  downbeats fall;
- a meter (beats to a bar) puts a bar line every that many beats from the first detected one, before
  the steps above, so a waltz heard as 4/4 gets its bars of three at any level;
- a bar shift moves every bar line that many beats later on the grid above (the beats stay).

Downbeats are always members of the beats (the cut rule counts bar positions by membership), and
section boundaries move to the nearest new downbeat within half a bar.
"""

from __future__ import annotations

import cmath
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .context import SongFacts
from .model import BeatFix, Section

__all__ = ["corrected"]

_DECIMALS = 4
_BINS = 64  # the phase histogram of a tapped tempo


def corrected(song: SongFacts, fix: BeatFix) -> SongFacts:
    """``song`` with its beats, downbeats, sections and tempo as ``fix`` corrects them (see module)."""
    if fix == BeatFix() or (not song.beats_s and fix.bpm is None):
        return song
    bpb = max(fix.meter or song.beats_per_bar, 1)
    if fix.bpm is not None:
        beats, downs = _tapped(song, fix.bpm, bpb)
        bpm = fix.bpm
    else:
        beats, downs = list(song.beats_s), _indices(song.beats_s, song.downbeats_s)
        if bpb != song.beats_per_bar and downs:
            downs = _fill([min(downs)], bpb, len(beats))
        factor = fix.factor
        while factor > 1.0 + 1e-9 and len(beats) >= 2:
            beats, downs = _double(beats, downs, bpb, song.duration_s)
            factor /= 2
        while factor < 1.0 - 1e-9 and len(beats) >= 2:
            beats, downs = _half(beats, downs, bpb)
            factor *= 2
        bpm = song.bpm * fix.factor
    if fix.offbeat and len(beats) >= 2:
        beats, downs = _offbeat(beats, downs, song.duration_s)
    if fix.bar_shift and downs:
        downs = _fill(
            [i + fix.bar_shift for i in downs if 0 <= i + fix.bar_shift < len(beats)], bpb, len(beats)
        )
    grid = tuple(round(b, _DECIMALS) for b in beats)
    downbeats = tuple(grid[i] for i in sorted(set(downs)) if 0 <= i < len(grid))
    bar_s = bpb * 60.0 / bpm if bpm > 0 else 0.0
    return replace(
        song,
        bpm=round(bpm, 2),
        beats_per_bar=bpb,
        beats_s=grid,
        downbeats_s=downbeats,
        sections=_snapped(song.sections, downbeats, bar_s / 2, song.duration_s),
    )


def _indices(beats: Sequence[float], downbeats: Sequence[float]) -> list[int]:
    """Where each downbeat is among the beats (the nearest beat when it is not one of them)."""
    if not beats:
        return []
    at = {b: i for i, b in enumerate(beats)}
    out = []
    for d in downbeats:
        i = at.get(d)
        out.append(i if i is not None else min(range(len(beats)), key=lambda k: abs(beats[k] - d)))
    return out


def _fill(anchors: Sequence[int], bpb: int, count: int) -> list[int]:
    """Bar lines every ``bpb`` beats between and around the ``anchors`` (indices of known downbeats)."""
    if not anchors:
        return []
    marks = sorted(set(anchors))
    out = set(marks)
    for a, b in zip(marks, marks[1:], strict=False):
        out.update(range(a + bpb, b, bpb))
    out.update(range(marks[-1] + bpb, count, bpb))
    out.update(range(marks[0] - bpb, -1, -bpb))
    return sorted(out)


def _double(
    beats: list[float], downs: list[int], bpb: int, duration_s: float
) -> tuple[list[float], list[int]]:
    half_first = (beats[1] - beats[0]) / 2
    half_last = (beats[-1] - beats[-2]) / 2
    lead = [beats[0] - half_first] if beats[0] - half_first >= 0 else []
    out = list(lead)
    for b, nxt in zip(beats, beats[1:], strict=False):
        out += [b, (b + nxt) / 2]
    out.append(beats[-1])
    if beats[-1] + half_last < duration_s:
        out.append(beats[-1] + half_last)
    anchors = [2 * i + len(lead) for i in downs]
    return out, _fill(anchors, bpb, len(out))


def _half(beats: list[float], downs: list[int], bpb: int) -> tuple[list[float], list[int]]:
    parity = downs[0] % 2 if downs else 0
    out = beats[parity::2]
    kept: list[int] = []
    for i in downs:  # the bar lines on a kept beat, at least a (new) bar apart
        if (i - parity) % 2 == 0 and (not kept or (i - parity) // 2 - kept[-1] >= bpb):
            kept.append((i - parity) // 2)
    return out, _fill(kept, bpb, len(out))


def _offbeat(beats: list[float], downs: list[int], duration_s: float) -> tuple[list[float], list[int]]:
    out = [(b + nxt) / 2 for b, nxt in zip(beats, beats[1:], strict=False)]
    last = beats[-1] + (beats[-1] - beats[-2]) / 2
    if last < duration_s:
        out.append(last)
    return out, [i for i in downs if i < len(out)]


def _phase(song: SongFacts, period: float) -> float:
    """Where a steady grid of ``period`` lines up best with the detected beats (seconds, ``[0, period)``).

    The phases of the detected beats vote in a circular histogram, downbeats twice: when the tracker
    is at another level (a 3:2 tempo error puts half its beats on the grid and half between), its bar
    lines still fall on the grid and break the tie. The winning bin is refined to the circular mean of
    the phases near it.
    """
    downs, beats = set(song.downbeats_s), set(song.beats_s)
    weighted = [(b, 2.0 if b in downs else 1.0) for b in song.beats_s]
    weighted += [(d, 2.0) for d in song.downbeats_s if d not in beats]
    if not weighted:
        return 0.0
    votes = [0.0] * _BINS
    for t, w in weighted:
        votes[int((t % period) / period * _BINS) % _BINS] += w
    reach = _BINS // 16  # a vote counts for its neighbours within a sixteenth of a beat
    smooth = [sum(votes[(i + k) % _BINS] for k in range(-reach, reach + 1)) for i in range(_BINS)]
    centre = (max(range(_BINS), key=lambda i: smooth[i]) + 0.5) / _BINS
    near = [
        (t, w)
        for t, w in weighted
        if abs((((t % period) / period - centre) + 0.5) % 1.0 - 0.5) <= (reach + 1) / _BINS
    ]
    mean = sum(w * cmath.exp(2j * math.pi * (t % period) / period) for t, w in near)
    turn = cmath.phase(mean) / (2 * math.pi) if abs(mean) > 1e-9 else centre
    return (turn % 1.0) * period


def _tapped(song: SongFacts, bpm: float, bpb: int) -> tuple[list[float], list[int]]:
    period = 60.0 / bpm
    phase = _phase(song, period)
    count = max(0, math.ceil((song.duration_s - phase) / period))
    beats = [phase + k * period for k in range(count) if phase + k * period < song.duration_s]
    votes: Counter[int] = Counter()
    for d in song.downbeats_s:
        k = round((d - phase) / period)
        if abs(d - (phase + k * period)) < period / 4:
            votes[k % bpb] += 1
    first = votes.most_common(1)[0][0] if votes else 0
    return beats, list(range(first, len(beats), bpb))


def _snapped(
    sections: Sequence[Section], downbeats: Sequence[float], reach_s: float, duration_s: float
) -> tuple[Section, ...]:
    """Section boundaries on the nearest downbeat within ``reach_s``; the song's ends stay put."""

    def snap(t: float) -> float:
        if not downbeats or t <= 0.0 or t >= duration_s:
            return t
        near = min(downbeats, key=lambda d: abs(d - t))
        return near if abs(near - t) <= reach_s else t

    out = []
    for s in sections:
        start, end = snap(s.start_s), snap(s.end_s)
        if end > start:
            out.append(replace(s, start_s=start, end_s=end))
    return tuple(out)
