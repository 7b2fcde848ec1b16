"""The words every part listens for, as validated data (``words.yaml``): one loader, one schema.

A *concept* is a named list of phrases ("highlight", "aspect_9_16", "title_position" ...), English under
``en`` and Chinese under ``zh``. Chinese may be written in either script: it is folded to simplified
characters here and matched against text folded the same way, so one list serves zh-Hans and zh-Hant.
Other issues add concepts (fades, transitions, section starts) to the YAML; the editor asks for them by
name, and :func:`words` fails loudly at start-up when a name it needs is missing or the file is malformed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = ["Lexicon", "Vocabulary", "VocabularyError", "WORDS_PATH", "load_words", "words"]

WORDS_PATH = Path(__file__).parent / "words.yaml"
_FINDERS: dict[tuple[int, str], re.Pattern[str]] = {}


class VocabularyError(ValueError):
    """words.yaml is unreadable, malformed, or lacks a concept a parser needs."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Lexicon(_Model):
    """Phrases of one concept: English, and Chinese in either script."""

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class LanguageWords(_Model):
    """What the language detector needs beyond OpenCC's tables."""

    traditional_words: list[str] = Field(default_factory=list)  # both scripts, but read as Taiwanese usage
    loanwords: list[str] = Field(default_factory=list)  # Latin words that do not make Chinese "mixed"
    english_markers: list[str] = Field(default_factory=list)

    @functools.cached_property
    def loanword_set(self) -> frozenset[str]:
        return frozenset(w.casefold() for w in self.loanwords)

    @functools.cached_property
    def marker_set(self) -> frozenset[str]:
        return frozenset(w.casefold().replace("'", "") for w in self.english_markers)


class TypoWords(_Model):
    """English words a one-letter slip is repaired to, and real words never "repaired"."""

    targets: list[str]
    keep: list[str] = Field(default_factory=list)


class WordsFile(_Model):
    """The schema of words.yaml."""

    version: int = Field(ge=1, le=1)
    language: LanguageWords
    typos: TypoWords
    concepts: dict[str, Lexicon]


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """words.yaml, folded for matching: each concept's phrases, longest first."""

    source: WordsFile
    phrases: dict[str, tuple[str, ...]]
    chinese: frozenset[str]  # every Chinese phrase of every concept (the IME repair compares against these)
    typo_targets: tuple[str, ...]
    typo_keep: frozenset[str]

    @property
    def language(self) -> LanguageWords:
        return self.source.language

    def concept(self, name: str) -> tuple[str, ...]:
        """The folded phrases of one concept; a missing name is a programming error, said plainly."""
        try:
            return self.phrases[name]
        except KeyError:
            raise VocabularyError(f"words.yaml has no concept {name!r}") from None

    def finder(self, name: str) -> re.Pattern[str]:
        """One pattern for a concept's phrases, longest first; English phrases only as whole words."""
        pattern = _FINDERS.get((id(self), name))
        if pattern is None:
            parts = [
                rf"(?<![a-z0-9.]){re.escape(p)}(?![a-z0-9])" if p.isascii() else re.escape(p)
                for p in self.concept(name)
            ]
            pattern = _FINDERS[(id(self), name)] = re.compile("|".join(parts))
        return pattern

    def chinese_words(self) -> frozenset[str]:
        """Every Chinese phrase of every concept."""
        return self.chinese


def _fold_phrase(phrase: str) -> str:
    from .normalise import fold
    from .script import to_simplified

    return " ".join(to_simplified(fold(phrase)).split())


def load_words(path: Path | str = WORDS_PATH) -> Vocabulary:
    """Read and validate a words file.

    Raises
    ------
    VocabularyError
        The file is missing or not YAML, or breaks the schema (unknown keys included), or has an empty phrase.
    """
    path = Path(path)
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )  # noqa: S506
        source = WordsFile.model_validate(data)
    except (OSError, yaml.YAMLError) as err:
        raise VocabularyError(f"cannot read {path.name}: {err}") from err
    except ValidationError as err:
        # YAML 1.1 reads bare yes/no/on/off as booleans; say so rather than leave a puzzle.
        hint = (
            " (quote yes/no/on/off in YAML lists)"
            if any(e["type"] == "string_type" and isinstance(e["input"], bool) for e in err.errors())
            else ""
        )
        raise VocabularyError(f"{path.name} is malformed{hint}: {err}") from err
    phrases: dict[str, tuple[str, ...]] = {}
    for name, lexicon in source.concepts.items():
        folded = [_fold_phrase(p) for p in (*lexicon.en, *lexicon.zh)]
        if any(not p for p in folded):
            raise VocabularyError(f"{path.name}: concept {name!r} has an empty phrase")
        phrases[name] = tuple(sorted(dict.fromkeys(folded), key=len, reverse=True))
    chinese = frozenset(p for ps in phrases.values() for p in ps if not p.isascii())
    targets = tuple(source.typos.targets)
    return Vocabulary(source, phrases, chinese, targets, frozenset(source.typos.keep) | frozenset(targets))


@functools.lru_cache(maxsize=1)
def words() -> Vocabulary:
    """The project's vocabulary, read once."""
    return load_words()
