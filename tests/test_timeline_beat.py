"""The user's beat corrections on the timeline core: the grid mapping, the ``beat`` op through ``apply``,
what later re-cuts keep, the wire round trip and the refusals."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from test_timeline_core import Ctx

from skill.timeline import (
    EditError,
    OpError,
    Section,
    SongFacts,
    Timeline,
    apply,
    from_draft,
    parse_ops,
    to_draft,
)
from skill.timeline.beat_grid import corrected
from skill.timeline.model import BeatFix
from skill.timeline.view import timeline_view

FPS_STEP = 1 / 30 + 1e-6  # cuts sit on frame boundaries of the timeline's 30 fps


def _song(
    bpm: float = 120.0, seconds: float = 60.0, *, start: float = 0.25, jitter: float = 0.0
) -> SongFacts:
    """A detected grid at ``bpm`` from ``start`` (a pickup beat before it), bars of four, three sections."""
    rng = np.random.default_rng(3)
    period = 60.0 / bpm
    beats = tuple(
        round(start + k * period + (rng.uniform(-jitter, jitter) if jitter else 0.0), 4)
        for k in range(int((seconds - start) / period))
    )
    sections = (
        Section("intro", 0.0, beats[16]),
        Section("chorus", beats[16], beats[48]),
        Section("outro", beats[48], seconds),
    )
    return SongFacts("upl_song", "song.mp3", "/s", seconds, bpm, beats, beats[1::4], 4, sections)


def _consistent(song: SongFacts) -> None:
    assert list(song.beats_s) == sorted(song.beats_s) and len(set(song.beats_s)) == len(song.beats_s)
    assert set(song.downbeats_s) <= set(song.beats_s)  # bar lines are beats: the cut rule counts on it
    assert all(0.0 <= b < song.duration_s for b in song.beats_s)
    for s in song.sections[1:]:
        assert s.start_s in song.downbeats_s  # inner section boundaries sit on (new) bar lines


@pytest.mark.parametrize("jitter", [0.0, 0.01])
def test_double_inserts_midpoints_and_keeps_every_bar_line(jitter: float) -> None:
    song = _song(68.0, jitter=jitter)
    fixed = corrected(song, BeatFix(factor=2.0))
    _consistent(fixed)
    assert fixed.bpm == 136.0
    old = np.array(song.beats_s)
    assert set(song.beats_s) <= set(fixed.beats_s)
    mids = sorted(set(fixed.beats_s) - set(song.beats_s))
    inner = [m for m in mids if old[0] < m < old[-1]]
    assert np.allclose(inner, (old[:-1] + old[1:]) / 2, atol=2e-4)
    assert set(song.downbeats_s) <= set(fixed.downbeats_s)
    bars = np.diff(fixed.downbeats_s)  # a detected bar (8 new beats) is now two bars of four
    assert np.allclose(bars, 4 * 60 / 136, atol=0.03)


def test_half_keeps_every_other_beat_on_the_downbeats() -> None:
    song = _song(136.0)
    fixed = corrected(song, BeatFix(factor=0.5))
    _consistent(fixed)
    assert fixed.bpm == 68.0
    assert np.allclose(np.diff(fixed.beats_s), 60 / 68, atol=1e-3)
    assert fixed.downbeats_s[0] == song.downbeats_s[0]
    assert set(fixed.downbeats_s) <= set(song.downbeats_s)
    assert np.allclose(np.diff(fixed.downbeats_s), 4 * 60 / 68, atol=1e-3)
    twice = corrected(song, BeatFix(factor=0.25))
    assert twice.bpm == 34.0 and np.allclose(np.diff(twice.beats_s), 60 / 34, atol=1e-3)


def test_offbeat_moves_every_beat_and_bar_line_by_half_a_beat() -> None:
    song = _song(120.0)
    fixed = corrected(song, BeatFix(offbeat=True))
    _consistent(fixed)
    assert fixed.bpm == 120.0
    n = len(song.beats_s) - 1
    assert np.allclose(np.array(fixed.beats_s[:n]) - np.array(song.beats_s[:n]), 0.25, atol=1e-4)
    assert np.allclose(np.array(fixed.downbeats_s[:10]) - np.array(song.downbeats_s[:10]), 0.25, atol=1e-4)
    assert corrected(corrected(song, BeatFix(offbeat=False)), BeatFix()) == song


@pytest.mark.parametrize("detected", [120.0, 64.0, 128.0])
def test_a_tapped_tempo_is_a_steady_grid_aligned_to_the_detected_beats(detected: float) -> None:
    song = _song(detected, start=0.3)
    fixed = corrected(song, BeatFix(bpm=128.0))
    _consistent(fixed)
    assert fixed.bpm == 128.0
    assert np.allclose(np.diff(fixed.beats_s), 60 / 128, atol=2e-4)
    if detected in (64.0, 128.0):  # the detected beats lie on the tapped grid: it goes through them
        grid = np.array(fixed.beats_s)
        assert all(np.min(np.abs(grid - b)) < 1e-3 for b in song.beats_s)
        if detected == 128.0:  # and its bar lines are the detected ones
            downs = np.array(fixed.downbeats_s)
            assert all(np.min(np.abs(downs - d)) < 1e-3 for d in song.downbeats_s)


@pytest.mark.parametrize(("detected", "truth"), [(80.0, 120.0), (120.0, 90.0)])
def test_a_tap_at_a_three_two_ratio_keeps_the_bar_lines_on_the_grid(detected: float, truth: float) -> None:
    """A tracker at 2/3 (or 4/3) of the tempo puts only some beats on the true grid, the rest between;
    its bar lines are on the grid (4 of its beats are whole true beats), so the tap lines up with them."""
    song = _song(detected, start=0.41, jitter=0.004)
    fixed = corrected(song, BeatFix(bpm=truth))
    _consistent(fixed)
    grid = np.array(fixed.beats_s)
    assert all(np.min(np.abs(grid - d)) < 0.012 for d in song.downbeats_s)
    on = [np.min(np.abs(grid - b)) < 0.012 for b in song.beats_s]
    assert 0.2 < np.mean(on) < 0.8  # and only some of the detected beats: the others were wrong


def test_no_fix_is_the_song_itself() -> None:
    song = _song()
    assert corrected(song, BeatFix()) is song


# ------------------------------------------------------------------------------------- the op
def _do(tl: Timeline, *ops: object, ctx: Ctx | None = None) -> Timeline:
    ctx = ctx or Ctx()
    for op in parse_ops(list(ops)):
        tl = apply(tl, op, ctx)  # type: ignore[arg-type]
    assert from_draft(to_draft(tl)) == tl  # the correction survives the store
    return tl


def _gaps(tl: Timeline) -> np.ndarray:
    return np.diff(np.array([0.0, *tl.cuts_s]))[1:]


@pytest.fixture
def made() -> Timeline:
    return _do(Timeline(), {"op": "highlight", "seconds": 10})


def test_double_and_half_time_change_the_cut_spacing(made: Timeline) -> None:
    assert np.allclose(_gaps(made), 0.5, atol=FPS_STEP)
    double = _do(made, {"op": "beat", "fix": "double"})
    assert double.bpm == 240.0 and len(double.cuts_s) == 2 * len(made.cuts_s) + 1
    assert np.allclose(_gaps(double), 0.25, atol=FPS_STEP)
    half = _do(made, {"op": "beat", "fix": "half"})
    assert half.bpm == 60.0 and np.allclose(_gaps(half), 1.0, atol=FPS_STEP)
    assert _do(double, {"op": "beat", "fix": "half"}).cuts_s == made.cuts_s  # the two undo each other
    song = half.song
    assert song is not None and song.song_start_s == made.song.song_start_s  # type: ignore[union-attr]


def test_offbeat_shifts_every_cut_by_half_a_beat(made: Timeline) -> None:
    off = _do(made, {"op": "beat", "fix": "offbeat"})
    assert off.bpm == 120.0
    assert off.cuts_s[0] == pytest.approx(0.25, abs=FPS_STEP)  # between the start and the first beat
    shifted = np.array(off.cuts_s[1 : len(made.cuts_s) + 1]) - np.array(made.cuts_s)
    assert np.allclose(shifted, 0.25, atol=FPS_STEP)
    assert _do(off, {"op": "beat", "fix": "offbeat"}).cuts_s == made.cuts_s  # said again: back


def test_tap_128_gives_a_128_bpm_grid_and_later_recuts_keep_it(made: Timeline) -> None:
    tapped = _do(made, {"op": "beat", "bpm": 128})
    assert tapped.bpm == 128.0
    assert np.allclose(_gaps(tapped), 60 / 128, atol=FPS_STEP)
    assert np.allclose(np.diff(tapped.beats_s), 60 / 128, atol=2e-4)  # the page's beat lane too
    view = timeline_view(tapped)["song"]
    assert view["bpm"] == 128.0 and view["beat_fix"] == {
        "factor": 1.0,
        "tap_bpm": 128.0,
        "offbeat": False,
        "bar_shift": 0,
        "meter": None,
    }
    for ops in (
        [{"op": "length", "seconds": 16}],
        [{"op": "highlight"}],
        [{"op": "pace", "pace": "half"}],
        [{"op": "section", "start_s": 30}],
    ):
        again = _do(tapped, *ops)
        assert again.bpm == 128.0 and again.song is not None and again.song.beat_fix == BeatFix(bpm=128.0)
        step = 2 if ops[0]["op"] == "pace" else 1
        assert np.allclose(_gaps(again), step * 60 / 128, atol=FPS_STEP), ops
    doubled = _do(tapped, {"op": "beat", "fix": "double"})
    assert doubled.bpm == 256.0 and np.allclose(_gaps(doubled), 60 / 256, atol=FPS_STEP)
    back = _do(doubled, {"op": "beat", "fix": "detected"})
    assert back.cuts_s == made.cuts_s and back.song is not None and back.song.beat_fix == BeatFix()
    assert timeline_view(back)["song"]["beat_fix"] is None


def test_a_new_song_does_not_inherit_the_correction(made: Timeline) -> None:
    tapped = _do(made, {"op": "beat", "bpm": 128})
    other = Ctx()
    assert other.facts is not None
    other.facts = replace(other.facts, upload_id="upl_new")
    fresh = _do(tapped, {"op": "highlight"}, ctx=other)
    assert fresh.bpm == 120.0 and fresh.song is not None and fresh.song.beat_fix == BeatFix()


def test_the_correction_round_trips_with_unknown_keys(made: Timeline) -> None:
    tl = _do(made, {"op": "beat", "fix": "half"}, {"op": "beat", "fix": "offbeat"})
    draft = to_draft(tl)
    song = next(t for t in draft["t"] if t["tt"] == 1)["sg"][0]
    assert song["m"]["beat_fix"] == {"factor": 0.5, "offbeat": True}
    song["m"]["future_key"] = {"x": 1}
    draft["m"]["other"] = 7
    assert to_draft(from_draft(draft)) == draft
    song["m"]["beat_fix"] = {"factor": 2, "wobble": 1}  # a correction this version cannot read: kept as is
    assert to_draft(from_draft(draft)) == draft


def test_refusals_are_typed_with_stable_codes(made: Timeline) -> None:
    for bad, field in (
        ({"op": "beat", "bpm": 0}, "bpm"),
        ({"op": "beat", "bpm": 1000}, "bpm"),
        ({"op": "beat", "fix": "triple"}, "fix"),
        ({"op": "beat"}, "beat"),
        ({"op": "beat", "fix": "half", "bpm": 90}, "beat"),
        ({"op": "beat", "fix": "half", "speed": 2}, "speed"),
    ):
        with pytest.raises(OpError) as err:
            parse_ops(bad)
        assert err.value.message.startswith(f"{field}:") and "\n" not in err.value.message
    cases = [
        (Timeline(), {"op": "beat", "fix": "double"}, "need_highlight"),
        (made, {"op": "beat", "fix": "detected"}, "no_beat_fix"),
        (_do(made, {"op": "beat", "bpm": 200}), {"op": "beat", "fix": "double"}, "bpm_limit"),
        (
            _do(made, {"op": "beat", "fix": "half"}, {"op": "beat", "fix": "half"}),
            {"op": "beat", "fix": "half"},
            "bpm_limit",
        ),
    ]
    for tl, op, code in cases:
        with pytest.raises(EditError) as e:
            _do(tl, op)
        assert e.value.code == code
    from skill.timeline.ops_edits import FixBeat

    with pytest.raises(EditError) as e:  # an op made in code skips the schema: apply still refuses it
        apply(made, FixBeat(bpm=1000.0), Ctx())
    assert e.value.code == "bpm_range" and e.value.fields["bpm"] == "1000"


def test_sections_and_bar_lines_follow_the_corrected_grid() -> None:
    from test_timeline_edits import SectionCtx

    ctx = SectionCtx()
    made = _do(Timeline(), {"op": "highlight", "seconds": 10}, ctx=ctx)
    off = _do(made, {"op": "beat", "fix": "offbeat"}, {"op": "section", "at": "chorus"}, ctx=ctx)
    assert off.song is not None and off.song.song_start_s == 24.25  # the chorus's bar line, half a beat on
    assert off.sections[0].label == "chorus" and off.sections[0].start_s == 0.0
    assert set(off.downbeats_s) <= set(off.beats_s) and off.downbeats_s[0] == 0.0
    assert np.allclose(np.diff(off.downbeats_s), 2.0)  # bars of four beats at 120 BPM
    half = _do(made, {"op": "beat", "fix": "half"}, {"op": "section", "at": "chorus", "nth": 2}, ctx=ctx)
    assert half.song is not None and half.song.song_start_s == 48.0
    assert np.allclose(np.diff(half.downbeats_s), 4.0) and set(half.downbeats_s) <= set(half.beats_s)
    paced = _do(half, {"op": "pace", "pace": "bar"}, ctx=ctx)
    assert np.allclose(_gaps(paced), 4.0, atol=FPS_STEP)  # every (corrected) bar: 4 beats of 1 s


# ------------------------------------------------------------------------------- the bar lines
@pytest.mark.parametrize("shift", [1, 2, 3])
def test_a_bar_shift_moves_every_bar_line_by_whole_beats(shift: int) -> None:
    song = _song()
    out = corrected(song, BeatFix(bar_shift=shift))
    _consistent(out)
    assert out.beats_s == song.beats_s and out.bpm == song.bpm  # the beats stay where they are
    beats = list(song.beats_s)
    # every detected downbeat (beat 1, 5, 9, ...) moved ``shift`` beats on; bars of four all along
    assert {beats.index(d) % 4 for d in out.downbeats_s} == {(1 + shift) % 4}
    assert np.allclose(np.diff(out.downbeats_s), 4 * 60.0 / song.bpm)
    assert out.downbeats_s[0] == beats[(1 + shift) % 4]  # the bars before the first one are kept too


def test_bar_shifts_add_up_and_detected_takes_them_back(made: Timeline) -> None:
    later = _do(made, {"op": "beat", "bar": 1})
    assert later.song is not None and later.song.beat_fix == BeatFix(bar_shift=1)
    beats = list(later.beats_s)
    shifted = {beats.index(d) for d in later.downbeats_s}
    original = {beats.index(d) for d in made.downbeats_s}
    assert {i - 1 for i in shifted} & original == {i - 1 for i in shifted} - {-1}
    # one beat earlier in 4/4 is three beats later; twice back is where it was
    assert _do(made, {"op": "beat", "bar": -1}).song.beat_fix == BeatFix(bar_shift=3)  # type: ignore[union-attr]
    back = _do(later, {"op": "beat", "bar": -1})
    assert back.downbeats_s == made.downbeats_s and back.song.beat_fix == BeatFix()  # type: ignore[union-attr]
    both = _do(made, {"op": "beat", "fix": "double"}, {"op": "beat", "bar": 2})
    assert both.song.beat_fix == BeatFix(factor=2.0, bar_shift=2)  # type: ignore[union-attr]
    assert _do(both, {"op": "beat", "fix": "detected"}).song.beat_fix == BeatFix()  # type: ignore[union-attr]
    draft = to_draft(later)
    song = next(t for t in draft["t"] if t["tt"] == 1)["sg"][0]
    assert song["m"]["beat_fix"] == {"bar_shift": 1}
    assert timeline_view(later)["song"]["beat_fix"]["bar_shift"] == 1


def test_bar_pace_and_sections_follow_the_moved_bar_lines() -> None:
    from test_timeline_edits import SectionCtx

    ctx = SectionCtx()
    made = _do(Timeline(), {"op": "highlight", "seconds": 10}, {"op": "pace", "pace": "bar"}, ctx=ctx)
    moved = _do(made, {"op": "beat", "bar": 2}, ctx=ctx)
    assert set(moved.downbeats_s) <= set(moved.beats_s)
    # cuts every bar still, now on the moved bar lines: half a bar (1 s at 120 BPM) from the old ones
    assert np.allclose(_gaps(moved), 2.0, atol=FPS_STEP)
    old, new = np.array(made.cuts_s), np.array(moved.cuts_s)
    assert all(
        np.min(np.abs(old - c)) >= 1.0 - FPS_STEP for c in new if 1.0 < c < (moved.duration_s or 0) - 1.0
    )


def test_bad_bar_shifts_are_refused() -> None:
    for bad, field in (
        ({"op": "beat", "bar": 0}, "beat"),
        ({"op": "beat", "bar": 4}, "bar"),
        ({"op": "beat", "bar": 1.5}, "bar"),
        ({"op": "beat", "bar": 1, "fix": "half"}, "beat"),
    ):
        with pytest.raises(OpError) as err:
            parse_ops(bad)
        assert err.value.message.startswith(f"{field}:") and "\n" not in err.value.message
    with pytest.raises(EditError) as e:
        _do(Timeline(), {"op": "beat", "bar": 1})
    assert e.value.code == "need_highlight"


# ------------------------------------------------------------------------------------ the meter
@pytest.mark.parametrize("meter", [2, 3])
def test_a_meter_puts_a_bar_line_every_that_many_beats_from_the_first(meter: int) -> None:
    song = _song()
    out = corrected(song, BeatFix(meter=meter))
    _consistent(out)  # the sections moved onto the new bar lines too
    assert out.beats_s == song.beats_s and out.bpm == song.bpm and out.beats_per_bar == meter
    beats = list(song.beats_s)
    first = beats.index(song.downbeats_s[0])  # the detected beat one stays beat one
    assert [beats.index(d) for d in out.downbeats_s] == list(range(first % meter, len(beats), meter))


def test_a_meter_holds_at_double_time_and_under_a_tapped_tempo() -> None:
    song = _song()
    doubled = corrected(song, BeatFix(meter=3, factor=2.0))
    _consistent(doubled)
    assert doubled.beats_per_bar == 3
    assert np.allclose(np.diff(doubled.downbeats_s), 3 * 60 / 240, atol=1e-3)
    tapped = corrected(song, BeatFix(meter=3, bpm=100.0))
    _consistent(tapped)
    assert np.allclose(np.diff(tapped.downbeats_s), 3 * 60 / 100, atol=1e-3)


def test_the_meter_op_recuts_bars_of_three_and_round_trips(made: Timeline) -> None:
    barred = _do(made, {"op": "pace", "pace": "bar"})
    assert np.allclose(_gaps(barred), 2.0, atol=FPS_STEP)  # bars of four at 120 BPM
    waltz = _do(barred, {"op": "beat", "meter": 3})
    assert waltz.song is not None and waltz.song.beat_fix == BeatFix(meter=3)
    assert np.allclose(_gaps(waltz), 1.5, atol=FPS_STEP)  # a cut every bar of three beats
    assert np.allclose(np.diff(waltz.downbeats_s), 1.5, atol=1e-3)
    assert waltz.beats_s == barred.beats_s and waltz.bpm == 120.0
    again = _do(waltz, {"op": "length", "seconds": 16})  # a later re-cut keeps it
    assert np.allclose(_gaps(again), 1.5, atol=FPS_STEP)
    view = timeline_view(waltz)["song"]["beat_fix"]
    assert view["meter"] == 3 and view["bar_shift"] == 0
    draft = to_draft(waltz)
    assert next(t for t in draft["t"] if t["tt"] == 1)["sg"][0]["m"]["beat_fix"] == {"meter": 3}
    # a bar shift now counts in threes: one beat earlier is two later
    assert _do(waltz, {"op": "beat", "bar": -1}).song.beat_fix == BeatFix(meter=3, bar_shift=2)  # type: ignore[union-attr]
    # the detected meter again is no correction; "detected" takes everything back
    assert _do(waltz, {"op": "beat", "meter": 4}).cuts_s == barred.cuts_s
    assert _do(waltz, {"op": "beat", "meter": 4}).song.beat_fix == BeatFix()  # type: ignore[union-attr]
    assert _do(waltz, {"op": "beat", "fix": "detected"}).cuts_s == barred.cuts_s


def test_bad_meters_are_refused() -> None:
    for bad, field in (
        ({"op": "beat", "meter": 5}, "meter"),
        ({"op": "beat", "meter": 1}, "meter"),
        ({"op": "beat", "meter": "3"}, "meter"),
        ({"op": "beat", "meter": 3, "bar": 1}, "beat"),
    ):
        with pytest.raises(OpError) as err:
            parse_ops(bad)
        assert err.value.message.startswith(f"{field}:") and "\n" not in err.value.message
    with pytest.raises(EditError) as e:
        _do(Timeline(), {"op": "beat", "meter": 3})
    assert e.value.code == "need_highlight"
