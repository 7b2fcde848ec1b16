"""SKILL.md's install step, run as written on a Python that refuses system-wide pip, in a fresh HOME.

The skill folder is copied into ``~/.claude/skills/music-to-best`` of a new HOME, the install block of
SKILL.md runs there with a PEP 668 interpreter first on PATH, and then the launcher SKILL.md names does
what an agent would do: ``doctor --json``, ``make`` on a generated song, ``say`` with a clip. pip's cache
is shared with this machine so the install is quick, but every package really is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.install.pep668 import make_pep668_python

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "examples"))

from make_track import make_clips, synthesise, write_wav  # noqa: E402

pytestmark = pytest.mark.slow

# Read before the autouse fixture swaps HOME: where pip already keeps its wheels on this machine.
_PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")


def _skill_files() -> list[str]:
    """The files a clone of the skill holds (tracked plus new, never ignored ones like .venv)."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [p for p in out.split("\0") if p and (REPO / p).is_file()]


def _install_block(skill_md: str) -> str:
    """The first shell block under SKILL.md's install heading, as an agent would copy it."""
    section = re.search(r"^## Install[^\n]*\n(.*?)(?=^## )", skill_md, re.S | re.M)
    assert section, "SKILL.md has no '## Install' section"
    block = re.search(r"```(?:bash|sh)\n(.*?)```", section.group(1), re.S)
    assert block, "the install section has no shell block"
    return block.group(1).strip()


def _launcher(skill_md: str) -> str:
    found = re.search(r"`(scripts/music-to-best)`", skill_md)
    assert found, "SKILL.md does not name the launcher"
    return found.group(1)


def _lines(stream: str) -> list[dict[str, object]]:
    """Every non-empty line parsed as one JSON object (fails on any other line)."""
    return [json.loads(line) for line in stream.splitlines() if line.strip()]


def _install(tmp_path: Path, layout: tuple[str, ...], *, ensurepip: bool) -> tuple[Path, dict[str, str], str]:
    """Copy the skill into ``layout`` under a fresh HOME, run SKILL.md's install block there with a PEP 668
    Python first on PATH, and return (skill folder, environment, launcher path)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    skill = home.joinpath(*layout)
    for rel in _skill_files():
        target = skill / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)

    managed = make_pep668_python(tmp_path / "system-python", ensurepip=ensurepip)
    env = {
        "HOME": str(home),
        "PATH": f"{managed.parent}:/usr/local/bin:/usr/bin:/bin",
        "PIP_CACHE_DIR": _PIP_CACHE,
        "LANG": "C.UTF-8",
    }
    for key in ("PIP_FIND_LINKS", "PIP_CERT", "PIP_DEFAULT_TIMEOUT", "SSL_CERT_FILE", "TMPDIR"):
        if key in os.environ:
            env[key] = os.environ[key]
    # The interpreter really refuses system-wide pip, as Debian's and Ubuntu's do.
    refused = subprocess.run(
        ["python3", "-m", "pip", "install", "--dry-run", "httpx"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode != 0 and "externally-managed-environment" in refused.stderr
    if not ensurepip:
        no_venv = subprocess.run(
            ["python3", "-m", "venv", str(tmp_path / "plain")], env=env, capture_output=True, check=False
        )
        assert no_venv.returncode != 0  # as on Debian without python3-venv

    skill_md = (skill / "SKILL.md").read_text(encoding="utf-8")
    step = subprocess.run(
        ["sh", "-c", _install_block(skill_md)],
        cwd=skill,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert step.returncode == 0, step.stderr[-3000:]
    assert (skill / ".venv" / "bin" / "python").exists()
    if not ensurepip:
        assert "without pip" in step.stderr  # the fallback really ran
    return skill, env, str(skill / _launcher(skill_md))


def _runner(
    launcher: str, env: dict[str, str], work: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [launcher, *args], cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False
        )

    return run


def _doctor_and_make(run: Callable[..., subprocess.CompletedProcess[str]], skill: Path, work: Path) -> Path:
    doctor = run("doctor", "--json")
    assert doctor.returncode == 0, doctor.stderr
    facts = _lines(doctor.stdout)[-1]
    assert facts["local_extra"] is True and facts["skill_dir"] == str(skill) and facts["ok"] is True
    assert Path(str(facts["executable"])).is_relative_to(skill / ".venv")

    song = work / "song.wav"
    write_wav(song, synthesise(bpm=120.0, seconds=10.0))
    made = run("make", str(song), "--seconds", "4", "--aspect", "1:1", "-o", "out.mp4", "--json")
    assert made.returncode == 0, made.stdout + made.stderr
    result = _lines(made.stdout)[-1]
    assert result["event"] == "result" and result["ok"] is True and result["aspect"] == "1:1"
    assert Path(str(result["path"])) == work / "out.mp4" and (work / "out.mp4").stat().st_size > 10_000
    _lines(made.stderr)  # progress and notices: JSON lines only
    return song


def test_skill_md_install_step_works_on_a_pep668_python(tmp_path: Path) -> None:
    skill, env, launcher = _install(tmp_path, (".claude", "skills", "music-to-best"), ensurepip=True)
    work = tmp_path / "work"
    run = _runner(launcher, env, work)
    song = _doctor_and_make(run, skill, work)
    assert _lines(run("doctor", "--json").stdout)[-1]["platform"] == "claude"

    clip = make_clips(work / "clips")[0]
    said = run("say", "use this song", "--file", str(song), "--file", str(clip), "--json")
    assert said.returncode == 0, said.stdout + said.stderr
    events = _lines(said.stdout)
    assert events[-1]["event"] == "result" and events[-1]["ok"] is True
    assert any(clip.name in str(e.get("text", "")) for e in events)

    again = subprocess.run(  # the step is safe to repeat: it reuses the venv
        ["sh", "scripts/install.sh"],
        cwd=skill,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert again.returncode == 0 and "reusing" in again.stderr


def test_install_works_without_ensurepip_in_a_clawhub_layout(tmp_path: Path) -> None:
    """Debian/Ubuntu before python3-venv: no ensurepip, so the venv is made bare and the system pip fills it."""
    layout = ("workspace", "skills", "music-to-best")
    home_skill = tmp_path / "home" / Path(*layout)
    (home_skill / ".clawhub").mkdir(parents=True)
    (home_skill / ".clawhub" / "origin.json").write_text('{"slug": "music-to-best"}', encoding="utf-8")
    skill, env, launcher = _install(tmp_path, layout, ensurepip=False)
    work = tmp_path / "work"
    run = _runner(launcher, env, work)
    _doctor_and_make(run, skill, work)
    assert _lines(run("doctor", "--json").stdout)[-1]["platform"] == "clawhub"
