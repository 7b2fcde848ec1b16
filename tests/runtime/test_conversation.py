"""End to end through the CLI on the embedded backend: English and Chinese conversations, ``make``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.runtime.conftest import Run, probe

pytestmark = pytest.mark.slow


def _texts(run: Run) -> str:
    return "\n".join(str(e.get("text", "")) for e in run.events)


def test_english_conversation_makes_a_vertical_titled_video(
    cli: Callable[..., Run], song: Path, tmp_path: Path
) -> None:
    first = cli("say", "use this song", "--file", str(song), "--json")
    assert first.code == 0, first.stderr
    assert "Setting things up" in first.stderr  # first use in a project says so, on stderr
    assert "summer song.wav" in _texts(first)

    sync = cli("say", "sync visuals to the beat and make the best 10 second highlight", "--json")
    assert sync.code == 0, sync.stderr
    assert "Setting things up" not in sync.stderr  # the project continues: no second set-up
    assert sync.events[-1]["event"] == "result"

    assert cli("say", "change the aspect to 9:16", "--json").code == 0
    assert cli("say", 'add a title "Neon Nights"', "--json").code == 0

    state = cli("say", "what's on the timeline?", "--json")
    assert state.code == 0
    summary = _texts(state)
    assert summary.startswith("Timeline (3 tracks):")
    assert 'Title: "Neon Nights"' in summary

    credits = cli("say", "how many credits do I have left?", "--json")
    assert credits.events[-1]["event"] == "result"
    assert {"available", "frozen", "total"} <= credits.events[-1].keys()

    export = cli("say", "send me the video", "--json")
    assert export.code == 0, export.stderr
    result = [e for e in export.events if e["event"] == "result"][-1]
    video = Path(str(result["path"]))
    assert video.is_file() and video.parent == tmp_path
    facts = probe(video)
    assert (facts["vcodec"], facts["width"], facts["height"], facts["pix_fmt"]) == (
        "h264",
        1080,
        1920,
        "yuv420p",
    )
    assert facts["acodec"] == "aac"
    assert 9.0 <= float(facts["duration_s"]) <= 11.5


def test_chinese_conversation_replies_in_chinese(cli: Callable[..., Run], song: Path) -> None:
    upload = cli("say", "用这首歌", "--file", str(song))
    assert upload.code == 0, upload.stderr
    assert "正在准备" in upload.stderr
    sync = cli("say", "把画面卡在节拍上，做一个最精彩的10秒视频")
    assert sync.code == 0, sync.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in sync.stdout)
    assert cli("say", "换成竖屏").code == 0
    assert cli("say", "加标题“夏日”").code == 0
    state = cli("say", "目前进度")
    assert state.stdout.startswith("时间线（3 条轨道）")
    assert "夏日" in state.stdout
    credits = cli("say", "还剩多少积分")
    assert "积分" in credits.stdout
    export = cli("say", "导出视频")
    assert export.code == 0, export.stderr
    assert "视频" in export.stdout
    mp4s = [
        line.split("：", 1)[-1].strip()
        for line in export.stdout.splitlines()
        if line.strip().endswith(".mp4")
    ]
    assert mp4s, export.stdout
    facts = probe(Path(mp4s[0]))
    assert (facts["width"], facts["height"]) == (1080, 1920)


def test_make_one_shot(cli: Callable[..., Run], song: Path, tmp_path: Path) -> None:
    # An earlier conversation must not leak into a one-shot job.
    assert cli("say", "use this song", "--file", str(song)).code == 0
    assert cli("say", 'add the title "Old Title"').code == 0
    out = tmp_path / "made.mp4"
    run = cli(
        "make", str(song), "--seconds", "8", "--aspect", "1:1", "--title", "夜光 Nights", "-o", str(out)
    )
    assert run.code == 0, run.stderr
    assert run.stdout.strip() == str(out)  # people get only the path on stdout
    facts = probe(out)
    assert (facts["vcodec"], facts["width"], facts["height"]) == ("h264", 1080, 1080)
    assert 7.5 <= float(facts["duration_s"]) <= 9.0
    # the job ran in a project of its own: the conversation is as it was, the job's project has its title
    made = cli("state", "--project", "make-summer-song")
    assert "夜光 Nights" in made.stdout and "Old Title" not in made.stdout
    assert "Old Title" in cli("state").stdout


def test_blank_turn_asks_for_something(cli: Callable[..., Run]) -> None:
    run = cli("say", "   ")
    assert run.code == 0
    assert "Say something" in run.stdout


def test_missing_file_is_one_line_and_nothing_starts(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("say", "use this", "--file", str(tmp_path / "nope.mp3"))
    assert run.code != 0
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Setting things up" not in run.stderr
