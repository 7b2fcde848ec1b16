"""Tests for skill.timeline: the seed's one-line summary, diffs in English and Chinese, malformed drafts."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from skill.timeline import TimelineError, diff, from_draft, is_exportable, summarise, summary, to_draft

SEED_SUMMARY = 'Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)'


@pytest.fixture
def draft() -> dict[str, Any]:
    """The protocol's example draft, with an unknown key at each level."""
    return {
        "t": [
            {
                "id": "track_video",
                "tt": 0,
                "m": {"name": "Video"},
                "sg": [
                    {
                        "id": "seg_1",
                        "st": 0,
                        "d": 10000,
                        "m": {"name": "city timelapse", "src": "https://x/a.mp4"},
                    }
                ],
                "locked": False,
            },
            {
                "id": "track_bgm",
                "tt": 1,
                "m": {"name": "BGM"},
                "sg": [
                    {"id": "seg_2", "st": 0, "d": 10000, "m": {"name": "Lo-fi", "volume": 0.35, "src": "u"}}
                ],
            },
            {
                "id": "track_title",
                "tt": 7,
                "m": {"name": "Title"},
                "sg": [{"id": "seg_3", "st": 0, "d": 3000, "m": {"text": "Urban Dreams", "font": "Noto"}}],
            },
        ],
        "d": 10000,
        "m": {"width": 1920, "height": 1080, "fps": 30},
        "future_key": {"kept": True},
    }


def test_summary_matches_the_seed_exactly(draft: dict[str, Any]) -> None:
    assert summary(from_draft(draft)) == SEED_SUMMARY
    assert summarise(draft) == SEED_SUMMARY


def test_summary_reads_a_state_wrapper(draft: dict[str, Any]) -> None:
    assert summarise({"draft": draft, "video_infos": []}) == SEED_SUMMARY


def test_summary_in_chinese(draft: dict[str, Any]) -> None:
    assert summarise(draft, "zh-Hans") == (
        '时间线（3 条轨道）：1. 视频: city timelapse (0-10秒) 2. 背景音乐: Lo-fi (0-10秒, 35%) 3. 标题: "Urban Dreams" (0-3秒)'
    )
    assert summarise(draft, "zh-Hant").startswith("時間線（3 條軌道）：1. 影片: city timelapse")
    assert summarise(draft, "mixed").startswith("时间线")


def test_unknown_keys_survive_a_round_trip(draft: dict[str, Any]) -> None:
    timeline = from_draft(draft)
    assert timeline.rest["future_key"] == {"kept": True}
    assert to_draft(timeline) == draft
    # same types too: 10000 stays an int
    assert json.dumps(to_draft(timeline), sort_keys=True) == json.dumps(draft, sort_keys=True)


@pytest.mark.parametrize("empty", [{}, {"t": []}, {"t": [{"tt": 0, "sg": []}]}, None, {"t": None}])
def test_empty_drafts(empty: Any) -> None:
    assert summarise(empty) == "Timeline is empty"
    assert summarise(empty, "zh-Hans") == "时间线为空"
    assert summarise(empty, "zh-Hant") == "時間線為空"
    assert not is_exportable(empty)


def test_names_fall_back_to_type_text_and_file_name() -> None:
    draft = {
        "t": [
            {"tt": 0, "sg": [{"st": 0, "d": 2500, "m": {"src": "https://cdn.example/u/clip01.mp4?sig=1"}}]},
            {"tt": 1, "sg": [{"st": 0, "d": 2500}]},
            {"tt": 7, "m": None, "sg": [{"st": 500, "d": 1250, "m": {"text": "Hi"}}]},
            {"tt": 3, "m": {"name": ""}, "sg": [{"st": 0, "d": 1000, "m": {"name": "sticker"}}]},
        ]
    }
    assert summarise(draft) == (
        'Timeline (4 tracks): 1. Video: clip01.mp4 (0-2.5s) 2. Audio: untitled (0-2.5s) 3. Text: "Hi" (0.5-1.75s) '
        "4. Track: sticker (0-1s)"
    )


def test_volume_absent_and_track_volume() -> None:
    draft = {
        "t": [
            {"tt": 1, "m": {"name": "BGM", "volume": 0.5}, "sg": [{"st": 0, "d": 1000, "m": {"name": "a"}}]}
        ]
    }
    assert summarise(draft) == "Timeline (1 track): 1. BGM: a (0-1s, 50%)"
    draft["t"][0]["m"] = {"name": "BGM"}
    assert summarise(draft) == "Timeline (1 track): 1. BGM: a (0-1s)"


def test_several_segments_are_listed_then_counted() -> None:
    def track(n: int) -> dict[str, Any]:
        return {
            "tt": 0,
            "m": {"name": "Video"},
            "sg": [{"st": i * 5000, "d": 5000, "m": {"name": f"c{i}"}} for i in range(n)],
        }

    assert summarise({"t": [track(2)]}) == "Timeline (1 track): 1. Video: c0 (0-5s), c1 (5-10s)"
    assert summarise({"t": [track(6)]}) == "Timeline (1 track): 1. Video: 6 clips (0-30s)"
    assert summarise({"t": [track(6)]}, "zh-Hans") == "时间线（1 条轨道）：1. 视频: 6 个片段 (0-30秒)"


def test_segments_are_shown_in_time_order() -> None:
    draft = {
        "t": [
            {
                "tt": 0,
                "sg": [{"st": 5000, "d": 1000, "m": {"name": "b"}}, {"st": 0, "d": 1000, "m": {"name": "a"}}],
            }
        ]
    }
    assert summarise(draft) == "Timeline (1 track): 1. Video: a (0-1s), b (5-6s)"


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        ([1, 2], "expected an object, got list"),
        ("draft", "expected an object, got str"),
        ({"t": "tracks"}, "t:"),
        ({"t": [{"sg": []}]}, "t[0].tt: Field required"),
        ({"t": [{"tt": 0, "sg": [{"st": 0}]}]}, "t[0].sg[0].d: Field required"),
        ({"t": [{"tt": 0, "sg": [{"st": "soon", "d": 1}]}]}, "t[0].sg[0].st"),
        ({"t": [{"tt": 0, "sg": [{"st": -1, "d": 1}]}]}, "t[0].sg[0].st"),
        ({"t": [{"tt": 0, "sg": 5}]}, "t[0].sg"),
        ({"t": [{"tt": 1, "sg": [{"st": 0, "d": 1, "m": {"volume": "loud"}}]}]}, "volume"),
    ],
)
def test_malformed_drafts_raise_a_clear_timeline_error(bad: Any, where: str) -> None:
    with pytest.raises(TimelineError, match="malformed draft") as info:
        from_draft(bad)
    assert where in str(info.value)
    assert isinstance(info.value, ValueError)


def test_is_exportable(draft: dict[str, Any]) -> None:
    assert is_exportable(draft)
    assert is_exportable({"draft": draft})
    assert is_exportable(from_draft(draft))
    assert not is_exportable({"t": [{"tt": 0, "sg": []}, {"tt": 1}]})
    assert not is_exportable(None)
    assert not is_exportable({"t": [None, 3]})
    assert not is_exportable([1, 2])
    assert not is_exportable({"t": "tracks"})


def test_diff_reports_each_kind_of_change(draft: dict[str, Any]) -> None:
    after = copy.deepcopy(draft)
    after["t"][2]["sg"][0]["m"]["text"] = "Neon Nights"
    after["t"][1]["sg"][0]["m"]["volume"] = 0.2
    after["t"][0]["sg"][0]["d"] = 15000
    after["d"] = 15000
    after["m"].update(width=1080, height=1920)
    assert diff(draft, after) == [
        "Video now 0-15s",
        "BGM volume 35% -> 20%",
        'Changed title to "Neon Nights"',
        "Canvas 1920x1080 (16:9) -> 1080x1920 (9:16)",
    ]


def test_diff_added_and_removed(draft: dict[str, Any]) -> None:
    after = copy.deepcopy(draft)
    after["t"][2]["sg"].append({"id": "seg_4", "st": 3000, "d": 3000, "m": {"text": "Neon Nights"}})
    del after["t"][1]
    assert diff(draft, after) == ['Added title "Neon Nights" (3-6s)', "Removed track BGM"]
    assert diff(after, draft) == ["Added BGM Lo-fi (0-10s, 35%)", 'Removed title "Neon Nights"']


def test_diff_in_chinese(draft: dict[str, Any]) -> None:
    after = copy.deepcopy(draft)
    after["t"][1]["sg"][0]["m"]["volume"] = 0.2
    after["t"][2]["sg"][0]["m"]["text"] = "霓虹之夜"
    assert diff(draft, after, "zh-Hans") == ["背景音乐音量 35% -> 20%", '标题改为"霓虹之夜"']
    assert diff(draft, after, "zh-Hant") == ["背景音樂音量 35% -> 20%", '標題改為"霓虹之夜"']


def test_diff_from_nothing_and_of_equal_drafts(draft: dict[str, Any]) -> None:
    assert diff(draft, draft) == []
    assert diff(None, None) == []
    assert diff(None, draft)[0] == "Added video city timelapse (0-10s)"
    assert diff(draft, None) == ["Removed track Video", "Removed track BGM", "Removed track Title"]


def test_diff_matches_tracks_without_ids_by_type_and_order() -> None:
    before = {"t": [{"tt": 0, "sg": [{"st": 0, "d": 1000, "m": {"name": "a"}}]}], "d": 1000}
    after = {"t": [{"tt": 0, "sg": [{"st": 0, "d": 1000, "m": {"name": "b"}}]}], "d": 2000}
    assert diff(before, after) == ["Changed video to b", "Length 1s -> 2s"]


def test_diff_raises_on_malformed_input() -> None:
    with pytest.raises(TimelineError):
        diff({"t": 1}, {})


def test_public_names_exist() -> None:
    import skill.timeline as module

    assert all(hasattr(module, name) for name in module.__all__)


def test_numbers_as_names_are_read_as_text() -> None:
    draft = {"t": [{"id": 7, "tt": 7, "sg": [{"id": 1, "st": 0, "d": 1000, "m": {"text": 2024}}]}]}
    assert summarise(draft) == 'Timeline (1 track): 1. Text: "2024" (0-1s)'


def test_one_source_cut_many_times_is_named_with_its_cut_count() -> None:
    from skill.timeline import summarise

    cuts = [{"id": f"s{i}", "st": i * 500, "d": 500, "m": {"name": "Beat visuals"}} for i in range(40)]
    mixed = [{"id": f"c{i}", "st": i * 500, "d": 500, "m": {"name": f"clip{i % 3}.mp4"}} for i in range(6)]
    draft = {"t": [{"id": "v", "tt": 0, "m": {"name": "Video"}, "sg": cuts}]}
    assert summarise(draft) == "Timeline (1 track): 1. Video: Beat visuals (0-20s, 40 shots)"
    assert "40 个镜头" in summarise(draft, "zh-Hans")
    draft["t"][0]["sg"] = mixed
    assert summarise(draft) == "Timeline (1 track): 1. Video: 6 clips (0-3s)"
