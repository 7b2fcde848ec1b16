"""``export --format`` end to end: a real project on the embedded backend, exported and read back.

Each project is made as a user makes it (upload, say), the timeline is read through the client's
state call, and every exported file is opened with OpenTimelineIO and compared with that timeline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("opentimelineio", reason="the [nle] extra is not installed")

from skill.cli import main
from skill.nle.formats import NLE_FORMATS, NleFormat
from skill.timeline.model import Timeline

from .conftest import (
    FPS,
    clip_with_sound,
    count_kind,
    edl_events,
    frames_of,
    marker_names,
    photo,
    song,
    url_path,
    video_clips,
)

pytestmark = pytest.mark.slow


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


def _timeline() -> Timeline:
    """The current project's timeline, through the client's state call (as the exporter reads it)."""
    from skill.backend import open_backend
    from skill.client.api import NemoClient
    from skill.manifest import load_manifest
    from skill.settings import Settings
    from skill.timeline.wire import from_draft

    with (
        open_backend(Settings.from_env(dict(os.environ))) as settings,
        NemoClient.from_settings(settings, load_manifest()) as client,
    ):
        return from_draft(client.state().draft)


def _read(path: Path, fmt: NleFormat) -> Any:
    from skill.nle.write import read_back

    return read_back(path, fmt, FPS)


def _frames(seconds: float) -> int:
    return round(seconds * FPS)


def _check_against(timeline: Timeline, back: Any, fmt: NleFormat, path: Path) -> None:
    shots = timeline.shots
    clips = video_clips(back)
    assert len(clips) == len(shots)
    assert [c.name for c in clips] == [s.source for s in shots]  # as state shows each shot's source
    assert [frames_of(c.source_range.duration) for c in clips] == [
        _frames(s.end_s) - _frames(s.start_s) for s in shots
    ]
    expected_in = [_frames(s.start_s if s.kind == "generated" else s.source_in_s) for s in shots]
    assert [frames_of(c.source_range.start_time) for c in clips] == expected_in
    assert frames_of(back.duration()) == _frames(timeline.duration_s or 0)
    names = marker_names(clips)
    assert count_kind(names, "beat") == len(timeline.beats_s)
    assert count_kind(names, "downbeat") == len(timeline.downbeats_s)
    assert [n for n in names if not n.startswith(("beat ", "downbeat "))] == [
        s.label for s in timeline.sections
    ]
    for clip in clips:
        target = url_path(clip.media_reference.target_url)
        assert target.is_file() and target.parent == path.with_name(f"{path.stem}-media")
    if fmt == "edl":
        assert len(edl_events(path.read_text())) == len(shots)


@pytest.fixture
def media(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    song(tmp_path / "my song.wav", seconds=16.0)
    clip_with_sound(tmp_path / "beach.mp4", seconds=4.0)
    photo(tmp_path / "sunset.jpg")
    return tmp_path


def test_clips_photos_and_a_title_in_every_format(media: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import av

    assert _run(capsys, "upload", "my song.wav", "beach.mp4", "sunset.jpg")[0] == 0
    assert _run(capsys, "say", "make the best 6 second highlight")[0] == 0
    assert _run(capsys, "say", 'add the title "Summer"')[0] == 0
    timeline = _timeline()
    assert {s.source for s in timeline.shots} == {"beach.mp4", "sunset.jpg"}
    for fmt in NLE_FORMATS:
        code, events = _run(capsys, "export", "--format", fmt, "-o", f"edits/summer-{fmt}")
        assert code == 0, events
        result = events[-1]
        path = Path(result["path"])
        assert result["format"] == fmt and result["shots"] == len(timeline.shots)
        assert result["ok"] is True and result["outcome"] == "done"
        assert path.is_file() and Path(result["media_dir"]).is_dir()
        _check_against(timeline, _read(path, fmt), fmt, path)
    # the originals are collected once each, under their own names
    assert sorted(p.name for p in (media / "edits" / "summer-otio-media").iterdir()) == [
        "beach.mp4",
        "my song.wav",
        "sunset.jpg",
    ]
    # the words pick the format: the editor's name, in English or Chinese
    renders = sorted(media.glob("music-to-best-render_*.mp4"))
    for words, fmt in (("export it for Premiere", "premiere-xml"), ("导出到 Final Cut", "fcpxml")):
        code, events = _run(capsys, "say", words)
        done = [e for e in events if e.get("format")]
        assert code == 0 and len(done) == 1 and done[0]["format"] == fmt, events
        _check_against(timeline, _read(Path(done[0]["path"]), fmt), fmt, Path(done[0]["path"]))
    assert sorted(media.glob("music-to-best-render_*.mp4")) == renders  # no MP4 rendered for those
    back = _read(media / "edits" / "summer-otio.otio", "otio")
    assert [m.name for m in back.tracks.markers] == ["Summer"]
    music = back.audio_tracks()[0][0]
    assert frames_of(music.source_range.start_time) == _frames(timeline.song.song_start_s)  # type: ignore[union-attr]
    assert [t.name for t in back.audio_tracks()] == ["Music", "Clip audio"]
    # the clips' sound turned off: the editor gets the music alone
    assert _run(capsys, "say", "music only")[0] == 0
    assert not _timeline().clip_audio.keep
    code, events = _run(capsys, "export", "--format", "otio", "-o", "music-only.otio")
    assert code == 0, events
    assert [t.name for t in _read(media / "music-only.otio", "otio").audio_tracks()] == ["Music"]
    # the same edit rendered: the editor's sequence is as long as the video
    code, events = _run(capsys, "export", "-o", "summer.mp4")
    assert code == 0, events
    with av.open(str(media / "summer.mp4")) as container:
        video_s = float(container.duration or 0) / 1_000_000
    assert frames_of(back.duration()) == pytest.approx(video_s * FPS, abs=1)


def test_generated_visuals_are_rendered_once_into_the_media_folder(
    media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "upload", "my song.wav")[0] == 0
    assert _run(capsys, "say", "make the best 4 second highlight")[0] == 0
    timeline = _timeline()
    assert timeline.shots and {s.kind for s in timeline.shots} == {"generated"}
    code, events = _run(capsys, "export", "--format", "fcpxml")
    assert code == 0, events
    path = Path(events[-1]["path"])
    assert path.parent == media and path.suffix == ".fcpxml"
    back = _read(path, "fcpxml")
    _check_against(timeline, back, "fcpxml", path)
    files = sorted(path.with_name(f"{path.stem}-media").iterdir())
    assert [p.name for p in files] == ["generated visuals.mp4", "my song.wav"]
    targets = {c.media_reference.target_url for c in video_clips(back)}
    assert targets == {files[0].absolute().as_uri()}
    import av

    with av.open(str(files[0])) as container:
        assert float(container.duration or 0) / 1_000_000 == pytest.approx(timeline.duration_s, abs=0.1)


def test_an_empty_project_says_there_is_nothing_to_export(
    media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, events = _run(capsys, "export", "--format", "edl")
    errors = [e for e in events if e["event"] == "error"]
    assert code == 1 and [e["code"] for e in errors] == ["empty_draft"]
    assert not list(media.glob("*.edl"))


def test_without_the_extra_the_error_says_how_to_install_it(media: Path) -> None:
    # a fresh interpreter where OpenTimelineIO cannot be imported (a C extension cannot be unloaded here)
    code = (
        "import sys; sys.modules['opentimelineio'] = None; from skill.cli import main; "
        "sys.exit(main(['export', '--format', 'otio', '--json']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=media, capture_output=True, text=True, timeout=120, check=False
    )
    (event,) = [e for e in map(json.loads, proc.stdout.splitlines()) if e["event"] == "error"]
    assert proc.returncode == 1 and event["code"] == "missing_extra", proc.stdout + proc.stderr
    assert "music-to-best[nle]" in event["text"] and "Traceback" not in proc.stderr
    assert not list(media.glob("*.otio"))
