"""intents.yaml: its schema, and the cue table compiled from it for :mod:`skill.router`.

One cue belongs to one owner (an intent, or edit/negation/hold/howto/neutral); templates such as
"{a|b} c" are expanded here; the Chinese cues are indexed for input-method homophone repair.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from skill.text.normalise import normalise
from skill.text.normalise import units as split_units
from skill.text.script import scripts, to_simplified
from skill.text.typos import ImeIndex

__all__ = ["ROUTES_PATH", "WEIGHTS", "Lexicon", "Routes", "RoutesError", "RoutesFile", "load_routes"]

ROUTES_PATH = Path(__file__).parent / "intents.yaml"
SPELLING_MIN_CHARS = 4  # a one-typo fix inside a phrase ("heres my trak") needs this many letters
WEIGHTS = {"strong": 1.0, "keywords": 0.8, "weak": 0.5}
_TEMPLATE_RE = re.compile(r"\{([^{}]*)\}")

IntentName = Literal["export", "credits", "state", "open", "upload"]


class RoutesError(ValueError):
    """intents.yaml is unreadable, malformed, or claims one cue for two owners."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Lexicon(_Model):
    """Cues per language; the language only documents them, matching ignores it."""

    en: list[str] = Field(default_factory=list)
    zh_hans: list[str] = Field(default_factory=list, alias="zh-Hans")
    zh_hant: list[str] = Field(default_factory=list, alias="zh-Hant")

    def all(self) -> list[str]:
        """Return every cue in every language."""
        return [*self.en, *self.zh_hans, *self.zh_hant]


class IntentCues(_Model):
    """The cues of one action intent, by strength."""

    strong: Lexicon = Field(default_factory=Lexicon)
    keywords: Lexicon = Field(default_factory=Lexicon)
    weak: Lexicon = Field(default_factory=Lexicon)
    fuzzy: list[str] = Field(default_factory=list)


class RoutesFile(_Model):
    """The schema of intents.yaml."""

    version: Literal[1]
    intents: dict[IntentName, IntentCues]
    edit: Lexicon
    negation: Lexicon
    hold: Lexicon
    howto: Lexicon = Field(default_factory=Lexicon)
    neutral: Lexicon
    question: Lexicon
    fuzzy_ignore: list[str] = Field(default_factory=list)
    gui: dict[str, Lexicon] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str  # "intent", "edit", "negation", "hold", "howto", "neutral"
    owner: str  # intent name for kind "intent", else the kind
    weight: float
    text: str  # as written in the YAML, reported as RouteChoice.matched


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    cue: _Cue


@dataclass(frozen=True, slots=True)
class Routes:
    """intents.yaml compiled for matching: cue table keyed by space-joined units, and script sets."""

    source: RoutesFile
    cues: dict[str, _Cue]
    lengths: dict[str, tuple[int, ...]]  # first unit -> cue lengths in units, longest first
    fuzzy: dict[str, tuple[str, ...]]  # one-deletion variants -> fuzzy keywords
    fuzzy_ignore: frozenset[str]
    vocabulary: frozenset[str]  # every Latin word of every cue
    spelling: dict[str, tuple[str, ...]]  # one-deletion variants -> phrase words a typo may stand for
    questions: frozenset[str]  # Latin question words, looked for as the first word
    questions_cjk: tuple[str, ...]  # CJK question particles, looked for anywhere
    ime: ImeIndex  # the Chinese cues, for input-method homophone repair (导处 -> 导出)

    @property
    def simplified(self) -> frozenset[str]:
        """Characters written only in simplified script (OpenCC's tables)."""
        return scripts().simplified_only

    @property
    def traditional(self) -> frozenset[str]:
        """Characters written only in traditional script (OpenCC's tables)."""
        return scripts().traditional_only


@functools.lru_cache(maxsize=4)
def load_routes(path: Path | str = ROUTES_PATH) -> Routes:
    """Read, validate and compile intents.yaml once.

    Raises
    ------
    RoutesError
        The file is missing or not YAML, breaks the schema (unknown keys included), or gives one cue
        to two owners (two intents, or an intent and edit/negation/hold/howto/neutral).
    """
    path = Path(path)
    try:
        data = _safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise RoutesError(f"cannot read routes from {path.name}: {err}") from err
    try:
        source = RoutesFile.model_validate(data)
    except ValidationError as err:
        # YAML 1.1 reads bare yes/no/on/off as booleans; say so rather than leave a puzzle.
        hint = (
            " (quote yes/no/on/off in YAML lists)"
            if any(e["type"] == "string_type" and isinstance(e["input"], bool) for e in err.errors())
            else ""
        )
        raise RoutesError(f"{path.name} is malformed{hint}: {err}") from err
    return _compile(source)


def _compile(source: RoutesFile) -> Routes:
    cues: dict[str, _Cue] = {}

    def claim(raw: str, cue: _Cue) -> None:
        for variant, key in _expand(raw):
            if not key:
                raise RoutesError(f"cue {raw!r} of {cue.owner} is empty once normalised")
            held = cues.get(key)
            if held is not None and held.owner != cue.owner:
                raise RoutesError(f"cue {variant!r} is claimed by both {held.owner} and {cue.owner}")
            if held is None or held.weight < cue.weight:
                cues[key] = _Cue(cue.kind, cue.owner, cue.weight, variant)

    for name, intent_cues in source.intents.items():
        for strength, weight in WEIGHTS.items():
            lexicon: Lexicon = getattr(intent_cues, strength)
            for raw in lexicon.all():
                claim(raw, _Cue("intent", name, weight, raw))
    for kind in ("edit", "negation", "hold", "howto", "neutral"):
        for raw in getattr(source, kind).all():
            claim(raw, _Cue(kind, kind, 0.0, raw))

    lengths: dict[str, set[int]] = {}
    for key in cues:
        units = key.split(" ")
        lengths.setdefault(units[0], set()).add(len(units))

    fuzzy: dict[str, set[str]] = {}
    for intent_cues in source.intents.values():
        for word in intent_cues.fuzzy:
            word = normalise(word)
            if word not in cues or cues[word].kind != "intent":
                raise RoutesError(f"fuzzy keyword {word!r} is not an intent cue")
            for variant in {word, *_deletions(word)}:
                fuzzy.setdefault(variant, set()).add(word)

    # Phrase words only: a bare action keyword gets its typos from the curated fuzzy list, so that
    # "stage" never turns into "state".
    fuzzy_ignore = frozenset(normalise(w) for w in source.fuzzy_ignore)
    vocabulary = {unit for key in cues for unit in key.split(" ") if unit.isascii()}
    spelling: dict[str, set[str]] = {}
    for word in vocabulary - {key for key in cues if " " not in key} - fuzzy_ignore:
        if len(word) >= SPELLING_MIN_CHARS and word.isalpha():
            for variant in {word, *_deletions(word)}:
                spelling.setdefault(variant, set()).add(word)

    return Routes(
        source=source,
        cues=cues,
        lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        fuzzy={k: tuple(sorted(v)) for k, v in fuzzy.items()},
        fuzzy_ignore=fuzzy_ignore,
        vocabulary=frozenset(vocabulary),
        spelling={k: tuple(sorted(v)) for k, v in spelling.items()},
        questions=frozenset(normalise(q) for q in source.question.all() if normalise(q).isascii()),
        questions_cjk=tuple(normalise(q) for q in source.question.all() if not normalise(q).isascii()),
        ime=ImeIndex(to_simplified(k.replace(" ", "")) for k in cues if not k.isascii()),
    )


def _safe_load(text: str) -> object:
    """Parse YAML with the safe loader; libyaml's C build of it when present (10x faster at start-up)."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return yaml.safe_load(text)
    return yaml.load(text, Loader=loader)  # noqa: S506  # CSafeLoader is SafeLoader, in C


def _expand(template: str) -> list[tuple[str, str]]:
    """Expand "{a|b} c" into [("a c", key), ("b c", key)], the key being the cue's normalised units.

    Each piece is normalised once, and combinations grow group by group so that a prefix is joined
    once, not once per (sometimes thousands of) combinations.
    """
    parts = _TEMPLATE_RE.split(template)
    combos = [("", "")]  # (text as written, key)
    # split() alternates literal text and group bodies.
    for i, part in enumerate(parts):
        pieces = [part] if i % 2 == 0 else part.split("|")
        options = [(piece, " ".join(split_units(normalise(piece)))) for piece in pieces]
        combos = [
            (text + piece, f"{key} {piece_key}" if key and piece_key else key or piece_key)
            for text, key in combos
            for piece, piece_key in options
        ]
    return [(" ".join(text.split()), key) for text, key in combos]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
