"""Words about the clips' sound, in English, simplified and traditional Chinese, become the right op;
words about the music alone, titles and lengths stay what they were."""

from __future__ import annotations

import pytest

from skill.local.editor import parse_instruction
from skill.local.edits import Highlight, Length, Title, Volume
from skill.timeline.ops import ClipLevel, ClipSound, Duck

MUTE_ALL, KEEP_ALL = ClipSound(keep=False), ClipSound(keep=True)
LOUDER, QUIETER = ClipLevel(step=1), ClipLevel(step=-1)
DEEPER, SHALLOWER, OFF = Duck(step=1), Duck(step=-1), Duck(db=0.0)

CASES = [
    ("mute the clip sound", MUTE_ALL),
    ("turn off the sound from my videos", MUTE_ALL),
    ("remove the original audio", MUTE_ALL),
    ("mute my clips", MUTE_ALL),
    ("silence the videos", MUTE_ALL),
    ("don't use the clip's audio", MUTE_ALL),
    ("music only", MUTE_ALL),
    ("just the music please", MUTE_ALL),
    ("只要音乐", MUTE_ALL),
    ("只保留背景音乐", MUTE_ALL),
    ("把视频原声关掉", MUTE_ALL),
    ("视频静音", MUTE_ALL),
    ("keep the original sound", KEEP_ALL),
    ("keep the audio from my clips", KEEP_ALL),
    ("保留原声", KEEP_ALL),
    ("保留原聲", KEEP_ALL),
    ("make the clip sound louder", LOUDER),
    ("make the voices louder", LOUDER),
    ("the clips are too quiet", LOUDER),
    ("原声太小了", LOUDER),
    ("turn the clip volume down", QUIETER),
    ("原声小一点", QUIETER),
    ("影片原聲調小一點", QUIETER),
    ("素材太吵", QUIETER),
    ("clip sound 50%", ClipLevel(gain=0.5)),
    ("the music is too loud over my clips", DEEPER),
    ("lower the music when people talk", DEEPER),
    ("I can't hear the people in my videos", DEEPER),
    ("说话的时候音乐小一点", DEEPER),
    ("背景音乐太吵了，听不到说话", DEEPER),
    ("音樂蓋住了原聲", DEEPER),
    ("duck more", DEEPER),
    ("less ducking", SHALLOWER),
    ("闪避小一点", SHALLOWER),
    ("no ducking", OFF),
    ("不要自动闪避", OFF),
    ("關閉閃避", OFF),
    ("duck 15 dB", Duck(db=15.0)),
    ("mute beach.mp4", ClipSound(keep=False, clip="beach.mp4")),
    ("把 beach.mp4 静音", ClipSound(keep=False, clip="beach.mp4")),
    ("unmute beach.mp4", ClipSound(keep=True, clip="beach.mp4")),
    ("make the sound of party.mov quieter", ClipLevel(step=-1, clip="party.mov")),
]


@pytest.mark.parametrize(("text", "op"), CASES)
def test_sound_words(text: str, op: object) -> None:
    assert parse_instruction(text).edits == (op,)


@pytest.mark.parametrize(
    ("text", "edit"),
    [
        ("turn off the music", Volume(level=0.0)),
        ("mute", Volume(level=0.0)),
        ("music volume 60%", Volume(level=0.6)),
        ("make it louder", Volume(delta=0.2)),
        ('add a title "Talking Heads"', Title("Talking Heads")),
        ("标题改成《原声》", Title("原声")),
        ("make it 15 seconds", Length(15.0)),
        ("use my clips", Highlight(duration_s=None, use_clips=True)),
    ],
)
def test_other_words_are_not_about_the_clips_sound(text: str, edit: object) -> None:
    assert parse_instruction(text).edits == (edit,)
