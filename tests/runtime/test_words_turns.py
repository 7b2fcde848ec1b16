"""The words bugs, end to end through ``say --json`` and ``state --json`` on the embedded backend.

Negated and how-to export never export; a sentence about the title never becomes the title and says
so with ``ok: false``; "make it vertical and export" does both; "9:16 for Instagram" keeps the length;
a sentence nobody could read is ``not_understood``; a question is answered from the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.runtime.conftest import Run, probe

pytestmark = pytest.mark.slow


def _result(run: Run) -> dict[str, Any]:
    return [e for e in run.events if e.get("event") == "result"][-1]


def _timeline(cli: Callable[..., Run]) -> dict[str, Any]:
    """The structured timeline of ``state --json``, or what its summary line says when it has none."""
    state = _result(cli("state", "--json"))
    timeline = state.get("timeline")
    if isinstance(timeline, dict) and {"title", "duration_s"} <= timeline.keys():
        return timeline
    text = str(state["text"])
    title = re.search(r'Title: "([^"]*)"', text)
    span = re.search(r"\((\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)s", text)
    assert span, text
    return {
        "title": {"text": title.group(1)} if title else None,
        "duration_s": float(span.group(2)) - float(span.group(1)),
    }


def test_words_bugs_in_three_languages(cli: Callable[..., Run], song: Path, tmp_path: Path) -> None:
    assert cli("say", "use this song", "--file", str(song), "--json").code == 0
    made = cli("say", 'make an 8 second highlight with the title "Neon"', "--json")
    assert made.code == 0, made.stderr
    before = _timeline(cli)
    assert before["title"]["text"] == "Neon"
    videos = set(tmp_path.glob("*.mp4"))  # the one-shot highlight may export; nothing after it may

    for sentence in (  # once said plainly as not done yet; now edits of the title's style
        "put the title at the bottom",
        "标题放到底部",
        "標題放大一點",
        "show the title for 5 seconds",
    ):
        run = cli("say", sentence, "--json")
        result = _result(run)
        # the title is restyled (the every-edit issue), its text never becomes "at the bottom"
        assert run.code == 0 and result["ok"] is True and result["outcome"] == "done", (sentence, result)
        assert _timeline(cli)["title"]["text"] == "Neon", sentence

    for sentence in ("don't export yet", "先别导出", "不要導出", "how do I export?"):
        run = cli("say", sentence, "--json")
        result = _result(run)
        assert run.code == 0 and result["ok"] is True, (sentence, result)
        assert "path" not in result, sentence  # nothing was exported
    assert set(tmp_path.glob("*.mp4")) == videos

    lost = _result(cli("say", "paint it blue", "--json"))
    assert lost["ok"] is False and lost["outcome"] == "not_understood"

    asked = _result(cli("say", "what's the BPM?", "--json"))
    assert asked["ok"] is True and "BPM" in str(asked["text"])

    square = cli("say", "make it 1:1 for Instagram", "--json")
    assert square.code == 0 and "1080×1080" in str(_result(square)["text"])
    after = _timeline(cli)
    assert abs(after["duration_s"] - before["duration_s"]) < 0.5  # no "am" minute: still 8 s

    both = cli("say", "make it vertical and export", "--json")
    assert both.code == 0, both.stderr
    video = Path(str(_result(both)["path"]))
    facts = probe(video)
    assert (facts["width"], facts["height"]) == (1080, 1920)
