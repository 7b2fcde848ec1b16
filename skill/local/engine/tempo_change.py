"""Tempo sections: where a song changes tempo for good, beyond what the local periods follow.

The local periods (``tempo.local_periods``) follow drift within 1/1.3..1.3 of the global
tempo and hold the global tempo where an 8-s window has no clear periodicity.  A song that
switches from 136 to 80 BPM for its second half is therefore tracked at 136 throughout:
two real excerpts of the benchmark set joined that way (136 -> 80 and 80 -> 136 BPM)
scored beat F 0.23 and 0.26 on their 80-BPM parts; section by section, 0.99 and 0.97.

A change is accepted only when it is long and unmistakable, because a false split costs
more than a missed one (a half-time bridge tracked at half tempo breaks every cut there):

* 16-s windows (4-s hop) each get their own tempo estimate;
* a window has *changed* when its tempo is not a multiple of the global one (1/3, 1/2, 1,
  2, 3 within 10 %; 2/3 and 3/2 within 2 %: a fresh excerpt at 160 BPM in threes, whose
  global estimate is 80, has windows at 53.3 BPM and was split at 48 s, beat F 0.90 -> 0.74)
  and the global tempo's family has at most half the periodicity of the window's own tempo
  there;
* at least five changed windows in a row (32 s of audio) with one tempo (within 8 %, octaves
  folded: a section at 80 BPM gives windows at 80 and 163).

No excerpt of the 40 in the real-music set is split, though windows of several stray to
3/4, 2/3 or 1/3 of the tempo for a few bars.  Not split either: a half-time or double-time
section (an octave is one tempo family here) and a 3:2 switch (120 -> 180 BPM: the old
tempo's multiples are periodic in the new section).  The boundary is placed where the two
tempos' periodicity on the 8 s either side fits best (within 2 s on synthetic switches).
"""

from __future__ import annotations

import numpy as np

from . import tempo as tp

__all__ = ["tempo_sections"]

WINDOW_S = 16.0
HOP_S = 4.0
MIN_CHANGED_WINDOWS = 5
MAX_OLD_SHARE = 0.5
MULTIPLES = (1.0 / 3.0, 0.5, 1.0, 2.0, 3.0)
MULTIPLE_TOL = 0.10
# the same pulse grouped in threes: a 160-BPM song in threes has windows at 53.3 BPM, 2/3 of
# its 80-BPM global estimate; held to 2 %: a real 140 -> 90 change is 3.6 % from 2/3
THREE_TWO = (2.0 / 3.0, 1.5)
THREE_TWO_TOL = 0.02
COMB_FAMILY_TOL = 0.06
AC_FAMILY_TOL = 0.03
RUN_TOL = 0.08
MIN_SECTION_S = 20.0
FIT_S = 8.0
FIT_STEP_S = 0.5


def _periodicity(seg: np.ndarray, fps: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A window's periodicity over the tempo range: (bpm per lag, comb salience, autocorrelation).

    Either may show a change.  The comb over three multiples (what the tempo estimate uses)
    is the steadier on real music, but the comb of a 90-BPM section also peaks at 46.7 BPM
    (its second multiple is 140 BPM's third) and so calls a 140 -> 90 change a multiple;
    the raw autocorrelation does not, but is noisier on real music.
    """
    lags = np.arange(int(fps * 60.0 / tp.MAX_BPM), int(fps * 60.0 / tp.MIN_BPM) + 1, dtype=np.float64)
    ac = tp.normalised_autocorr(seg.astype(np.float64), min(int(lags[-1] * 3) + 2, seg.size - 1))
    comb = np.clip(tp.comb_salience(ac, lags), 0.0, None)
    return 60.0 * fps / lags, comb, np.clip(tp.at_lags(ac, lags), 0.0, None)


def _old_share(bpm: np.ndarray, values: np.ndarray, *, own_bpm: float, old_bpm: float, tol: float) -> float:
    """The old tempo family's best value over the window's own tempo's (inf when that is 0)."""
    own = float(values[np.argmin(np.abs(bpm - own_bpm))])
    family = np.zeros(bpm.size, dtype=bool)
    for k in MULTIPLES:
        family |= np.abs(bpm / (old_bpm * k) - 1.0) <= tol
    old = float(values[family].max()) if family.any() else 0.0
    return old / own if own > 0 else float("inf")


def _is_multiple(ratio: float) -> bool:
    return any(abs(ratio / k - 1.0) <= MULTIPLE_TOL for k in MULTIPLES) or any(
        abs(ratio / k - 1.0) <= THREE_TWO_TOL for k in THREE_TWO
    )


def _window_tempos(
    onset: np.ndarray, *, fps: float, tempo_bpm: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per window: start frame, its own tempo, and whether it has changed from ``tempo_bpm``."""
    win, hop = int(WINDOW_S * fps), max(1, int(HOP_S * fps))
    starts = np.arange(0, onset.size - win + 1, hop)
    tempos = np.zeros(starts.size)
    changed = np.zeros(starts.size, dtype=bool)
    for i, lo in enumerate(starts):
        seg = onset[lo : lo + win]
        if seg.std() <= 1e-9:
            continue
        t, _ = tp.estimate_tempo(seg, fps=fps)
        bpm, comb, ac = _periodicity(seg, fps)
        share = min(
            _old_share(bpm, comb, own_bpm=t, old_bpm=tempo_bpm, tol=COMB_FAMILY_TOL),
            _old_share(bpm, ac, own_bpm=t, old_bpm=tempo_bpm, tol=AC_FAMILY_TOL),
        )
        tempos[i] = t
        changed[i] = not _is_multiple(t / tempo_bpm) and share <= MAX_OLD_SHARE
    return starts, tempos, changed


def _octave_distance(a: float, b: float) -> float:
    """How far apart two tempos are after folding octaves (80 and 163 BPM: 2 %)."""
    ratio = 2.0 ** (np.log2(a / b) % 1.0)
    return float(min(abs(ratio - 1.0), abs(ratio / 2.0 - 1.0)))


def _runs(tempos: np.ndarray, changed: np.ndarray) -> list[tuple[int, int]]:
    """Index ranges [i, j) of at least MIN_CHANGED_WINDOWS changed windows sharing one tempo."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < changed.size:
        if not changed[i]:
            i += 1
            continue
        j = i + 1
        while j < changed.size and changed[j] and _octave_distance(tempos[j], float(tempos[i])) <= RUN_TOL:
            j += 1
        if j - i >= MIN_CHANGED_WINDOWS:
            out.append((i, j))
        i = j
    return out


def _fit(onset: np.ndarray, lo: int, hi: int, bpm: float, fps: float) -> float:
    seg = onset[max(lo, 0) : min(hi, onset.size)]
    if seg.size < 4 or seg.std() <= 1e-9:
        return 0.0
    lag = np.array([60.0 * fps / bpm])
    ac = tp.normalised_autocorr(seg.astype(np.float64), min(int(lag[0] * 3) + 2, seg.size - 1))
    return float(np.clip(tp.comb_salience(ac, lag)[0], 0.0, None))


def _boundary(onset: np.ndarray, *, fps: float, lo: int, hi: int, before: float, after: float) -> int:
    """The frame in [lo, hi] where ``before`` fits the 8 s to its left and ``after`` the 8 s to its right best."""
    span, step = int(FIT_S * fps), max(1, int(FIT_STEP_S * fps))
    cands = np.arange(max(lo, 0), min(hi, onset.size) + 1, step)
    if cands.size == 0:
        return lo
    scores = [
        _fit(onset, c - span, c, before, fps) + _fit(onset, c, c + span, after, fps) for c in cands.tolist()
    ]
    return int(cands[int(np.argmax(scores))])


def tempo_sections(onset: np.ndarray, *, fps: float, tempo_bpm: float) -> list[tuple[int, int]]:
    """Frame ranges ``[lo, hi)`` that each keep one tempo: ``[(0, n)]`` for most songs.

    Parameters
    ----------
    onset : np.ndarray [shape=(n,)]
        The beat tracker's onset envelope.
    fps : float
    tempo_bpm : float
        The global tempo of the whole envelope.
    """
    n = onset.size
    win = int(WINDOW_S * fps)
    if n < 2 * win:
        return [(0, n)]
    starts, tempos, changed = _window_tempos(onset, fps=fps, tempo_bpm=tempo_bpm)
    cuts: list[int] = []
    for i, j in _runs(tempos, changed):
        new = float(tempos[i])
        # the change lies between the start of the last unchanged window and the end of the
        # first changed one; the change back, between the last changed and the first unchanged
        if i > 0:
            lo, hi = int(starts[i - 1]), int(starts[i]) + win
            cuts.append(_boundary(onset, fps=fps, lo=lo, hi=hi, before=tempo_bpm, after=new))
        if j < starts.size:
            lo, hi = int(starts[j - 1]), int(starts[j]) + win
            cuts.append(_boundary(onset, fps=fps, lo=lo, hi=hi, before=new, after=tempo_bpm))
    edges = [0, *sorted(cuts), n]
    sections = list(zip(edges[:-1], edges[1:], strict=True))
    if len(sections) == 1 or any(hi - lo < MIN_SECTION_S * fps for lo, hi in sections):
        return [(0, n)]
    return sections
