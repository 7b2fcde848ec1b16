"""A new song in a project that already has one: ask whether to replace it or start a new project.

Without this, a second song silently inherits the first project's clips, frame and title. The choice is
the user's: ``ask`` (the default) uploads nothing and asks; ``replace`` keeps the project and swaps the
song; ``new`` starts a project named after the new song and uploads there, leaving the old one as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote, urlsplit

from skill.client.upload import is_url, media_kind
from skill.messages import text

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = ["SongChoice", "SongStep", "settle_song", "note_uploaded_song", "source_name"]

SongChoice = Literal["ask", "replace", "new"]


@dataclass(frozen=True, slots=True)
class SongStep:
    """What to do before uploading: ``ask`` set means stop and show it; ``say`` is told after the upload."""

    ask: str | None = None
    say: str | None = None
    current_song: str | None = None


def source_name(source: str) -> str:
    """The file name of a path or URL (``https://x/a%20b.mp3`` -> ``a b.mp3``)."""
    if is_url(source):
        return Path(unquote(urlsplit(source).path)).name
    return Path(source).name


def settle_song(
    client: NemoClient, sources: Sequence[str], choice: SongChoice, *, lang: str, pinned: bool
) -> SongStep:
    """Decide what a song among ``sources`` does to the current project (see the module docstring).

    ``pinned`` is true when the project was named with ``--project``: a new project made then is not
    made this folder's current one, so parallel agents never move each other's pointer.
    """
    songs = [source_name(s) for s in sources if media_kind(source_name(s)) == "audio"]
    if not songs:
        return SongStep()
    sessions = client.sessions
    old = sessions.record().get("song")
    if not isinstance(old, str) or not old or old == songs[-1]:
        return SongStep()
    new = songs[-1]
    if choice == "ask":
        return SongStep(ask=text("project.song_exists", lang, song=old, new=new), current_song=old)
    if choice == "replace":
        return SongStep(say=text("project.replaced", lang, song=old, new=new), current_song=old)
    from skill.projects import slug

    before = sessions.project
    name = sessions.projects.unique(slug(Path(new).stem, fallback="song"))
    sessions.use(name)
    client.new_session("zh" if lang.startswith("zh") else "en")
    if not pinned:
        sessions.projects.point(Path.cwd(), name)
    return SongStep(say=text("project.moved", lang, name=name, new=new, old=before), current_song=old)


def note_uploaded_song(client: NemoClient, uploaded: Sequence[tuple[str, str | None]]) -> None:
    """Remember the last audio file uploaded as the project's song (names and types as reported)."""
    songs = [name for name, kind in uploaded if kind == "audio"]
    if songs:
        client.sessions.note(song=songs[-1])
