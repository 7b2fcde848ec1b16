"""Every sentence the local agent says, in English and Chinese: one table, filled by key.

Traditional Chinese (``zh-Hant``) is the simplified text with its characters mapped, before the
user's own words (song names, titles) are filled in, so those are never altered.
"""

from __future__ import annotations

from typing import Any

from .edit_replies import EDIT_REPLIES

__all__ = ["reply"]

_REPLIES: dict[str, dict[str, str]] = {
    "highlight": {
        "en": "Done! I analysed “{song}” (about {bpm} BPM), picked its strongest {length} ({start}–{end}) and cut "
        "{count} {visuals} on {pace}, {aspect} at {width}×{height}.",
        "zh": "好了！我分析了《{song}》（约 {bpm} BPM），选出最精彩的 {length}（{start}–{end}），"
        "按{pace}剪成 {count} 段{visuals}，画面 {aspect}（{width}×{height}）。",
    },
    "steady_note": {
        "en": "The beat was hard to hear, so I used a steady grid.",
        "zh": "这首歌的节拍不太明显，我用了均匀的节拍网格。",
    },
    "export_hint": {
        "en": "Preview it in the timeline, then click Export to download the MP4.",
        "zh": "可以在时间线中预览，点击导出即可下载 MP4。",
    },
    "edit_hint": {
        "en": "Preview the change in the timeline, or export when you are ready.",
        "zh": "可以在时间线中预览修改，满意后就可以导出。",
    },
    "visuals_generated": {"en": "beat visuals", "zh": "节拍画面"},
    "visuals_clips": {"en": "shots from your clips ({names})", "zh": "你的素材片段（{names}）"},
    "no_clips": {
        "en": "You have not uploaded any clips yet, so I used generated beat visuals.",
        "zh": "你还没有上传素材，所以我先用了生成的节拍画面。",
    },
    "pace_beat": {"en": "every beat", "zh": "每拍"},
    "pace_bar": {"en": "every bar", "zh": "每小节"},
    "pace_2bar": {"en": "every 2 bars", "zh": "每两小节"},
    "seconds": {"en": "{n} seconds", "zh": "{n} 秒"},
    "need_song": {
        "en": "Please upload a song first (MP3, WAV, M4A or AAC, up to 500 MB), then ask me again.",
        "zh": "请先上传一首歌（MP3、WAV、M4A 或 AAC，最大 500 MB），然后再告诉我一次。",
    },
    "need_highlight": {
        "en": "There is no highlight yet. Say “sync the visuals to the beat and make the best 30 second "
        "highlight” first.",
        "zh": "还没有高光视频。请先说“按节拍卡点，做一个 30 秒的精彩集锦”。",
    },
    "analysis_failed": {
        "en": "I could not analyse “{song}”: {reason}",
        "zh": "无法分析《{song}》：{reason}",
    },
    "aspect": {
        "en": "The video is now {aspect} ({width}×{height}).",
        "zh": "画面已改为 {aspect}（{width}×{height}）。",
    },
    "title": {
        "en": "Title set to “{text}” ({start}–{end}s).",
        "zh": "标题已设为“{text}”（{start}–{end} 秒）。",
    },
    "title_removed": {"en": "The title is removed.", "zh": "标题已删除。"},
    "no_title": {"en": "There is no title to remove.", "zh": "目前没有标题可以删除。"},
    "volume": {"en": "Music volume is now {percent}%.", "zh": "背景音乐音量已调到 {percent}%。"},
    "pace": {
        "en": "Cuts now land on {pace}: {count} shots.",
        "zh": "现在按{pace}切换画面，共 {count} 段。",
    },
    "length": {
        "en": "The highlight is now {length} long ({start}–{end} of the song).",
        "zh": "视频时长已改为 {length}（取自歌曲的 {start}–{end}）。",
    },
    "length_clamped": {
        "en": "The song is only {length} long, so that is the longest the video can be.",
        "zh": "这首歌只有 {length}，视频最长就是这么长。",
    },
    "length_limit": {
        "en": "The highlight is {length} long and cannot change further that way.",
        "zh": "视频现在是 {length}，不能再往这个方向调整了。",
    },
    "clip_sound_on": {
        "en": "The clips keep their own sound; the music dips {duck} dB under it.",
        "zh": "片段保留原声，原声响起时音乐降低 {duck} dB。",
    },
    "clip_sound_off": {
        "en": "Music only: the clips' own sound is muted.",
        "zh": "现在只有音乐：片段原声已静音。",
    },
    "clip_muted": {
        "en": "The sound of {name} is muted; the other clips keep theirs.",
        "zh": "{name} 的原声已静音，其他片段保留原声。",
    },
    "clip_kept": {"en": "{name} plays its own sound.", "zh": "{name} 保留原声。"},
    "clip_level": {
        "en": "The clips' own sound is now at {percent}%.",
        "zh": "片段原声音量已调到 {percent}%。",
    },
    "clip_level_one": {
        "en": "The sound of {name} is now at {percent}%.",
        "zh": "{name} 的原声音量已调到 {percent}%。",
    },
    "duck": {
        "en": "While the clips' sound plays, the music now dips {duck} dB.",
        "zh": "原声响起时，音乐现在降低 {duck} dB。",
    },
    "duck_off": {
        "en": "The music no longer dips under the clips' sound.",
        "zh": "音乐不再为原声降低音量。",
    },
    "no_clip_sound": {
        "en": "There are no clips on the timeline, so there is no clip sound to change. Upload some and "
        "say “use my clips”.",
        "zh": "时间线上还没有素材片段，没有原声可调。上传素材后说“用我的素材”。",
    },
    "no_such_clip": {
        "en": "There is no clip called “{clip}” on the timeline.",
        "zh": "时间线上没有叫“{clip}”的片段。",
    },
    "undo": {"en": "Undone. {summary}", "zh": "已撤销。{summary}"},
    "nothing_to_undo": {"en": "There is nothing to undo.", "zh": "没有可以撤销的操作。"},
    "use_media": {
        "en": "Got it, I have your upload. Say “sync the visuals to the beat and make the best 30 second "
        "highlight” (any length, and 9:16, 1:1 or 16:9) and I'll cut it on the beat.",
        "zh": "收到，素材已就绪。说“按节拍卡点，做一个 30 秒的精彩集锦”（长度和 9:16、1:1、16:9 都可以指定），"
        "我就按节拍剪辑。",
    },
    "greeting": {
        "en": "Hi! Upload a song and say “sync the visuals to the beat and make the best 30 second highlight”.",
        "zh": "你好！上传一首歌，然后说“按节拍卡点，做一个 30 秒的精彩集锦”。",
    },
    "help": {
        "en": "I can turn your song into a beat-synced highlight video. Try: “sync the visuals to the beat and "
        "make the best 30 second highlight” · “use my clips” · “make it vertical” / “square” / “16:9” · "
        "“add a title 'Neon Nights'” · “music volume 60%” · “cut every bar” / “every 2 bars” · "
        "“make it 15 seconds” · “undo”. Upload MP3, WAV, M4A or AAC (and MP4/MOV clips or photos).",
        "zh": "我可以把你的歌做成卡点高光视频。可以这样说：“按节拍卡点，做一个 30 秒的精彩集锦” · "
        "“用我的素材” · “改成竖屏”/“方形”/“横屏” · “加标题“夏日”” · “音乐音量 60%” · "
        "“每小节切一次”/“每两小节” · “缩短到 20 秒” · “撤销”。支持上传 MP3、WAV、M4A、AAC（以及 MP4/MOV 素材或照片）。",
    },
    "summary": {"en": "Timeline ({n} tracks): {items}", "zh": "时间线（{n} 条轨道）：{items}"},
    "summary_empty": {"en": "Timeline (0 tracks): empty", "zh": "时间线（0 条轨道）：空"},
    "summary_span": {"en": "{start}-{end}s", "zh": "{start}-{end}秒"},
    "summary_shots": {"en": ", {n} shots", "zh": "，{n} 段"},
    "summary_video": {"en": "{label}: {names} ({span}{shots})", "zh": "{label}：{names}（{span}{shots}）"},
    "summary_audio": {
        "en": "{label}: {name} ({span}, {percent}%)",
        "zh": "{label}：{name}（{span}，{percent}%）",
    },
    "summary_text": {"en": '{label}: "{text}" ({span})', "zh": "{label}：“{text}”（{span}）"},
    "label_video": {"en": "Video", "zh": "视频"},
    "label_bgm": {"en": "BGM", "zh": "背景音乐"},
    "label_audio": {"en": "Audio", "zh": "音频"},
    "label_title": {"en": "Title", "zh": "标题"},
    "label_text": {"en": "Text", "zh": "文字"},
    "label_track": {"en": "Track", "zh": "轨道"},
    "export": {
        "en": "Your timeline is ready: click Export to render and download the MP4.",
        "zh": "时间线已经准备好了：点击导出即可渲染并下载 MP4。",
    },
    "show": {"en": "Here is the timeline. {summary}", "zh": "当前时间线如下。{summary}"},
    "not_understood": {
        "en": "Sorry, I did not catch that. ",
        "zh": "抱歉，我没听懂。",
    },
}


_REPLIES.update(EDIT_REPLIES)  # the creator's edits: fades, transitions, sections, clips, ...

# the simplified characters of the table above that differ in traditional script
_TO_HANT = str.maketrans(
    "两个为么乐传删击后听导换无时显样横满点现画约线缩网节视览设说请调载还这选销锦长间预频题标竖没条轨频绪辑就声响静"
    "从会体关冲动叠场复头开桥经结缓过里镜闪闭顶顺颜",
    "兩個為麼樂傳刪擊後聽導換無時顯樣橫滿點現畫約線縮網節視覽設說請調載還這選銷錦長間預頻題標豎沒條軌頻緒輯就聲響靜"
    "從會體關衝動疊場復頭開橋經結緩過裡鏡閃閉頂順顏",
)


def reply(key: str, lang: str, **fields: Any) -> str:
    """Return the sentence ``key`` in ``lang`` ("en", "zh" or "zh-Hant"; English as fallback), filled."""
    entry = _REPLIES[key]
    if lang.startswith("zh"):
        template = entry["zh"].translate(_TO_HANT) if lang == "zh-Hant" else entry["zh"]
    else:
        template = entry["en"]
    return template.format(**fields)
