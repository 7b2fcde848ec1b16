"""Several edits in one sentence through the chat on the local backend: each one is applied, in an
order that works (a quoted title is set before it is styled; the video's length said beside a start,
a beat fix or a title's seconds is still the video's length), and the stored draft shows all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.local.edit_turn import mmss
from skill.timeline import Timeline, from_draft

from .conftest import Live, final_text, make_clip_mp4
from .engine.conftest import STRUCTURE
from .engine.synth import make_song, write_wav

SONG = make_song(bpm=128, structure=STRUCTURE, seed=3)


@pytest.fixture
def session(live: Live, tmp_path: Path) -> tuple[str, str]:
    token = live.token()
    sid = live.session(token)
    wav = write_wav(tmp_path / "song.wav", SONG.y, SONG.sr).read_bytes()
    live.upload(token, sid, ("song.wav", wav), ("a.mp4", make_clip_mp4(3.0)), ("b.mp4", make_clip_mp4(3.0)))
    final_text(live.say(token, sid, "use my clips and make a 12 second highlight"))
    return token, sid


def _timeline(live: Live, token: str, sid: str) -> Timeline:
    return from_draft(live.state(token, sid)["draft"])


def test_a_quoted_title_with_its_style_is_set_then_styled(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    text = final_text(live.say(token, sid, "add the title 'Castle Run' at the top, big, for 4 seconds"))
    title = _timeline(live, token, sid).title
    assert title is not None, text
    assert (title.text, title.position, title.size) == ("Castle Run", "top", "large")
    assert title.end_s - title.start_s == pytest.approx(4.0)
    assert "Castle Run" in text and "no title" not in text.lower()
    assert "white" in text and "#" not in text  # the colour by name, never a hex code
    text = final_text(live.say(token, sid, "標題改成「城堡」，放在底部"))
    title = _timeline(live, token, sid).title
    assert title is not None and (title.text, title.position) == ("城堡", "bottom"), text
    text = final_text(live.say(token, sid, "標題改成黃色"))
    assert "黃色" in text and "#" not in text, text


def test_the_length_beside_another_edit_is_the_videos(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    text = final_text(live.say(token, sid, "make it 8 seconds and start at the chorus"))
    tl = _timeline(live, token, sid)
    assert tl.duration_s == pytest.approx(8.0), text
    assert tl.song is not None
    chorus = min(s for label, s, _ in SONG.sections if label == "chorus")
    assert abs(tl.song.song_start_s - chorus) < 1.0, (tl.song.song_start_s, chorus)
    text = final_text(live.say(token, sid, "double time then make it 10 seconds"))
    tl = _timeline(live, token, sid)
    assert tl.duration_s == pytest.approx(10.0), text
    assert tl.song is not None and tl.song.beat_fix is not None and tl.song.beat_fix.factor == 2.0
    text = final_text(live.say(token, sid, "从副歌开始，做成9秒"))
    assert _timeline(live, token, sid).duration_s == pytest.approx(9.0), text


def test_traditional_undo_word_undoes(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    final_text(live.say(token, sid, "make it 8 seconds"))
    text = final_text(live.say(token, sid, "復原"))
    assert _timeline(live, token, sid).duration_s == pytest.approx(12.0), text
    assert "復原" in text or "撤" in text or "已" in text


def test_undo_the_last_two_changes_takes_back_two(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    final_text(live.say(token, sid, "make it 8 seconds"))
    final_text(live.say(token, sid, "add the title 'Two Steps'"))
    text = final_text(live.say(token, sid, "undo the last two changes"))
    tl = _timeline(live, token, sid)
    assert tl.title is None and tl.duration_s == pytest.approx(12.0), text
    final_text(live.say(token, sid, "make it 8 seconds"))
    final_text(live.say(token, sid, "make it vertical"))
    text = final_text(live.say(token, sid, "撤销两步"))
    assert _timeline(live, token, sid).duration_s == pytest.approx(12.0), text


def test_an_edit_that_changes_nothing_says_so(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    final_text(live.say(token, sid, "make it vertical"))
    before = live.state(token, sid)["draft"]
    for sentence in ("make it vertical", "make it 12 seconds", "改成竖屏"):
        text = final_text(live.say(token, sid, sentence))
        assert "now" not in text and "已改为" not in text, (sentence, text)
        assert "already" in text or "已经是这样" in text, (sentence, text)
    assert live.state(token, sid)["draft"] == before
    text = final_text(live.say(token, sid, "make it square and 12 seconds"))
    assert "1:1" in text and "already" in text  # the change said, the no-change too


def test_a_short_clip_used_many_times_takes_turns(live: Live, session: tuple[str, str]) -> None:
    """12 s on the beat from two 3 s clips is ~13 shots each, ~6 fit in a clip: its parts take turns
    (never its best second again and again, the other parts unseen)."""
    from collections import Counter

    token, _ = session
    shots = [s for s in _timeline(live, token, session[1]).shots if s.kind == "clip"]
    for name in ("a.mp4", "b.mp4"):
        ins = Counter(round(s.source_in_s, 2) for s in shots if s.name == name)
        uses = sum(ins.values())
        assert uses >= 10, ins
        assert len(ins) >= 5 and max(ins.values()) <= -(-uses // len(ins)) + 1, ins


def test_replies_of_one_sentence_tell_the_final_cut(live: Live, session: tuple[str, str]) -> None:
    """ "cut on every bar and make it 8 seconds": the shots counted in the reply are the video's."""
    import re

    token, sid = session
    text = final_text(live.say(token, sid, "cut on every bar and make it 8 seconds"))
    tl = _timeline(live, token, sid)
    assert tl.duration_s == pytest.approx(8.0) and tl.pace == "bar"
    counts = [int(n) for n in re.findall(r"(\d+) shots", text)]
    assert counts and counts[-1] == len(tl.shots), (text, len(tl.shots))
    text = final_text(live.say(token, sid, "make it 10 seconds and start at the chorus"))
    tl = _timeline(live, token, sid)
    assert tl.song is not None and tl.duration_s == pytest.approx(10.0)
    start = tl.song.song_start_s
    assert f"{mmss(start)}–{mmss(start + 10)}" in text, text  # the excerpt said is the one cut


def test_start_over_twice_offers_no_undo_of_nothing(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    text = final_text(live.say(token, sid, "start over"))
    assert "undo" in text.lower() and not _timeline(live, token, sid).has_highlight
    text = final_text(live.say(token, sid, "start over"))
    assert "already" in text and "undo" not in text.lower(), text
    final_text(live.say(token, sid, "undo"))
    assert _timeline(live, token, sid).duration_s == pytest.approx(12.0)  # one undo: the video is back


def test_clip_sound_music_and_start_in_one_sentence(live: Live, session: tuple[str, str]) -> None:
    """The clips' sound is read from its own clause: the music's percent is the music's, and the start
    beside them still moves."""
    token, sid = session
    final_text(live.say(token, sid, "music only"))
    text = final_text(live.say(token, sid, "keep the clip sound, music at 0%, start at the chorus"))
    tl = _timeline(live, token, sid)
    assert tl.clip_audio.keep is True and tl.song_volume == 0.0, text
    assert {s.audio_gain for s in tl.shots if s.kind == "clip"} == {1.0}
    chorus = min(s for label, s, _ in SONG.sections if label == "chorus")
    assert tl.song is not None and abs(tl.song.song_start_s - chorus) < 1.0, text
    text = final_text(live.say(token, sid, "只要音乐，音乐调到80%"))
    tl = _timeline(live, token, sid)
    assert tl.clip_audio.keep is False and tl.song_volume == 0.8, text


def test_each_clause_keeps_its_own_subject(live: Live, session: tuple[str, str]) -> None:
    """ "音乐小一点" beside a new title makes the music quieter, not the title small; a file name with
    Chinese run into it ("把a.mp4的声音调小") is that clip."""
    token, sid = session
    text = final_text(live.say(token, sid, "做成方形，标题改成《夏天》，音乐小一点"))
    tl = _timeline(live, token, sid)
    assert tl.title is not None and tl.title.text == "夏天" and tl.title.size == "medium", text
    assert tl.aspect == "1:1" and tl.song_volume == pytest.approx(0.8), text
    text = final_text(live.say(token, sid, "把a.mp4的声音调小"))
    gains = {(s.name, s.audio_gain) for s in _timeline(live, token, sid).shots if s.kind == "clip"}
    assert gains == {("a.mp4", 0.71), ("b.mp4", 1.0)}, text


def test_not_liking_the_title_never_claims_it_is_gone(live: Live, session: tuple[str, str]) -> None:
    token, sid = session
    final_text(live.say(token, sid, "title 'Neon'"))
    events = live.say(token, sid, "I don't like the title")
    text = final_text(events)
    title = _timeline(live, token, sid).title
    assert title is not None and title.text == "Neon"
    assert "Neon" in text and "no title" not in text.lower(), text
    turn = next(e["customMetadata"]["turn"] for e in events if e.get("turnComplete"))
    assert turn["outcome"] == "partial", turn  # nothing was done: the client never says success
    final_text(live.say(token, sid, "remove the title"))
    text = final_text(live.say(token, sid, "我不喜欢这个标题"))
    assert _timeline(live, token, sid).title is None and "不加标题" in text, text


def test_a_length_change_in_seconds_and_the_clips_quieter(live: Live, session: tuple[str, str]) -> None:
    """ "5 seconds shorter" is 5 s off the video, never a 5 s video; "the music louder and the clips
    quieter" turns each its own way."""
    token, sid = session
    text = final_text(live.say(token, sid, "make it 5 seconds shorter"))
    assert _timeline(live, token, sid).duration_s == pytest.approx(7.0), text
    text = final_text(live.say(token, sid, "再长3秒"))
    assert _timeline(live, token, sid).duration_s == pytest.approx(10.0), text
    final_text(live.say(token, sid, "music at 50%"))
    text = final_text(live.say(token, sid, "can you make the music a bit louder and the clips quieter"))
    tl = _timeline(live, token, sid)
    assert tl.song_volume == pytest.approx(0.7), text
    assert {s.audio_gain for s in tl.shots if s.kind == "clip"} == {0.71}, text
