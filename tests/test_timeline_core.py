"""The timeline core: wire round-trips, every op through ``apply`` on its edge cases, the op schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

import jsonschema
import pytest

from skill.timeline import (
    ClipFacts,
    EditError,
    OpError,
    SongFacts,
    Timeline,
    apply,
    apply_all,
    from_draft,
    parse_ops,
    summary,
    to_draft,
)
from skill.timeline.ops import (
    Highlight,
    Length,
    RemoveTitle,
    SetAspect,
    SetPace,
    SetTitle,
    SetVolume,
    Undo,
    dump_op,
    schema,
)
from skill.timeline.recipe import cut_grid

BPM = 120.0  # a beat every 0.5 s, a bar (4 beats) every 2 s


class Ctx:
    """A deterministic world: one 60 s song at 120 BPM, optional clips; records what it was asked."""

    def __init__(self, clips: Sequence[ClipFacts] = (), *, song: bool = True, song_s: float = 60.0) -> None:
        beats = tuple(round(i * 0.5, 4) for i in range(int(song_s * 2)))
        self.facts = (
            SongFacts("upl_song", "song.mp3", "/api/media/upl_song", song_s, BPM, beats, beats[::4])
            if song
            else None
        )
        self._clips = tuple(clips)
        self.asked: list[tuple[str, float, tuple[tuple[float, float], ...]]] = []
        self.songs_asked: list[str | None] = []

    def song(self, upload_id: str | None = None) -> SongFacts:
        self.songs_asked.append(upload_id)
        if self.facts is None:
            raise EditError("need_song")
        return self.facts

    def best_start(self, song: SongFacts, duration_s: float) -> float:
        return 20.0  # "the chorus"

    def clips(self) -> Sequence[ClipFacts]:
        return self._clips

    def choose_in(self, clip: ClipFacts, length_s: float, taken: Sequence[tuple[float, float]]) -> float:
        self.asked.append((clip.upload_id, length_s, tuple(taken)))
        return max((b for _, b in taken), default=0.0)  # the next unused stretch


CLIPS = (
    ClipFacts("upl_a", "a.mp4", "/api/media/upl_a", "clip", 30.0),
    ClipFacts("upl_p", "p.jpg", "/api/media/upl_p", "photo"),
)


def _cloud() -> dict[str, Any]:
    """A cloud-shaped draft with unknown keys and values at every level."""
    return {
        "t": [
            {
                "id": "v1",
                "tt": 0,
                "m": {"name": "Video", "locked": True},
                "sg": [
                    {
                        "id": "s1",
                        "st": 0,
                        "d": 2500.5,
                        "m": {"name": "city", "src": "https://x/a.mp4", "kind": "clip"},
                    },
                    {"id": "s2", "st": 2500.5, "d": 7499.5, "m": {"kind": "hologram", "fx": [1, 2]}, "z": 3},
                ],
            },
            {
                "id": "a1",
                "tt": 1,
                "m": {"name": "BGM", "volume": 0.35},
                "sg": [{"st": 0, "d": 10000, "m": {"name": "Lo-fi"}}],
            },
            {
                "tt": 7,
                "sg": [{"st": 0, "d": 3000, "m": {"text": "Urban", "position": "left", "font": "Noto"}}],
            },
            {"tt": 3, "m": None, "sg": [{"st": 0, "d": 1000, "m": {"name": "sticker", "spin": 1}}]},
        ],
        "d": 10000,
        "m": {"width": 1920, "height": 1080, "fps": 29.97, "aspect": "4:3", "pace": "beat", "lut": "warm"},
        "future_key": {"kept": True},
    }


# ------------------------------------------------------------------------------------------- the wire
def test_a_cloud_draft_round_trips_untouched() -> None:
    draft = _cloud()
    timeline = from_draft(copy.deepcopy(draft))
    out = to_draft(timeline)
    expected = copy.deepcopy(draft)
    del expected["t"][3]["m"]  # an explicit null m is the same as none
    assert json.dumps(out, sort_keys=True) == json.dumps(expected, sort_keys=True)
    assert timeline.aspect is None and timeline.shape == "16:9"  # "4:3" is not ours: kept, not read
    assert [s.kind for s in timeline.shots] == ["clip", "generated"]
    assert timeline.song is not None and timeline.song_volume == 0.35
    assert timeline.title is not None and timeline.title.position == "center"


def test_edits_overlay_a_cloud_draft_and_keep_the_rest() -> None:
    timeline = from_draft(_cloud())
    ctx = Ctx()
    edited = apply_all(timeline, (SetAspect(aspect="9:16"), SetTitle(text="Neon"), SetVolume(level=0.5)), ctx)
    out = to_draft(edited)
    assert out["future_key"] == {"kept": True}
    assert out["m"]["lut"] == "warm" and out["m"]["aspect"] == "9:16" and out["m"]["width"] == 1080
    assert out["t"][0]["m"]["locked"] is True and out["t"][0]["sg"][1]["z"] == 3
    assert out["t"][2]["sg"][0]["m"] == {"text": "Neon", "position": "left", "font": "Noto"}
    assert len(out["t"]) == 4  # the title went onto the existing text track, no new track
    assert ctx.songs_asked == []  # none of these needs the song


def test_a_built_highlight_round_trips_through_the_wire() -> None:
    ctx = Ctx(CLIPS)
    timeline = apply_all(Timeline(), (Highlight(seconds=10), SetTitle(text="Hi"), SetVolume(level=0.4)), ctx)
    again = from_draft(json.loads(json.dumps(to_draft(timeline))))
    assert to_draft(again) == to_draft(timeline)
    assert again.shots == tuple(s for s in timeline.shots)  # rest aside, every typed field survives
    assert again.beats_s == timeline.beats_s and again.bpm == BPM and again.pace == "beat"


def test_an_excerpt_from_the_songs_start_says_so_and_round_trips_equal() -> None:
    timeline = apply(Timeline(), Highlight(seconds=10, start_s=0.0), Ctx())
    draft = to_draft(timeline)
    song = next(t for t in draft["t"] if t["tt"] == 1)["sg"][0]["m"]
    assert song["start_ms"] == 0  # said, not left for the reader to guess
    again = from_draft(json.loads(json.dumps(draft)))
    assert again == timeline and again.song is not None and again.song.rest == {}


# ------------------------------------------------------------------------------------------- the ops
def test_highlight_is_exact_on_the_beat_and_tiles_the_video() -> None:
    ctx = Ctx(CLIPS)
    t = apply(Timeline(), Highlight(seconds=10), ctx)
    assert t.duration_s == 10.0
    assert t.song is not None and t.song.song_start_s == 20.0 and t.song.upload_id == "upl_song"
    assert t.cuts_s == tuple(round(0.5 * i, 4) for i in range(1, 20))
    shots = t.shots
    assert shots[0].start_s == 0 and shots[-1].end_s == 10.0
    assert all(a.end_s == b.start_s for a, b in zip(shots, shots[1:], strict=False))
    assert [s.source for s in shots[:3]] == ["a.mp4", "p.jpg", "a.mp4"]
    # in-points chosen once, now: the clip's second shot does not repeat its first
    assert [s.source_in_s for s in shots if s.kind == "clip"][:3] == [0.0, 0.5, 1.0]
    assert all(s.source_in_s == 0 for s in shots if s.kind == "photo")
    assert t.beats_s[0] == 0.0 and len(t.beats_s) == 20


def test_highlight_without_clips_generates_and_without_song_refuses() -> None:
    t = apply(Timeline(), Highlight(seconds=4), Ctx())
    assert {s.source for s in t.shots} == {"generated"}
    assert summary(t) == (
        "Timeline (2 tracks): 1. Video: Beat visuals (0-4s, 8 shots) 2. BGM: song.mp3 (0-4s, 100%)"
    )
    with pytest.raises(EditError) as err:
        apply(Timeline(), Highlight(seconds=4), Ctx(song=False))
    assert err.value.code == "need_song"


def test_highlight_longer_than_the_song_is_the_whole_song_and_start_s_is_kept_inside() -> None:
    t = apply(Timeline(), Highlight(seconds=90), Ctx(song_s=12.0))
    assert t.duration_s == 12.0 and t.song is not None and t.song.song_start_s == 0.0
    t = apply(Timeline(), Highlight(seconds=10, start_s=55.0), Ctx())
    assert t.song is not None and t.song.song_start_s == 50.0


def test_highlight_again_keeps_length_title_volume_and_size() -> None:
    ctx = Ctx()
    t = apply_all(
        Timeline(),
        (Highlight(seconds=8), SetAspect(aspect="1:1"), SetTitle(text="T"), SetVolume(level=0.3)),
        ctx,
    )
    again = apply(t, Highlight(), ctx)
    assert again.duration_s == 8.0 and again.size == (1080, 1080)
    assert again.title is not None and again.title.text == "T"
    assert again.song is not None and again.song.volume == 0.3


@pytest.mark.parametrize(("pace", "n_shots"), [("beat", 20), ("half", 10), ("bar", 5), ("2bar", 3)])
def test_pace_recuts_on_its_grid(pace: str, n_shots: int) -> None:
    ctx = Ctx()
    t = apply(apply(Timeline(), Highlight(seconds=10), ctx), SetPace(pace=pace), ctx)  # type: ignore[arg-type]
    assert len(t.shots) == n_shots and t.pace == pace and t.duration_s == 10.0
    assert ctx.songs_asked[-1] == "upl_song"  # the timeline's song, not whatever was uploaded last


def test_pace_and_length_need_a_highlight() -> None:
    for op in (SetPace(pace="bar"), Length(step=1), SetVolume(level=0.2)):
        with pytest.raises(EditError) as err:
            apply(Timeline(), op, Ctx())
        assert err.value.code == "need_highlight"


def test_length_sets_steps_and_stops_at_the_limit() -> None:
    ctx = Ctx(CLIPS)
    t = apply(Timeline(), Length(seconds=15), ctx)  # no highlight yet: makes one of that length
    assert t.duration_s == 15.0
    assert apply(t, Length(step=-1), ctx).duration_s == 11.0  # a quarter, whole seconds
    assert apply(t, Length(step=1), ctx).duration_s == 19.0
    short = apply(t, Length(seconds=3), ctx)
    with pytest.raises(EditError) as err:
        apply(short, Length(step=-1), ctx)
    assert err.value.code == "length_limit" and err.value.fields == {"length_s": 3.0}
    assert [s.source for s in apply(t, Length(seconds=6), ctx).shots[:2]] == ["a.mp4", "p.jpg"]


def test_length_past_the_song_end_moves_the_start() -> None:
    ctx = Ctx()
    t = apply(Timeline(), Highlight(seconds=10, start_s=45.0), ctx)
    longer = apply(t, Length(seconds=30), ctx)
    assert longer.song is not None and longer.song.song_start_s == 20.0 and longer.duration_s == 30.0


def test_aspect_sets_the_pixel_size() -> None:
    t = apply(Timeline(), SetAspect(aspect="9:16"), Ctx())
    assert (t.aspect, t.width, t.height, t.fps) == ("9:16", 1080, 1920, 30)


def test_title_timing_default_and_clamped_to_a_short_video() -> None:
    ctx = Ctx()
    t = apply(Timeline(), SetTitle(text="Hi"), ctx)
    assert t.title is not None and (t.title.start_s, t.title.end_s) == (0.0, 3.0) and t.duration_s == 3.0
    short = apply(apply(Timeline(), Highlight(seconds=10), ctx), SetTitle(text="A"), ctx)
    short = apply(short, Length(seconds=3), ctx)
    assert short.title is not None and short.title.end_s <= 3.0
    renamed = apply(short, SetTitle(text="B"), ctx)
    assert renamed.title is not None and renamed.title.text == "B" and len(renamed.texts) == 1


def test_remove_title() -> None:
    ctx = Ctx()
    with pytest.raises(EditError) as err:
        apply(Timeline(), RemoveTitle(), ctx)
    assert err.value.code == "no_title"
    t = apply(apply(Timeline(), SetTitle(text="Hi"), ctx), RemoveTitle(), ctx)
    assert t.title is None and t.tracks == ()


def test_volume_level_and_delta_are_clamped() -> None:
    ctx = Ctx()
    t = apply(Timeline(), Highlight(seconds=5), ctx)
    assert apply(t, SetVolume(level=0.25), ctx).song.volume == 0.25  # type: ignore[union-attr]
    assert apply(t, SetVolume(delta=0.5), ctx).song.volume == 1.0  # type: ignore[union-attr]
    assert apply(apply(t, SetVolume(level=0.1), ctx), SetVolume(delta=-0.2), ctx).song.volume == 0.0  # type: ignore[union-attr]


def test_cut_grid_keeps_cuts_off_the_edges() -> None:
    song = Ctx().song()
    cuts = cut_grid(song, start_s=20.1, duration_s=1.0, pace="beat")
    assert cuts == (0.4,)  # 20.5; 21.0 is within 0.15 s of the end


# ------------------------------------------------------------------------------------------- JSON
def test_parse_ops_one_or_many_and_dump_back() -> None:
    ops = parse_ops('[{"op": "aspect", "aspect": "9:16"}, {"op": "undo"}, {"op": "length", "step": -1}]')
    assert ops == (SetAspect(aspect="9:16"), Undo(), Length(step=-1))
    assert parse_ops([dump_op(op) for op in ops]) == ops
    assert parse_ops({"op": "highlight", "seconds": 10}) == (Highlight(seconds=10.0),)


@pytest.mark.parametrize(
    ("bad", "field", "says"),
    [
        ('{"op": "aspect", "aspect": "4:3"}', "aspect", "16:9"),
        ('{"op": "zoom"}', "op", "unknown op"),
        ('{"aspect": "9:16"}', "op", "missing"),
        ('[{"op": "undo"}, {"op": "volume", "level": 2}]', "[1].level", "less than or equal to 1"),
        ('{"op": "volume", "levle": 0.5}', "levle", "Unexpected"),
        ('{"op": "length"}', "length", "exactly one of seconds, step and by_s"),
        ('{"op": "highlight", "seconds": 1}', "seconds", "greater than or equal to 3"),
        ('{"op": "title", "text": "  "}', "text", ""),
        ("[]", "", "at least one"),
        ("{nope", "", "not JSON"),
    ],
)
def test_bad_ops_name_the_field_in_one_line(bad: str, field: str, says: str) -> None:
    with pytest.raises(OpError) as err:
        parse_ops(bad)
    assert err.value.field == field and says in err.value.message and "\n" not in err.value.message


def test_the_schema_accepts_every_op_and_rejects_bad_ones() -> None:
    doc = schema()
    jsonschema.Draft202012Validator.check_schema(doc)
    good = [
        {"op": "highlight", "seconds": 10, "pace": "bar"},
        {"op": "aspect", "aspect": "1:1"},
        {"op": "title", "text": "Neon"},
        {"op": "remove_title"},
        {"op": "volume", "level": 0.3},
        {"op": "pace", "pace": "2bar"},
        {"op": "length", "seconds": 12},
        {"op": "clip_sound", "keep": False, "clip": "beach.mp4"},
        {"op": "clip_level", "step": -1},
        {"op": "duck", "db": 12},
        {"op": "section", "at": "chorus", "nth": 2},
        {"op": "section_pace", "section": "chorus", "pace": "beat"},
        {"op": "offset", "nudge_ms": -40},
        {"op": "fade", "fade_out_s": 2},
        {"op": "transition", "kind": "crossfade", "scope": "chorus"},
        {"op": "effect", "kind": "flash", "on": "downbeats"},
        {"op": "title_style", "position": "bottom", "size": "large", "seconds": 5},
        {"op": "text", "text": "see you", "at": "end"},
        {"op": "clip_order", "names": ["b.mp4", "a.mp4"]},
        {"op": "use_clip", "clip": "cat.jpg", "use": False},
        {"op": "only_clips", "clips": ["box.mp4", "#2"]},
        {"op": "only_clips", "kind": "photo"},
        {"op": "title_style", "by_s": -1.5},
        {"op": "photo_motion", "on": False},
        {"op": "beat", "fix": "double"},
        {"op": "beat", "bpm": 128},
        {"op": "undo"},
        {"op": "redo"},
        {"op": "start_over"},
    ]
    validator = jsonschema.Draft202012Validator(doc)
    for op in good:
        validator.validate(op)
        assert parse_ops(op)
    validator.validate(good)
    for bad in (
        {"op": "aspect", "aspect": "4:3"},
        {"op": "zoom"},
        [],
        {"op": "volume", "level": 3},
        {"op": "beat", "bpm": 0},
        {"op": "beat", "bpm": 1000},
        {"op": "beat", "fix": "triple"},
        {"op": "only_clips", "clips": []},
        {"op": "only_clips", "kind": "song"},
    ):
        assert not validator.is_valid(bad)
    assert {o["op"] for o in good} == set(doc["$defs"][k]["properties"]["op"]["const"] for k in doc["$defs"])


def test_mypy_fails_when_an_op_has_no_case(tmp_path: Any) -> None:
    """``apply`` dispatches with ``assert_never``: a match that forgets an op does not type-check."""
    from mypy import api

    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing_extensions import assert_never\n"
        "from skill.timeline.ops import EditOp, Highlight, Length, RemoveTitle, SetAspect, SetPace, SetTitle\n\n\n"
        "def name(op: EditOp) -> str:\n"
        "    match op:\n"
        "        case Highlight() | SetAspect() | SetTitle() | RemoveTitle() | SetPace() | Length():\n"
        "            return op.op\n"
        "        case _:\n"
        "            assert_never(op)\n"
    )
    out, _, status = api.run(
        ["--strict", "--follow-imports=silent", "--cache-dir", str(tmp_path / "cache"), str(probe)]
    )
    assert status == 1 and 'Argument 1 to "assert_never" has incompatible type "SetVolume' in out
