"""``--replace`` / ``--new``: what a new song does to a project that already has one (say, upload)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.handlers.songs import SongChoice

__all__ = ["add_song_choice", "song_choice"]


def add_song_choice(parser: argparse.ArgumentParser) -> None:
    """Add the two flags (exclusive); without either, a second song is asked about, not uploaded."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--replace",
        dest="song_choice",
        action="store_const",
        const="replace",
        help="a new song replaces this project's song (clips, frame and title stay)",
    )
    group.add_argument(
        "--new",
        dest="song_choice",
        action="store_const",
        const="new",
        help="a new song starts a new project (named after it); the old project stays as it was",
    )
    parser.set_defaults(song_choice="ask")


def song_choice(args: argparse.Namespace) -> SongChoice:
    choice = getattr(args, "song_choice", "ask")
    return "replace" if choice == "replace" else "new" if choice == "new" else "ask"
