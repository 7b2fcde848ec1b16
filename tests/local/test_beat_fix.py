"""Correcting the beat end to end: a synthetic song of known tempo, the local backend on loopback, the
typed ``beat`` op and the chat's words (en, zh-Hans, zh-Hant), ``state --json`` and a measured render."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from skill.timeline import from_draft
from skill.timeline.view import timeline_view

from .conftest import Live, click_track, final_text
from .engine.probe import detect_cuts
from .test_edit import _cli, _result

BPM = 120.0
FRAME = 1 / 30 + 1e-6  # cuts sit on 30 fps frame boundaries


def _edit(live: Live, token: str, sid: str, ops: Any) -> dict[str, Any]:
    r = live.http.post(f"/api/edit/nemo_agent/me/{sid}", headers=live.auth(token), json={"ops": ops})
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def _view(live: Live, token: str, sid: str) -> dict[str, Any]:
    """What ``state --json`` shows as ``timeline`` for the session's stored draft."""
    return timeline_view(from_draft(live.state(token, sid)["draft"]))


def _gaps(view: dict[str, Any]) -> np.ndarray:
    return np.diff(np.array(view["cuts_s"]))


@pytest.fixture(scope="module")
def project(live: Live) -> tuple[str, str]:
    token = live.token()
    sid = live.session(token)
    assert live.upload(token, sid, ("beat.wav", click_track(seconds=16.0, bpm=BPM))).status_code == 200
    assert _edit(live, token, sid, {"op": "highlight", "seconds": 8})["ok"]
    return token, sid


def test_double_half_offbeat_and_tap_recut_on_the_corrected_grid(
    live: Live, project: tuple[str, str]
) -> None:
    token, sid = project
    first = _view(live, token, sid)
    song = first["song"]
    assert song["bpm"] == pytest.approx(BPM, abs=2) and song["beat_fix"] is None
    assert 0.0 <= song["beat_confidence"] <= 1.0  # the tracker's own confidence, kept with the song
    beat = 60 / song["bpm"]
    assert np.allclose(_gaps(first), beat, atol=FRAME + 0.01)

    assert _edit(live, token, sid, {"op": "beat", "fix": "double"})["ok"]
    double = _view(live, token, sid)
    assert double["song"]["bpm"] == pytest.approx(2 * song["bpm"], abs=0.2)
    assert double["song"]["beat_fix"] == {
        "factor": 2.0,
        "tap_bpm": None,
        "offbeat": False,
        "bar_shift": 0,
        "meter": None,
    }
    assert np.allclose(_gaps(double), beat / 2, atol=FRAME + 0.01)
    assert len(double["cuts_s"]) >= 2 * len(first["cuts_s"])
    assert set(double["downbeats_s"]) <= set(double["beats_s"])

    assert _edit(live, token, sid, {"op": "undo"})["ok"]  # the correction is one undoable step
    assert _view(live, token, sid) == first

    assert _edit(live, token, sid, {"op": "beat", "fix": "half"})["ok"]
    half = _view(live, token, sid)
    assert half["song"]["bpm"] == pytest.approx(song["bpm"] / 2, abs=0.2)
    assert np.allclose(_gaps(half), 2 * beat, atol=FRAME + 0.02)

    assert _edit(live, token, sid, [{"op": "beat", "fix": "detected"}, {"op": "beat", "fix": "offbeat"}])[
        "ok"
    ]
    off = _view(live, token, sid)
    assert off["song"]["bpm"] == song["bpm"]
    # every cut moved by half a beat: halfway between two of the detected ones
    cuts, old = np.array(off["cuts_s"]), np.array(first["cuts_s"])
    nearest = np.array([np.min(np.abs(old - c)) for c in cuts if old[0] < c < old[-1]])
    assert np.allclose(nearest, beat / 2, atol=FRAME + 0.01)


def test_a_tapped_tempo_survives_rebuilds_and_undo_walks_back(live: Live, project: tuple[str, str]) -> None:
    token, sid = project
    assert _edit(live, token, sid, {"op": "beat", "bpm": 128})["ok"]
    tapped = _view(live, token, sid)
    assert tapped["song"]["bpm"] == 128.0 and tapped["song"]["beat_fix"]["tap_bpm"] == 128.0
    assert np.allclose(_gaps(tapped), 60 / 128, atol=FRAME)
    assert np.allclose(np.diff(tapped["beats_s"]), 60 / 128, atol=0.002)
    assert _edit(live, token, sid, {"op": "length", "seconds": 12})["ok"]
    longer = _view(live, token, sid)
    assert longer["duration_s"] == 12.0 and longer["song"]["bpm"] == 128.0
    assert np.allclose(_gaps(longer), 60 / 128, atol=FRAME)
    assert _edit(live, token, sid, [{"op": "highlight"}, {"op": "pace", "pace": "half"}])["ok"]
    rebuilt = _view(live, token, sid)
    assert rebuilt["song"]["bpm"] == 128.0 and np.allclose(_gaps(rebuilt), 2 * 60 / 128, atol=FRAME)
    assert _edit(live, token, sid, [{"op": "undo"}, {"op": "undo"}])["ok"]
    assert _view(live, token, sid) == tapped


def test_bad_tempos_are_refused_with_stable_codes(live: Live, project: tuple[str, str]) -> None:
    token, sid = project
    before = live.state(token, sid)["draft"]
    for ops, code in (
        ({"op": "beat", "bpm": 0}, "bad_op"),
        ({"op": "beat", "bpm": 1000}, "bad_op"),
        ({"op": "beat", "fix": "sideways"}, "bad_op"),
        ([{"op": "beat", "bpm": 250}, {"op": "beat", "fix": "double"}], "bpm_limit"),
    ):
        answer = _edit(live, token, sid, ops)
        assert answer["ok"] is False and answer["code"] == code, answer
        assert "\n" not in answer["message"] and "{" not in answer["message"]
    assert live.state(token, sid)["draft"] == before


@pytest.mark.parametrize(
    ("language", "steps"),
    [
        (
            "en",
            [
                ("the cuts are too slow, double the tempo", 2.0, "Double time", None),
                ("it's 60 not 120", 1.0, "Half time", None),
                ("the beat is on the off-beat", 1.0, "half a beat", True),
                ("tap: 128 BPM", None, "128 BPM", True),
            ],
        ),
        (
            "zh-Hans",
            [
                ("节奏快一倍", 2.0, "双倍速", None),
                ("半速", 1.0, "半速", None),
                ("踩在反拍上", 1.0, "半拍", True),
                ("BPM 是 128", None, "128 BPM", True),
            ],
        ),
        (
            "zh-Hant",
            [
                ("節奏快一倍", 2.0, "雙倍速", None),
                ("還是半速吧", 1.0, "半速", None),
                ("卡點踩在反拍上了", 1.0, "半拍", True),
                ("BPM 是 128 喔", None, "128 BPM", True),
            ],
        ),
    ],
)
def test_the_chat_corrects_the_beat_in_three_languages(
    live: Live, language: str, steps: list[tuple[str, float | None, str, bool | None]]
) -> None:
    token = live.token()
    sid = live.session(token, language=language)
    assert live.upload(token, sid, ("beat.wav", click_track(seconds=16.0, bpm=BPM))).status_code == 200
    assert _edit(live, token, sid, {"op": "highlight", "seconds": 8})["ok"]
    detected = _view(live, token, sid)["song"]["bpm"]
    for text, factor, says, offbeat in steps:
        answer = final_text(live.say(token, sid, text))
        assert says in answer, (text, answer)
        song = _view(live, token, sid)["song"]
        want = detected * factor if factor is not None else 128.0
        assert song["bpm"] == pytest.approx(want, abs=0.2), (text, song)
        assert bool(song["beat_fix"] and song["beat_fix"]["offbeat"]) == bool(offbeat), (text, song)


def test_cli_edit_state_json_and_the_render_follow_a_tapped_tempo(tmp_path: Path) -> None:
    song = tmp_path / "loop.wav"
    song.write_bytes(click_track(seconds=10.0, bpm=BPM))
    assert _cli(tmp_path, "upload", str(song), "--json").returncode == 0
    ops = [{"op": "highlight", "seconds": 5}, {"op": "aspect", "aspect": "1:1"}]
    assert _cli(tmp_path, "edit", json.dumps(ops), "--json").returncode == 0
    bad = _cli(tmp_path, "edit", '{"op": "beat", "bpm": 0}', "--json")
    assert bad.returncode == 1 and _result(bad)["code"] == "bad_op" and "bpm" in _result(bad)["text"]
    done = _cli(tmp_path, "edit", '{"op": "beat", "bpm": 128}', "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    tl = _result(_cli(tmp_path, "state", "--json"))["timeline"]
    assert tl["song"]["bpm"] == 128.0 and tl["song"]["beat_fix"]["tap_bpm"] == 128.0
    assert 0.0 <= tl["song"]["beat_confidence"] <= 1.0
    out = tmp_path / "out.mp4"
    exported = _cli(tmp_path, "export", "-o", str(out), "--json")
    assert exported.returncode == 0, exported.stdout + exported.stderr
    frames = detect_cuts(out)  # where the picture changes in the file, at 30 fps
    wanted = np.round(np.array(tl["cuts_s"]) * 30).astype(int)
    assert len(frames) == len(wanted) and np.all(np.abs(frames - wanted) <= 1), (frames, wanted)
    assert np.median(np.diff(frames)) / 30 == pytest.approx(60 / 128, abs=1 / 30)


@pytest.mark.parametrize(
    ("language", "text", "shift", "says"),
    [
        ("en", "the downbeat is one beat late", 3, "one beat earlier"),
        ("zh-Hans", "小节线往后移一拍", 1, "往后移一拍"),
        ("zh-Hant", "強拍在第三拍", 2, "往後移兩拍"),
    ],
)
def test_the_chat_moves_the_bar_lines(live: Live, language: str, text: str, shift: int, says: str) -> None:
    token = live.token()
    sid = live.session(token, language=language)
    assert live.upload(token, sid, ("beat.wav", click_track(seconds=16.0, bpm=BPM))).status_code == 200
    assert _edit(live, token, sid, {"op": "highlight", "seconds": 8})["ok"]
    before = _view(live, token, sid)
    answer = final_text(live.say(token, sid, text))
    assert says in answer, answer
    after = _view(live, token, sid)
    assert after["song"]["beat_fix"]["bar_shift"] == shift
    assert after["beats_s"] == before["beats_s"] and after["cuts_s"] == before["cuts_s"]  # beat cuts stay
    beats = before["beats_s"]
    first = beats.index(before["downbeats_s"][0])
    assert {beats.index(d) for d in after["downbeats_s"]} == set(range((first + shift) % 4, len(beats), 4))
    assert set(after["downbeats_s"]) <= set(after["beats_s"])
    assert (
        final_text(live.say(token, sid, "undo" if language == "en" else "撤销"))
        and _view(live, token, sid) == before
    )


@pytest.mark.parametrize(
    ("language", "text", "says"),
    [
        ("en", "the song is in 3/4", "three beats to a bar"),
        ("zh-Hans", "这首歌是四三拍的", "每小节三拍"),
        ("zh-Hant", "這是華爾茲", "每小節三拍"),
    ],
)
def test_the_chat_sets_the_meter_and_bar_cuts_follow(live: Live, language: str, text: str, says: str) -> None:
    token = live.token()
    sid = live.session(token, language=language)
    assert live.upload(token, sid, ("beat.wav", click_track(seconds=16.0, bpm=BPM))).status_code == 200
    assert _edit(live, token, sid, [{"op": "highlight", "seconds": 8}, {"op": "pace", "pace": "bar"}])["ok"]
    before = _view(live, token, sid)
    beat = 60 / before["song"]["bpm"]
    assert np.allclose(_gaps(before), 4 * beat, atol=FRAME + 0.01)  # the tracker's bars of four
    answer = final_text(live.say(token, sid, text))
    assert says in answer, answer
    after = _view(live, token, sid)
    assert after["song"]["beat_fix"]["meter"] == 3
    assert after["beats_s"] == before["beats_s"]  # the beats stay; only the bars change
    assert np.allclose(np.diff(after["downbeats_s"]), 3 * beat, atol=0.01)
    assert np.allclose(_gaps(after), 3 * beat, atol=FRAME + 0.01)
    assert final_text(live.say(token, sid, "undo" if language == "en" else "撤销"))
    assert _view(live, token, sid) == before
