"""Titles never render as boxes: a font without Chinese glyphs refuses Chinese, and doctor says the fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skill.local.engine.errors import FontMissingError
from skill.local.engine.title import missing_glyphs, render_title

LATIN_ONLY = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
needs_latin_font = pytest.mark.skipif(not LATIN_ONLY.is_file(), reason="DejaVu Sans is not installed")


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skill", *args],
        cwd=cwd,
        env={**os.environ, "SKILL_FONT": str(LATIN_ONLY)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@needs_latin_font
def test_missing_glyphs_are_found_by_drawing_them() -> None:
    from PIL import ImageFont

    font = ImageFont.truetype(str(LATIN_ONLY), 24)
    assert missing_glyphs(font, "Summer 夏日 Ж é") == ["夏", "日"]


@needs_latin_font
def test_a_latin_font_refuses_chinese_but_draws_latin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILL_FONT", str(LATIN_ONLY))
    assert render_title("Summer Nights", width=1080, height=1920) is not None
    with pytest.raises(FontMissingError) as info:
        render_title("夏日 Summer", width=1080, height=1920)
    assert "夏日" in info.value.message and "Fix:" in info.value.message


@needs_latin_font
def test_doctor_names_the_missing_font_and_the_fix(home: Path, tmp_path: Path) -> None:
    proc = _cli(tmp_path, "doctor", "--json")
    assert proc.returncode == 0
    facts = json.loads(proc.stdout.splitlines()[-1])
    assert facts["cjk_font"] is None and facts["ok"] is True  # not required: English titles still work
    (need,) = [n for n in facts["needs"] if n["need"] == "cjk_font"]
    assert "Chinese" in need["why"] and ("fonts-noto-cjk" in need["fix"] or "SKILL_FONT" in need["fix"])


@pytest.mark.slow
@needs_latin_font
def test_make_with_a_chinese_title_fails_loudly_without_a_cjk_font(
    home: Path, tmp_path: Path, song: Path
) -> None:
    out = tmp_path / "boxes.mp4"
    proc = _cli(tmp_path, "make", str(song), "--seconds", "3", "--title", "夏日", "-o", str(out), "--json")
    assert proc.returncode != 0
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines[-1]["ok"] is False and lines[-1]["code"] == "render_failed"
    assert "夏日" in lines[-1]["text"] and "Fix:" in lines[-1]["text"]
    assert not out.exists()
    for line in proc.stderr.splitlines():  # and stderr stays JSON lines
        json.loads(line)
