"""The CLI skeleton: version, doctor, exit codes, one-line errors, fast start."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from skill import __version__
from skill.cli import main

REPO = Path(__file__).resolve().parents[2]

DOCTOR_KEYS = {
    "version",
    "skill_name",
    "skill_version",
    "platform",
    "skill_dir",
    "backend",
    "api_url",
    "web_url",
    "token_set",
    "config_dir",
    "data_dir",
    "ffmpeg",
    "local_extra",
    "local_missing",
    "python",
}


def _run(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skill", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_version_flag_prints_the_package_version() -> None:
    proc = _run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"music-to-best {__version__}"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err.lower()


def test_unknown_command_exits_2() -> None:
    proc = _run("frobnicate")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_doctor_json_keys_and_no_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "nmv_usr_supersecret_token_value"
    monkeypatch.setenv("NEMO_TOKEN", secret)
    assert main(["doctor", "--json"]) == 0
    captured = capsys.readouterr()
    facts = json.loads(captured.out.strip().splitlines()[-1])
    assert facts.keys() >= DOCTOR_KEYS
    assert facts["token_set"] is True
    assert facts["backend"] == "remote"
    assert secret not in captured.out + captured.err


def test_doctor_embedded_by_default_and_dirs_follow_xdg(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert facts["backend"] == "embedded"
    assert facts["token_set"] is False
    assert facts["config_dir"] == str(home / ".config" / "music-to-best")
    assert facts["data_dir"] == str(home / ".local" / "share" / "music-to-best")


def test_doctor_human_text_names_backend_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEMO_API_URL", "http://127.0.0.1:9/")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "remote http://127.0.0.1:9" in out
    assert "token set:   no" in out


@pytest.mark.parametrize(
    ("frontmatter", "problem"),
    [
        ("name: [broken", "invalid YAML"),
        ("description: x\nmetadata:\n  version: 1.0.0", "missing 'name'"),
        ("name: music-to-best", "missing version"),
    ],
)
def test_broken_skill_md_is_one_line_exit_2(tmp_path: Path, frontmatter: str, problem: str) -> None:
    dest = tmp_path / "music-to-best"
    shutil.copytree(REPO / "skill", dest / "skill", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "SKILL.md").write_text(f"---\n{frontmatter}\n---\nbody\n", encoding="utf-8")
    proc = _run("doctor", cwd=dest)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "SKILL.md" in lines[0] and problem in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_skill_md_json_error_event(tmp_path: Path) -> None:
    dest = tmp_path / "music-to-best"
    shutil.copytree(REPO / "skill", dest / "skill", ignore=shutil.ignore_patterns("__pycache__"))
    proc = _run("doctor", "--json", cwd=dest)
    assert proc.returncode == 2
    event, closing = (json.loads(line) for line in proc.stdout.splitlines())
    assert event["event"] == "error"
    assert event["code"] == "manifest"
    assert "SKILL.md" in event["text"]
    # every command ends with a result an agent can branch on, the same code as the error
    assert closing == {
        "event": "result",
        "text": event["text"],
        "ok": False,
        "outcome": "failed",
        "code": "manifest",
    }


def test_console_script_matches_python_m() -> None:
    script = Path(sys.executable).parent / "music-to-best"
    if not script.exists():
        pytest.skip("console script not installed in this environment")
    proc = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0
    assert proc.stdout == _run("--version").stdout


def test_cli_start_path_stays_light() -> None:
    """Importing the CLI and building its parser must not pull in heavy or lazy-only modules."""
    code = (
        "import sys; import skill.cli as c; c.build_parser(); "
        "heavy = [m for m in ('numpy', 'av', 'scipy', 'starlette', 'uvicorn', 'langdetect', 'PIL', 'rich', 'opentimelineio') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
