"""Named projects side by side: which session each name holds, and which one a working directory uses.

A project is one session on the backend (its own uploads, timeline and history) plus a small record
kept here, in the config dir, per backend: ``projects/<backend>/<name>.json``. Several agents (or
terminals) can work at once as long as they name different projects; nothing is shared between two
records but the token.

Which project a command uses: ``--project NAME`` (or ``MUSIC_TO_BEST_PROJECT``), else the one the working
directory was last pointed at (``new`` points it), else the working directory's own default, named after
the folder. ``make`` uses a project of its own (``make-<song>``), so it never replaces a conversation.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skill.client.auth import cache_name, read_private_json, write_private_json
from skill.errors import ConfigError

if TYPE_CHECKING:
    from skill.settings import Settings

__all__ = ["ProjectInfo", "Projects", "check_name", "default_name", "slug", "PROJECT_ENV"]

PROJECT_ENV = "MUSIC_TO_BEST_PROJECT"
_NAME_RE = re.compile(r"^[^\W_][\w.-]{0,63}$")
_SLUG_DROP = re.compile(r"[^\w.-]+")


class ProjectNameError(ConfigError):
    """A project name that cannot be a name (a path, empty, too long)."""

    key = "project.bad_name"


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    """One project as ``projects`` lists it."""

    name: str
    song: str | None
    has_session: bool
    created_at: float | None
    updated_at: float | None
    folder: str | None


def check_name(name: str) -> str:
    """Return ``name`` if it can name a project (letters, digits, ``.``, ``-``, ``_``; up to 64), else raise."""
    clean = unicodedata.normalize("NFC", name.strip())
    if not _NAME_RE.match(clean):
        raise ProjectNameError(name=name[:80])
    return clean


def slug(text: str, fallback: str = "project") -> str:
    """A project name made from free text (a folder, a song's file name): ``My Song (final)`` -> ``my-song-final``."""
    words = _SLUG_DROP.sub("-", unicodedata.normalize("NFC", text).casefold()).strip("-._")
    words = re.sub(r"-{2,}", "-", words)[:48].strip("-._")
    return words if words and _NAME_RE.match(words) else fallback


def default_name(folder: Path) -> str:
    """The working directory's own project: its folder name and a short digest of its full path, so two
    folders called ``music`` never share a project."""
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:6]
    return f"{slug(folder.name or 'root')}-{digest}"


class Projects:
    """The project records of one backend, under ``<config_dir>/projects/<backend digest>/``."""

    def __init__(self, settings: Settings) -> None:
        self._root = settings.config_dir / "projects" / cache_name(settings.backend_key)

    # ------------------------------------------------------------------ names
    def _file(self, name: str) -> Path:
        return self._root / f"{name}.json"

    def _pointer(self, folder: Path) -> Path:
        return self._root / "folders" / f"{cache_name(str(folder))}.json"

    def current(self, folder: Path) -> str:
        """The project ``folder`` uses: the one it was pointed at, else its default."""
        data = read_private_json(self._pointer(folder))
        name = data.get("project") if data else None
        if isinstance(name, str):
            with contextlib.suppress(ConfigError):
                return check_name(name)
        return default_name(folder)

    def point(self, folder: Path, name: str) -> None:
        """Make ``folder``'s later commands use ``name``."""
        write_private_json(self._pointer(folder), {"project": name, "folder": str(folder)})

    def exists(self, name: str) -> bool:
        return self._file(name).is_file()

    def unique(self, base: str) -> str:
        """``base`` if no project has it, else ``base-2``, ``base-3``..."""
        if not self.exists(base):
            return base
        n = 2
        while self.exists(f"{base}-{n}"):
            n += 1
        return f"{base}-{n}"

    # ------------------------------------------------------------------ records
    def load(self, name: str) -> dict[str, Any]:
        """The record of ``name`` (empty when there is none)."""
        return read_private_json(self._file(name)) or {}

    def save(self, name: str, *, folder: Path | None = None, **fields: Any) -> dict[str, Any]:
        """Merge ``fields`` into the record of ``name`` (``None`` removes a field) and write it."""
        now = time.time()
        record = self.load(name)
        record.setdefault("name", name)
        record.setdefault("created_at", now)
        if folder is not None:
            record.setdefault("folder", str(folder))
        for key, value in fields.items():
            if value is None:
                record.pop(key, None)
            else:
                record[key] = value
        record["updated_at"] = now
        write_private_json(self._file(name), record)
        return record

    def reset(self, name: str) -> None:
        """Forget everything about ``name`` (its next command starts an empty project)."""
        with contextlib.suppress(FileNotFoundError):
            self._file(name).unlink()

    def all(self) -> list[ProjectInfo]:
        """Every project of this backend, most recently used first."""
        found: list[ProjectInfo] = []
        for path in self._root.glob("*.json") if self._root.is_dir() else ():
            data = read_private_json(path) or {}
            name = data.get("name")
            if not isinstance(name, str):
                continue
            found.append(
                ProjectInfo(
                    name=name,
                    song=data.get("song") if isinstance(data.get("song"), str) else None,
                    has_session=isinstance(data.get("session_id"), str),
                    created_at=_number(data.get("created_at")),
                    updated_at=_number(data.get("updated_at")),
                    folder=data.get("folder") if isinstance(data.get("folder"), str) else None,
                )
            )
        return sorted(found, key=lambda p: p.updated_at or 0.0, reverse=True)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None
