"""The builder and the four adapters on real files: what an editor opens is the timeline we made."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("opentimelineio", reason="the [nle] extra is not installed")

from skill.nle.formats import FORMATS, NLE_FORMATS, NleFormat
from skill.nle.plan import ExportPlan, Media, MusicCue, SectionCue, ShotCue, TextMark

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


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> ExportPlan:
    media = tmp_path_factory.mktemp("media")
    clip = Media(clip_with_sound(media / "beach.mp4"), 3.0, has_video=True, has_audio=True)
    still = Media(photo(media / "sunset.jpg"), None, has_video=True, has_audio=False)
    visuals = Media(clip_with_sound(media / "visuals.mp4", seconds=4.0), 4.0, has_audio=False)
    music = Media(song(media / "my song.wav"), 12.0, has_video=False, has_audio=True)
    # cuts on a 120 BPM grid, not all on whole frames (1.3 s, 2.517 s)
    shots = (
        ShotCue(0.0, 1.3, "clip", clip, "beach.mp4", source_in_s=0.5, audio_gain=0.5),
        ShotCue(1.3, 2.517, "photo", still, "sunset.jpg"),
        ShotCue(2.517, 3.5, "generated", visuals, "generated", source_in_s=2.517),
        ShotCue(3.5, 4.0, "clip", clip, "beach.mp4", source_in_s=2.2, audio_gain=0.0),
    )
    return ExportPlan(
        name="Summer",
        duration_s=4.0,
        width=1080,
        height=1920,
        shots=shots,
        music=MusicCue(music, "my song.wav", song_start_s=2.0, gain=0.8),
        texts=(TextMark("Summer", 0.0, 3.0, "top"),),
        beats_s=tuple(k * 0.5 for k in range(8)) + (3.999,),
        downbeats_s=(0.0, 2.0),
        sections=(SectionCue("intro", -2.0, 1.0), SectionCue("chorus", 1.0, 9.0)),
        bpm=120.0,
    )


def _export(plan: ExportPlan, fmt: NleFormat, folder: Path):  # type: ignore[no-untyped-def]
    from skill.nle.build import build_timeline
    from skill.nle.write import read_back, write_timeline

    path = write_timeline(build_timeline(plan), folder / f"edit{FORMATS[fmt].suffix}", fmt)
    return path, read_back(path, fmt, FPS)


@pytest.mark.parametrize("fmt", NLE_FORMATS)
def test_each_format_reads_back_as_the_timeline(plan: ExportPlan, fmt: NleFormat, tmp_path: Path) -> None:
    path, back = _export(plan, fmt, tmp_path)
    clips = video_clips(back)
    assert len(clips) == len(plan.shots)
    starts = [round(s.start_s * FPS) for s in plan.shots] + [round(plan.duration_s * FPS)]
    assert [frames_of(c.source_range.duration) for c in clips] == [
        b - a for a, b in zip(starts, starts[1:], strict=False)
    ]
    assert [frames_of(c.source_range.start_time) for c in clips] == [
        round(s.source_in_s * FPS) for s in plan.shots
    ]
    assert frames_of(back.duration()) == round(plan.duration_s * FPS) == 120
    names = marker_names(clips)
    assert count_kind(names, "beat") == len(plan.beats_s) == 9
    assert count_kind(names, "downbeat") == len(plan.downbeats_s)
    assert [n for n in names if n in ("intro", "chorus")] == ["intro", "chorus"]
    # every marker lies inside its clip's source range, so an editor sees it on the clip
    for c in clips:
        for m in c.markers:
            assert (
                c.source_range.start_time <= m.marked_range.start_time < c.source_range.end_time_exclusive()
            )
    if fmt == "edl":
        assert len(edl_events(path.read_text())) == len(plan.shots)
        assert "Summer" in path.read_text()
    else:
        audio = back.audio_tracks()
        assert len(audio) == 2  # the music, and the first clip's kept sound (the muted one is a gap)
        music = next(c for c in audio[0] if c.name == "my song.wav")
        assert frames_of(music.source_range.start_time) == 2 * FPS
        assert frames_of(music.source_range.duration) == 120
        kept = [c for c in audio[1] if hasattr(c, "media_reference")]
        assert len(kept) == 1 and frames_of(kept[0].source_range.start_time) == 15
    # media references are the real files
    for c in clips:
        assert url_path(c.media_reference.target_url).is_file()


@pytest.mark.parametrize("fmt", ["otio", "premiere-xml"])
def test_title_and_gain_survive_where_the_format_keeps_them(
    plan: ExportPlan, fmt: NleFormat, tmp_path: Path
) -> None:
    _, back = _export(plan, fmt, tmp_path)
    titles = [m for m in back.tracks.markers if m.name == "Summer"]
    assert len(titles) == 1 and frames_of(titles[0].marked_range.duration) == 3 * FPS
    music = back.audio_tracks()[0][0]
    if fmt == "otio":
        assert music.metadata["music_to_best"]["gain"] == pytest.approx(0.8)
    else:
        level = music.effects[0].metadata["fcp_xml"]["parameter"]["value"]
        assert float(level) == pytest.approx(0.8)


def test_fcpxml_passes_the_adapters_round_trip(plan: ExportPlan, tmp_path: Path) -> None:
    import opentimelineio as otio

    from skill.nle.write import fcpxml_sequence_size

    path, back = _export(plan, "fcpxml", tmp_path)
    first = path.read_text()
    again_path = tmp_path / "again.fcpxml"
    again_path.write_text(otio.adapters.write_to_string(back, adapter_name="fcpx_xml"), encoding="utf-8")
    fcpxml_sequence_size(again_path, plan.width, plan.height)  # what write_timeline adds to the adapter's
    again = again_path.read_text()
    assert again == first
    twice = otio.adapters.read_from_string(again, adapter_name="fcpx_xml")
    assert [frames_of(c.source_range.duration) for c in video_clips(twice)] == [
        frames_of(c.source_range.duration) for c in video_clips(back)
    ]


def test_edl_carries_the_title_as_a_comment(plan: ExportPlan, tmp_path: Path) -> None:
    path, _ = _export(plan, "edl", tmp_path)
    assert "* TEXT 0-3S: Summer" in path.read_text()


def test_premiere_xml_sequence_has_the_videos_frame_size(plan: ExportPlan, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    path, _ = _export(plan, "premiere-xml", tmp_path)
    sample = ET.parse(path).find(".//sequence/media/video/format/samplecharacteristics")
    assert sample is not None
    assert (sample.findtext("width"), sample.findtext("height"), sample.findtext("rate/timebase")) == (
        "1080",
        "1920",
        "30",
    )


def test_fcpxml_sequence_has_the_videos_frame_size(plan: ExportPlan, tmp_path: Path) -> None:
    """The adapter names the sequence's format after the first clip (160x120 here); an editor would open
    a 9:16 edit in that shape. The sequence's own format carries the edit's size and rate."""
    import xml.etree.ElementTree as ET

    path, _ = _export(plan, "fcpxml", tmp_path)
    root = ET.parse(path).getroot()
    sequence = root.find(".//project/sequence")
    assert sequence is not None
    fmt = root.find(f"./resources/format[@id='{sequence.get('format')}']")
    assert fmt is not None
    assert (fmt.get("width"), fmt.get("height"), fmt.get("frameDuration")) == ("1080", "1920", "100/3000s")
    # the clips keep their own formats (their media's), untouched
    assets = root.findall("./resources/asset")
    assert assets and all(a.get("format") != sequence.get("format") for a in assets)
