"""Check SKILL.md's ClawHub/OpenClaw block (``metadata.openclaw``) the way the registry's scanner reads it.

The Agent Skills validator (``agentskills validate``) checks the standard fields; this checks the
OpenClaw ones it does not: ``requires`` holds only the keys OpenClaw knows, ``requires.bins`` lists the
binaries the install step really needs, and no optional setting (``NEMO_TOKEN``, ``SKILL_*``...) is
declared as required, which would hide the skill from users who do not set it.

Usage: python scripts/check_skill_md.py [SKILL.md]   (exit 1 with one line per problem)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

_REQUIRES_KEYS = {"bins", "anyBins", "env", "config"}
_OPENCLAW_KEYS = {"emoji", "homepage", "requires", "install", "os", "primaryEnv", "always", "skillKey"}
_INSTALL_KINDS = {"brew", "node", "go", "uv", "download"}
_OS = {"darwin", "linux", "win32"}
# Every setting the skill reads is optional: none may be listed as required.
_OPTIONAL_ENV_PREFIXES = ("NEMO_", "SKILL_", "MUSIC_TO_BEST_")
_NEEDED_BINS = {"python3", "sh"}  # scripts/install.sh runs under sh and looks for python3


def frontmatter(text: str) -> dict[str, Any]:
    parts = text.split("---", 2)
    if not text.startswith("---") or len(parts) < 3:
        raise ValueError("no YAML frontmatter between '---' lines")
    data = yaml.safe_load(parts[1])
    if not isinstance(data, dict):
        raise ValueError("the frontmatter is not a mapping")
    return data


def problems(text: str) -> list[str]:
    """Everything wrong with the OpenClaw block of a SKILL.md text (empty: it passes)."""
    try:
        data = frontmatter(text)
    except (ValueError, yaml.YAMLError) as err:
        return [str(err)]
    found: list[str] = []
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return ["metadata is missing or not a mapping"]
    for key, value in metadata.items():
        if key != "openclaw" and not isinstance(value, str):
            found.append(f"metadata.{key} must be a string (Agent Skills metadata is string to string)")
    block = metadata.get("openclaw")
    if not isinstance(block, dict):
        return [*found, "metadata.openclaw is missing or not a mapping"]
    found += [f"metadata.openclaw.{k} is not an OpenClaw field" for k in block if k not in _OPENCLAW_KEYS]
    requires = block.get("requires")
    if not isinstance(requires, dict):
        return [*found, "metadata.openclaw.requires is missing or not a mapping"]
    found += [f"requires.{k} is not an OpenClaw requirement" for k in requires if k not in _REQUIRES_KEYS]
    bins = requires.get("bins")
    if not isinstance(bins, list) or not all(isinstance(b, str) and b for b in bins):
        found.append("requires.bins must be a list of binary names")
    else:
        found += [
            f"requires.bins lacks {b}, which the install step needs" for b in sorted(_NEEDED_BINS - set(bins))
        ]
        found += [f"requires.bins names {b}, which is optional" for b in bins if b == "ffmpeg"]
    env = requires.get("env") or []
    if not isinstance(env, list):
        found.append("requires.env must be a list")
    else:
        found += [
            f"requires.env lists {name}, an optional setting"
            for name in env
            if isinstance(name, str) and name.startswith(_OPTIONAL_ENV_PREFIXES)
        ]
    primary = block.get("primaryEnv")
    if isinstance(primary, str) and primary.startswith(_OPTIONAL_ENV_PREFIXES):
        found.append(f"primaryEnv {primary} is optional and must not be primary")
    for os_name in block.get("os") or []:
        if os_name not in _OS:
            found.append(f"os {os_name!r} is not one of {sorted(_OS)}")
    for entry in block.get("install") or []:
        if not isinstance(entry, dict) or entry.get("kind") not in _INSTALL_KINDS:
            found.append(f"install entry {entry!r} has no valid kind ({sorted(_INSTALL_KINDS)})")
    return found


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "SKILL.md")
    found = problems(path.read_text(encoding="utf-8"))
    for line in found:
        print(f"{path}: {line}", file=sys.stderr)
    if not found:
        print(f"{path}: metadata.openclaw is valid")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
