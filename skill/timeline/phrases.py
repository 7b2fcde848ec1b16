"""The words of the timeline's summary and diff, one table per language (en, zh-Hans, zh-Hant).

The only user-facing text of ``skill.timeline``: client and backend both describe a timeline through
:mod:`skill.timeline.describe`, so they say the same thing. Placeholders are ``str.format`` fields.
"""

from __future__ import annotations

from .model import TT_AUDIO, TT_TEXT, TT_VIDEO

__all__ = ["NAME_LABELS", "OTHER_TRACK", "TEXT", "TYPE_LABELS"]

# User-facing text, one table per language. Placeholders are str.format fields.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "timeline": "Timeline ({n} {tracks}): {items}",
        "track": "track",
        "tracks": "tracks",
        "empty": "Timeline is empty",
        "empty_track": "empty",
        "clips": "{n} clips",
        "shots": "{n} shots",
        "range": "{a}-{b}s",
        "seconds": "{s}s",
        "untitled": "untitled",
        "added": "Added {label} {desc}",
        "added_track": "Added track {label}",
        "removed": "Removed {label} {name}",
        "removed_track": "Removed track {label}",
        "renamed_track": "Renamed track {old} to {new}",
        "changed_text": 'Changed {label} to "{text}"',
        "changed_name": "Changed {label} to {name}",
        "volume": "{label} volume {old} -> {new}",
        "timing": "{label} now {range}",
        "timing_named": "{label} {name} now {range}",
        "canvas": "Canvas {old} -> {new}",
        "length": "Length {old} -> {new}",
    },
    "zh-Hans": {
        "timeline": "时间线（{n} 条轨道）：{items}",
        "empty": "时间线为空",
        "empty_track": "空",
        "clips": "{n} 个片段",
        "shots": "{n} 个镜头",
        "range": "{a}-{b}秒",
        "seconds": "{s}秒",
        "untitled": "未命名",
        "added": "添加了{label}：{desc}",
        "added_track": "添加了轨道：{label}",
        "removed": "删除了{label}：{name}",
        "removed_track": "删除了轨道：{label}",
        "renamed_track": "轨道 {old} 改名为 {new}",
        "changed_text": '{label}改为"{text}"',
        "changed_name": "{label}改为 {name}",
        "volume": "{label}音量 {old} -> {new}",
        "timing": "{label}现在是 {range}",
        "timing_named": "{label}（{name}）现在是 {range}",
        "canvas": "画布 {old} -> {new}",
        "length": "总时长 {old} -> {new}",
    },
    "zh-Hant": {
        "timeline": "時間線（{n} 條軌道）：{items}",
        "empty": "時間線為空",
        "empty_track": "空",
        "clips": "{n} 個片段",
        "shots": "{n} 個鏡頭",
        "range": "{a}-{b}秒",
        "seconds": "{s}秒",
        "untitled": "未命名",
        "added": "新增了{label}：{desc}",
        "added_track": "新增了軌道：{label}",
        "removed": "刪除了{label}：{name}",
        "removed_track": "刪除了軌道：{label}",
        "renamed_track": "軌道 {old} 改名為 {new}",
        "changed_text": '{label}改為"{text}"',
        "changed_name": "{label}改為 {name}",
        "volume": "{label}音量 {old} -> {new}",
        "timing": "{label}現在是 {range}",
        "timing_named": "{label}（{name}）現在是 {range}",
        "canvas": "畫布 {old} -> {new}",
        "length": "總時長 {old} -> {new}",
    },
}
# Track labels: by track type when the track has no name, and Chinese for the usual English names.
TYPE_LABELS: dict[str, dict[int, str]] = {
    "en": {TT_VIDEO: "Video", TT_AUDIO: "Audio", TT_TEXT: "Text"},
    "zh-Hans": {TT_VIDEO: "视频", TT_AUDIO: "音频", TT_TEXT: "文字"},
    "zh-Hant": {TT_VIDEO: "影片", TT_AUDIO: "音訊", TT_TEXT: "文字"},
}
OTHER_TRACK = {"en": "Track", "zh-Hans": "轨道", "zh-Hant": "軌道"}
NAME_LABELS: dict[str, dict[str, str]] = {
    "zh-Hans": {
        "video": "视频",
        "bgm": "背景音乐",
        "music": "音乐",
        "audio": "音频",
        "title": "标题",
        "text": "文字",
        "subtitles": "字幕",
        "captions": "字幕",
        "voice": "人声",
    },
    "zh-Hant": {
        "video": "影片",
        "bgm": "背景音樂",
        "music": "音樂",
        "audio": "音訊",
        "title": "標題",
        "text": "文字",
        "subtitles": "字幕",
        "captions": "字幕",
        "voice": "人聲",
    },
}
