"""Clips with their own sound through ``say`` and ``make``: the exported MP4's mix is measured, and
``state --json`` shows the sound settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.local.engine.sound import band_db, integrated_lufs, read_audio, tone, true_peak_db, write_clip
from tests.runtime.conftest import Run

pytestmark = pytest.mark.slow
TONE_HZ = 1000.0


@pytest.fixture(scope="module")
def tone_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_clip(
        tmp_path_factory.mktemp("clips") / "beach.mp4", seconds=8, sound=tone(TONE_HZ, 0.2), size=(96, 64)
    )


def _result(run: Run) -> dict[str, object]:
    assert run.code == 0, run.stderr
    return [e for e in run.events if e["event"] == "result"][-1]


def _tone_level(video: Path) -> tuple[float, float, float]:
    y = read_audio(video)
    seconds = y.shape[1] / 48000
    return band_db(y, 48000, TONE_HZ, 0.3, seconds - 0.3), integrated_lufs(y, 48000), true_peak_db(y)


def test_say_keeps_clip_sound_then_music_only(
    cli: Callable[..., Run], song: Path, tone_clip: Path, tmp_path: Path
) -> None:
    assert cli("say", "use these", "--file", str(song), "--file", str(tone_clip)).code == 0
    assert cli("say", "use my clips and make the best 6 second square highlight").code == 0
    state = _result(cli("state", "--json"))
    timeline = state["timeline"]
    assert isinstance(timeline, dict)
    assert timeline["clip_audio"] == {"keep": True, "duck_db": 10.0}
    assert timeline["shots"] and all(s["gain"] == 1.0 for s in timeline["shots"])

    first = Path(str(_result(cli("say", "send me the video", "--json"))["path"]))
    level, lufs, peak = _tone_level(first)
    assert level > -35 and abs(lufs - -14.0) <= 1.0 and peak <= -1.0, (level, lufs, peak)

    assert cli("say", "music only").code == 0
    timeline = _result(cli("state", "--json"))["timeline"]
    assert isinstance(timeline, dict) and timeline["clip_audio"]["keep"] is False
    first.rename(tmp_path / "first.mp4")
    second = Path(str(_result(cli("say", "send me the video", "--json"))["path"]))
    assert _tone_level(second)[0] < level - 30
    json.dumps(timeline)  # plain JSON all the way down


def test_make_with_clips_mixes_their_sound(
    cli: Callable[..., Run], song: Path, tone_clip: Path, tmp_path: Path
) -> None:
    out = tmp_path / "made.mp4"
    run = cli(
        "make", str(song), "--clips", str(tone_clip), "--seconds", "6", "--aspect", "1:1", "-o", str(out)
    )
    assert run.code == 0, run.stderr
    level, lufs, peak = _tone_level(out)
    assert level > -35 and abs(lufs - -14.0) <= 1.0 and peak <= -1.0, (level, lufs, peak)


def test_render_local_keeps_clip_sound(
    cli: Callable[..., Run], song: Path, tone_clip: Path, tmp_path: Path
) -> None:
    out = tmp_path / "local.mp4"
    run = cli(
        "render-local",
        str(song),
        "-o",
        str(out),
        "--seconds",
        "6",
        "--aspect",
        "1:1",
        "--clips",
        str(tone_clip),
    )
    assert run.code == 0, run.stderr
    level, lufs, peak = _tone_level(out)
    assert level > -35 and abs(lufs - -14.0) <= 1.0 and peak <= -1.0, (level, lufs, peak)


def test_render_local_sound_settings_and_bad_values(
    cli: Callable[..., Run], song: Path, tone_clip: Path, tmp_path: Path
) -> None:
    out = tmp_path / "quiet.mp4"
    run = cli(
        "render-local", str(song), "-o", str(out), "--seconds", "5", "--aspect", "1:1",
        "--clips", str(tone_clip), "--no-clip-sound", "--loudness", "-23",
    )  # fmt: skip
    assert run.code == 0, run.stderr
    level, lufs, peak = _tone_level(out)
    assert level < -60 and abs(lufs - -23.0) <= 1.0 and peak <= -1.0, (level, lufs, peak)
    for flag, value in (("--loudness", "loud"), ("--loudness", "-60"), ("--duck-db", "99")):
        bad = cli("render-local", str(song), "-o", str(tmp_path / "x.mp4"), "--seconds", "5", flag, value)
        assert bad.code != 0
        last = bad.stderr.strip().splitlines()[-1]  # argparse's usage may come first; the reason is one line
        assert ("loudness" in last or "duck" in last) and "Traceback" not in bad.stderr, bad.stderr
        assert not (tmp_path / "x.mp4").exists()
