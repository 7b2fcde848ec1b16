"""Cut feel and sections measured from rendered files: offset, per-section pace, chorus start."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from skill.local.engine import ParameterError, analyse_track, plan_cuts
from skill.local.engine.sections import detect_sections
from skill.timeline import SongFacts
from skill.timeline.edit_cut import find_section, window

from .conftest import STRUCTURE
from .probe import decode_audio_mono, detect_cuts
from .stills import FPS, render, solid
from .synth import Song, make_song, write_wav

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def colours(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ...]:
    d = tmp_path_factory.mktemp("colours")
    rgbs = ((220, 30, 30), (30, 200, 40), (30, 40, 220), (240, 240, 240))
    return tuple(solid(d / f"c{i}.png", rgb) for i, rgb in enumerate(rgbs))


def test_sections_of_a_known_song(structured_song: tuple[Song, Path]) -> None:
    song, wav = structured_song
    found = detect_sections(analyse_track(wav))
    assert [s.label for s in found][:5] == ["intro", "verse", "chorus", "verse", "chorus"]
    for (label, start, _), sec in zip(song.sections, found, strict=False):
        if label == sec.label:
            assert sec.start_s == pytest.approx(start, abs=0.06)
    assert found[0].start_s == 0.0 and found[-1].end_s == pytest.approx(analyse_track(wav).duration_s)


@pytest.fixture(scope="module")
def marked_song(tmp_path_factory: pytest.TempPathFactory) -> tuple[Song, Path, list[float]]:
    """The structured song with a faint tone of its own in each section: the choruses are otherwise
    the same audio, and the tone tells which one a video plays."""
    song = make_song(bpm=128, structure=STRUCTURE, seed=3)
    t = np.arange(song.y.size) / song.sr
    tones = [1500.0 + 400.0 * k for k in range(len(song.sections))]
    for (_, s0, s1), f in zip(song.sections, tones, strict=True):
        inside = (t >= s0) & (t < s1)
        song.y[inside] += 0.02 * np.sin(2 * np.pi * f * t[inside]).astype(np.float32)
    return song, write_wav(tmp_path_factory.mktemp("marked") / "marked.wav", song.y, song.sr), tones


@pytest.mark.parametrize("nth", [1, 2])
def test_chorus_start_plays_the_chorus(
    marked_song: tuple[Song, Path, list[float]], tmp_path: Path, nth: int
) -> None:
    song, wav, tones = marked_song
    a = analyse_track(wav)
    chorus = find_section(detect_sections(a), "chorus", nth)
    assert chorus is not None
    facts = SongFacts("s", "song.wav", "", a.duration_s, a.tempo_bpm, a.beats_s, a.downbeats_s)
    start, dur = window(facts, chorus.start_s, 4.0)
    assert dur == 4.0
    out = tmp_path / "chorus.mp4"
    render(wav, out, dur, start_s=start)
    got = decode_audio_mono(out, sr=song.sr)[int(0.2 * song.sr) : int(3.8 * song.sr)].astype(np.float64)
    # where the video's audio is in the song: the cross-correlation peak
    ref = song.y.astype(np.float64)
    n = 1 << int(np.ceil(np.log2(ref.size + got.size)))
    corr = np.fft.irfft(np.fft.rfft(ref, n) * np.conj(np.fft.rfft(got, n)), n)
    found_at = int(np.argmax(corr[: ref.size])) / song.sr - 0.2
    k, truth = [(k, s) for k, (lab, s, _) in enumerate(song.sections) if lab == "chorus"][nth - 1]
    assert found_at == pytest.approx(truth, abs=0.05)
    spectrum = np.abs(np.fft.rfft(got))
    freqs = np.fft.rfftfreq(got.size, 1 / song.sr)
    level = {f: spectrum[np.abs(freqs - f) < 3].max() for f in tones}
    assert max(level, key=lambda f: level[f]) == tones[k]  # this chorus's own tone, not the other's
    assert find_section(detect_sections(a), "chorus", 3) is None


def test_offset_moves_every_cut(
    structured_song: tuple[Song, Path], colours: tuple[Path, ...], tmp_path: Path
) -> None:
    _, wav = structured_song
    a = analyse_track(wav)
    start = a.downbeats_s[6]
    found = {}
    for offset in (0, -40):
        cuts = plan_cuts(a, start_s=start, duration_s=4.0, pace="beat", offset_ms=offset, fps=FPS)
        assert all(abs(c * FPS - round(c * FPS)) < 1e-3 for c in cuts)  # on frame boundaries
        out = tmp_path / f"off{offset}.mp4"
        render(wav, out, 4.0, start_s=start, clips=colours[:3], cut_times_s=cuts, photo_motion=False)
        found[offset] = detect_cuts(out)
    assert found[0].size == found[-40].size >= 6
    moved_s = (found[0] - found[-40]) / FPS
    assert np.all(np.abs(moved_s - 0.040) <= 1 / FPS + 1e-9), moved_s
    beats = (np.array(a.beats_s) - start) * FPS
    assert all(np.min(np.abs(beats - c)) <= 1.0 for c in found[0])


def test_per_section_pace_cuts_more_in_the_chorus(
    structured_song: tuple[Song, Path], colours: tuple[Path, ...], tmp_path: Path
) -> None:
    _, wav = structured_song
    a = analyse_track(wav)
    sections = detect_sections(a)
    verse, chorus = sections[1], sections[2]
    assert (verse.label, chorus.label) == ("verse", "chorus")
    dur = chorus.end_s - verse.start_s
    cuts = plan_cuts(
        a,
        start_s=verse.start_s,
        duration_s=dur,
        pace="bar",
        section_paces={"chorus": "beat"},
        sections=sections,
        fps=FPS,
    )
    out = tmp_path / "pace.mp4"
    render(wav, out, dur, start_s=verse.start_s, clips=colours, cut_times_s=cuts, photo_motion=False)
    seen = detect_cuts(out) / FPS + verse.start_s
    in_verse = int(((seen > verse.start_s) & (seen < chorus.start_s - 0.1)).sum())
    in_chorus = int(((seen >= chorus.start_s - 0.1) & (seen < chorus.end_s)).sum())
    assert in_verse >= 2 and in_chorus >= 3 * in_verse, (in_verse, in_chorus)


def test_every_other_beat_and_downbeats_only(structured_song: tuple[Song, Path]) -> None:
    _, wav = structured_song
    a = analyse_track(wav)
    start, dur = a.downbeats_s[4], 8.0
    beat = plan_cuts(a, start_s=start, duration_s=dur, pace="beat")
    half = plan_cuts(a, start_s=start, duration_s=dur, pace="half")
    bar = plan_cuts(a, start_s=start, duration_s=dur, pace="bar")
    assert set(bar) < set(half) < set(beat)
    assert np.allclose(np.diff(half), 2 * 60 / 128, atol=0.03)
    assert len(half) == pytest.approx(len(beat) / 2, abs=1)
    with pytest.raises(ParameterError):
        plan_cuts(a, start_s=start, duration_s=dur, offset_ms=900)
