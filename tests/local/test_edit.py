"""Typed edits end to end: the local backend's edit endpoint, and ``edit`` / ``state --json`` on the CLI.

The CLI tests run the real command in a fresh home (embedded backend on loopback) and measure the
exported file; the endpoint tests check all-or-none batches, undo and the stable refusal codes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support.env import child_env

from skill.timeline import summarise

from .conftest import Live, click_track, final_text


def _edit(live: Live, token: str, sid: str, ops: Any) -> dict[str, Any]:
    r = live.http.post(f"/api/edit/nemo_agent/me/{sid}", headers=live.auth(token), json={"ops": ops})
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


@pytest.fixture(scope="module")
def project(live: Live, clip_mp4: bytes) -> tuple[str, str]:
    token = live.token()
    sid = live.session(token)
    song = click_track(seconds=16.0, bpm=120.0)
    assert live.upload(token, sid, ("beat.wav", song), ("city.mp4", clip_mp4)).status_code == 200
    return token, sid


def test_refusals_have_stable_codes_and_change_nothing(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    before = live.state(token, sid)["draft"]
    cases = [
        ({"op": "aspect", "aspect": "4:3"}, "bad_op", None),
        ({"op": "pace", "pace": "bar"}, "need_highlight", 0),
        ([{"op": "aspect", "aspect": "1:1"}, {"op": "highlight", "seconds": 10}], "need_song", 1),
        ({"op": "remove_title"}, "no_title", 0),
        ({"op": "undo"}, "nothing_to_undo", 0),
    ]
    for ops, code, index in cases:
        answer = _edit(live, token, sid, ops)
        assert answer["ok"] is False and answer["code"] == code and answer["index"] == index, answer
        assert "\n" not in answer["message"]
    assert live.state(token, sid)["draft"] == before  # the 1:1 of a refused batch was not kept


def test_a_batch_is_one_step_and_undo_walks_back(live: Live, project: tuple[str, str]) -> None:
    token, sid = project
    answer = _edit(
        live,
        token,
        sid,
        [
            {"op": "highlight", "seconds": 8},
            {"op": "aspect", "aspect": "9:16"},
            {"op": "title", "text": "Neon"},
        ],
    )
    assert answer["ok"] is True and answer["applied"] == 3 and answer["changed"] is True
    draft = live.state(token, sid)["draft"]
    again = _edit(live, token, sid, [{"op": "aspect", "aspect": "9:16"}, {"op": "title", "text": "Neon"}])
    assert again["ok"] is True and again["changed"] is False  # what was already so: no new draft
    assert live.state(token, sid)["draft"] == draft
    assert answer["summary"] == summarise(draft)
    assert draft["d"] == 8000 and (draft["m"]["width"], draft["m"]["height"]) == (1080, 1920)
    shots = next(t for t in draft["t"] if t["tt"] == 0)["sg"]
    assert {s["m"]["name"] for s in shots} == {"city.mp4"}  # the uploaded clip, in-points chosen now
    ins = [s["m"].get("in_ms", 0) for s in shots]
    assert len(set(ins)) > 1  # the same clip is not replayed from its start in every shot
    # an undo inside a batch steps back through it; the chat's undo takes back the whole batch
    assert _edit(
        live, token, sid, [{"op": "volume", "level": 0.2}, {"op": "undo"}, {"op": "volume", "level": 0.5}]
    )["ok"]
    song = next(t for t in live.state(token, sid)["draft"]["t"] if t["tt"] == 1)["sg"][0]
    assert song["m"]["volume"] == 0.5
    assert "Undone" in final_text(live.say(token, sid, "undo"))
    assert live.state(token, sid)["draft"] == draft


def test_the_chat_and_the_client_say_the_same_summary(live: Live, project: tuple[str, str]) -> None:
    token, sid = project
    shown = final_text(live.say(token, sid, "show me the timeline"))
    summary = summarise(live.state(token, sid)["draft"])
    assert summary.startswith("Timeline (3 tracks): 1. Video: city.mp4 (0-8s, ") and " shots)" in summary
    assert summary in shown
    zh = final_text(live.say(token, sid, "显示时间线"))
    assert summarise(live.state(token, sid)["draft"], "zh-Hans") in zh


# ------------------------------------------------------------------------------------------- the CLI
def _cli(home: Path, *args: str, stdin: str | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    env = child_env()
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "skill", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=600,
        check=False,
    )


def _result(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The error event when the command failed, else its closing result."""
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    errors = [e for e in events if e["event"] == "error"]
    results = [e for e in events if e["event"] == "result"]
    assert errors or results, proc.stdout
    found: dict[str, Any] = errors[-1] if errors else results[-1]
    return found


def test_edit_schema_is_a_valid_schema_of_every_op(tmp_path: Path) -> None:
    proc = _cli(tmp_path, "edit", "--schema")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid([{"op": "highlight", "seconds": 10}, {"op": "aspect", "aspect": "9:16"}])
    assert not validator.is_valid({"op": "aspect", "aspect": "4:3"})


def test_bad_ops_and_cloud_projects_are_refused_in_one_line(tmp_path: Path) -> None:
    bad = _cli(tmp_path, "edit", '{"op": "volume", "level": 7}', "--json")
    assert bad.returncode == 1
    event = _result(bad)
    assert event == {"event": "error", "ok": False, "code": "bad_op", "text": event["text"]}
    assert "level" in event["text"] and "\n" not in event["text"]
    closing = json.loads(bad.stdout.splitlines()[-1])
    assert closing["event"] == "result" and closing["ok"] is False and closing["code"] == "bad_op"
    human = _cli(tmp_path, "edit", "{oops")
    assert (
        human.returncode == 1
        and len(human.stderr.strip().splitlines()) == 1
        and "Traceback" not in human.stderr
    )
    local = _cli(tmp_path, "edit", '{"op": "undo"}', "--json")  # a new local project: nothing to undo
    assert local.returncode == 1 and _result(local)["code"] == "nothing_to_undo"
    cloud = _cli(tmp_path, "edit", '{"op": "undo"}', "--json", NEMO_API_URL="https://api.example.invalid")
    assert cloud.returncode == 1
    event = _result(cloud)
    assert event["code"] == "needs_local_backend" and "say" in event["text"]


def test_edit_then_state_json_then_export_measured(tmp_path: Path) -> None:
    import av

    song = tmp_path / "drum loop.wav"
    song.write_bytes(click_track(seconds=20.0, bpm=120.0))
    assert _cli(tmp_path, "upload", str(song), "--json").returncode == 0
    ops = [
        {"op": "highlight", "seconds": 10},
        {"op": "aspect", "aspect": "9:16"},
        {"op": "title", "text": "Neon"},
    ]
    done = _cli(tmp_path, "edit", "-", "--json", stdin=json.dumps(ops))
    assert done.returncode == 0, done.stdout + done.stderr
    edit_event = _result(done)
    assert edit_event["ok"] is True and edit_event["applied"] == 3
    state = _result(_cli(tmp_path, "state", "--json"))
    assert state["text"] == edit_event["text"] and state["exportable"] is True
    tl = state["timeline"]
    assert (tl["duration_s"], tl["aspect"], tl["width"], tl["height"]) == (10.0, "9:16", 1080, 1920)
    assert tl["song"]["name"] == "drum loop.wav" and tl["song"]["volume"] == 1.0
    assert tl["song"]["end_s"] - tl["song"]["start_s"] == pytest.approx(10.0)
    assert tl["song"]["bpm"] == pytest.approx(120.0, abs=2)
    assert tl["pace"] == "beat" and tl["offset_ms"] == 0 and 0 not in tl["cuts_s"]
    assert tl["cuts_s"] == [s["start_s"] for s in tl["shots"][1:]]
    assert [s["source"] for s in tl["shots"]] == ["generated"] * len(tl["shots"])
    assert tl["title"] == {
        "text": "Neon", "position": "top", "size": "medium", "colour": "#ffffff", "start_s": 0.0, "end_s": 3.0
    }  # fmt: skip
    assert (tl["fade_in_s"], tl["fade_out_s"]) == (0.0, 0.0)
    assert _cli(tmp_path, "edit", '{"op": "volume", "level": 0.5}', "--json").returncode == 0
    assert _result(_cli(tmp_path, "state", "--json"))["timeline"]["song"]["volume"] == 0.5
    # asking for what is already so is said as such, and stores nothing: undo takes back the 0.5
    same = _result(_cli(tmp_path, "edit", '{"op": "aspect", "aspect": "9:16"}', "--json"))
    assert same["ok"] is True and same["changed"] is False and same["text"].startswith("Nothing changed")
    assert (
        isinstance(same["project"], str) and same["project"] == edit_event["project"]
    )  # named, as in every result
    assert _result(_cli(tmp_path, "edit", '{"op": "undo"}', "--json"))["changed"] is True
    assert _result(_cli(tmp_path, "state", "--json"))["timeline"]["song"]["volume"] == 1.0
    assert _cli(tmp_path, "edit", '{"op": "redo"}', "--json").returncode == 0
    out = tmp_path / "out.mp4"
    exported = _cli(tmp_path, "export", "-o", str(out), "--json")
    assert exported.returncode == 0, exported.stdout + exported.stderr
    with av.open(str(out)) as container:
        video = container.streams.video[0]
        assert (video.codec_context.width, video.codec_context.height) == (1080, 1920)
        assert float(container.duration) / 1e6 == pytest.approx(10.0, abs=0.05)
        frames = sum(1 for _ in container.decode(video))
    assert frames == 300


def test_a_recut_that_changes_nothing_is_said_so_across_commands(tmp_path: Path) -> None:
    """Each command runs the embedded backend on a new port, and a re-cut's media URLs carry it: the
    draft must still compare equal, so asking again for bar cuts (or the meter) changes nothing."""
    song = tmp_path / "loop.wav"
    song.write_bytes(click_track(seconds=12.0, bpm=120.0))
    assert _cli(tmp_path, "upload", str(song), "--json").returncode == 0
    ops = [{"op": "highlight", "seconds": 8}, {"op": "pace", "pace": "bar"}]
    assert _result(_cli(tmp_path, "edit", json.dumps(ops), "--json"))["changed"] is True
    again = _result(_cli(tmp_path, "edit", '{"op": "pace", "pace": "bar"}', "--json"))
    assert again["ok"] is True and again["changed"] is False and again["text"].startswith("Nothing changed")
    said = _cli(tmp_path, "say", "cut on every bar")
    assert said.returncode == 0 and "already" in said.stdout and "now land" not in said.stdout
    assert _result(_cli(tmp_path, "edit", '{"op": "beat", "meter": 3}', "--json"))["changed"] is True
    twice = _cli(tmp_path, "say", "it's in 3/4", "--json")
    assert _result(twice)["ok"] is True and "already" in _result(twice)["text"]
    # one undo takes back the meter: the repeats stored nothing
    assert _result(_cli(tmp_path, "edit", '{"op": "undo"}', "--json"))["changed"] is True
    tl = _result(_cli(tmp_path, "state", "--json"))["timeline"]
    assert tl["pace"] == "bar" and tl["song"]["beat_fix"] is None
