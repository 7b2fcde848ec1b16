"""A conversation in mixed Chinese and English, as creators type it, through ``say`` on a fresh HOME."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.runtime.conftest import Run, assert_no_leaks, probe

pytestmark = pytest.mark.slow

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _texts(run: Run) -> str:
    return "\n".join(str(e.get("text", "")) for e in run.events)


def _chinese(run: Run) -> str:
    """The turn's reply text; it must exist, be Chinese, leak nothing and never say it did not understand."""
    assert run.code == 0, run.stderr
    said = _texts(run)
    assert said.strip(), "never silent"
    assert _CJK.search(said), said
    assert "没听懂" not in said and "Sorry" not in said, said
    assert not re.search(r"\b(Undone|Timeline \(|The video is now|Music volume)\b", said), said
    assert_no_leaks(said)
    return said


def test_mixed_chinese_english_conversation(cli: Callable[..., Run], song: Path, tmp_path: Path) -> None:
    upload = cli("say", "帮我 upload 这首歌", "--file", str(song), "--json")
    assert "summer song.wav" in _chinese(upload)

    sync = cli("say", "sync 到 beat 上，做个 12s 的 highlight 🎵", "--json")
    assert "12 秒" in _chinese(sync)

    assert "9:16" in _chinese(cli("say", "改成 vertical", "--json"))
    assert "每小节" in _chinese(cli("say", "每个 bar 切一次", "--json"))
    assert "Summer Vibes" in _chinese(cli("say", "title 用 'Summer Vibes'", "--json"))
    assert "80%" in _chinese(cli("say", "BGM 小声一点", "--json"))

    undo = _chinese(cli("say", "undo", "--json"))  # one English word in a Chinese project: a Chinese reply
    assert "已撤销" in undo and "100%" in undo

    assert "9 秒" in _chinese(cli("say", "再短一点", "--json"))  # a quarter shorter

    state = _chinese(cli("say", "现在 timeline 怎样", "--json"))
    assert state.startswith("时间线（3 条轨道）")
    assert "Summer Vibes" in state and "0-9" in state

    credits = cli("say", "credits 还有多少", "--json")
    assert "积分" in _chinese(credits)
    assert {"available", "frozen", "total"} <= credits.events[-1].keys()

    export = cli("say", "ok export 吧", "--json")
    _chinese(export)
    result = [e for e in export.events if e["event"] == "result"][-1]
    video = Path(str(result["path"]))
    assert video.is_file() and video.parent == tmp_path
    facts = probe(video)
    assert (facts["width"], facts["height"]) == (1080, 1920)
    assert 8.5 <= float(facts["duration_s"]) <= 9.8


def test_traditional_mixed_turns_are_answered_in_traditional(cli: Callable[..., Run], song: Path) -> None:
    upload = cli("say", "麻煩幫我 upload 這首歌", "--file", str(song))
    assert upload.code == 0, upload.stderr
    assert "已上傳" in upload.stdout and "正在准备" not in upload.stderr
    credits = cli("say", "還有多少 credits")
    assert credits.code == 0 and "積分" in credits.stdout and "积分" not in credits.stdout


def test_traditional_fallback_of_the_message_table() -> None:
    from skill.messages import text

    sentence = text("credits.balance", "zh-Hant", available=1, frozen=0, total=1)
    assert "積分" in sentence and not set("积冻总") & set(sentence)
    named = text("upload.done_plain", "zh-Hant", name="我的视频.mp4")
    assert "我的视频.mp4" in named, "the user's own words are never converted"


def test_errors_are_told_in_the_users_language(cli: Callable[..., Run], tmp_path: Path) -> None:
    empty = cli("say", "ok export 吧")
    assert empty.code == 1
    assert _CJK.search(empty.stderr + empty.stdout) and "nothing to export" not in empty.stderr
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    wrong = cli("say", "帮我 upload 这个", "--file", str(notes))
    assert wrong.code != 0 and "不支持" in wrong.stderr + wrong.stdout
    missing = cli("say", "帮我 upload 这个", "--file", str(tmp_path / "nothere.mp3"))
    assert missing.code == 2 and "不存在" in missing.stderr + missing.stdout
