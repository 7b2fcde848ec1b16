"""A song too long to analyse is refused up front, in bounded memory (it once took 4.7 GB for 6 hours)."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

# VmHWM is this process's own peak RSS: ru_maxrss would carry over the forking pytest's peak on Linux
_PROBE = """
import sys
from pathlib import Path
from skill.local.engine.analysis import analyse_track
from skill.local.engine.errors import TooLongError
try:
    analyse_track(Path(sys.argv[1]))
except TooLongError as err:
    print("refused:", err.message)
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print("peak_mb", int(hwm.split()[1]) // 1024)
"""


def _long_wav(path: Path, hours: float, sr: int = 8000) -> None:
    block = b"\x80" * sr * 60  # one minute of 8-bit silence
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(sr)
        for _ in range(int(hours * 60)):
            w.writeframes(block)


def test_a_two_hour_song_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    song = tmp_path / "two-hours.wav"
    _long_wav(song, hours=2.0)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(song)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "refused: The audio is over 60 minutes long" in done.stdout
    peak_mb = int(done.stdout.split("peak_mb")[1])
    assert peak_mb < 400, peak_mb  # the whole song at 16 kHz would be ~460 MB before any analysis
