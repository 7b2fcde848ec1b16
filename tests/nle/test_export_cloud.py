"""Against the cloud the export reads the state endpoint's draft and fetches the draft's own media URLs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("opentimelineio", reason="the [nle] extra is not installed")

from skill.cli import main
from tests.support.fake_cloud import FakeCloud

from .conftest import FPS, clip_with_sound, count_kind, frames_of, marker_names, url_path, video_clips


@pytest.fixture
def cloud(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCloud]:
    with FakeCloud() as server:
        # every file the fake service serves is this real clip (song, photo and render alike)
        server.video_bytes = clip_with_sound(tmp_path / "served.mp4", seconds=5.0).read_bytes()
        monkeypatch.setenv("NEMO_API_URL", server.url)
        monkeypatch.chdir(tmp_path)
        yield server


def _draft(url: str) -> dict[str, Any]:
    video = [
        {
            "id": "v1",
            "st": 0,
            "d": 1500,
            "m": {"name": "beach.mp4", "src": f"{url}/files/beach.mp4?sig=a", "in_ms": 500},
        },
        {"id": "v2", "st": 1500, "d": 1000, "m": {"name": "sunset.jpg", "src": f"{url}/files/sunset.jpg"}},
        {"id": "v3", "st": 2500, "d": 1500, "m": {"name": "Beat visuals", "kind": "generated"}},
    ]
    song = {"name": "Lo-fi.mp3", "src": f"{url}/files/lofi.mp3", "volume": 0.35, "start_ms": 1000}
    return {
        "t": [
            {"id": "track_video", "tt": 0, "m": {"name": "Video"}, "sg": video},
            {
                "id": "track_bgm",
                "tt": 1,
                "m": {"name": "BGM"},
                "sg": [{"id": "b", "st": 0, "d": 4000, "m": song}],
            },
            {"id": "track_title", "tt": 7, "sg": [{"id": "t", "st": 0, "d": 3000, "m": {"text": "Urban"}}]},
        ],
        "d": 4000,
        "m": {
            "width": 1080,
            "height": 1920,
            "fps": 30,
            "beats_ms": [0, 500, 1000, 1500, 2000, 2500, 3000, 3500],
            "downbeats_ms": [0, 2000],
            "sections": [
                {"label": "verse", "start_ms": 0, "end_ms": 2000},
                {"label": "chorus", "start_ms": 2000, "end_ms": 8000},
            ],
            "server_only_key": {"kept": True},
        },
    }


def test_the_cloud_draft_is_exported_with_its_own_media(
    cloud: FakeCloud, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from skill.nle.write import read_back

    cloud.draft = _draft(cloud.url)
    code = main(["export", "--format", "premiere-xml", "-o", "urban.xml", "--json"])
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0, events
    back = read_back(tmp_path / "urban.xml", "premiere-xml", FPS)
    clips = video_clips(back)
    assert [c.name for c in clips] == ["beach.mp4", "sunset.jpg", "generated"]
    assert [frames_of(c.source_range.start_time) for c in clips] == [15, 0, 75]
    assert [frames_of(c.source_range.duration) for c in clips] == [45, 30, 45]
    names = marker_names(clips)
    assert count_kind(names, "beat") == 8 and count_kind(names, "downbeat") == 2
    assert [n for n in names if n in ("verse", "chorus")] == ["verse", "chorus"]
    media = tmp_path / "urban-media"
    assert sorted(p.name for p in media.iterdir()) == [
        "Lo-fi.mp3",
        "beach.mp4",
        "generated visuals.mp4",
        "sunset.jpg",
    ]
    assert {url_path(c.media_reference.target_url).parent for c in clips} == {media}
    # the draft's URLs were fetched; the generated pictures were rendered from the draft without its title
    fetched = [r.path.split("?")[0] for r in cloud.of("file")]
    assert len(fetched) == 4  # each file once, the render included
    assert {"/files/beach.mp4", "/files/lofi.mp3", "/files/sunset.jpg"} < set(fetched)
    (submitted,) = cloud.of("render_submit")
    assert [t["tt"] for t in submitted.body["draft"]["t"]] == [0, 1]
    music = back.audio_tracks()[0][0]
    assert frames_of(music.source_range.start_time) == 30
    assert float(music.effects[0].metadata["fcp_xml"]["parameter"]["value"]) == pytest.approx(0.35)


def test_a_clip_without_a_file_is_a_clear_error(
    cloud: FakeCloud, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _draft(cloud.url)
    draft["t"][0]["sg"][0]["m"] = {"name": "lost.mp4", "kind": "clip"}
    cloud.draft = draft
    code = main(["export", "--format", "otio", "--json"])
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    (error,) = [e for e in events if e["event"] == "error"]
    assert code == 1 and error["code"] == "media_missing" and "lost.mp4" in error["text"]
    assert not list(tmp_path.glob("*.otio"))


def test_a_file_name_from_the_draft_never_leaves_the_media_folder(
    cloud: FakeCloud, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _draft(cloud.url)
    draft["t"][0]["sg"][0]["m"]["name"] = "../../escape.mp4"
    draft["t"][0]["sg"][1]["m"]["name"] = ".."
    cloud.draft = draft
    assert main(["export", "--format", "edl", "-o", "out/edit.edl", "--json"]) == 0, capsys.readouterr().out
    inside = {p.name for p in (tmp_path / "out" / "edit-media").iterdir()}
    assert {"escape.mp4", "media.jpg"} <= inside  # ".." kept its URL's extension
    assert not (tmp_path / "escape.mp4").exists() and not (tmp_path.parent / "escape.mp4").exists()
