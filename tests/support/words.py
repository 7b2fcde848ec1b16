"""Score the words tables (tests/data/words_*.tsv): router intent, then the editor's edits as tokens."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from skill.local import edits as E
from skill.local.editor import parse_instruction
from skill.router import route
from skill.text.script import scripts
from skill.timeline.ops_edits import FixBeat

DATA = Path(__file__).parent.parent / "data"


class Row(NamedTuple):
    section: str
    lang: str
    route: str
    ops: str
    outcome: str
    text: str


def load(name: str) -> list[Row]:
    rows: list[Row] = []
    section = "-"
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("# section: "):
            section = line.removeprefix("# section: ").strip()
        elif line and not line.startswith("#"):
            lang, intent, ops, outcome, text = line.split("\t", 4)
            rows.append(Row(section, lang, intent, ops, outcome, text))
    return rows


def tokens(parsed: tuple[E.Edit, ...]) -> list[str]:
    """The edits as the tables write them; an acknowledgement ("-") counts only when nothing else was read."""
    out: list[str] = []
    for e in parsed:
        if isinstance(e, E.Highlight):
            out.append(
                "highlight"
                + (f":{e.duration_s:g}" if e.duration_s else "")
                + (f"@{e.start_s:g}" if e.start_s is not None else "")
            )
            if e.use_clips:
                out.append("clips")
        elif isinstance(e, E.Aspect):
            out.append(f"aspect:{e.ratio}")
        elif isinstance(e, E.Title):
            out.append(f"title:{e.text}")
        elif isinstance(e, E.Volume):
            out.append(
                f"volume:{e.level:g}"
                if e.level is not None
                else ("volume:down" if (e.delta or 0) < 0 else "volume:up")
            )
        elif isinstance(e, E.Pace):
            out.append(f"pace:{e.pace}")
        elif isinstance(e, E.Length):
            out.append(
                f"length:{e.duration_s:g}"
                if e.duration_s
                else ("length:shorter" if (e.delta_s or 0) < 0 else "length:longer")
            )
        elif isinstance(e, E.Unsupported):
            out.append(f"unsupported:{e.feature}")
        elif isinstance(e, E.Ask):
            out.append(f"ask:{e.topic}")
        elif isinstance(e, FixBeat):
            if e.fix is not None:
                out.append(f"beat:{e.fix}")
            elif e.bar is not None:
                out.append(f"bar:{e.bar:+d}")
            elif e.meter is not None:
                out.append(f"meter:{e.meter}")
            else:
                out.append(f"beat:{e.bpm:g}")
        elif isinstance(e, (E.Declined, E.HowTo)):
            out.append("-")
        else:
            out.append(
                {"RemoveTitle": "remove_title", "UseMedia": "use_media"}.get(
                    type(e).__name__, type(e).__name__.lower()
                )
            )
    return [t for t in out if t != "-"] or out


def ops_match(expected: str, got: list[str]) -> bool:
    if expected == ".":
        return True
    if expected == "?":
        return got == []
    if expected == "-":
        return got == ["-"]
    wanted = expected.split(",")
    if len(wanted) != len(got):
        return False
    left = list(got)
    for alternatives in wanted:
        hit = next((g for g in left if g in alternatives.split("|")), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def check(row: Row) -> tuple[bool, bool, bool, str]:
    """(router right, editor right, reply language right, what happened)."""
    choice = route(row.text)
    parsed = parse_instruction(row.text)
    got = tokens(parsed.edits) if row.route == "chat" else []
    editor_ok = ops_match(row.ops, got) if row.route == "chat" else True
    # text in neither script only ("改成一分十五秒") may be answered in either: the conversation decides
    ambiguous = (
        row.lang == "zh-Hant"
        and parsed.lang == "zh-Hans"
        and not any(c in scripts().traditional_only for c in row.text)
    )
    lang_ok = parsed.lang == row.lang or ambiguous
    return (
        choice.intent.value == row.route,
        editor_ok,
        lang_ok,
        f"route={choice.intent.value} ops={got} lang={parsed.lang}",
    )
