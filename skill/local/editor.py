"""Read a chat instruction (English, Chinese in either script, or both) into the edits it asks for.

``parse_instruction(text)`` returns an :class:`Instruction`: the language to answer in and an ordered
tuple of edits and acts (:mod:`skill.local.edits`). An empty tuple means "not understood": the agent
says so and answers with what it can do, never with silence. Words come from ``skill/text/words.yaml``
through :mod:`skill.text`; this module holds the grammar: which concept found where means which edit,
and what a negation or a how-to frame does to it. Pure and deterministic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from skill.text import numbers
from skill.text.lang import detect, reply_lang
from skill.text.negation import preceded_by
from skill.text.normalise import MAX_SCAN_CHARS
from skill.text.script import to_simplified
from skill.text.typos import fix_latin, ime_index, repair_ime
from skill.text.vocab import Vocabulary, words

from . import cues
from .clip_cues import parse_history
from .edit_cues import parse_creator_edits
from .edit_words import VERTICAL_HINTS
from .edits import (
    Ask,
    AskTopic,
    Aspect,
    Declined,
    Edit,
    Export,
    Feature,
    Greeting,
    Help,
    Highlight,
    HowTo,
    Length,
    Pace,
    RemoveTitle,
    Show,
    Title,
    Undo,
    Unsupported,
    UseMedia,
    Volume,
)
from .sound_cues import parse_clip_sound

_LENGTH_WORDS = re.compile(
    r"\blong\b|\blength\b|\bshorter\b|\blonger\b|时长|時長|长度|長度|秒长|秒長|的视频|的影片"
)


def _has(text: str, *words: str) -> bool:
    return any(w in text for w in words)


__all__ = ["Instruction", "find", "normal_form", "parse_duration_s", "parse_instruction"]

parse_duration_s = numbers.parse_duration_s

LENGTH_STEP_S = 5.0
_ASPECTS = (("aspect_9_16", "9:16"), ("aspect_16_9", "16:9"), ("aspect_1_1", "1:1"))
_PACES = (("pace_2bar", "2bar"), ("pace_bar", "bar"), ("pace_beat", "beat"))
_ASKS: tuple[tuple[str, AskTopic], ...] = (
    ("ask_title", "title"),
    ("ask_shots", "shots"),
    ("ask_aspect", "aspect"),
    ("ask_bpm", "bpm"),
    ("ask_duration", "duration"),
)
# quoted words; an apostrophe counts only outside a word ("don't use the clip's audio" quotes nothing)
_QUOTED = re.compile(
    r"[\"“‘《「『«]([^\"”’》」』»\n]{1,80})[\"”’》」』»]|(?<![\w'])'([^'\n]{1,80})'(?![\w'])"
)
_QUESTION_START = re.compile(r"^(?:what|whats|how|which|is|does|do|can|tell me)\b")
_ZH_QUESTION = re.compile(r"[吗呢几]|多少|什么|多长|多久|哪")


@dataclass(frozen=True, slots=True)
class Instruction:
    lang: str  # the reply language: "en" | "zh-Hans" | "zh-Hant"
    edits: tuple[Edit, ...]


def normal_form(text: str, vocab: Vocabulary | None = None) -> str:
    """The form concepts are matched in: NFKC, case-folded, simplified script, typos and IME slips repaired."""
    vocab = vocab or words()
    norm = (
        unicodedata.normalize("NFKC", text[:MAX_SCAN_CHARS])
        .casefold()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
    )
    norm = " ".join(to_simplified(norm).split())
    norm = fix_latin(norm, vocab.typo_targets, vocab.typo_keep)
    return repair_ime(norm, ime_index(vocab.chinese))


def find(norm: str, concept: str, vocab: Vocabulary | None = None) -> int:
    """Where the first phrase of ``concept`` starts in ``norm`` (whole words for English), or -1."""
    match = (vocab or words()).finder(concept).search(norm)
    return match.start() if match else -1


class _Reader:
    """One sentence being read: its normal form, the quoted parts, and what has been found."""

    def __init__(self, text: str) -> None:
        self.vocab = words()
        self.original = text
        self.norm = normal_form(text, self.vocab)
        # quoted words are a title or a name, never instructions ("add the title 'Export'")
        self.bare = _QUOTED.sub(lambda m: " " * len(m.group(0)), self.norm)
        self.edits: list[Edit] = []
        self._found: dict[str, int] = {}

    def at(self, concept: str) -> int:
        found = self._found.get(concept)
        if found is None:
            found = self._found[concept] = find(self.bare, concept, self.vocab)
        return found

    def has(self, concept: str) -> bool:
        return self.at(concept) >= 0

    def live(self, concept: str) -> int:
        """Where the concept is asked for: found, and not negated. -1 otherwise, -2 when negated."""
        at = self.at(concept)
        if at < 0:
            return -1
        return -2 if preceded_by(self.bare, at, "negation", vocab=self.vocab) else at

    def is_question(self) -> bool:
        norm = self.bare.strip()
        return "?" in norm or bool(_QUESTION_START.match(norm)) or bool(_ZH_QUESTION.search(norm))


def parse_instruction(text: str) -> Instruction:
    """Parse one chat message into the edits it asks for, in the order they are applied.

    Examples
    --------
    >>> parse_instruction("make it 15 seconds").edits
    (Length(duration_s=15.0, delta_s=None),)
    >>> parse_instruction("make it vertical and export").edits
    (Aspect(ratio='9:16'), Export())
    >>> parse_instruction("先别导出").edits
    (Declined(what='export'),)
    """
    text = text[:MAX_SCAN_CHARS]  # an instruction, not a paste: the router reads as much
    # a Chinese title quoted in an English sentence keeps the reply English
    unquoted = _QUOTED.sub(" ", text)
    lang = (
        reply_lang(unquoted, detect(unquoted)) if unquoted.strip(" .!?") else reply_lang(text, detect(text))
    )
    r = _Reader(text)
    if not r.norm.strip():
        return Instruction(lang, ())
    history = parse_history(r.bare)  # redo, start over (before undo: "undo the undo" is a redo)
    if history is not None:
        return Instruction(lang, (history,))
    if r.live("undo") >= 0:
        return Instruction(lang, (Undo(),))
    if r.is_question():
        asked = next((topic for concept, topic in _ASKS if r.has(concept)), None)
        if asked is not None and not r.has("howto"):
            return Instruction(lang, (Ask(asked),))
    _edits(r)
    _export(r)
    if not r.edits:
        _acts(r)
    return Instruction(lang, tuple(r.edits))


def _edits(r: _Reader) -> None:
    duration = numbers.parse_duration_s(r.bare)
    sound = parse_clip_sound(r.bare)  # the clips' own sound: "mute the clips", "music only", "duck more"
    clips = not sound and (r.has("clips") or cues.MY_CLIPS.search(r.bare) is not None)
    # the creator's edits: start at the chorus, fades, transitions, effects, title style, the clips
    creator = () if sound else parse_creator_edits(r.original)
    if numbers.parse_clock_s(r.bare) is not None:  # "start at 2:10": the highlight from there (below)
        creator = tuple(
            op for op in creator if not (op.op == "section" and getattr(op, "start_s", None) is not None)
        )
    kinds = {op.op for op in creator}
    asked_video = (
        bool(cues.MAKE_VIDEO.search(r.bare) or cues.MAKE_VIDEO_EN.search(r.bare)) or r.live("highlight") >= 0
    )
    if creator and not asked_video and not _LENGTH_WORDS.search(r.bare):
        duration = None  # "2 second fade out", "start at 1:05": not the video's length
    section = None if "section" in kinds else _section_start(r, duration)
    if section is not None and not isinstance(section, Unsupported):
        asked_video = True  # a start time given is the highlight re-made from there
    if creator and not asked_video:
        pass  # "don't use the cat photo", "卡点有点晚" edit the video; only asking for one makes it
    elif section is not None:
        r.edits.append(section)
        if numbers.parse_clock_s(r.bare) is not None:
            duration = None  # "at 2:10" is where it starts, not how long it is
    elif (
        r.live("highlight") >= 0
        or cues.MAKE_VIDEO.search(r.bare)
        or cues.MAKE_VIDEO_EN.search(r.bare)
        or (clips and cues.USE_WORD.search(r.bare))
    ):
        r.edits.append(Highlight(duration_s=duration, use_clips=clips))
        duration = None
    r.edits.extend(creator)
    aspect = next((ratio for concept, ratio in _ASPECTS if r.live(concept) >= 0), None)
    if aspect is None and any(isinstance(e, Highlight) for e in r.edits) and _has(r.bare, *VERTICAL_HINTS):
        aspect = "9:16"  # a 卡点 video, or one for Kuaishou or Douyin, is vertical when no ratio is named
    if aspect is not None:
        r.edits.append(Aspect(aspect))  # type: ignore[arg-type]
    pace = next(
        (p for concept, p in _PACES if r.live(concept) >= 0 or cues.pace_pattern(p).search(r.bare)), None
    )
    if pace is None and r.live("pace_faster") >= 0:
        pace = "beat"
    elif pace is None and r.live("pace_slower") >= 0:
        pace = "2bar"
    if pace is not None and not kinds & {"pace", "section_pace", "beat"}:  # "节奏快一倍" is double time
        r.edits.append(Pace(pace))  # type: ignore[arg-type]
    r.edits.extend(sound)
    volume = None if sound else _volume(r)
    if volume is not None:
        r.edits.append(volume)
    about_title = None if kinds & {"title_style", "text"} else _title(r, duration)
    if about_title == "title_duration":
        duration = None
    if duration is not None:  # a length not taken by the highlight or the title: the video's
        r.edits.append(Length(duration))
    elif duration is None and not r.edits and not r.has("title"):
        if r.live("shorter") >= 0:
            r.edits.append(Length(None, delta_s=-LENGTH_STEP_S))
        elif r.live("longer") >= 0:
            r.edits.append(Length(None, delta_s=LENGTH_STEP_S))


def _section_start(r: _Reader, duration: float | None) -> Highlight | Unsupported | None:
    """Where in the song: "start the highlight at 2:10" is the highlight from there; "start at the
    chorus" names a section, not an operation yet. Neither is a new best-part highlight."""
    clock = numbers.parse_clock_s(r.bare)
    if not (cues.SECTION_START.search(r.bare) or r.has("section_start")):
        return None
    if clock is not None:
        return Highlight(duration_s=duration if duration != clock else None, start_s=clock)
    if cues.SECTION_NAME.search(r.bare):
        return Unsupported("section_start")
    return None


def _volume(r: _Reader) -> Volume | None:
    norm = r.bare
    if r.has("too_loud"):
        return Volume(delta=-0.2)
    if r.has("too_quiet"):
        return Volume(delta=0.2)
    if not (r.has("music") or r.has("sound")):
        return None
    if r.has("mute"):
        return Volume(level=0.0)
    if r.has("half_volume"):
        return Volume(level=0.5)
    percent = numbers.parse_percent(norm)
    if percent is not None:
        return Volume(level=max(0.0, min(1.0, percent / 100)))
    decimal = cues.VOLUME_DECIMAL.search(norm)
    if decimal:
        return Volume(level=max(0.0, min(1.0, float(decimal.group(1)))))
    bare = cues.VOLUME_BARE.search(norm)  # "BGM volume 50", "音量调到 30": a percent without its sign
    if bare:
        return Volume(level=max(0.0, min(1.0, int(bare.group(1)) / 100)))
    if r.has("quieter"):
        return Volume(delta=-0.2)
    if r.has("louder"):
        return Volume(delta=0.2)
    return None


def _title(r: _Reader, duration: float | None) -> Feature | None:
    """Add the title edit, if any; return the title feature asked for that is not an operation yet."""
    at = r.at("title")
    if at < 0:
        return None
    negation = preceded_by(r.bare, at, "negation", vocab=r.vocab)
    if negation and (not r.has("remove") or find(r.bare[: at + 1], "add_verb", r.vocab) >= 0):
        r.edits.append(Declined("title"))  # "don't add a title", "不要加标题" (but "不要标题" removes it)
        return None
    quoted = _QUOTED.search(r.original)
    if not quoted:
        feature = _title_feature(r, duration)
        if feature is not None:
            r.edits.append(Unsupported(feature))
            return feature
        if r.has("remove"):
            r.edits.append(RemoveTitle())
            return None
    text = cues.title_text(r.original)
    if text:
        r.edits.append(Title(text))
    return None


def _title_feature(r: _Reader, duration: float | None) -> Feature | None:
    tail = r.bare[r.at("title") :]
    if duration is not None and (r.has("title_duration") or " for " in f" {r.bare} "):
        return "title_duration"
    if find(tail, "title_position", r.vocab) >= 0:
        return "title_position"
    if find(tail, "title_size", r.vocab) >= 0:
        return "title_size"
    return None


def _export(r: _Reader) -> None:
    at = r.at("export")
    if at < 0:
        return
    if preceded_by(r.bare, at, "howto", vocab=r.vocab):
        r.edits.append(HowTo("export"))
    elif preceded_by(r.bare, at, "negation", vocab=r.vocab) or _held(r, at):
        r.edits.append(Declined("export"))
    else:
        r.edits.append(Export())


def _held(r: _Reader, at: int) -> bool:
    """ "export later", "等会再导出": a hold right after (English) or before (Chinese) the export word."""
    hold = r.at("hold")
    return hold >= 0 and abs(hold - at) <= 24


def _acts(r: _Reader) -> None:
    if r.has("help") or (r.bare.endswith("?") and "can you" in r.bare):
        r.edits.append(Help())
    elif r.has("show"):
        r.edits.append(Show())
    elif cues.GREETING.match(r.bare):
        r.edits.append(Greeting())
    elif cues.USE_MEDIA.search(r.bare):
        r.edits.append(UseMedia())
    elif (at := r.at("change_verb")) >= 0 and preceded_by(r.bare, at, "negation", vocab=r.vocab):
        r.edits.append(Declined("change"))  # "no, don't change the ratio", "别动它"
