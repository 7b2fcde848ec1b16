"""Best section and cut planning on a verse/chorus song."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from skill.local.engine import ParameterError, analyse_track, best_section, plan_cuts

from .synth import Song


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


@pytest.mark.parametrize("seconds", [6.0, 7.5, 12.0])
def test_best_section_lands_in_a_chorus(structured_song: tuple[Song, Path], seconds: float) -> None:
    song, wav = structured_song
    a = analyse_track(wav)
    sec = best_section(a, duration_s=seconds)
    choruses = [(s, e) for lab, s, e in song.sections if lab == "chorus"]
    assert any(s - 0.05 <= sec.start_s < e for s, e in choruses)
    in_chorus = sum(_overlap(sec.start_s, sec.end_s, s, e) for s, e in choruses)
    assert in_chorus >= 0.75 * min(sec.duration_s, max(e - s for s, e in choruses))
    bar_s = 4 * 60 / 128
    assert abs(sec.duration_s - seconds) <= bar_s
    assert np.min(np.abs(np.array(a.downbeats_s) - sec.start_s)) < 1e-6


def test_best_section_from_path_and_whole_track(structured_song: tuple[Song, Path]) -> None:
    song, wav = structured_song
    whole = best_section(wav, duration_s=10_000)
    assert whole.start_s == 0.0
    assert whole.duration_s == pytest.approx(analyse_track(wav).duration_s)
    with pytest.raises(ParameterError):
        best_section(wav, duration_s=0)


def test_plan_cuts_paces(structured_song: tuple[Song, Path]) -> None:
    _, wav = structured_song
    a = analyse_track(wav)
    start = a.downbeats_s[4]
    dur = 12.0
    beat = plan_cuts(a, start_s=start, duration_s=dur, pace="beat")
    bar = plan_cuts(a, start_s=start, duration_s=dur, pace="bar")
    two = plan_cuts(a, start_s=start, duration_s=dur, pace="2bar")
    for cuts in (beat, bar, two):
        assert all(0 < c < dur for c in cuts)
        assert list(cuts) == sorted(cuts)
    assert set(bar) <= set(beat)
    assert set(two) <= set(bar)
    assert len(beat) > len(bar) > len(two) >= 1
    bar_s = 4 * 60 / 128
    assert np.allclose(np.diff(two), 2 * bar_s, atol=0.03)
    with pytest.raises(ParameterError):
        plan_cuts(a, start_s=0, duration_s=5, pace="fast")  # type: ignore[arg-type]
