"""SKILL.md frontmatter -> Manifest(name, version, platform) -> the attribution headers."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from skill.errors import ManifestError

__all__ = ["Manifest", "Platform", "load_manifest", "skill_dir", "detect_platform", "parse_frontmatter"]

Platform = Literal["clawhub", "cursor", "claude", "unknown"]
_FRONTMATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the running copy of the skill says about itself."""

    name: str
    version: str
    description: str
    path: Path
    platform: Platform

    def headers(self, environ: Mapping[str, str] | None = None) -> dict[str, str]:
        """Return the three attribution headers every request carries (``SKILL_SOURCE`` overrides the platform)."""
        env = os.environ if environ is None else environ
        platform = (env.get("SKILL_SOURCE") or "").strip() or self.platform
        return {
            "X-Skill-Source": self.name,
            "X-Skill-Version": self.version,
            "X-Skill-Platform": platform,
        }


def skill_dir() -> Path:
    """Return the folder holding the running ``skill`` package (not resolved, so symlinked installs keep their path)."""
    return Path(os.path.abspath(__file__)).parent.parent


def parse_frontmatter(text: str, *, path: Path) -> dict[str, object]:
    """Return the YAML frontmatter of a SKILL.md text as a mapping, or raise :class:`ManifestError`."""
    import yaml

    match = _FRONTMATTER.match(text)
    if match is None:
        raise ManifestError(
            key="error.manifest", path=str(path), detail="no YAML frontmatter between '---' lines"
        )
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ManifestError(key="error.manifest", path=str(path), detail=f"invalid YAML{where}") from err
    if not isinstance(data, dict):
        raise ManifestError(key="error.manifest", path=str(path), detail="frontmatter is not a mapping")
    return data


def _version_of(data: Mapping[str, object]) -> str | None:
    """Read the version from ``metadata.version`` (Agent Skills spec) or a top-level ``version`` (legacy)."""
    metadata = data.get("metadata")
    candidates = [metadata.get("version") if isinstance(metadata, dict) else None, data.get("version")]
    for value in candidates:
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def _is_under(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def detect_platform(folder: Path, *, home: Path | None = None) -> Platform:
    """Tell where the skill is installed from its folder path.

    ``~/.clawhub/...`` or a folder holding ``.clawhub/origin.json`` (written by ``clawhub install``) is
    ClawHub; ``~/.cursor/skills/...`` is Cursor; ``~/.claude/skills/...`` is Claude; anything else unknown.
    """
    home = Path(os.path.abspath(home if home is not None else Path.home()))
    folder = Path(os.path.abspath(folder))
    candidates = [folder]
    real = folder.resolve()
    if real != folder:
        candidates.append(real)
    for place in candidates:
        if _is_under(place, home / ".clawhub") or (place / ".clawhub" / "origin.json").is_file():
            return "clawhub"
        if _is_under(place, home / ".cursor" / "skills"):
            return "cursor"
        if _is_under(place, home / ".claude" / "skills"):
            return "claude"
    return "unknown"


def load_manifest(folder: Path | None = None, *, home: Path | None = None) -> Manifest:
    """Read ``SKILL.md`` in ``folder`` (default: beside the running package) into a :class:`Manifest`.

    Raises
    ------
    ManifestError
        The file is missing or unreadable, the YAML is broken, or ``name``/``version`` is absent.
    """
    folder = folder if folder is not None else skill_dir()
    path = folder / "SKILL.md"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise ManifestError(key="error.manifest", path=str(path), detail="file not found") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ManifestError(
            key="error.manifest", path=str(path), detail=f"cannot read it ({err.__class__.__name__})"
        ) from err
    data = parse_frontmatter(text, path=path)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ManifestError(key="error.manifest", path=str(path), detail="missing 'name'")
    version = _version_of(data)
    if version is None:
        raise ManifestError(key="error.manifest", path=str(path), detail="missing version (metadata.version)")
    description = data.get("description")
    return Manifest(
        name=name.strip(),
        version=version,
        description=description.strip() if isinstance(description, str) else "",
        path=folder,
        platform=detect_platform(folder, home=home),
    )
