"""A sentence that names an upload by its file name ("leave out sunset.jpg", "a highlight from
song.wav") is an edit sent to the chat, not an upload request answered with "attach them": end to
end through ``say --json`` and ``state --json`` on the embedded backend."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.local.engine.sound import write_clip
from tests.runtime.conftest import Run

pytestmark = pytest.mark.slow


def _result(run: Run) -> dict[str, Any]:
    assert run.code == 0, run.stderr
    return [e for e in run.events if e.get("event") == "result"][-1]


def _sources(cli: Callable[..., Run]) -> set[str]:
    timeline = _result(cli("state", "--json"))["timeline"]
    return {str(s["source"]) for s in timeline["shots"]}


def test_file_names_in_edits_reach_the_editor(cli: Callable[..., Run], song: Path, tmp_path: Path) -> None:
    from PIL import Image

    media = tmp_path / "media"
    media.mkdir()
    wav = shutil.copy(song, media / "song.wav")
    photo = media / "sunset.jpg"
    Image.new("RGB", (160, 120), (230, 120, 40)).save(photo)
    clip = write_clip(media / "cup.mp4", seconds=4, sound=None, size=(64, 48))
    made = cli(
        "say", "a 6 second highlight from song.wav", "--file", str(wav), "--file", str(photo),
        "--file", str(clip), "--json",
    )  # fmt: skip
    assert made.code == 0, made.stderr
    assert _sources(cli) == {"sunset.jpg", "cup.mp4"}  # the highlight was made, not only the upload

    left = _result(cli("say", "leave out sunset.jpg", "--json"))
    assert left["ok"] is True and "sunset.jpg" in str(left["text"]), left
    assert "attach" not in str(left["text"]).lower()
    assert _sources(cli) == {"cup.mp4"}
    back = _result(cli("say", "把 sunset.jpg 放回去", "--json"))
    assert back["ok"] is True, back
    assert _sources(cli) == {"sunset.jpg", "cup.mp4"}
