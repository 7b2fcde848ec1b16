"""The clip-sound ops through ``apply``: keep/mute all or one clip, louder/quieter, duck depth; the wire
keeps them; ``audio_state`` shows them; edge cases raise stable codes."""

from __future__ import annotations

import pytest
from test_timeline_core import Ctx

from skill.timeline.audio import audio_state
from skill.timeline.context import ClipFacts, EditError
from skill.timeline.model import Timeline
from skill.timeline.ops import ClipLevel, ClipSound, Duck, Highlight, parse_ops
from skill.timeline.reducer import apply, apply_all
from skill.timeline.vocab import CLIP_AUDIO_DUCK_DB, DUCK_STEP_DB, MAX_DUCK_DB
from skill.timeline.wire import from_draft, to_draft

CLIPS = (
    ClipFacts("upl_a", "beach.mp4", "/api/media/upl_a", "clip", 30.0),
    ClipFacts("upl_b", "party.mov", "/api/media/upl_b", "clip", 30.0),
    ClipFacts("upl_p", "p.jpg", "/api/media/upl_p", "photo"),
)


@pytest.fixture
def made() -> tuple[Timeline, Ctx]:
    ctx = Ctx(CLIPS)
    return apply(Timeline(), Highlight(seconds=10, pace="bar"), ctx), ctx


def _gains(t: Timeline) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for s in t.shots:
        if s.kind == "clip":
            out.setdefault(s.name or "", []).append(s.audio_gain)
    return out


def test_defaults_keep_clip_sound_with_the_standard_duck(made: tuple[Timeline, Ctx]) -> None:
    t, _ = made
    state = audio_state(t)
    assert state["clip_audio"] == {"keep": True, "duck_db": CLIP_AUDIO_DUCK_DB}
    assert {s["source"] for s in state["shots"]} == {"beach.mp4", "party.mov"}  # photos have no sound
    assert all(s["gain"] == 1.0 for s in state["shots"])


def test_music_only_and_back(made: tuple[Timeline, Ctx]) -> None:
    t, ctx = made
    off = apply(t, ClipSound(keep=False), ctx)
    assert off.clip_audio.keep is False
    assert all(s["gain"] == 0.0 for s in audio_state(off)["shots"])
    back = apply(off, ClipSound(keep=True), ctx)
    assert back.clip_audio.keep is True and all(g == 1.0 for gs in _gains(back).values() for g in gs)


def test_mute_one_clip_by_name_then_all_on_again(made: tuple[Timeline, Ctx]) -> None:
    t, ctx = made
    muted = apply(t, ClipSound(keep=False, clip="Beach"), ctx)  # the stem, any case
    assert set(_gains(muted)["beach.mp4"]) == {0.0} and set(_gains(muted)["party.mov"]) == {1.0}
    assert muted.clip_audio.keep is True
    assert apply(muted, ClipSound(keep=True), ctx) == t


def test_keep_one_clip_when_all_were_muted(made: tuple[Timeline, Ctx]) -> None:
    t, ctx = made
    only = apply_all(t, (ClipSound(keep=False), ClipSound(keep=True, clip="party.mov")), ctx)
    assert only.clip_audio.keep is True
    assert set(_gains(only)["party.mov"]) == {1.0} and set(_gains(only)["beach.mp4"]) == {0.0}


def test_louder_quieter_and_exact_gain(made: tuple[Timeline, Ctx]) -> None:
    t, ctx = made
    louder = apply(t, ClipLevel(step=1), ctx)
    assert set(_gains(louder)["beach.mp4"]) == {1.41}
    quieter = apply(t, ClipLevel(step=-1, clip="upl_b"), ctx)
    assert set(_gains(quieter)["party.mov"]) == {0.71} and set(_gains(quieter)["beach.mp4"]) == {1.0}
    half = apply(t, ClipLevel(gain=0.5), ctx)
    assert all(g == 0.5 for gs in _gains(half).values() for g in gs)
    # louder on music-only turns the clips' sound back on; louder on a muted clip plays it again
    revived = apply_all(t, (ClipSound(keep=False), ClipLevel(step=1, clip="beach")), ctx)
    assert revived.clip_audio.keep is True
    assert set(_gains(revived)["beach.mp4"]) == {1.41}


def test_duck_more_less_off_and_bounds(made: tuple[Timeline, Ctx]) -> None:
    t, ctx = made
    assert apply(t, Duck(step=1), ctx).clip_audio.duck_db == CLIP_AUDIO_DUCK_DB + DUCK_STEP_DB
    assert apply(t, Duck(step=-1), ctx).clip_audio.duck_db == CLIP_AUDIO_DUCK_DB - DUCK_STEP_DB
    assert apply(t, Duck(db=0), ctx).clip_audio.duck_db == 0
    deep = apply_all(t, (Duck(db=MAX_DUCK_DB), Duck(step=1)), ctx)
    assert deep.clip_audio.duck_db == MAX_DUCK_DB
    assert apply_all(t, (Duck(db=2), Duck(step=-1)), ctx).clip_audio.duck_db == 0


def test_the_wire_keeps_clip_sound_settings(made: tuple[Timeline, Ctx]) -> None:
    t, ctx = made
    edited = apply_all(t, (ClipSound(keep=False, clip="beach"), Duck(db=14)), ctx)
    draft = to_draft(edited)
    assert draft["m"]["clip_audio"] == {"keep": True, "duck_db": 14.0}
    back = from_draft(draft)
    assert audio_state(back) == audio_state(edited)


def test_errors_have_stable_codes(made: tuple[Timeline, Ctx]) -> None:
    t, ctx = made
    with pytest.raises(EditError) as err:
        apply(t, ClipSound(keep=False, clip="nope.mp4"), ctx)
    assert err.value.code == "no_such_clip" and err.value.fields == {"clip": "nope.mp4"}
    generated = apply(Timeline(), Highlight(seconds=10), Ctx())
    for op in (ClipSound(keep=False), ClipLevel(step=1), Duck(step=1)):
        with pytest.raises(EditError) as err:
            apply(generated, op, ctx)
        assert err.value.code == "no_clip_sound"


def test_ops_parse_from_json() -> None:
    ops = parse_ops(
        '[{"op": "clip_sound", "keep": false, "clip": "beach.mp4"}, {"op": "clip_level", "step": 1},'
        ' {"op": "duck", "db": 0}]'
    )
    assert ops == (ClipSound(keep=False, clip="beach.mp4"), ClipLevel(step=1), Duck(db=0.0))
    for bad in ('{"op": "duck"}', '{"op": "duck", "db": 99}', '{"op": "clip_level", "gain": 1, "step": 1}'):
        with pytest.raises(Exception) as err:
            parse_ops(bad)
        assert type(err.value).__name__ == "OpError"


def test_a_render_of_the_draft_gets_the_sound_settings(made: tuple[Timeline, Ctx]) -> None:
    from pathlib import Path

    from skill.local.renders import spec_fields

    t, ctx = made
    fields = spec_fields(to_draft(t), lambda upload_id: Path(f"/media/{upload_id}"))
    assert fields["keep_clip_audio"] is True and "clip_gains" not in fields
    edited = apply_all(t, (ClipSound(keep=False, clip="beach"), Duck(db=16)), ctx)
    fields = spec_fields(to_draft(edited), lambda upload_id: Path(f"/media/{upload_id}"))
    beach = [s.name == "beach.mp4" for s in edited.shots]
    assert fields["clip_gains"] == tuple(0.0 if b else 1.0 for b in beach)
    assert fields["duck_db"] == 16.0
    off = spec_fields(to_draft(apply(t, ClipSound(keep=False), ctx)), lambda u: Path(f"/media/{u}"))
    assert off["keep_clip_audio"] is False
