"""``doctor``: report what this install is and what it can do, never the token itself."""

from __future__ import annotations

import argparse
import importlib.util
import platform
import shutil
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.cli import CliContext

__all__ = ["register", "run", "collect"]

_LOCAL_MODULES = ("starlette", "uvicorn", "numpy", "av")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("doctor", help="check the install: version, platform, backend, dirs")
    parser.add_argument(
        "--queue", metavar="URL", help="also check this Redis render queue (env SKILL_QUEUE_URL)"
    )
    parser.set_defaults(func=run)


def collect(ctx: CliContext) -> dict[str, Any]:
    """Gather the facts ``doctor`` reports (the manifest is read strictly: a broken SKILL.md fails here)."""
    from skill import __version__

    manifest = ctx.manifest
    settings = ctx.settings
    local_missing = [m for m in _LOCAL_MODULES if importlib.util.find_spec(m) is None]
    return {
        "version": __version__,
        "skill_name": manifest.name,
        "skill_version": manifest.version,
        "platform": manifest.headers(ctx.environ)["X-Skill-Platform"],
        "skill_dir": str(manifest.path),
        "backend": "embedded" if settings.is_embedded else "remote",
        "api_url": settings.api_url,
        "web_url": settings.web_url,
        "token_set": settings.token is not None,
        "config_dir": str(settings.config_dir),
        "data_dir": str(settings.data_dir),
        "ffmpeg": shutil.which("ffmpeg") is not None,
        "local_extra": not local_missing,
        "local_missing": local_missing,
        "python": platform.python_version(),
        "executable": sys.executable,
        **_system_needs(ctx, manifest.path, local_missing),
    }


def _system_needs(ctx: CliContext, skill_dir: Any, local_missing: list[str]) -> dict[str, Any]:
    """What this machine lacks, each with the exact fix; ``ok`` is false only when a required one is missing.

    The CJK font is not required (English titles draw without it) but without one a Chinese title is
    refused rather than drawn as boxes; ffmpeg is optional (PyAV ships its own codecs).
    """
    from skill.fonts import find_cjk_font, font_fix

    font = find_cjk_font(ctx.environ)
    needs: list[dict[str, Any]] = []
    if local_missing and ctx.settings.is_embedded:
        needs.append(
            {
                "need": "local_engine",
                "required": True,
                "why": "the offline engine (numpy, PyAV) is not installed",
                "fix": f"sh {skill_dir}/scripts/install.sh",
            }
        )
    if font is None:
        needs.append(
            {
                "need": "cjk_font",
                "required": False,
                "why": "no font covers Chinese: titles in Chinese are refused (never drawn as boxes)",
                "fix": font_fix(),
            }
        )
    return {"cjk_font": font, "needs": needs, "ok": not any(n["required"] for n in needs)}


def _queue(url: str) -> dict[str, Any]:
    try:
        from skill.local.queue_redis import queue_health
    except ImportError:
        return {
            "reachable": False,
            "reason": "the [queue] extra is not installed: pip install 'music-to-best[queue]'",
        }
    return queue_health(url)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    facts = collect(ctx)
    queue_url = getattr(args, "queue", None) or ctx.environ.get("SKILL_QUEUE_URL")
    if queue_url:
        facts["queue"] = _queue(queue_url)
    backend = "embedded (local, offline)" if facts["backend"] == "embedded" else f"remote {facts['api_url']}"
    extra = "installed" if facts["local_extra"] else "missing: " + ", ".join(facts["local_missing"])
    lines = [
        f"music-to-best {facts['version']} (SKILL.md version {facts['skill_version']})",
        f"platform:    {facts['platform']}",
        f"skill dir:   {facts['skill_dir']}",
        f"backend:     {backend}",
        f"token set:   {'yes' if facts['token_set'] else 'no (an anonymous token is used)'}",
        f"config dir:  {facts['config_dir']}",
        f"data dir:    {facts['data_dir']}",
        f"ffmpeg:      {'found' if facts['ffmpeg'] else 'not found (optional: PyAV ships its own codecs)'}",
        f"[local]:     {extra}",
        f"title font:  {facts['cjk_font'] or 'none covers Chinese'}",
        f"python:      {facts['python']}",
    ]
    for need in facts["needs"]:
        kind = "NEEDED" if need["required"] else "advised"
        lines.append(f"{kind}:     {need['why']}. Fix: {need['fix']}")
    queue = facts.get("queue")
    if queue is not None and queue["reachable"]:
        names = ", ".join(queue["workers"]) or "none"
        lines.append(
            f"queue:       {queue['url']}: {queue['pending']} waiting, {len(queue['workers'])} workers ({names})"
        )
    elif queue is not None:
        lines.append(f"queue:       {queue['reason']}")
    ctx.out.result("\n".join(lines), **facts)
    return 0
