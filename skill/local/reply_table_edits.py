"""The sentences for the creator's edits (sections, offsets, fades, transitions, effects, the title's
style, the clips, the beat) in English and simplified Chinese; part of :mod:`skill.local.reply_table`.
"""

from __future__ import annotations

__all__ = ["EDIT_REPLIES"]

EDIT_REPLIES: dict[str, dict[str, str]] = {
    "start_at": {
        "en": "The video now starts at {where} ({start}–{end} of the song), {count} shots.",
        "zh": "视频现在从{where}开始（歌曲的 {start}–{end}），共 {count} 段。",
    },
    "start_whole": {
        "en": "The video now uses the whole song ({start}–{end}), {count} shots.",
        "zh": "视频现在用整首歌（{start}–{end}），共 {count} 段。",
    },
    "section_intro": {"en": "the intro", "zh": "前奏"},
    "section_verse": {"en": "the verse", "zh": "主歌"},
    "section_chorus": {"en": "the chorus", "zh": "副歌"},
    "section_drop": {"en": "the drop", "zh": "drop（高潮）"},
    "section_bridge": {"en": "the bridge", "zh": "桥段"},
    "section_outro": {"en": "the outro", "zh": "尾奏"},
    "section_whole": {"en": "the whole song", "zh": "整首歌"},
    "pace_half": {"en": "every other beat", "zh": "隔拍"},
    "section_pace": {
        "en": "In {section} the cuts now fall on {pace}: {count} shots in all.",
        "zh": "{section}部分现在按{pace}切，共 {count} 段。",
    },
    "section_pace_off": {
        "en": "{section} now follows the overall pace: {count} shots in all.",
        "zh": "{section}部分恢复整体节奏，共 {count} 段。",
    },
    "offset_earlier": {
        "en": "Every cut now comes {ms} ms before the beat.",
        "zh": "所有剪切点现在比节拍提前 {ms} 毫秒。",
    },
    "offset_later": {
        "en": "Every cut now comes {ms} ms after the beat.",
        "zh": "所有剪切点现在比节拍延后 {ms} 毫秒。",
    },
    "offset_zero": {
        "en": "The cuts are back on the beat (no offset).",
        "zh": "剪切点已回到节拍上（无偏移）。",
    },
    "offset_limit": {
        "en": "The cuts cannot move further: the offset is already {offset_ms} ms.",
        "zh": "剪切点不能再移动了：偏移已经是 {offset_ms} 毫秒。",
    },
    "fade": {
        "en": "Fades: in {fade_in}, out {fade_out} (picture and music together).",
        "zh": "淡入：{fade_in}，淡出：{fade_out}（画面和音乐一起）。",
    },
    "none_word": {"en": "none", "zh": "无"},
    "fade_none": {
        "en": "No fades: the video starts and ends with a hard cut.",
        "zh": "已取消淡入淡出：视频直接开始和结束。",
    },
    "transition": {
        "en": "Shots now join with a {kind} of {seconds} s {where}.",
        "zh": "镜头之间现在用 {seconds} 秒的{kind}过渡（{where}）。",
    },
    "transition_next": {
        "en": "Noted: once the video is cut, shots will join with a {kind} of {seconds} s {where}. "
        "Say “make a 20 second highlight” to cut it.",
        "zh": "好的：视频剪好后，镜头之间会用 {seconds} 秒的{kind}过渡（{where}）。说“做一个 20 秒的高光”就开始剪。",
    },
    "transition_cut": {"en": "Shots now join with hard cuts.", "zh": "镜头之间现在直接硬切。"},
    "transition_crossfade": {"en": "crossfade", "zh": "叠化"},
    "transition_dip_black": {"en": "dip to black", "zh": "黑场"},
    "transition_dip_white": {"en": "dip to white", "zh": "白场"},
    "everywhere": {"en": "everywhere", "zh": "全片"},
    "in_chorus": {"en": "in the chorus only", "zh": "只在副歌"},
    "effect": {
        "en": "A {kind} now hits {on}, {where}.",
        "zh": "{on}现在加上{kind}效果（{where}）。",
    },
    "effect_next": {
        "en": "Noted: once the video is cut, a {kind} will hit {on}, {where}. "
        "Say “make a 20 second highlight” to cut it.",
        "zh": "好的：视频剪好后，{on}会加上{kind}效果（{where}）。说“做一个 20 秒的高光”就开始剪。",
    },
    "effect_none": {"en": "Beat effects are off.", "zh": "已关闭节拍特效。"},
    "effect_flash": {"en": "flash", "zh": "闪光"},
    "effect_zoom": {"en": "zoom punch", "zh": "缩放冲击"},
    "effect_shake": {"en": "shake", "zh": "震动"},
    "on_cuts": {"en": "every cut", "zh": "每个剪切点"},
    "on_downbeats": {"en": "every downbeat", "zh": "每个重拍"},
    "title_style": {
        "en": "The title is now {size}, at the {position}, in {colour}, {start}–{end} s.",
        "zh": "标题现在是{size}字，放在{position}，颜色 {colour}，显示 {start}–{end} 秒。",
    },
    "position_top": {"en": "top", "zh": "顶部"},
    "position_center": {"en": "centre", "zh": "中间"},
    "position_bottom": {"en": "bottom", "zh": "底部"},
    "size_small": {"en": "small", "zh": "小"},
    "size_medium": {"en": "medium", "zh": "中"},
    "size_large": {"en": "large", "zh": "大"},
    # a title's colour by name (edit_words.COLOURS); a colour of no name is said as its hex code
    "colour_red": {"en": "red", "zh": "红色"},
    "colour_yellow": {"en": "yellow", "zh": "黄色"},
    "colour_white": {"en": "white", "zh": "白色"},
    "colour_black": {"en": "black", "zh": "黑色"},
    "colour_blue": {"en": "blue", "zh": "蓝色"},
    "colour_green": {"en": "green", "zh": "绿色"},
    "colour_orange": {"en": "orange", "zh": "橙色"},
    "colour_pink": {"en": "pink", "zh": "粉色"},
    "colour_purple": {"en": "purple", "zh": "紫色"},
    "colour_gold": {"en": "gold", "zh": "金色"},
    "need_title": {
        "en": "There is no title yet: give it one first (for example: title “Summer”).",
        "zh": "还没有标题：请先设置一个（例如：标题改成《夏日》）。",
    },
    "text_added": {
        "en": "Added the text “{text}” ({start}–{end} s).",
        "zh": "已添加文字“{text}”（{start}–{end} 秒）。",
    },
    "clip_order": {
        "en": "The shots now show your clips in this order: {names}.",
        "zh": "镜头现在按这个顺序使用素材：{names}。",
    },
    "clip_left_out": {
        "en": "Left out {clip}; the shots now show: {names}.",
        "zh": "已不再使用 {clip}；现在的素材：{names}。",
    },
    "clip_back": {
        "en": "{clip} is back; the shots now show: {names}.",
        "zh": "{clip} 已加回；现在的素材：{names}。",
    },
    "clip_left_out_next": {
        "en": "Noted: the highlight will leave out {clip}.",
        "zh": "好的：高光视频不会用 {clip}。",
    },
    "clip_back_next": {
        "en": "Noted: the highlight will use {clip} again.",
        "zh": "好的：高光视频会重新用 {clip}。",
    },
    "only_clips": {
        "en": "The shots now use only {names}; left out: {left}.",
        "zh": "现在只用 {names}；不再使用：{left}。",
    },
    "only_clips_next": {
        "en": "Noted: the highlight will use only the clips you named, leaving out {left}.",
        "zh": "好的：高光视频只会用你指定的素材，不用 {left}。",
    },
    "no_clip_number": {
        "en": "You uploaded {count} clips and photos, so there is no number {number}; nothing changed.",
        "zh": "你上传了 {count} 个视频和照片，没有第 {number} 个，所以没有改动。",
    },
    "no_clips_of_kind": {
        "en": "None of your uploads are {kind}, so nothing changed.",
        "zh": "你上传的素材里没有{kind}，所以没有改动。",
    },
    "kind_clip": {"en": "video clips", "zh": "视频片段"},
    "kind_photo": {"en": "photos", "zh": "照片"},
    "title_at_end": {
        "en": "The title already stays until the end of the video ({end} s), so nothing changed.",
        "zh": "标题已经显示到视频结尾（{end} 秒），所以没有改动。",
    },
    "title_shortest": {
        "en": "The title is already as short as it can be ({length}), so nothing changed.",
        "zh": "标题已经是最短的了（{length}），所以没有改动。",
    },
    "photo_motion_on": {"en": "Photos now pan slowly.", "zh": "照片现在会缓慢移动。"},
    "photo_motion_off": {"en": "Photos now stand still.", "zh": "照片现在保持静止。"},
    "no_section": {
        "en": "I could not find {section} in this song, so nothing changed.",
        "zh": "这首歌里没有找到{section}，所以没有修改。",
    },
    "start_beyond_end": {
        "en": "The song is only {length} long, so it cannot start there.",
        "zh": "这首歌只有 {length}，不能从那里开始。",
    },
    "need_clips": {
        "en": "Upload some clips or photos first; the video uses generated visuals now.",
        "zh": "请先上传视频或照片素材；现在用的是生成的画面。",
    },
    "all_clips_excluded": {
        "en": "That would leave no clips at all, so I kept it.",
        "zh": "这样就没有素材可用了，所以保留了它。",
    },
    "redo": {"en": "Redone. {summary}", "zh": "已重做。{summary}"},
    "nothing_to_redo": {"en": "There is nothing to redo.", "zh": "没有可以重做的操作。"},
    "start_over": {
        "en": "Starting over: the timeline is empty again and your uploads are still here. Say “undo” to get it back.",
        "zh": "已重新开始：时间线清空了，上传的文件都还在。说“撤销”可以恢复。",
    },
    "no_photos": {
        "en": "The video shows no photos, so there is nothing to move or hold.",
        "zh": "视频里没有照片，所以无需设置。",
    },
    "beat_double": {
        "en": "Double time: the beat is now {bpm} BPM and the cuts follow it, {count} shots.",
        "zh": "已改为双倍速：节拍现在是 {bpm} BPM，画面跟着新节拍切，共 {count} 段。",
    },
    "beat_half": {
        "en": "Half time: the beat is now {bpm} BPM and the cuts follow it, {count} shots.",
        "zh": "已改为半速：节拍现在是 {bpm} BPM，画面跟着新节拍切，共 {count} 段。",
    },
    "beat_offbeat": {
        "en": "I moved the beat by half a beat, so the cuts now land where the off-beats were: {count} shots "
        "at {bpm} BPM.",
        "zh": "节拍已移动半拍，画面现在切在原来的反拍上，共 {count} 段，{bpm} BPM。",
    },
    "beat_onbeat": {
        "en": "The beat is back where I heard it (no half-beat shift): {count} shots at {bpm} BPM.",
        "zh": "节拍已移回检测到的位置（取消半拍偏移），共 {count} 段，{bpm} BPM。",
    },
    "beat_tap": {
        "en": "The tempo is now {bpm} BPM: a steady beat lined up with the one I heard, {count} shots.",
        "zh": "速度已设为 {bpm} BPM：均匀的节拍，对齐到检测到的拍点，共 {count} 段。",
    },
    "beat_detected": {
        "en": "Back to the beat as I detected it: {bpm} BPM, {count} shots.",
        "zh": "已恢复为检测到的节拍：{bpm} BPM，共 {count} 段。",
    },
    "bpm_limit": {
        "en": "The beat is at {bpm} BPM and cannot go further that way ({min}–{max} BPM).",
        "zh": "节拍现在是 {bpm} BPM，不能再往这个方向调了（范围 {min}–{max} BPM）。",
    },
    "bpm_range": {
        "en": "{bpm} BPM is outside the tempos I can cut to ({min}–{max} BPM).",
        "zh": "{bpm} BPM 超出了可以卡点的速度范围（{min}–{max} BPM）。",
    },
    "no_beat_fix": {
        "en": "The beat is already as I detected it ({bpm} BPM).",
        "zh": "节拍已经是检测到的样子（{bpm} BPM）。",
    },
    "beat_unsure": {
        "en": "I am not sure of this song's beat ({bpm} BPM). If the cuts feel off, say “double time”, "
        "“half time”, “the beat is on the off-beat” or “tap: 120 BPM”.",
        "zh": "这首歌的节拍我不太确定（{bpm} BPM）。如果卡点不准，可以说“节奏快一倍”“半速”“踩在反拍上”或“BPM 是 120”。",
    },
    "bar_later": {
        "en": "The bars now start {beats} later than I heard them; cuts on the bar and the sections follow, "
        "{count} shots.",
        "zh": "小节线已往后移{beats}：按小节的切点和段落跟着调整，共 {count} 段。",
    },
    "bar_earlier": {
        "en": "The bars now start {beats} earlier than I heard them; cuts on the bar and the sections follow, "
        "{count} shots.",
        "zh": "小节线已往前移{beats}：按小节的切点和段落跟着调整，共 {count} 段。",
    },
    "bar_detected": {
        "en": "The bar lines are back where I heard them: {count} shots.",
        "zh": "小节线已回到检测到的位置，共 {count} 段。",
    },
    "bar_meter": {
        "en": "The song now has {beats} to a bar; cuts on the bar and the sections follow, {count} shots.",
        "zh": "已改为每小节{beats}：按小节的切点和段落跟着调整，共 {count} 段。",
    },
    "beat_count_1": {"en": "one beat", "zh": "一拍"},  # a bar shift is 1 to 3 beats; a meter 2 to 4
    "beat_count_2": {"en": "two beats", "zh": "两拍"},
    "beat_count_3": {"en": "three beats", "zh": "三拍"},
    "beat_count_4": {"en": "four beats", "zh": "四拍"},
}
