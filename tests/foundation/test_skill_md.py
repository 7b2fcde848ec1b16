"""SKILL.md tells an agent everything it needs, and its ClawHub block passes the registry's rules."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from skill.cli import _error_code, build_parser
from skill.errors import SkillError
from skill.outcome import OUTCOMES

REPO = Path(__file__).resolve().parents[2]
SKILL_MD = (REPO / "SKILL.md").read_text(encoding="utf-8")

_spec = importlib.util.spec_from_file_location("check_skill_md", REPO / "scripts" / "check_skill_md.py")
assert _spec is not None and _spec.loader is not None
checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checker)


def test_the_openclaw_block_passes() -> None:
    assert checker.problems(SKILL_MD) == []
    block = checker.frontmatter(SKILL_MD)["metadata"]["openclaw"]
    assert block["requires"]["bins"] == ["python3", "sh"] and "env" not in block["requires"]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "        - sh\n",
            "        - sh\n      env:\n        - NEMO_TOKEN\n",
            "NEMO_TOKEN, an optional setting",
        ),
        ("        - python3\n", "", "lacks python3"),
        ("        - sh\n", "        - sh\n        - ffmpeg\n", "ffmpeg, which is optional"),
        ("    requires:\n", "    needs:\n    requires:\n", "needs is not an OpenClaw field"),
        ('  version: "0.1.0"\n', "  version: 1\n", "metadata.version must be a string"),
    ],
)
def test_the_check_catches_what_the_scanner_rejects(old: str, new: str, problem: str) -> None:
    assert old in SKILL_MD
    found = checker.problems(SKILL_MD.replace(old, new, 1))
    assert any(problem in line for line in found), found


def test_skill_md_names_the_install_step_and_the_launcher() -> None:
    assert "sh scripts/install.sh" in SKILL_MD and "`scripts/music-to-best`" in SKILL_MD
    assert (REPO / "scripts" / "install.sh").is_file() and (REPO / "scripts" / "music-to-best").is_file()
    assert "pip install" not in SKILL_MD.split("## Install", 1)[1].split("##", 1)[0].replace(
        "system-wide `pip`", ""
    )


def test_every_command_skill_md_names_exists() -> None:
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    named = set(re.findall(r"`(?:music-to-best )?([a-z][a-z-]+)(?: [^`]*)?`", SKILL_MD)) & {
        "say",
        "make",
        "export",
        "state",
        "credits",
        "upload",
        "open",
        "projects",
        "new",
        "doctor",
        "edit",
    }
    assert {"say", "make", "export", "projects", "new", "doctor"} <= named
    assert named - {"edit"} <= commands  # edit is documented as optional ("if this version has it")


def test_skill_md_explains_projects_results_and_files() -> None:
    for needed in ("--project", "new [NAME]", "projects --json", "--replace", "--new", "song_exists", "-o"):
        assert needed in SKILL_MD, needed
    assert SKILL_MD.count("--file") >= 3 and "repeated" in SKILL_MD
    for outcome in OUTCOMES:
        assert f"| `{outcome}` |" in SKILL_MD


def _codes() -> set[str]:
    import skill.client.errors  # noqa: F401 - registers the client's error classes
    import skill.projects  # noqa: F401

    seen: set[str] = set()
    todo: list[type[BaseException]] = [SkillError]
    while todo:
        cls = todo.pop()
        seen.add(_error_code(cls.__new__(cls)))
        todo.extend(cls.__subclasses__())
    return seen | {"song_exists", "not_understood", "partial", "internal", "interrupted"}


def test_every_code_skill_md_lists_is_one_the_cli_sends() -> None:
    row = next(line for line in SKILL_MD.splitlines() if line.startswith("| `failed` |"))
    listed = set(re.findall(r"`([a-z_]+)`", row)) - {"failed", "code", "text"}
    assert listed and listed <= _codes(), listed - _codes()
