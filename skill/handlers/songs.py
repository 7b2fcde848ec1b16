"""A new song in a project that already has one: ask whether to replace it or start a new project.

Without this, a second song silently inherits the first project's clips, frame and title. The choice is
the user's: ``ask`` (the default) uploads nothing and asks; ``replace`` keeps the project and swaps the
song; ``new`` starts a project named after the new song and uploads there, leaving the old one as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote, urlsplit

from skill.client.upload import is_url, media_kind
from skill.messages import text

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = [
    "SongChoice",
    "SongStep",
    "answer_in",
    "note_uploaded_song",
    "remember_question",
    "settle_song",
    "source_name",
    "take_pending",
]

SongChoice = Literal["ask", "replace", "new"]

# A short reply to the question ("replace it", "换掉", "start a new project", "新建项目"): the asked-about
# files are sent with that choice. Only short turns count, so a sentence that merely mentions a new
# project is not taken for the answer.
_ANSWER_MAX_CHARS = 40
_REPLACE_RE = re.compile(r"(?i)\b(replace|swap|switch)\b|use the new|替换|換掉|换掉|换成|換成|替換|用新的")
_NEW_RE = re.compile(
    r"(?i)new project|start (a )?new|separate project|新项目|新項目|新建|另开|另開|新开|新開"
)


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
    sessions = client.sessions
    record = sessions.record()
    if "pending" in record:  # new files supersede an unanswered question
        sessions.note(pending=None)
    songs = [source_name(s) for s in sources if media_kind(source_name(s)) == "audio"]
    if not songs:
        return SongStep()
    old = record.get("song")
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


def answer_in(utterance: str) -> SongChoice | None:
    """``replace`` or ``new`` when a short turn answers the question, else None."""
    words = utterance.strip()
    if not words or len(words) > _ANSWER_MAX_CHARS:
        return None
    if _REPLACE_RE.search(words):
        return "replace"
    return "new" if _NEW_RE.search(words) else None


def remember_question(client: NemoClient, sources: Sequence[str], utterance: str) -> None:
    """Keep what was asked about, so a later "replace it" / "new project" can finish the turn."""
    client.sessions.note(pending={"sources": list(sources), "utterance": utterance})


def take_pending(
    client: NemoClient, utterance: str, given: SongChoice = "ask"
) -> tuple[list[str], str, SongChoice] | None:
    """The asked-about files, their words and the choice when ``utterance`` answers the question (or
    ``given`` is a choice already: ``say "ok" --replace`` after the question).

    The question is forgotten on any other turn: an answer long after, to something else, must not
    upload a song the user has moved on from.
    """
    pending = client.sessions.record().get("pending")
    if not isinstance(pending, dict):
        return None
    client.sessions.note(pending=None)
    choice = given if given != "ask" else answer_in(utterance)
    sources = pending.get("sources")
    said = pending.get("utterance")
    if choice is None or not isinstance(sources, list) or not all(isinstance(x, str) for x in sources):
        return None
    return list(sources), said if isinstance(said, str) else "", choice
