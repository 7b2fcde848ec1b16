"""Tests for skill.gui: GUI gestures become chat terms and actions; look-alike words stay untouched."""

from __future__ import annotations

import dataclasses

import pytest

from skill.gui import MESSAGES, Action, Translation, translate

EXPORT_ASK = MESSAGES["en"]["export_ask"]


@pytest.mark.parametrize(
    ("text", "expected", "actions"),
    [
        (
            "Click the Export button to download your video.",
            'Say "export" and I\'ll render and download your video.',
            (Action.RUN_EXPORT,),
        ),
        (
            "Drag the clip onto the timeline",
            "Tell me which clip to add and where, and I'll place it.",
            (Action.SEND_EDIT,),
        ),
        ("Open the Media panel to see your files", "Here are your files:", (Action.SHOW_STATE,)),
        ("Preview it in the timeline.", "Here's a summary of your tracks:", (Action.SHOW_SUMMARY,)),
        (
            "Check your account page for remaining credits.",
            "Here's your credit balance:",
            (Action.SHOW_CREDITS,),
        ),
        ("Go to Account > Billing to top up.", "Here's your credit balance:", (Action.SHOW_CREDITS,)),
        ("Click on the Export button in the top right corner.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        (
            "Your video is ready! Click here to download it.",
            f"Your video is ready! {EXPORT_ASK}",
            (Action.RUN_EXPORT,),
        ),
        ("To download your video, click the Export button.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        ("Hit Export when you're happy.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        ("Export it from the File menu.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        ("Tap Upload to add your song.", "Send me the file and I'll upload it.", (Action.REQUEST_UPLOAD,)),
        (
            "Drag and drop your audio file here to upload it.",
            "Send me the file and I'll upload it.",
            (Action.REQUEST_UPLOAD,),
        ),
        ("Click Apply to confirm the changes.", 'Say "apply" and I\'ll do it.', (Action.SEND_EDIT,)),
        ('Click "Add Title" to add text.', 'Say "add title" and I\'ll do it.', (Action.SEND_EDIT,)),
        ("Simply drag your clips onto the timeline.", MESSAGES["en"]["drag"], (Action.SEND_EDIT,)),
        ("Open the timeline panel.", "Here's where your project stands:", (Action.SHOW_STATE,)),
        (
            "Preview it in the timeline, then click Export to download the MP4.",
            f"{EXPORT_ASK} Here's a summary of your tracks:",
            (Action.SHOW_SUMMARY, Action.RUN_EXPORT),
        ),
        (
            "Preview the change in the timeline, or export when you are ready.",
            "Export when you are ready. Here's a summary of your tracks:",
            (Action.SHOW_SUMMARY,),
        ),
        # An editor object clicked for an edit is a gesture even without "button" or a label.
        ("Double-click the title to edit the text.", MESSAGES["en"]["click_unnamed"], (Action.SEND_EDIT,)),
        ("Click the lyric clip to change its font.", MESSAGES["en"]["click_unnamed"], (Action.SEND_EDIT,)),
        ("Press Play to hear the new cut.", "Here's a summary of your tracks:", (Action.SHOW_SUMMARY,)),
        # A set-up clause says what a generic gesture is for.
        ("To add a title, open the Text panel.", MESSAGES["en"]["click_unnamed"], (Action.SEND_EDIT,)),
        ("To export, open the File menu.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        ("To check your credits, open Settings.", "Here's your credit balance:", (Action.SHOW_CREDITS,)),
        ("To see your files, open the Media panel.", "Here are your files:", (Action.SHOW_STATE,)),
    ],
)
def test_english_gestures_are_rewritten(text: str, expected: str, actions: tuple[Action, ...]) -> None:
    assert translate(text) == Translation(expected, actions)


@pytest.mark.parametrize(
    ("text", "expected", "actions"),
    [
        ("点击导出按钮", '说"导出"，我就帮你渲染并下载视频。', (Action.RUN_EXPORT,)),
        ("请点击右上角的导出按钮下载视频。", '说"导出"，我就帮你渲染并下载视频。', (Action.RUN_EXPORT,)),
        ("點擊「匯出」按鈕下載影片。", "說「匯出」，我就幫你算圖並下載影片。", (Action.RUN_EXPORT,)),
        ("打开媒体库查看你的文件。", "这是你的文件：", (Action.SHOW_STATE,)),
        ("打開素材庫。", "這是你的檔案：", (Action.SHOW_STATE,)),
        ("把片段拖到时间线上。", "告诉我要添加哪个片段、放在哪里，我来帮你放好。", (Action.SEND_EDIT,)),
        ("将音乐文件拖拽到此处上传。", "把文件发给我，我来帮你上传。", (Action.REQUEST_UPLOAD,)),
        ("在时间线中预览。", "这是当前轨道的概要：", (Action.SHOW_SUMMARY,)),
        ("在時間線中預覽效果。", "這是目前軌道的摘要：", (Action.SHOW_SUMMARY,)),
        ("查看账户", "这是你的积分余额：", (Action.SHOW_CREDITS,)),
        ("点「应用」确认修改。", '说"应用"，我来帮你完成。', (Action.SEND_EDIT,)),
        (
            "可以在时间线中预览，点击导出即可下载 MP4。",
            '说"导出"，我就帮你渲染并下载视频。这是当前轨道的概要：',
            (Action.SHOW_SUMMARY, Action.RUN_EXPORT),
        ),
        (
            "可以在时间线中预览修改，满意后就可以导出。",
            "满意后就可以导出。这是当前轨道的概要：",
            (Action.SHOW_SUMMARY,),
        ),
        # A condition clause before the gesture belongs to it and goes with it.
        ("满意的话，点击右上角的导出按钮即可。", '说"导出"，我就帮你渲染并下载视频。', (Action.RUN_EXPORT,)),
        # What is opened decides; "上传" later in the clause only says what the files are.
        ("打开素材库查看你上传的文件", "这是你的文件：", (Action.SHOW_STATE,)),
        ("双击标题即可编辑文字", MESSAGES["zh-Hans"]["click_unnamed"], (Action.SEND_EDIT,)),
        ("拖拽素材到时间线", MESSAGES["zh-Hans"]["drag"], (Action.SEND_EDIT,)),
        ("进入账户页面查看剩余积分", "这是你的积分余额：", (Action.SHOW_CREDITS,)),
        ("为了调整比例，打开画布菜单。", MESSAGES["zh-Hans"]["click_unnamed"], (Action.SEND_EDIT,)),
    ],
)
def test_chinese_gestures_are_rewritten_in_chinese(
    text: str, expected: str, actions: tuple[Action, ...]
) -> None:
    assert translate(text, "zh-Hans") == Translation(expected, actions)


@pytest.mark.parametrize(
    "text",
    [
        "Open Road is a great song.",
        'I set the title to "Open Road".',
        "The drop hits at 0:42, so I cut there.",
        "I opened the track with a drum fill.",
        "Add a click track at 120 BPM.",
        "Click track: 120 BPM.",
        "The click track is muted.",
        "This is an export-ready mix with punchy drums.",
        "Export-ready mix.",
        "Drop the beat!",
        "Open with a drum fill, then drop the bass.",
        "Hit the drop hard at the chorus.",
        "Select the best moments for the highlight.",
        "Play it loud!",
        "Watch the sunset scene at 0:10.",
        "Check out the drop at 0:42.",
        "Opening credits roll over the intro.",
        "Drag racing footage works well with fast cuts.",
        "Try the Open Road preset for a warm look.",
        "Tip: open with your strongest shot, then drop to black on the last beat.",
        "I built the groove by dragging samples into a loop.",
        "The drop at 0:42 opens the chorus.",
        "I made this using the Lo-Fi preset.",
        "We are reviewing your upload.",
        "I love clicking through presets.",
        "Your credits balance is shown in the top bar.",
        "Use the timeline as your guide to the story.",
        "The intro > the outro, trust me.",
        "Hover over the city at night.",
        "Hit play and let the bass drop.",
        "Drop the needle on the record.",
        "Click your fingers on the two and four.",
        "Download speeds were slow, so I used the cached copy.",
        "Render the feeling of summer in every frame.",
        "Press Play by the Jazz Kids has a swing feel.",  # a song title, not a button
        "Hit Play by Anna Lee is the track I used.",
        "I click the title to edit on my phone sometimes.",
        "Your song 'Drop It Low' is 96 BPM.",
        "The beat drops hard at the one-minute mark.",
        "我用了《点击率》这首歌的高潮部分。",
        "歌词：拖着疲惫的身体回家",
        "拖着疲惫的身体回家。",
        "在时间里寻找答案。",
        "使用副歌作为高潮。",
        "播放列表里的歌都很好听。",
        "Timeline: 0-10s city timelapse, 10-20s crowd.",
        "Your video was exported at 1080p.",
        "I can open the project for you if you like.",
        "歌词里写着打开心扉。",
        "打开心扉，迎接阳光",
        "副歌在 0:42 开始，我在那里切换画面。",
        "我把标题设为“打开世界”。",
        "点燃激情的鼓点。",
        "打开新世界的大门。",
        "拖延症也能做出好视频。",
        "预览版的歌曲更短。",
        "导出的视频是 1080p。",
        "這首歌的開場很有力量。",
        "",
        "   ",
    ],
)
def test_look_alike_words_are_never_rewritten(text: str) -> None:
    assert translate(text) == Translation(text, ())
    assert translate(text, "zh-Hans") == Translation(text, ())


@pytest.mark.parametrize(
    ("text", "expected", "actions"),
    [
        (
            "Go to Settings > Account to view your credits.",
            "Here's your credit balance:",
            (Action.SHOW_CREDITS,),
        ),
        (
            "Please upload your audio file by clicking the Upload button.",
            "Send me the file and I'll upload it.",
            (Action.REQUEST_UPLOAD,),
        ),
        (
            "I've added a title. You can adjust its position by dragging it in the timeline.",
            f"I've added a title. {MESSAGES['en']['drag']}",
            (Action.SEND_EDIT,),
        ),
        (
            "Open the Assets panel and drag your music onto the audio track.",
            f"{MESSAGES['en']['drag']} Here are your files:",
            (Action.SHOW_STATE, Action.SEND_EDIT),
        ),
        (
            "Select the clip in the timeline and press Delete.",
            'Say "delete" and I\'ll do it.',
            (Action.SEND_EDIT,),
        ),
        (
            "你可以在时间轴上预览效果，满意的话点击导出。",
            '说"导出"，我就帮你渲染并下载视频。这是当前轨道的概要：',
            (Action.SHOW_SUMMARY, Action.RUN_EXPORT),
        ),
        (
            "我已经添加了标题，你可以在时间线上拖动调整位置。",
            "我已经添加了标题。告诉我要添加哪个片段、放在哪里，我来帮你放好。",
            (Action.SEND_EDIT,),
        ),
        ("前往账户页面查看剩余积分。", "这是你的积分余额：", (Action.SHOW_CREDITS,)),
        (
            "I've generated your video! You can find it in the Media Library on the left.",
            "I've generated your video! Here are your files:",
            (Action.SHOW_STATE,),
        ),
        (
            "Your video has been added to the timeline. Use the Preview button to watch it.",
            "Your video has been added to the timeline. Here's a summary of your tracks:",
            (Action.SHOW_SUMMARY,),
        ),
        (
            "To export, go to the top right and click Export, then choose your resolution.",
            f"{EXPORT_ASK} Choose your resolution.",
            (Action.RUN_EXPORT,),
        ),
        (
            "Feel free to drag the BGM clip to adjust its start time.",
            MESSAGES["en"]["drag"],
            (Action.SEND_EDIT,),
        ),
        (
            "You can adjust the volume using the slider in the Audio panel.",
            MESSAGES["en"]["click_unnamed"],
            (Action.SEND_EDIT,),
        ),
        ("Tap the three dots menu and select Download.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        (
            "Hover over the clip and click the trash icon to delete it.",
            'Say "delete" and I\'ll do it.',
            (Action.SEND_EDIT,),
        ),
        ("Scroll down to the Export section and hit Render.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        ("Switch to the Text tab to edit the title.", MESSAGES["en"]["click_unnamed"], (Action.SEND_EDIT,)),
        (
            "Right-click the clip on the timeline and choose Split.",
            'Say "split" and I\'ll do it.',
            (Action.SEND_EDIT,),
        ),
        (
            "Press the play button to preview your video.",
            "Here's a summary of your tracks:",
            (Action.SHOW_SUMMARY,),
        ),
        ("已为你生成视频，可以在左侧素材库中找到。", "已为你生成视频。这是你的文件：", (Action.SHOW_STATE,)),
        ("你可以拖动 BGM 片段来调整开始时间。", MESSAGES["zh-Hans"]["drag"], (Action.SEND_EDIT,)),
        ("在音频面板中使用滑块调整音量。", MESSAGES["zh-Hans"]["click_unnamed"], (Action.SEND_EDIT,)),
        ("请在个人中心查看积分余额。", "这是你的积分余额：", (Action.SHOW_CREDITS,)),
        # Menu paths: the path decides.
        ("Go to File > Export.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        ("Select Export > MP4.", EXPORT_ASK, (Action.RUN_EXPORT,)),
        ("Click Edit > Split to cut the clip.", 'Say "split" and I\'ll do it.', (Action.SEND_EDIT,)),
        (
            "Open File > Import to add music.",
            "Send me the file and I'll upload it.",
            (Action.REQUEST_UPLOAD,),
        ),
        ("依次点击 文件 > 导出。", '说"导出"，我就帮你渲染并下载视频。', (Action.RUN_EXPORT,)),
    ],
)
def test_gestures_inside_longer_backend_sentences(
    text: str, expected: str, actions: tuple[Action, ...]
) -> None:
    assert translate(text) == Translation(expected, actions)


def test_content_around_gestures_is_kept_word_for_word() -> None:
    text = 'Great, I synced the cuts to the beat (120 BPM) and added "Neon Nights" at 3.5s. Click Export to download.'
    result = translate(text)
    assert (
        result.text
        == f'Great, I synced the cuts to the beat (120 BPM) and added "Neon Nights" at 3.5s. {EXPORT_ASK}'
    )
    assert result.actions == (Action.RUN_EXPORT,)


def test_auto_export_says_it_will_export() -> None:
    result = translate("Click the Export button to download your video.", auto_export=True)
    assert result == Translation("I'll export it for you now.", (Action.RUN_EXPORT,))
    assert translate("点击导出按钮", auto_export=True).text == "我现在就帮你导出。"


def test_intro_messages_move_to_the_end_and_actions_do_not_repeat() -> None:
    text = "Open the Media panel to see your files. Click Export. Then click the Export button again."
    result = translate(text)
    assert result.text.endswith("Here are your files:")
    assert result.actions == (Action.SHOW_STATE, Action.RUN_EXPORT)


def test_traditional_is_picked_for_ambiguous_chinese_when_the_user_writes_traditional() -> None:
    assert translate("在时间线中预览", "zh-Hant").text == "这是当前轨道的概要："  # simplified characters win
    assert translate("查看帳戶", "zh-Hant").text == "這是你的積分餘額："


def test_english_text_stays_english_for_a_chinese_user() -> None:
    assert translate("Click the Export button.", "zh-Hans").text == EXPORT_ASK


@pytest.mark.parametrize(
    "text", ["\x00\x01click", "\ud800 Click Export", "🔥" * 1000, "Click " * 20_000, "点击" * 10_000]
)
def test_bad_input_never_raises(text: str) -> None:
    result = translate(text)
    assert isinstance(result.text, str)


def test_translation_is_frozen() -> None:
    result = translate("Click Export.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]
    assert [a.value for a in Action] == ["export", "state", "summary", "credits", "edit", "upload"]
    assert Action.RUN_ACTION is Action.SEND_EDIT


def test_public_names_exist() -> None:
    import skill.gui as module

    assert all(hasattr(module, name) for name in module.__all__)


def test_layout_outside_gestures_is_untouched() -> None:
    text = "Intro line.\n  - indented  item\nClick Export."
    assert translate(text).text == f"Intro line.\n  - indented  item\n{EXPORT_ASK}"
    assert translate("A. Open the Media panel. B.").text == "A. B. Here are your files:"
