"""Measure the router against the labelled utterance table in tests/data/utterances.tsv."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from skill.router import route

TABLE_PATH = Path(__file__).parent / "data" / "utterances.tsv"
MIN_ROWS = 300
INTENT_ACCURACY_FLOOR = 0.98  # raise it when the table gets better; never lower it
LANGUAGE_ACCURACY_FLOOR = 0.98


class Row(NamedTuple):
    intent: str
    lang: str
    has_files: bool
    text: str


def load_table(path: Path = TABLE_PATH) -> list[Row]:
    """Read the table: intent, language ("-" = unchecked), has_files, utterance; "#" starts a comment."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        intent, lang, files, text = line.split("\t", 3)
        rows.append(Row(intent, lang, files == "1", text))
    return rows


@pytest.fixture(scope="module")
def table() -> list[Row]:
    return load_table()


def test_table_is_big_and_covers_every_language(table: list[Row]) -> None:
    assert len(table) >= MIN_ROWS
    langs = Counter(row.lang for row in table)
    for lang in ("en", "zh-Hans", "zh-Hant", "mixed"):
        assert langs[lang] >= 10, lang
    assert {row.intent for row in table} == {"export", "credits", "state", "upload", "chat"}


def test_intent_accuracy_holds_the_floor(table: list[Row]) -> None:
    misses = []
    per_intent: Counter[str] = Counter()
    per_intent_ok: Counter[str] = Counter()
    for row in table:
        got = route(row.text, has_files=row.has_files)
        per_intent[row.intent] += 1
        if got.intent.value == row.intent:
            per_intent_ok[row.intent] += 1
        else:
            misses.append(f"  {row.text!r}: want {row.intent}, got {got.intent.value} ({got.matched!r})")
    accuracy = 1 - len(misses) / len(table)
    breakdown = ", ".join(f"{k} {per_intent_ok[k]}/{n}" for k, n in sorted(per_intent.items()))
    print(f"\nrouter intent accuracy: {accuracy:.2%} on {len(table)} utterances ({breakdown})")
    print("\n".join(misses))
    assert accuracy >= INTENT_ACCURACY_FLOOR, "\n".join(misses)


def test_language_accuracy_holds_the_floor(table: list[Row]) -> None:
    labelled = [row for row in table if row.lang != "-" and row.text.strip()]
    misses = [
        f"  {row.text!r}: want {row.lang}, got {got}"
        for row in labelled
        if (got := route(row.text, has_files=row.has_files).lang) != row.lang
    ]
    accuracy = 1 - len(misses) / len(labelled)
    print(f"\nrouter language accuracy: {accuracy:.2%} on {len(labelled)} utterances")
    print("\n".join(misses))
    assert accuracy >= LANGUAGE_ACCURACY_FLOOR, "\n".join(misses)
