"""The ``render-local`` command end to end, in a subprocess like an agent would run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from support.env import child_env

import skill.local.engine as engine

from .synth import Song, write_wav

pytestmark = pytest.mark.slow


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = child_env()
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from skill.cli import main; sys.exit(main())",
            "render-local",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def test_render_local_json(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    _, wav = song_120
    out = tmp_path / "out.mp4"
    proc = _cli(
        str(wav), "-o", str(out), "--seconds", "5", "--aspect", "1:1", "--pace", "bar", "--json", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(ln) for ln in proc.stdout.splitlines() if ln.strip()]
    assert lines[-1]["event"] == "result"
    assert lines[-1]["path"] == str(out)
    assert lines[-1]["duration_s"] == pytest.approx(6.0, abs=2.0)
    assert out.is_file()
    progress = [json.loads(ln) for ln in proc.stderr.splitlines() if ln.startswith("{")]
    assert any(p.get("event") == "progress" and p.get("stage") == "render" for p in progress)


def test_render_local_human_output(song_120: tuple[Song, Path], tmp_path: Path) -> None:
    _, wav = song_120
    out = tmp_path / "plain.mp4"
    proc = _cli(str(wav), "-o", str(out), "--seconds", "4", "--aspect", "9:16", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out)


@pytest.mark.parametrize("case", ["corrupt", "silent", "short", "bad_dir"])
def test_bad_input_one_line_and_no_file(case: str, tmp_path: Path, song_120: tuple[Song, Path]) -> None:
    _, wav = song_120
    out = tmp_path / "out.mp4"
    if case == "corrupt":
        song = tmp_path / "bad.mp3"
        song.write_bytes(b"\x00\x01garbage" * 1000)
    elif case == "silent":
        song = write_wav(tmp_path / "silent.wav", np.zeros(22050 * 6, np.float32), 22050)
    elif case == "short":
        song = write_wav(
            tmp_path / "short.wav", (0.3 * np.sin(np.arange(44100) / 5)).astype(np.float32), 22050
        )
    else:
        song, out = wav, tmp_path / "missing" / "out.mp4"
    proc = _cli(str(song), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 1
    messages = [ln for ln in proc.stderr.strip().splitlines() if not re.fullmatch(r"\w+: \d+%", ln)]
    assert len(messages) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    assert [p.name for p in out.parent.glob(".*part*")] == [] if out.parent.exists() else True


def test_no_clear_beat_is_said(noise_wav: Path, tmp_path: Path) -> None:
    out = tmp_path / "noise.mp4"
    proc = _cli(str(noise_wav), "-o", str(out), "--aspect", "1:1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "steady" in proc.stderr.lower()


def test_engine_import_is_light() -> None:
    code = "import sys, skill.local.engine; print(any(m in sys.modules for m in ('av', 'numpy', 'scipy', 'PIL')))"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.strip() == "False"


def test_public_names() -> None:
    for name in engine.__all__:
        assert getattr(engine, name) is not None
    assert engine.ASPECT_SIZES == {"9:16": (1080, 1920), "16:9": (1920, 1080), "1:1": (1080, 1080)}
