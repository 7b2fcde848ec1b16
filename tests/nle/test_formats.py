"""Which editor an export request names: the format table read from the user's words (no OTIO needed)."""

from __future__ import annotations

import pytest

from skill.nle.formats import FORMATS, NLE_FORMATS, format_in
from skill.router import Intent, route


@pytest.mark.parametrize(
    ("words", "fmt"),
    [
        ("export for Premiere", "premiere-xml"),
        ("export it for Adobe Premiere Pro please", "premiere-xml"),
        ("导出到剪映", "premiere-xml"),
        ("導出到剪映", "premiere-xml"),
        ("export to Final Cut", "fcpxml"),
        ("导出到 Final Cut Pro", "fcpxml"),
        ("export for DaVinci Resolve", "fcpxml"),
        ("导出到达芬奇", "fcpxml"),
        ("export an EDL for Avid", "edl"),
        ("export as otio", "otio"),
        ("export for kdenlive", "otio"),
    ],
)
def test_an_export_naming_an_editor_picks_its_format(words: str, fmt: str) -> None:
    assert route(words).intent is Intent.EXPORT, words
    assert format_in(words) == fmt


@pytest.mark.parametrize("words", ["export", "export the video", "导出", "download the final video"])
def test_a_plain_export_is_still_the_mp4(words: str) -> None:
    assert format_in(words) is None


@pytest.mark.parametrize(
    "words",
    ["don't export to premiere yet", "先别导出到剪映", "how do I export for Final Cut?", "用剪映打开会怎样"],
)
def test_naming_an_editor_does_not_make_an_export(words: str) -> None:
    assert route(words).intent is not Intent.EXPORT, words


def test_premiere_pro_is_not_read_as_a_generic_word() -> None:
    # "fcp" inside another word, "edl" inside "needle", "pr" alone: none of them names an editor
    assert format_in("fcp7 xml") == "premiere-xml"
    assert format_in("export the needle drop") is None
    assert format_in("make the pr video and export") is None


def test_every_format_has_its_own_file_suffix() -> None:
    suffixes = [FORMATS[f].suffix for f in NLE_FORMATS]
    assert len(set(suffixes)) == len(NLE_FORMATS)
