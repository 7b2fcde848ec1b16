"""The words behind :mod:`tests.local.test_words_gaps`, read into ops without a backend: more phrasings
of only some clips, a level in words, the song asked for and the title's time changed by seconds (and
the sentences that must not be read so)."""

from __future__ import annotations

import pytest

from skill.local.edits import Ask
from skill.local.reading import read
from skill.timeline.ops import dump_op

_ONLY = [
    ("use only the box and cup clips", {"clips": ("box", "cup")}),
    ("only use clip 2 and 3", {"clips": ("#2", "#3")}),
    ("只用 box 和 cup", {"clips": ("box", "cup")}),
    ("just use box.mp4 and cup.mp4 please", {"clips": ("box.mp4", "cup.mp4")}),
    ("only keep cat, dog and box", {"clips": ("cat", "dog", "box")}),
    ("use only clips 1, 2 and 4", {"clips": ("#1", "#2", "#4")}),
    ("only use the first and third clips", {"clips": ("#1", "#3")}),
    ("只用第二个和第三个视频", {"clips": ("#2", "#3")}),
    ("僅用 box 與 cup 的影片", {"clips": ("box", "cup")}),
    ("只用海边和日落的视频", {"clips": ("海边", "日落")}),
    ("just use the photos", {"kind": "photo"}),
    ("只用照片", {"kind": "photo"}),
    ("only the videos", {"kind": "clip"}),
]


@pytest.mark.parametrize(("sentence", "fields"), _ONLY)
def test_only_some_clips(sentence: str, fields: dict[str, object]) -> None:
    found = [dump_op(op) for op in read(sentence).ops if op.op == "only_clips"]
    assert found == [{"op": "only_clips", **fields}], read(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["just use my clips", "only use the chorus", "cut on downbeats only", "只用副歌", "use this song"],
)
def test_not_a_choice_of_clips(sentence: str) -> None:
    assert all(op.op != "only_clips" for op in read(sentence).ops), read(sentence)


def test_the_rest_of_the_sentence_is_still_read() -> None:
    ops = [dump_op(op) for op in read("only use box and cup, 20 seconds").ops]
    assert {"op": "length", "seconds": 20.0} in ops and ops[0]["op"] == "only_clips"
    ops = [dump_op(op) for op in read("只用box和cup做一个20秒的视频").ops]
    assert [o["op"] for o in ops] == ["highlight", "only_clips"] and ops[1]["clips"] == ("box", "cup")


@pytest.mark.parametrize(
    ("sentence", "clip"),
    [("don't use clip 2", "#2"), ("don't use the second clip", "#2"), ("remove the last photo", "#-1"),
     ("不要用第二个视频", "#2")],
)  # fmt: skip
def test_a_clip_left_out_by_its_place(sentence: str, clip: str) -> None:
    assert [dump_op(op) for op in read(sentence).ops] == [{"op": "use_clip", "clip": clip, "use": False}]


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("音量调到六成", 0.6),
        ("音乐音量百分之六十", 0.6),
        ("音樂音量調到八成", 0.8),
        ("背景音乐调到七成半", 0.75),
        ("music at sixty percent", 0.6),
        ("volume to 0.6", 0.6),
        ("set the volume to seventy", 0.7),
        ("音量调到六十", 0.6),
        ("音乐调到三分之一", 0.333),
        ("bgm 调到一半", 0.5),
        ("music at three quarters", 0.75),
        ("music volume 7 out of 10", 0.7),
    ],
)
def test_a_level_in_words(sentence: str, level: float) -> None:
    assert [dump_op(op) for op in read(sentence).ops] == [{"op": "volume", "level": level}]


@pytest.mark.parametrize("sentence", ["这是什么歌", "這是什麼歌？", "what song is this?", "which track are you using?",
                                      "歌名是什么", "what's the song called", "背景音乐是什么？"])  # fmt: skip
def test_the_song_asked_for(sentence: str) -> None:
    reading = read(sentence)
    assert reading.acts == (Ask("song"),) and not reading.ops


def test_other_questions_about_the_song_keep_their_topic() -> None:
    assert read("what's the bpm of the song?").acts == (Ask("bpm"),)
    assert read("how long is it?").acts == (Ask("duration"),)


@pytest.mark.parametrize(
    ("sentence", "by"),
    [
        ("make the title 2 s longer", 2.0),
        ("title 1 second shorter", -1.0),
        ("标题多显示两秒", 2.0),
        ("標題多顯示兩秒", 2.0),
        ("标题少显示一秒", -1.0),
        ("keep the title on screen two more seconds", 2.0),
        ("extend the title by 3 seconds", 3.0),
        ("让标题再停留3秒", 3.0),
    ],
)
def test_the_title_by_seconds(sentence: str, by: float) -> None:
    assert [dump_op(op) for op in read(sentence).ops] == [{"op": "title_style", "whole": False, "by_s": by}]


def test_the_video_and_the_title_each_by_their_seconds() -> None:
    ops = [dump_op(op) for op in read("make it 5 s longer and the title 2 s longer").ops]
    assert {"op": "length", "by_s": 5.0} in ops and {"op": "title_style", "whole": False, "by_s": 2.0} in ops
    assert [dump_op(op) for op in read("show the title for 5 seconds").ops] == [
        {"op": "title_style", "whole": False, "seconds": 5.0}
    ]
    for absolute in ("时长30秒", "视频长30秒", "差不多30秒", "最多30秒"):  # a length, never a change of one
        assert all(getattr(op, "by_s", None) is None for op in read(absolute).ops), absolute
