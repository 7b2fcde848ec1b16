"""Every sentence the local agent says, in English and simplified Chinese: one table, looked up by key.

Read only through :func:`skill.local.replies.reply`, which also gives traditional Chinese (converted
from the ``zh`` text) and fills the fields. A key is defined once: this is the only table (the creator's
edits' sentences are kept in :mod:`skill.local.reply_table_edits` and joined in here; a key in both fails
at import).
"""

from __future__ import annotations

from .reply_table_edits import EDIT_REPLIES

__all__ = ["REPLIES"]

_CONVERSATION: dict[str, dict[str, str]] = {
    # --- the highlight, the first edits, questions and conversation --------------------------------
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
    "unchanged": {
        "en": "That is already the case, so nothing changed.",
        "zh": "现在已经是这样了，没有改动。",
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
    "export": {
        "en": "Your timeline is ready: click Export to render and download the MP4.",
        "zh": "时间线已经准备好了：点击导出即可渲染并下载 MP4。",
    },
    "show": {"en": "Here is the timeline. {summary}", "zh": "当前时间线如下。{summary}"},
    "declined_export": {
        "en": "OK, I won't export yet. Say “export” when you are ready.",
        "zh": "好的，先不导出。准备好了就说“导出”。",
    },
    "declined_title": {
        "en": "OK, no title.",
        "zh": "好的，不加标题。",
    },
    "declined_title_kept": {
        "en": "The title “{text}” is still on the video: say “remove the title”, or give a new one "
        "(for example: title “Summer”).",
        "zh": "标题“{text}”还在视频上：可以说“去掉标题”，或者换一个新的（例如：标题改成《夏日》）。",
    },
    "declined_change": {
        "en": "OK, I left it as it is.",
        "zh": "好的，保持不变。",
    },
    "howto_export": {
        "en": "Just say “export” and I'll render the MP4 and save it for you.",
        "zh": "直接说“导出”，我就渲染 MP4 并帮你保存。",
    },
    "unsupported_title_position": {
        "en": "I can't move the title yet, so I left it where it is. I can change its text or remove it.",
        "zh": "目前还不能移动标题位置，所以我没有改动。我可以修改标题文字或删除标题。",
    },
    "unsupported_title_size": {
        "en": "I can't change the title's size yet, so I left it as it is. I can change its text or remove it.",
        "zh": "目前还不能调整标题大小，所以我没有改动。我可以修改标题文字或删除标题。",
    },
    "unsupported_title_duration": {
        "en": "Tell me how long the title should stay on screen, for example “show the title for 5 seconds”; "
        "I left it as it is.",
        "zh": "请告诉我标题要显示多久，比如“标题显示5秒”；我先没有改动。",
    },
    "unsupported_section_start": {
        "en": "I can't choose where in the song the highlight starts yet, so nothing changed. "
        "I can change its length, its pace or its format.",
        "zh": "目前还不能指定高光从歌曲的哪里开始，所以没有改动。我可以调整时长、节奏或画面比例。",
    },
    "unsupported_aspect": {
        "en": "I can make the video 9:16 (vertical), 16:9 (landscape) or 1:1 (square), not that shape; "
        "I left it as it is.",
        "zh": "视频可以做成 9:16（竖屏）、16:9（横屏）或 1:1（方形），还不支持这个比例；我先没有改动。",
    },
    "unsupported_fade": {
        "en": "I can't add fades yet, so nothing changed.",
        "zh": "目前还不能加淡入淡出，所以没有改动。",
    },
    "unsupported_transition": {
        "en": "I can't change transitions yet, so nothing changed.",
        "zh": "目前还不能修改转场，所以没有改动。",
    },
    "unsupported_colour": {
        "en": "I can't change the picture's colours yet (black and white, filters), so nothing changed there. "
        "On the beat I can flash, zoom or shake, and shots can crossfade or dip to black.",
        "zh": "目前还不能调整画面颜色（黑白、滤镜），这部分没有改动。可以在节拍上加闪白、缩放或抖动，镜头之间也可以淡入淡出或黑场过渡。",
    },
    "ask_duration": {"en": "The video is {length} long.", "zh": "视频时长是 {length}。"},
    "ask_bpm": {"en": "The song is about {bpm} BPM.", "zh": "这首歌大约 {bpm} BPM。"},
    "ask_aspect": {
        "en": "The video is {aspect} ({width}×{height}).",
        "zh": "画面是 {aspect}（{width}×{height}）。",
    },
    "ask_title": {"en": "The title is “{text}”.", "zh": "标题是“{text}”。"},
    "ask_pace": {"en": "Cuts land on {pace}.", "zh": "现在按{pace}切换画面。"},
    "ask_song": {
        "en": "The video plays “{song}” (about {bpm} BPM).",
        "zh": "视频用的是《{song}》（约 {bpm} BPM）。",
    },
    "ask_song_name": {"en": "The video plays “{song}”.", "zh": "视频用的是《{song}》。"},
    "ask_song_uploaded": {
        "en": "You uploaded “{song}”; say “make a highlight” and I will cut the video to it.",
        "zh": "你上传的歌是《{song}》；说“做一个高光视频”，我就按它来剪。",
    },
    "no_song_yet": {
        "en": "There is no song yet: upload an MP3, WAV, M4A or AAC first.",
        "zh": "还没有歌曲：请先上传 MP3、WAV、M4A 或 AAC 文件。",
    },
    "no_title_yet": {"en": "There is no title yet.", "zh": "目前还没有标题。"},
    "not_understood": {
        "en": "Sorry, I did not catch that. ",
        "zh": "抱歉，我没听懂。",
    },
}

_TWICE = _CONVERSATION.keys() & EDIT_REPLIES.keys()
if _TWICE:
    raise RuntimeError(f"reply keys defined twice: {sorted(_TWICE)}")
REPLIES: dict[str, dict[str, str]] = {**_CONVERSATION, **EDIT_REPLIES}
