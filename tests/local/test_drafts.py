"""Draft building and the one-line summary, as pure functions."""

from __future__ import annotations

from skill.local import drafts
from skill.local.store import empty_draft

SONG = drafts.SongRef("upl_1", "Lo-fi", "http://127.0.0.1:1/api/media/upl_1", 120.0)


def _highlight(**kw: object) -> dict[str, object]:
    args: dict[str, object] = {
        "song": SONG,
        "start_s": 42.0,
        "duration_s": 10.0,
        "cuts_s": (2.0, 4.0, 6.0, 8.0),
        "clips": (),
        "pace": "bar",
        "tempo_bpm": 120.0,
    }
    args.update(kw)
    return drafts.build_highlight(empty_draft(), **args)  # type: ignore[arg-type]


def test_seed_summary_shape() -> None:
    draft = drafts.set_volume(drafts.set_title(_highlight(), "Urban Dreams"), 0.35)
    assert drafts.summary(draft) == (
        "Timeline (3 tracks): 1. Video: Beat visuals (0-10s, 5 shots) 2. BGM: Lo-fi (0-10s, 35%) "
        '3. Title: "Urban Dreams" (0-3s)'
    )


def test_segments_tile_the_video() -> None:
    draft = _highlight()
    video = draft["t"][0]  # type: ignore[index]
    segs = video["sg"]
    assert [(s["st"], s["d"]) for s in segs] == [
        (0, 2000),
        (2000, 2000),
        (4000, 2000),
        (6000, 2000),
        (8000, 2000),
    ]
    bgm = draft["t"][1]["sg"][0]  # type: ignore[index]
    assert bgm["m"]["start_ms"] == 42000 and bgm["m"]["volume"] == 1.0 and bgm["d"] == 10000


def test_clips_cycle_by_name() -> None:
    clips = (
        drafts.ClipRef("upl_a", "a.mp4", "http://x/api/media/upl_a", "video"),
        drafts.ClipRef("upl_b", "b.jpg", "http://x/api/media/upl_b", "image"),
    )
    segs = _highlight(clips=clips)["t"][0]["sg"]  # type: ignore[index]
    assert [s["m"]["name"] for s in segs] == ["a.mp4", "b.jpg", "a.mp4", "b.jpg", "a.mp4"]


def test_title_is_kept_and_clamped_when_recut() -> None:
    draft = drafts.set_title(_highlight(), "Hi")
    short = drafts.retime(draft, start_s=42.0, duration_s=2.0, cuts_s=(1.0,), pace="beat")
    title = drafts.title_segment(short)
    assert title is not None and title["d"] == 2000 and short["d"] == 2000


def test_aspect_and_remove_title() -> None:
    draft = drafts.set_aspect(drafts.set_title(_highlight(), "T"), "9:16")
    assert (draft["m"]["width"], draft["m"]["height"]) == (1080, 1920)
    assert drafts.title_segment(drafts.remove_title(draft)) is None
    assert drafts.summary(empty_draft()) == "Timeline is empty"


def test_functions_do_not_mutate_their_input() -> None:
    draft = _highlight()
    snapshot = repr(draft)
    drafts.set_volume(draft, 0.1)
    drafts.set_title(draft, "x")
    drafts.set_aspect(draft, "1:1")
    assert repr(draft) == snapshot


def test_chinese_summary() -> None:
    draft = drafts.set_title(_highlight(), "夜光")
    # the one summary (skill.timeline.describe): the client says the same
    assert drafts.summary(draft, "zh") == (
        '时间线（3 条轨道）：1. 视频: Beat visuals (0-10秒, 5 个镜头) 2. 背景音乐: Lo-fi (0-10秒, 100%) 3. 标题: "夜光" (0-3秒)'
    )
    assert drafts.summary(draft, "zh-Hant").startswith("時間線（3 條軌道）：1. 影片")
