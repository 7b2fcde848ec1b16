"""A trial of the words layer: fresh phrasings of the common edits (length, pace, frame, the title's
text, place, size and colour, fades, transitions, the music's volume, the clips' sound, the section,
undo) in English, simplified and traditional Chinese and mixed, each read into the ops it asks
(``tests/data/edit_phrases_trial.tsv``); and the fixes the trial led to, through the chat."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.local.edits import Unsupported
from skill.local.reading import read
from skill.timeline import Timeline, from_draft

from .conftest import Live, click_track, final_text, make_clip_mp4

_TABLE = Path(__file__).parent.parent / "data" / "edit_phrases_trial.tsv"
_ROWS = [
    tuple(line.split("\t"))
    for line in _TABLE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize(("phrase", "wanted"), _ROWS, ids=[r[0] for r in _ROWS])
def test_each_phrase_reads_as_its_edit(phrase: str, wanted: str) -> None:
    reading = read(phrase)
    if wanted.startswith("unsupported:"):  # understood, said plainly, nothing changed
        assert reading.acts == (Unsupported(wanted.split(":", 1)[1]),) and not reading.ops, reading  # type: ignore[arg-type]
        return
    tags = {op.op for op in reading.ops}
    for token in wanted.split(","):
        assert tags & set(token.split("|")), (phrase, token, reading)


def test_the_trials_fixes_through_the_chat(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("tune.wav", click_track(16.0, bpm=120.0)), ("a.mp4", make_clip_mp4(2.0)))
    final_text(live.say(token, sid, "use my clips and make an 8 second highlight on every beat"))

    def timeline() -> Timeline:
        return from_draft(live.state(token, sid)["draft"])

    text = final_text(live.say(token, sid, "slow the cuts down"))
    assert timeline().pace == "2bar", text
    text = final_text(live.say(token, sid, "剪得快一点"))
    assert timeline().pace == "beat", text
    text = final_text(live.say(token, sid, "转场用淡入淡出"))
    assert timeline().look.transition == "crossfade" and timeline().fade_in_s == 0.0, text
    text = final_text(live.say(token, sid, "開頭淡化"))
    assert timeline().fade_in_s > 0 and timeline().fade_out_s == 0.0, text
    text = final_text(live.say(token, sid, "能不能短一点"))
    assert timeline().duration_s == pytest.approx(6.0), text  # one step shorter: a quarter, 2 s
    text = final_text(live.say(token, sid, "take that back"))
    assert timeline().duration_s == pytest.approx(8.0), text
    before = live.state(token, sid)["draft"]
    text = final_text(live.say(token, sid, "make it 4:5"))
    assert "9:16" in text and "1:1" in text and live.state(token, sid)["draft"] == before, text
    text = final_text(live.say(token, sid, "I need it for instagram stories"))
    assert timeline().aspect == "9:16", text
    final_text(live.say(token, sid, "title 'Dune'"))
    text = final_text(live.say(token, sid, "take the title off"))  # never a title called "off"
    assert timeline().title is None and "off" not in text, text
    text = final_text(live.say(token, sid, "make the cuts less frequent"))
    assert timeline().pace == "2bar", text


def test_a_kind_left_out_and_a_colour_look_through_the_chat(live: Live) -> None:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (96, 160), (220, 30, 30)).save(buf, format="PNG")
    token = live.token()
    sid = live.session(token, language="zh-Hans")
    live.upload(
        token,
        sid,
        ("tune.wav", click_track(16.0, bpm=120.0)),
        ("a.mp4", make_clip_mp4(2.0)),
        ("red.png", buf.getvalue()),
    )
    final_text(live.say(token, sid, "用我的素材，按节拍做一个8秒的视频"))
    kinds = {s.kind for s in from_draft(live.state(token, sid)["draft"]).shots}
    assert kinds == {"clip", "photo"}
    text = final_text(live.say(token, sid, "不要照片"))
    after = from_draft(live.state(token, sid)["draft"])
    assert {s.kind for s in after.shots} == {"clip"} and "red.png" in text, text
    before = live.state(token, sid)["draft"]
    text = final_text(live.say(token, sid, "make it black and white"))
    assert "black and white" in text and "not catch" not in text, text
    assert live.state(token, sid)["draft"] == before  # nothing changed, and it said so


@pytest.mark.parametrize(
    ("phrase", "field", "value"),
    [
        ("短一点，减5秒", "by_s", -5.0),  # five seconds less, not a five-second video
        ("cut it down by 5 seconds", "by_s", -5.0),
        ("把flash效果去掉", "kind", "none"),  # taken away, not added
        ("标题换成蓝色，然后放大一点", "size", "large"),  # both of the title's changes
        ("keep the title on screen longer", "by_s", 2.0),  # one step, when no number is said
        ("title 显示久一点", "by_s", 2.0),
        ("no flash, zoom instead", "kind", "zoom"),  # the one named in its place
        ("闪光不要了，换成缩放", "kind", "zoom"),
        ("再短個十秒好了", "by_s", -10.0),
        ("长度 +10s", "by_s", 10.0),
        ("音乐声音小一点，人声出来的时候再压一压", "delta", -0.2),  # the music's level, not the clips'
    ],
)
def test_the_blind_trials_fields(phrase: str, field: str, value: object) -> None:
    ops = read(phrase).ops
    assert len(ops) == 1 and getattr(ops[0], field) == value, ops


def test_an_effect_on_the_beat_does_not_recut_the_video() -> None:
    for phrase in ("add a flash on the beat", "卡点加闪白"):
        assert [op.op for op in read(phrase).ops] == ["effect"], phrase  # no new highlight, no 9:16


def test_a_look_asked_before_the_video_is_kept_for_it_and_said_so(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("tune.wav", click_track(16.0, bpm=120.0)))
    text = final_text(live.say(token, sid, "add a flash on the beat"))
    assert "once the video is cut" in text and not from_draft(live.state(token, sid)["draft"]).shots, text
    text = final_text(live.say(token, sid, "crossfade between shots"))
    assert "once the video is cut" in text and "0.25 s" in text, text
    final_text(live.say(token, sid, "make an 8 second highlight"))
    made = from_draft(live.state(token, sid)["draft"])
    assert made.shots and made.look.effect == "flash" and made.look.transition == "crossfade"
    text = final_text(live.say(token, sid, "add a zoom on the beat"))
    assert "now hits" in text, text
    after = from_draft(live.state(token, sid)["draft"])
    assert after.look.effect == "zoom" and after.cuts_s == made.cuts_s  # the effect, not a new cut


def test_clauses_that_ask_different_things_of_clips_are_read_apart() -> None:
    ops = read("去掉dog.jpg，把cat.mp4放最前面").ops
    assert [(op.op, getattr(op, "clip", None) or getattr(op, "names", None)) for op in ops] == [
        ("use_clip", "dog.jpg"),
        ("clip_order", ("cat.mp4",)),
    ]
    assert [op.op for op in read("undo, then make it 40 seconds").ops] == ["undo", "length"]


def test_undo_then_an_edit_in_one_message_does_both_in_order(live: Live) -> None:
    token = live.token()
    sid = live.session(token)
    live.upload(token, sid, ("tune.wav", click_track(16.0, bpm=120.0)))
    final_text(live.say(token, sid, "make an 8 second highlight"))
    final_text(live.say(token, sid, "make it 12 seconds"))
    text = final_text(live.say(token, sid, "undo, then make it 6 seconds"))
    assert from_draft(live.state(token, sid)["draft"]).duration_s == pytest.approx(6.0), text
    final_text(live.say(token, sid, "undo"))  # back to before the 6 s: the 12 s were undone first
    assert from_draft(live.state(token, sid)["draft"]).duration_s == pytest.approx(8.0)
