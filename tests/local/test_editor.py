"""Reading chat instructions: a labelled table of English, simplified and traditional Chinese."""

from __future__ import annotations

import pytest

from skill.local.editor import parse_duration_s, parse_instruction
from skill.local.edits import (
    Aspect,
    Export,
    Greeting,
    Help,
    Highlight,
    Length,
    Pace,
    RemoveTitle,
    Show,
    Title,
    Undo,
    Volume,
)
from skill.text.lang import reply_lang

TABLE = [
    ("sync the visuals to the beat and make the best 10 second highlight", "en", (Highlight(10.0),)),
    ("sync visuals to the beat and create the best highlight video from my music", "en", (Highlight(None),)),
    ("make a 1 minute highlight", "en", (Highlight(60.0),)),
    ("make a vertical 15 seconds highlight", "en", (Highlight(15.0), Aspect("9:16"))),
    ("use my clips", "en", (Highlight(None, use_clips=True),)),
    ("做一个30秒的卡点高光视频", "zh-Hans", (Highlight(30.0), Aspect("9:16"))),
    ("一分钟竖屏精华", "zh-Hans", (Highlight(60.0), Aspect("9:16"))),
    ("做一個三十秒的精彩集錦", "zh-Hant", (Highlight(30.0),)),
    ("用我的素材做卡点视频", "zh-Hans", (Highlight(None, use_clips=True), Aspect("9:16"))),
    ("add a title 'Neon Nights'", "en", (Title("Neon Nights"),)),
    ("title: Summer Vibes", "en", (Title("Summer Vibes"),)),
    ('change the title to "Night Drive"', "en", (Title("Night Drive"),)),
    ("标题改成《夜光》", "zh-Hans", (Title("夜光"),)),
    ("加标题“夏日”", "zh-Hans", (Title("夏日"),)),
    ("將標題改成「夏夜」", "zh-Hant", (Title("夏夜"),)),
    ("remove the title", "en", (RemoveTitle(),)),
    ("删除标题", "zh-Hans", (RemoveTitle(),)),
    ("music volume 60%", "en", (Volume(level=0.6),)),
    ("set the volume to 0.3", "en", (Volume(level=0.3),)),
    ("turn the music down", "en", (Volume(delta=-0.2),)),
    ("make the song louder", "en", (Volume(delta=0.2),)),
    ("BGM 调小", "zh-Hans", (Volume(delta=-0.2),)),
    ("背景音樂調大", "zh-Hant", (Volume(delta=0.2),)),
    ("音量百分之三十", "zh-Hans", (Volume(level=0.3),)),
    ("mute the music", "en", (Volume(level=0.0),)),
    ("cut every bar", "en", (Pace("bar"),)),
    ("cut on every beat", "en", (Pace("beat"),)),
    ("every 2 bars please", "en", (Pace("2bar"),)),
    ("每小节切一次", "zh-Hans", (Pace("bar"),)),
    ("每拍切换", "zh-Hans", (Pace("beat"),)),
    ("每兩小節", "zh-Hant", (Pace("2bar"),)),
    ("make it 15 seconds", "en", (Length(15.0),)),
    ("shorten it to 20s", "en", (Length(20.0),)),
    ("缩短到20秒", "zh-Hans", (Length(20.0),)),
    ("改成一分钟", "zh-Hans", (Length(60.0),)),
    ("make it square", "en", (Aspect("1:1"),)),
    ("16:9 please", "en", (Aspect("16:9"),)),
    ("横屏", "zh-Hans", (Aspect("16:9"),)),
    ("豎屏", "zh-Hant", (Aspect("9:16"),)),
    ("方形", "zh-Hans", (Aspect("1:1"),)),
    ("undo", "en", (Undo(),)),
    ("撤销", "zh-Hans", (Undo(),)),
    ("撤銷上一步", "zh-Hant", (Undo(),)),
    ("what can you do", "en", (Help(),)),
    ("你能做什么", "zh-Hans", (Help(),)),
    ("你能做什麼", "zh-Hant", (Help(),)),
    ("hello", "en", (Greeting(),)),
    ("你好", "zh-Hans", (Greeting(),)),
    ("export it", "en", (Export(),)),
    ("send me the video", "en", (Export(),)),
    ("导出", "zh-Hans", (Export(),)),
    ("show me the timeline", "en", (Show(),)),
    ("时间线里有什么", "zh-Hans", (Show(),)),
    ("what's the weather", "en", ()),
    ("", "en", ()),
]


@pytest.mark.parametrize(("text", "lang", "edits"), TABLE)
def test_table(text: str, lang: str, edits: tuple[object, ...]) -> None:
    parsed = parse_instruction(text)
    assert parsed.lang == lang
    assert parsed.edits == edits


def test_mixed_language_is_chinese() -> None:
    assert reply_lang("make it 竖屏 please") == "zh-Hans"
    assert reply_lang("make it 豎屏 please") == "zh-Hant"
    assert parse_instruction("BGM volume 50%").lang == "en"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("15 seconds", 15.0),
        ("15-second", 15.0),
        ("1 minute", 60.0),
        ("a minute", 60.0),
        ("half a minute", 30.0),
        ("2.5 min", 150.0),
        ("30秒", 30.0),
        ("一分钟", 60.0),
        ("一分鐘", 60.0),
        ("十五秒", 15.0),
        ("九十秒", 90.0),
        ("两分钟", 120.0),
        ("no length here", None),
    ],
)
def test_durations(text: str, seconds: float | None) -> None:
    assert parse_duration_s(text) == seconds


# Mixed Chinese/English the way creators type, typos, emoji and relative lengths.
MIXED = [
    ("sync 到 beat 上，做个 20s 的 highlight", "zh-Hans", (Highlight(20.0),)),
    ("卡点 highlight 20秒 竖屏", "zh-Hans", (Highlight(20.0), Aspect("9:16"))),
    ("每个 bar 切一次", "zh-Hans", (Pace("bar"),)),
    ("每個 bar 切一次", "zh-Hant", (Pace("bar"),)),
    ("每 2 个 bar 切一次", "zh-Hans", (Pace("2bar"),)),
    ("每两个 bar", "zh-Hans", (Pace("2bar"),)),
    ("每个 beat 切", "zh-Hans", (Pace("beat"),)),
    ("每 beat 切一次", "zh-Hans", (Pace("beat"),)),
    ("every other bar", "en", (Pace("2bar"),)),
    ("再短一点 15 秒", "zh-Hans", (Length(15.0),)),
    ("再短一点", "zh-Hans", (Length(None, delta_s=-5.0),)),
    ("長一點", "zh-Hant", (Length(None, delta_s=5.0),)),
    ("make it shorter", "en", (Length(None, delta_s=-5.0),)),
    ("用我的 clips", "zh-Hans", (Highlight(None, use_clips=True),)),
    ("用我的 footage 吧", "zh-Hans", (Highlight(None, use_clips=True),)),
    ("title 用 'Summer Vibes'", "zh-Hans", (Title("Summer Vibes"),)),
    ("把标题删掉", "zh-Hans", (RemoveTitle(),)),
    ("BGM 小声一点", "zh-Hans", (Volume(delta=-0.2),)),
    ("改成 vertical", "zh-Hans", (Aspect("9:16"),)),
    ("make it 1:1", "en", (Aspect("1:1"),)),
    ("ok export 吧", "zh-Hans", (Export(),)),
    ("麻煩 export 一下", "zh-Hant", (Export(),)),  # 麻煩 is traditional
    ("现在 timeline 怎样", "zh-Hans", (Show(),)),
    ("你好呀", "zh-Hans", (Greeting(),)),
    ("hi 👋", "en", (Greeting(),)),
    ("嗨～ 你好呀 👋", "zh-Hans", (Greeting(),)),
    ("hi, hello!", "en", (Greeting(),)),
    ("你好，帮我做个视频", "zh-Hans", (Highlight(None),)),
    ("幫我做一支 20 秒的影片", "zh-Hant", (Highlight(20.0),)),
    ("帮我剪一个 video", "zh-Hans", (Highlight(None),)),
    ("出来的视频不好", "zh-Hans", ()),
    ("剪的视频太长了", "zh-Hans", (Length(None, delta_s=-5.0),)),
    ("你可以做什麼", "zh-Hant", (Help(),)),
    ("highlgiht 20s", "en", (Highlight(20.0),)),
    ("sycn to beat", "en", (Highlight(None),)),
    ("make it vertcal", "en", (Aspect("9:16"),)),
    ("I'm an expert", "en", ()),
    ("add a flower title 'Bloom'", "en", (Title("Bloom"),)),
]


@pytest.mark.parametrize(("text", "lang", "edits"), MIXED)
def test_mixed_and_typos(text: str, lang: str, edits: tuple[object, ...]) -> None:
    parsed = parse_instruction(text)
    assert parsed.lang == lang
    assert parsed.edits == edits


MORE_MIXED = [
    ("title 用 Summer Vibes 吧", "zh-Hans", (Title("Summer Vibes"),)),
    ("title 换成 Summer Vibes，BGM 小声一点", "zh-Hans", (Volume(delta=-0.2), Title("Summer Vibes"))),
    ("title to Hello, then make it vertical", "en", (Aspect("9:16"), Title("Hello"))),
    ("字幕改成 Hello", "zh-Hans", (Title("Hello"),)),
    ("add text 'Hello'", "en", (Title("Hello"),)),
    ("the text is too small", "en", ()),
    ("the title is too long", "en", ()),
    ("BGM volume 50", "en", (Volume(level=0.5),)),
    ("BGM 调到 30", "zh-Hans", (Volume(level=0.3),)),
    ("cut the song to 20 seconds", "en", (Length(20.0),)),
    ("bgm 关掉", "zh-Hans", (Volume(level=0.0),)),
    ("每 4 拍切一次", "zh-Hans", (Pace("bar"),)),
    ("every 8 beats", "en", (Pace("2bar"),)),
    ("改回横的", "zh-Hans", (Aspect("16:9"),)),
    ("改成竖的", "zh-Hans", (Aspect("9:16"),)),
    ("帮我看下现在的进度", "zh-Hans", (Show(),)),
    ("麻煩把標題拿掉", "zh-Hant", (RemoveTitle(),)),
    ("take off the title", "en", (RemoveTitle(),)),
    ("做成 IG reels 的尺寸", "zh-Hans", (Aspect("9:16"),)),
    ("做个 reel", "zh-Hans", (Highlight(None),)),
    ("ig post 尺寸", "zh-Hans", (Aspect("1:1"),)),
    ("音量一半", "zh-Hans", (Volume(level=0.5),)),
    ("大声点", "zh-Hans", (Volume(delta=0.2),)),
    ("音乐小点声", "zh-Hans", (Volume(delta=-0.2),)),
    ("quieter please", "en", (Volume(delta=-0.2),)),
]


@pytest.mark.parametrize(("text", "lang", "edits"), MORE_MIXED)
def test_more_mixed_phrasings(text: str, lang: str, edits: tuple[object, ...]) -> None:
    parsed = parse_instruction(text)
    assert parsed.lang == lang
    assert parsed.edits == edits


POINTING_AT_AN_UPLOAD = [
    "use this song",
    "here's my track",
    "use it",
    "my song",
    "用这首歌",
    "就用這個",
    "这是我的歌",
    "我的素材来了",
]


@pytest.mark.parametrize("text", POINTING_AT_AN_UPLOAD)
def test_pointing_at_an_upload_is_acknowledged_not_misunderstood(text: str) -> None:
    from skill.local.edits import UseMedia

    assert parse_instruction(text).edits == (UseMedia(),)


@pytest.mark.parametrize(
    "text", ["use this song and make it 9:16", "用这首歌做一个20秒的高光", "use my clips", 'title "use it"']
)
def test_an_edit_next_to_a_pointer_is_still_the_edit(text: str) -> None:
    from skill.local.edits import UseMedia

    edits = parse_instruction(text).edits
    assert edits and UseMedia() not in edits


@pytest.mark.parametrize(
    "text",
    [
        "make the title 2 seconds longer",
        "make the title longer",
        "keep the title on screen longer",
        "标题显示久一点",
    ],
)
def test_the_title_longer_or_shorter_is_never_its_text_nor_the_videos_length(text: str) -> None:
    from skill.local.reading import read

    reading = read(text)
    assert not any(op.op in ("title", "length") for op in reading.ops)
    assert reading.understood  # answered with how to say it, changing nothing
