"""SKILL.md parsing, attribution headers and install-platform detection."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skill.errors import ManifestError
from skill.manifest import detect_platform, load_manifest, skill_dir

REPO = Path(__file__).resolve().parents[2]


def _write_skill(folder: Path, frontmatter: str, body: str = "# body\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "SKILL.md").write_text(f"---\n{frontmatter}\n---\n{body}", encoding="utf-8")
    return folder


def test_repo_skill_md_reads_metadata_version() -> None:
    manifest = load_manifest(REPO)
    assert manifest.name == "music-to-best"
    assert manifest.version == "0.1.0"
    assert "beat" in manifest.description


def test_running_package_reads_the_skill_md_beside_it() -> None:
    assert (skill_dir() / "SKILL.md").is_file()
    assert load_manifest().name == "music-to-best"


def test_metadata_version_is_read(tmp_path: Path) -> None:
    folder = _write_skill(
        tmp_path / "s", 'name: music-to-best\ndescription: d\nmetadata:\n  version: "2.3.4"'
    )
    assert load_manifest(folder).version == "2.3.4"


def test_top_level_version_is_accepted_for_compatibility(tmp_path: Path) -> None:
    folder = _write_skill(tmp_path / "s", "name: music-to-best\ndescription: d\nversion: 1.0.7")
    assert load_manifest(folder).version == "1.0.7"


def test_metadata_version_wins_over_top_level(tmp_path: Path) -> None:
    folder = _write_skill(tmp_path / "s", "name: x\nversion: 1.0.0\nmetadata:\n  version: 9.9.9")
    assert load_manifest(folder).version == "9.9.9"


def test_headers_carry_name_version_platform(tmp_path: Path) -> None:
    folder = _write_skill(tmp_path / "s", "name: music-to-best\nmetadata:\n  version: 0.5.0")
    headers = load_manifest(folder, home=tmp_path / "home").headers({})
    assert headers == {
        "X-Skill-Source": "music-to-best",
        "X-Skill-Version": "0.5.0",
        "X-Skill-Platform": "unknown",
    }


def test_skill_source_env_overrides_platform(tmp_path: Path) -> None:
    folder = _write_skill(tmp_path / "s", "name: music-to-best\nmetadata:\n  version: 0.5.0")
    headers = load_manifest(folder).headers({"SKILL_SOURCE": "cursor"})
    assert headers["X-Skill-Platform"] == "cursor"


@pytest.mark.parametrize(
    ("frontmatter", "problem"),
    [
        ("name: [unclosed", "invalid YAML"),
        ("description: no name here\nmetadata:\n  version: 1.0.0", "missing 'name'"),
        ("name: music-to-best\ndescription: no version", "missing version"),
        ("- just\n- a list", "not a mapping"),
    ],
)
def test_broken_frontmatter_is_a_manifest_error(tmp_path: Path, frontmatter: str, problem: str) -> None:
    folder = _write_skill(tmp_path / "s", frontmatter)
    with pytest.raises(ManifestError) as info:
        load_manifest(folder)
    assert problem in info.value.message
    assert "SKILL.md" in info.value.message
    assert info.value.exit_code == 2


def test_missing_frontmatter_and_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    with pytest.raises(ManifestError, match="file not found"):
        load_manifest(folder)
    (folder / "SKILL.md").write_text("# no frontmatter\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="frontmatter"):
        load_manifest(folder)


def test_platform_detection_all_five_cases(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert detect_platform(home / ".clawhub" / "skills" / "music-to-best", home=home) == "clawhub"
    origin_folder = tmp_path / "elsewhere" / "music-to-best"
    (origin_folder / ".clawhub").mkdir(parents=True)
    (origin_folder / ".clawhub" / "origin.json").write_text("{}", encoding="utf-8")
    assert detect_platform(origin_folder, home=home) == "clawhub"
    assert detect_platform(home / ".cursor" / "skills" / "music-to-best", home=home) == "cursor"
    assert detect_platform(home / ".claude" / "skills" / "music-to-best", home=home) == "claude"
    assert detect_platform(tmp_path / "somewhere" / "music-to-best", home=home) == "unknown"
    # Near misses are not installs: ~/.cursor without skills/, a folder merely named like one.
    assert detect_platform(home / ".cursor" / "music-to-best", home=home) == "unknown"
    assert detect_platform(tmp_path / "x.claude" / "skills" / "m", home=home) == "unknown"


def test_symlinked_install_is_detected_from_its_link_path(tmp_path: Path) -> None:
    home = tmp_path / "home"
    real = _write_skill(
        tmp_path / "checkout" / "music-to-best", "name: music-to-best\nmetadata:\n  version: 1.0.0"
    )
    link_parent = home / ".claude" / "skills"
    link_parent.mkdir(parents=True)
    (link_parent / "music-to-best").symlink_to(real, target_is_directory=True)
    assert load_manifest(link_parent / "music-to-best", home=home).platform == "claude"


def test_installed_copy_reports_its_own_platform(tmp_path: Path) -> None:
    """A copy of the skill folder under ~/.cursor/skills reports cursor via ``python -m skill doctor``."""
    import json
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    dest = home / ".cursor" / "skills" / "music-to-best"
    dest.parent.mkdir(parents=True)
    shutil.copytree(REPO / "skill", dest / "skill", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "SKILL.md").write_text(
        (REPO / "SKILL.md").read_text(encoding="utf-8").replace('version: "0.1.0"', 'version: "7.7.7"'),
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "skill", "doctor", "--json"],
        cwd=dest,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout.splitlines()[-1])
    assert facts["platform"] == "cursor"
    assert facts["skill_version"] == "7.7.7"
    assert Path(facts["skill_dir"]) == dest
