"""The options that place the backend on a distributed queue, shared by ``serve``, ``worker`` and ``doctor``."""

from __future__ import annotations

import argparse

__all__ = ["MEDIA_ROOT_ENV", "QUEUE_ENV", "add_queue_options"]

QUEUE_ENV = "SKILL_QUEUE_URL"
MEDIA_ROOT_ENV = "SKILL_MEDIA_ROOT"


def add_queue_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """``--queue redis://HOST:6379/0`` and ``--media-root PATH`` (defaults from the environment)."""
    parser.add_argument(
        "--queue",
        metavar="URL",
        required=False,
        help=f"the Redis render queue, redis://HOST:6379/0 (env {QUEUE_ENV})"
        + ("" if required else "; without it renders run in this process"),
    )
    parser.add_argument(
        "--media-root",
        metavar="PATH",
        help=f"the shared folder with the backend's state, uploads and renders (env {MEDIA_ROOT_ENV}; "
        "default: <data dir>/local); every server and worker of one queue must see the same one",
    )
