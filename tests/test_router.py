"""Unit tests for skill.router: normalising, language, routing rules, bad input and the YAML loader."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skill import router
from skill.router import (
    Intent,
    RouteChoice,
    RoutesError,
    detect_language,
    load_routes,
    normalise,
    route,
    score,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EXPORT", "export"),
        ("ＥＸＰＯＲＴ！", "export"),  # full-width
        ("exportttt", "export"),
        ("pleeease", "please"),
        ("What's  on\tthe\ntimeline???", "whats on the timeline"),
        ("don’t export", "dont export"),
        ("帮我export一下", "帮我 export 一下"),
        ("导出，谢谢！", "导出 谢谢"),
        ("export\x00\x1b[0m", "export 0m"),
        ("🚀🚀 render 🔥", "render"),
        ("", ""),
        ("   ", ""),
        ("1000", "1000"),
        ("\ud83d\ude00 ok \ud800", "ok"),  # a surrogate pair and a lone surrogate
        ("Ｅｘｐｏｒｔ\u200b", "export"),  # zero-width space
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send me the video", "en"),
        ("还剩多少积分", "zh-Hans"),
        ("把视频发给我", "zh-Hans"),
        ("餘額多少", "zh-Hant"),
        ("下載影片", "zh-Hant"),
        ("目前進度", "zh-Hant"),
        ("帮我 export 一下", "mixed"),
        ("make it 竖屏 please", "mixed"),
        ("把 BGM 调小", "zh-Hans"),  # an acronym does not make it mixed
        ("导出 1080p mp4", "zh-Hans"),
        ("ok 导出吧", "zh-Hans"),
        ("", "en"),
        ("🙂", "en"),
        ("12345", "en"),
        ("動画を書き出して", "ja"),
        ("동영상 내보내기", "ko"),
        ("x" * 100_000, "en"),
        ("Could you please export the final video in 1080p and send me the link", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_asks_langdetect_only_for_long_foreign_text() -> None:
    assert detect_language("Por favor exporta el video en alta calidad y mándamelo cuando esté listo") == "es"
    assert detect_language("Kannst du bitte das Video exportieren und mir den Link schicken") == "de"
    assert detect_language("exporta el video") == "en"  # short: English replies


@pytest.mark.parametrize(
    ("text", "intent", "matched"),
    [
        ("how many credits do I have left?", Intent.CREDITS, "how many credits"),
        ("export 1080p mp4", Intent.EXPORT, "export"),
        ("add a title that says Export", Intent.CHAT, "add"),
        ("make it ready to export with a title", Intent.CHAT, "make"),
        ("change the title to status update", Intent.CHAT, "change"),
        ("don't export yet", Intent.CHAT, "dont"),
        ("先别导出", Intent.CHAT, "先别"),
        ("不要下載", Intent.CHAT, "不要"),
        ("export later", Intent.CHAT, "later"),
        ("exprot it", Intent.EXPORT, "export"),  # one typo
        ("I'm an expert", Intent.CHAT, None),  # a real word near a keyword is not a typo
        ("heres my trak", Intent.UPLOAD, "heres my track"),  # a typo inside a phrase
        ("send me the vidoe", Intent.EXPORT, "send me the video"),
        ("the stage lights look great", Intent.CHAT, None),  # "stage" is not a typo of "state"
        ("don't change anything, just export", Intent.EXPORT, "export"),  # the negation covers the edit only
        ("don't export, add a title", Intent.CHAT, "dont"),
        ("What's on the timeline? I'll export later", Intent.STATE, "whats on the timeline"),  # hold is local
        ("export the timeline", Intent.EXPORT, "export"),  # the timeline is what to export
        ("export progress", Intent.STATE, "progress"),
        ("balance the audio levels", Intent.CHAT, "balance the"),
        ("add end credits", Intent.CHAT, "add"),
        ("how much does it cost to make a video?", Intent.CREDITS, "how much does it cost"),
        ("can you add credits at the end?", Intent.CHAT, "add"),
        ("I don't know how many credits I have", Intent.CREDITS, "how many credits"),
        ("能不能导出？", Intent.EXPORT, "导出"),
        ("https://example.com/song.mp3", Intent.UPLOAD, "https://example.com/song.mp3"),
        ("how do I export?", Intent.CHAT, "how do i"),  # a how-to question is for chat
        ("怎么上传视频？", Intent.CHAT, "怎么"),
        ("how many credits do I have?", Intent.CREDITS, "how many credits"),  # "how many" is no how-to
        ("进度怎么样了", Intent.STATE, "怎么样了"),
        ("here's the link to my song: https://example.com/a.mp3", Intent.UPLOAD, "https://example.com/a.mp3"),
        ("send me the link", Intent.EXPORT, "send me the link"),
        ("how do I get the video in 4k?", Intent.CHAT, "how do i"),  # the how-to covers the weak "4k" too
        ("how do I upload from my phone?", Intent.CHAT, "how do i"),  # and later cues of the same intent
        ("can you render the title in gold?", Intent.CHAT, "render the title"),  # drawing text, not exporting
    ],
)
def test_route_rules(text: str, intent: Intent, matched: str | None) -> None:
    choice = route(text)
    assert (choice.intent, choice.matched) == (intent, matched)


def test_files_always_mean_upload() -> None:
    assert route("sync to the beat", has_files=True) == RouteChoice(Intent.UPLOAD, 1.0, "files", "en")
    assert route("", has_files=True).intent is Intent.UPLOAD


def test_edit_and_negation_beat_action_keywords() -> None:
    assert route("add a title and export").intent is Intent.CHAT
    assert route("don't upload it, add a title").intent is Intent.CHAT


def test_scores_are_between_zero_and_one_and_strong_beats_weak() -> None:
    assert route("send me the video").score == 1.0
    assert route("download").score == 0.8
    assert 0 < route("downlaod").score < 0.8
    assert route("hello").score == 0.0


def test_score_reports_every_intent() -> None:
    scores = score("how many credits are left? then export")
    assert set(scores) == set(Intent)
    assert scores[Intent.CREDITS] > scores[Intent.EXPORT] > 0
    assert score("add a title")[Intent.CHAT] == router.EDIT_SCORE
    assert score("x", has_files=True)[Intent.UPLOAD] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\t",
        "🎵🎶🎵",
        "\x00\x01\x02\x7f",
        "1234567890",
        "\ud800",
        "\udfff abc \ud83d",
        "?!?!",
        "ـــ",
        "\u0301" * 50,
    ],
)
def test_bad_input_is_chat_and_never_raises(text: str) -> None:
    choice = route(text)
    assert choice.intent is Intent.CHAT
    assert choice.score == 0.0
    assert choice.matched is None


def test_huge_input_is_capped_and_fast() -> None:
    huge = "please export the video " * 5_000  # 120,000 characters
    route(huge)
    start = time.perf_counter()
    choice = route(huge)
    elapsed = time.perf_counter() - start
    assert choice.intent is Intent.EXPORT
    assert elapsed < 0.05
    assert len(normalise(huge)) <= router.MAX_SCAN_CHARS


def test_route_choice_is_frozen_and_intent_is_a_string() -> None:
    choice = route("status")
    with pytest.raises(dataclasses.FrozenInstanceError):
        choice.intent = Intent.CHAT  # type: ignore[misc]
    assert Intent.STATE == "state"
    assert [i.value for i in Intent] == ["export", "credits", "state", "open", "upload", "chat"]


def _write_routes(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "intents.yaml"
    path.write_text(text, encoding="utf-8")
    return path


_MINIMAL = """
version: 1
intents:
  export: {keywords: {en: [export]}}
  credits: {keywords: {en: [credits]}}
edit: {en: [add]}
negation: {en: [dont]}
hold: {en: [later]}
neutral: {en: [dont know]}
question: {en: [how]}
"""


def test_loader_accepts_a_minimal_file(tmp_path: Path) -> None:
    routes = load_routes(_write_routes(tmp_path, _MINIMAL))
    assert routes.cues["export"].owner == "export"
    assert "们" in routes.simplified and "們" in routes.traditional


def test_loader_refuses_a_keyword_claimed_by_two_intents(tmp_path: Path) -> None:
    text = _MINIMAL.replace("credits: {keywords: {en: [credits]}}", "credits: {keywords: {en: [Export!]}}")
    with pytest.raises(RoutesError, match="claimed by both export and credits"):
        load_routes(_write_routes(tmp_path, text))


def test_loader_refuses_a_cue_shared_by_an_intent_and_edit(tmp_path: Path) -> None:
    with pytest.raises(RoutesError, match="claimed by both"):
        load_routes(_write_routes(tmp_path, _MINIMAL.replace("edit: {en: [add]}", "edit: {en: [export]}")))


def test_loader_refuses_unknown_keys_and_intents(tmp_path: Path) -> None:
    with pytest.raises(RoutesError, match="malformed"):
        load_routes(_write_routes(tmp_path, _MINIMAL + "surprise: 1\n"))
    with pytest.raises(RoutesError, match="malformed"):
        load_routes(_write_routes(tmp_path, _MINIMAL.replace("credits:", "refund:")))


def test_loader_refuses_missing_or_broken_files(tmp_path: Path) -> None:
    with pytest.raises(RoutesError, match="cannot read"):
        load_routes(tmp_path / "missing.yaml")
    with pytest.raises(RoutesError, match="cannot read"):
        load_routes(_write_routes(tmp_path, "intents: [unclosed"))


def test_loader_is_cached() -> None:
    assert load_routes() is load_routes()


def test_shipped_routes_load_and_expand_templates() -> None:
    routes = load_routes()
    assert routes.cues["send me the video"].owner == "export"
    assert routes.cues["给 我 影 片".replace("给", "給")].owner == "export"
    assert routes.cues["还 剩 多 少"].owner == "credits"


def test_router_import_stays_light() -> None:
    code = (
        "import sys, skill.router as r; r.route('hello world'); "
        "heavy = {'langdetect', 'numpy', 'librosa', 'av', 'starlette'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_exist() -> None:
    import skill.router as module

    assert all(hasattr(module, name) for name in module.__all__)
