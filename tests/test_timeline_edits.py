"""The creator's edits on the timeline core: each op through ``apply``, its wire round trip, its refusals."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_timeline_core import CLIPS, Ctx

from skill.timeline import ClipFacts, EditError, Section, Timeline, apply, from_draft, parse_ops, to_draft
from skill.timeline.edit_look import shot_styles
from skill.timeline.ops import Highlight, SetPace, SetTitle

SECTIONS = (
    Section("intro", 0.0, 8.0),
    Section("verse", 8.0, 24.0),
    Section("chorus", 24.0, 40.0),
    Section("verse", 40.0, 48.0),
    Section("chorus", 48.0, 60.0),
)
THREE = (
    ClipFacts("upl_a", "beach.mp4", "/api/media/upl_a", "clip", 30.0),
    ClipFacts("upl_b", "box.mp4", "/api/media/upl_b", "clip", 30.0),
    ClipFacts("upl_c", "cat_photo.jpg", "/api/media/upl_c", "photo"),
)


class SectionCtx(Ctx):
    def __init__(self, clips: tuple[ClipFacts, ...] = THREE) -> None:
        super().__init__(clips)
        assert self.facts is not None
        self.facts = replace(self.facts, sections=SECTIONS)


def _do(tl: Timeline, *ops: object, ctx: Ctx | None = None) -> Timeline:
    ctx = ctx or SectionCtx()
    for op in parse_ops(list(ops)):
        tl = apply(tl, op, ctx)  # type: ignore[arg-type]
    assert from_draft(to_draft(tl)) == tl  # every setting survives the store
    return tl


@pytest.fixture
def made() -> Timeline:
    return _do(Timeline(), {"op": "highlight", "seconds": 10})


@pytest.mark.parametrize(("nth", "start"), [(1, 24.0), (2, 48.0), (-1, 48.0)])
def test_start_at_the_chorus_keeps_the_length(made: Timeline, nth: int, start: float) -> None:
    tl = _do(made, {"op": "section", "at": "chorus", "nth": nth})
    assert tl.song is not None and tl.song.song_start_s == start
    assert tl.duration_s == 10.0
    assert [s.label for s in tl.sections] == ["chorus"]


def test_start_at_a_time_snaps_to_a_downbeat_and_near_the_end_moves_back(made: Timeline) -> None:
    tl = _do(made, {"op": "section", "start_s": 65 - 30 + 0.7})  # 35.7 s: the downbeat at 36
    assert tl.song is not None and tl.song.song_start_s == 36.0
    tl = _do(made, {"op": "section", "start_s": 57})  # 10 s from 57 would pass the end
    assert tl.song is not None and tl.song.song_start_s == 50.0 and tl.duration_s == 10.0
    whole = _do(made, {"op": "section", "at": "whole"})
    assert whole.song is not None and whole.song.song_start_s == 0.0 and whole.duration_s == 60.0


def test_the_drop_stands_in_for_the_chorus_and_missing_sections_are_refused(made: Timeline) -> None:
    tl = _do(made, {"op": "section", "at": "drop"})
    assert tl.song is not None and tl.song.song_start_s == 24.0
    for bad in ({"op": "section", "at": "chorus", "nth": 3}, {"op": "section", "at": "bridge"}):
        with pytest.raises(EditError) as err:
            _do(made, bad)
        assert err.value.code == "no_section"
    with pytest.raises(EditError) as err:
        _do(made, {"op": "section", "start_s": 75})
    assert err.value.code == "start_beyond_end"


def test_pace_per_section_cuts_more_in_the_chorus(made: Timeline) -> None:
    tl = _do(made, {"op": "section", "start_s": 16}, {"op": "length", "seconds": 16})
    tl = _do(tl, {"op": "pace", "pace": "bar"}, {"op": "section_pace", "section": "chorus", "pace": "beat"})
    cuts = tl.cuts_s
    verse = [c for c in cuts if c < 8.0]  # 16-24 of the song
    chorus = [c for c in cuts if c >= 8.0]
    assert len(verse) == 3 and len(chorus) == 16
    assert to_draft(tl)["m"]["look"]["section_paces"] == {"chorus": "beat"}
    back = _do(tl, {"op": "section_pace", "section": "chorus"})
    assert len(back.cuts_s) == 7


def test_offset_moves_every_cut_on_frame_boundaries(made: Timeline) -> None:
    before = made.cuts_s
    late = _do(made, {"op": "offset", "nudge_ms": -40})
    assert late.offset_ms == -40
    assert len(late.cuts_s) == len(before)
    for a, b in zip(before, late.cuts_s, strict=True):
        assert abs((a - b) - 0.040) <= 1 / 30 + 1e-9
        assert abs(b * 30 - round(b * 30)) < 1e-4  # on a frame (to the microsecond the wire keeps)
    assert _do(late, {"op": "offset", "nudge_ms": 20}).offset_ms == -20
    assert _do(late, {"op": "offset", "ms": 0}).cuts_s == before
    with pytest.raises(EditError) as err:
        _do(_do(made, {"op": "offset", "ms": 500}), {"op": "offset", "nudge_ms": 40})
    assert err.value.code == "offset_limit"


def test_fades_default_and_explicit_and_off(made: Timeline) -> None:
    tl = _do(made, {"op": "fade", "fade_out_s": 2}, {"op": "fade", "fade_in_s": 1})
    assert (tl.fade_in_s, tl.fade_out_s) == (1.0, 2.0)
    assert _do(tl, {"op": "fade", "fade_in_s": 0, "fade_out_s": 0}).fade_out_s == 0.0
    assert _do(made, {"op": "fade", "fade_out_s": 9}).fade_out_s == 5.0  # at most half the video


def test_transitions_and_effects_per_shot(made: Timeline) -> None:
    tl = _do(made, {"op": "section", "start_s": 16}, {"op": "length", "seconds": 16})
    tl = _do(tl, {"op": "transition", "kind": "crossfade", "scope": "chorus"})
    styles = shot_styles(tl)
    starts = [s.start_s for s in tl.shots]
    assert all(st[0] == ("crossfade" if t >= 8.0 else "cut") for t, st in zip(starts, styles, strict=True))
    assert styles[-1][1] == 0.25
    tl = _do(tl, {"op": "effect", "kind": "flash", "on": "downbeats"})
    flashed = [t for t, st in zip(starts, shot_styles(tl), strict=True) if st[2] == "flash"]
    assert flashed and all(round(t, 6) % 2 == 0 for t in flashed)  # a bar every 2 s
    assert len(flashed) < len(starts) / 2
    plain = _do(tl, {"op": "transition", "kind": "cut"}, {"op": "effect", "kind": "none"})
    assert all(st == ("cut", 0.0, "none") for st in shot_styles(plain))
    assert "look" not in to_draft(plain)["m"]


def test_title_style_and_a_second_text(made: Timeline) -> None:
    with pytest.raises(EditError) as err:
        _do(made, {"op": "title_style", "position": "bottom"})
    assert err.value.code == "need_title"
    tl = apply(made, SetTitle(text="Summer"), SectionCtx())
    tl = _do(
        tl, {"op": "title_style", "position": "bottom", "size": "large", "colour": "#FF0000", "seconds": 5}
    )
    assert tl.title is not None
    assert (tl.title.position, tl.title.size, tl.title.colour) == ("bottom", "large", "#ff0000")
    assert (tl.title.start_s, tl.title.end_s) == (0.0, 5.0)
    whole = _do(tl, {"op": "title_style", "whole": True})
    assert whole.title is not None and whole.title.end_s == 10.0
    both = _do(tl, {"op": "text", "text": "see you", "at": "end"})
    assert [t.text for t in both.texts] == ["Summer", "see you"]
    caption = both.texts[1]
    assert (caption.start_s, caption.end_s, caption.position) == (7.0, 10.0, "bottom")


def test_clip_order_leave_out_and_put_back(made: Timeline) -> None:
    names = lambda tl: [s.name for s in tl.shots[:3]]  # noqa: E731
    assert names(made) == ["beach.mp4", "box.mp4", "cat_photo.jpg"]
    tl = _do(made, {"op": "clip_order", "names": ["cat", "box.mp4"]})
    assert names(tl) == ["cat_photo.jpg", "box.mp4", "beach.mp4"]
    out = _do(tl, {"op": "use_clip", "clip": "cat photo".replace(" ", "_"), "use": False})
    assert "cat_photo.jpg" not in {s.name for s in out.shots}
    back = _do(out, {"op": "use_clip", "clip": "upl_c", "use": True})
    assert names(back) == names(tl)
    shuffled = _do(made, {"op": "clip_order", "order": "shuffle"})
    assert names(shuffled) != names(made) and sorted(names(shuffled)) == sorted(names(made))
    assert names(_do(shuffled, {"op": "clip_order", "order": "upload"})) == names(made)
    for bad, code in (({"op": "use_clip", "clip": "dog", "use": False}, "no_such_clip"),):
        with pytest.raises(EditError) as err:
            _do(made, bad)
        assert err.value.code == code
    one_left = _do(
        made,
        {"op": "use_clip", "clip": "beach", "use": False},
        {"op": "use_clip", "clip": "box", "use": False},
    )
    with pytest.raises(EditError) as err:
        _do(one_left, {"op": "use_clip", "clip": "cat", "use": False})
    assert err.value.code == "all_clips_excluded"


def test_settings_survive_a_recut_and_a_new_highlight(made: Timeline) -> None:
    tl = _do(made, {"op": "use_clip", "clip": "box", "use": False}, {"op": "offset", "ms": 40})
    again = apply(apply(tl, SetPace(pace="bar"), SectionCtx()), Highlight(seconds=12), SectionCtx())
    assert "box.mp4" not in {s.name for s in again.shots} and again.offset_ms == 40


def test_photo_motion_needs_photos() -> None:
    ctx = SectionCtx(CLIPS)
    tl = _do(Timeline(), {"op": "highlight", "seconds": 10}, {"op": "photo_motion", "on": False}, ctx=ctx)
    assert tl.look.photo_motion is False
    no_photos = SectionCtx(THREE[:2])
    tl = _do(Timeline(), {"op": "highlight", "seconds": 10}, ctx=no_photos)
    with pytest.raises(EditError) as err:
        _do(tl, {"op": "photo_motion", "on": False}, ctx=no_photos)
    assert err.value.code == "no_photos"


def test_state_shows_the_creator_settings(made: Timeline) -> None:
    from skill.timeline.edit_view import edit_view

    tl = _do(
        made,
        {"op": "transition", "kind": "dip_white", "seconds": 0.4},
        {"op": "effect", "kind": "shake", "on": "downbeats"},
        {"op": "use_clip", "clip": "box", "use": False},
        {"op": "section_pace", "section": "chorus", "pace": "half"},
    )
    view = edit_view(tl)
    assert view["transition"] == {"kind": "dip_white", "seconds": 0.4, "scope": "all"}
    assert view["effect"] == {"kind": "shake", "on": "downbeats", "scope": "all"}
    assert len(view["transitions"]) == len(tl.cuts_s) and view["transitions"][0]["kind"] == "dip_white"
    assert view["section_paces"] == {"chorus": "half"}
    assert view["sources"] == {
        "order": "upload",
        "clips": ["beach.mp4", "cat_photo.jpg"],
        "excluded": ["box.mp4"],
    }


def test_the_chorus_of_a_song_without_sections_is_its_best_part() -> None:
    flat = Ctx(THREE)  # no sections found: best_start says 20 s
    made = _do(Timeline(), {"op": "highlight", "seconds": 10}, {"op": "section", "start_s": 0}, ctx=flat)
    tl = _do(made, {"op": "section", "at": "chorus"}, ctx=flat)
    assert tl.song is not None and tl.song.song_start_s == 20.0
    with pytest.raises(EditError) as err:
        _do(made, {"op": "section", "at": "chorus", "nth": 2}, ctx=flat)
    assert err.value.code == "no_section"
