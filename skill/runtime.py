"""Skill.handle: one user turn in, the right handler run, replies out in the user's language.

The one entry for agents, the CLI (``say``, ``make``) and the REPL. It orchestrates and nothing else:
routing is :mod:`skill.router`, HTTP is :mod:`skill.client`, phrasing is :mod:`skill.messages`, and each
intent's work is a function in :mod:`skill.handlers`.
"""

from __future__ import annotations

import contextlib
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from skill.errors import SkillError
from skill.handlers.feedback import Feedback
from skill.messages import text

if TYPE_CHECKING:
    from skill.client.api import NemoClient
    from skill.handlers.songs import SongChoice
    from skill.manifest import Manifest
    from skill.nle.formats import NleFormat
    from skill.router import RouteChoice
    from skill.settings import Settings

__all__ = ["Skill", "Reply", "Turn", "sources_in"]

ReplyKind = Literal["reply", "result", "notice"]
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_URL_RE = re.compile(r"https?://[^\s'\"<>]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reply:
    """One thing the user is told: a reply sentence, a result (a finished video, a balance), a notice."""

    kind: ReplyKind
    text: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Turn:
    """What one call of :meth:`Skill.handle` did: the intent it ran and everything it said."""

    intent: str
    lang: str
    replies: tuple[Reply, ...]
    ok: bool = True
    # chat turns: replied, changed, unchanged, recovered, unconfirmed, partial or not_understood
    outcome: str = "done"

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.replies if r.kind != "notice")


def sources_in(utterance: str) -> list[str]:
    """Return the URLs and existing local file paths named in ``utterance`` ("upload ~/a.mp3 https://...")."""
    found = [m.group(0).rstrip(".,;)") for m in _URL_RE.finditer(utterance)]
    try:
        words = shlex.split(utterance)
    except ValueError:
        words = utterance.split()
    for word in words:
        if _URL_RE.match(word):
            continue
        candidate = Path(word).expanduser()
        if candidate.suffix and candidate.is_file():
            found.append(str(candidate))
    return found


def _few_words(utterance: str) -> bool:
    """At most two English words and no Chinese: too short to tell which language the user writes in."""
    return not _CJK_RE.search(utterance) and len(re.findall(r"[A-Za-z]+", utterance)) <= 2


def _client_lang(lang: str) -> str:
    return "zh" if lang.startswith("zh") or lang == "mixed" else "en"


def _nle_format(utterance: str) -> NleFormat | None:
    """The editor an export request names ("export for Premiere", "导出到剪映"), None for the MP4."""
    from skill.nle.formats import format_in

    return format_in(utterance)


def _reply_lang(lang: str) -> str:
    """The handlers' reply language: like the client's, but traditional Chinese stays traditional."""
    return "zh-Hant" if lang == "zh-Hant" else _client_lang(lang)


class Skill:
    """A conversation with the editor, over one backend connection.

    Use it as a context manager: it starts the backend (the embedded one when no ``NEMO_API_URL`` or
    ``NEMO_TOKEN`` is set), opens the client, and closes both at the end.

    Parameters
    ----------
    settings
        From :meth:`Settings.from_env`; ``auto_export=False`` makes "click Export" a suggestion only.
    manifest
        The running skill's SKILL.md, for the attribution headers.
    feedback
        Callbacks for text as it streams, notices and progress: every reply sentence reaches
        ``on_text`` as it is produced, so callers print live.
    on_result
        Gets each result (a finished video, a balance, a summary) with its fields; default ``on_text``.

    Examples
    --------
    ::

        with Skill(settings, manifest, feedback=Feedback.from_output(out)) as skill:
            skill.handle("use this song", files=["song.mp3"])
            skill.handle("sync visuals to the beat and make the best 30 second highlight")
            skill.handle("export")
    """

    def __init__(
        self,
        settings: Settings,
        manifest: Manifest,
        *,
        feedback: Feedback | None = None,
        on_result: Callable[[Reply], None] | None = None,
    ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.feedback = feedback or Feedback()
        self._on_result = on_result or (lambda reply: self.feedback.on_text(reply.text))
        self._last_notice: str | None = None
        self._stack = contextlib.ExitStack()
        self._client: NemoClient | None = None
        self._connected = False

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> Skill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the client and stop the embedded backend, if this skill started one."""
        self._client = None
        self._connected = False
        self._stack.close()

    @property
    def client(self) -> NemoClient:
        """The client, opened (with the backend) on first use."""
        if self._client is None:
            from skill.backend import open_backend
            from skill.client.api import NemoClient

            live = self._stack.enter_context(open_backend(self.settings))
            self._client = self._stack.enter_context(
                NemoClient.from_settings(live, self.manifest, on_notice=self._notice)
            )
        return self._client

    def _connect(self, lang: str, *, fresh: bool = False) -> None:
        """Open the project session; on first use say "Setting things up..." and then "ready".

        ``fresh`` starts a new project even when one is remembered.
        """
        if self._connected and not fresh:
            return
        client = self.client
        client.lang = _reply_lang(lang)  # the client's own notices (token, session renewal) follow the user
        first_use = client.sessions.cached() is None
        if first_use:
            self._notice(text("client.notice.setting_up", lang))
        if fresh:
            client.new_session(_client_lang(lang))
        elif first_use:
            client.session(_client_lang(lang))
        if first_use:
            self._notice(text("client.notice.connected", lang))
        self._connected = True

    # -- turns ----------------------------------------------------------------------------------
    def handle(
        self,
        utterance: str,
        files: Sequence[str | Path] = (),
        *,
        lang: str | None = None,
        song: SongChoice = "ask",
    ) -> Turn:
        """Run one user turn and return what the user was told.

        Files attached are uploaded first, then the rest of the turn runs ("use this and sync it to
        the beat"). A song sent to a project that has another is not uploaded unless ``song`` says
        ``replace`` or ``new`` (see :mod:`skill.handlers.songs`). Errors are raised as
        :class:`~skill.errors.SkillError` (after any text already shown), so the CLI can pick an exit
        code and the REPL can go on.
        """
        from skill.router import route

        utterance = utterance if isinstance(utterance, str) else str(utterance)
        sources = [str(f) for f in files]
        choice = route(utterance, has_files=bool(sources))
        lang = lang or self._conversation_lang(utterance, choice.lang)
        try:
            return self._handle(utterance, sources, choice, lang, song)
        except SkillError as err:
            if err.lang is None:
                err.lang = _reply_lang(lang)  # the error is told in the user's language too
            raise

    def _handle(
        self, utterance: str, sources: list[str], choice: RouteChoice, lang: str, song: SongChoice
    ) -> Turn:
        from skill.handlers.songs import remember_question, settle_song, take_pending
        from skill.router import Intent, route

        replies: list[Reply] = []
        if not utterance.strip() and not sources:
            self._say(replies, "reply", text("runtime.say_something", lang))
            return self._done("chat", lang, replies)
        self._connect(lang)
        answered = None if sources else take_pending(self.client, utterance, song)
        if answered is not None:  # "replace it" / "新建项目": finish the turn that asked
            sources, utterance, song = answered
            choice = route(utterance, has_files=True)
        if sources:
            step = settle_song(
                self.client, sources, song, lang=lang, pinned=self.settings.project is not None
            )
            if step.ask is not None:  # nothing is uploaded until the user chooses
                remember_question(self.client, sources, utterance)
                self._say(
                    replies, "result", step.ask, choices=["replace", "new"], current_song=step.current_song
                )
                return self._done("upload", lang, replies, outcome="song_exists")
            self._upload(sources, lang, replies)
            if step.say is not None:
                self._say(replies, "reply", step.say)
            choice = route(utterance, has_files=False)
            if not utterance.strip() or choice.intent is Intent.UPLOAD:
                return self._done("upload", lang, replies)
        return self._dispatch(choice, utterance, lang, replies)

    def _conversation_lang(self, utterance: str, lang: str) -> str:
        """The reply language: the message's own (traditional when its Chinese is), except that a word or
        two of English ("undo", "ok export", "make it 1:1") in a project opened in Chinese is answered in
        Chinese, as the local backend does, so one reply never mixes the two."""
        if lang == "mixed":  # Chinese with English words: answer in the script of the Chinese part
            from skill.text.lang import reply_lang

            return reply_lang(utterance, "mixed")
        if lang != "en" or not utterance.strip() or not _few_words(utterance):
            return lang
        try:
            session = self.client.sessions.cached()
        except Exception:  # noqa: BLE001 - no backend yet: keep the message's language
            return lang
        return "zh" if session is not None and session.language == "zh" else lang

    def _dispatch(self, choice: RouteChoice, utterance: str, lang: str, replies: list[Reply]) -> Turn:
        from skill.router import Intent

        intent = choice.intent
        if intent is Intent.EXPORT:
            self.export(lang=lang, replies=replies, fmt=_nle_format(utterance))
        elif intent is Intent.CREDITS:
            from skill.handlers.credits import show_credits

            credits = show_credits(self.client, lang=lang)
            self._say(
                replies,
                "result",
                credits.text,
                available=credits.available,
                frozen=credits.frozen,
                total=credits.total,
            )
        elif intent is Intent.STATE:
            from skill.handlers.state import show_state

            state = show_state(self.client, lang=lang)
            self._say(replies, "result", state.text, exportable=state.exportable, tracks=state.tracks)
        elif intent is Intent.OPEN:
            from skill.handlers.page import open_page

            page = open_page(self.client, lang=_reply_lang(lang), browser=True)
            self._say(replies, "result", page.text, link=page.link, opened=page.opened)
        elif intent is Intent.UPLOAD:
            sources = sources_in(utterance)
            if sources:
                self._upload(sources, lang, replies)
            else:
                self._say(replies, "reply", text("runtime.attach_files", lang))
        else:
            outcome = self._chat(utterance, lang, replies)
            return self._done(intent.value, lang, replies, outcome=outcome)
        return self._done(intent.value, lang, replies)

    def _chat(self, utterance: str, lang: str, replies: list[Reply]) -> str:
        """Send one chat turn and return its outcome ("unconfirmed": a cut stream, a retry was offered)."""
        from skill.handlers.chat import send_chat

        shown: list[str] = []

        def show(sentence: str) -> None:
            shown.append(sentence)
            self.feedback.on_text(sentence)

        live = replace(self.feedback, on_text=show)
        reply = send_chat(self.client, utterance, lang=_reply_lang(lang), feedback=live)
        replies.extend(Reply("reply", t) for t in shown)
        if "export" in reply.actions and self.settings.auto_export:
            self.export(lang=lang, replies=replies, fmt=_nle_format(utterance))
        return reply.outcome

    def _upload(self, sources: Sequence[str], lang: str, replies: list[Reply]) -> None:
        from skill.handlers.songs import note_uploaded_song
        from skill.handlers.upload import upload_media

        result = upload_media(self.client, list(sources), lang=_reply_lang(lang), feedback=self.feedback)
        note_uploaded_song(self.client, [(f.name, f.file_type) for f in result.files])
        for line in result.texts:
            self._say(replies, "reply", line)

    def export(
        self,
        *,
        output: Path | None = None,
        lang: str = "en",
        replies: list[Reply] | None = None,
        fmt: NleFormat | None = None,
    ) -> Reply:
        """Render the current timeline, download the MP4, and return the result reply.

        With ``fmt`` ("export for Premiere") the edit is written for that editor instead of rendered.
        """
        from skill.handlers.export import export_video

        self._connect(lang)
        if fmt is not None:
            from skill.nle.export import export_nle

            nle = export_nle(self.client, fmt, output=output, lang=_reply_lang(lang), feedback=self.feedback)
            return self._say(
                replies if replies is not None else [],
                "result",
                nle.text,
                path=str(nle.path),
                media_dir=str(nle.media_dir),
                format=nle.format,
                shots=nle.shots,
                markers=nle.markers,
            )
        done = export_video(self.client, output=output, lang=_reply_lang(lang), feedback=self.feedback)
        return self._say(
            replies if replies is not None else [],
            "result",
            done.text,
            path=str(done.path),
            url=done.url,
            link=done.link,
            render_id=done.render_id,
        )

    def new_project(self, lang: str = "en") -> Reply:
        """Start a new project (session); later turns continue it."""
        self._connect(lang, fresh=True)
        return self._say([], "result", text("new.done", lang))

    # -- output ---------------------------------------------------------------------------------
    def _notice(self, sentence: str) -> None:
        """Pass a notice on, dropping an immediate repeat (the client and the runtime both announce set-up)."""
        if sentence != self._last_notice:
            self._last_notice = sentence
            self.feedback.on_notice(sentence)

    def _say(self, replies: list[Reply], kind: ReplyKind, sentence: str, **fields: Any) -> Reply:
        reply = Reply(kind, sentence, dict(fields))
        replies.append(reply)
        if kind == "notice":
            self._notice(sentence)
        elif kind == "result":
            self._on_result(reply)
        else:
            self.feedback.on_text(sentence)
        return reply

    @staticmethod
    def _done(intent: str, lang: str, replies: list[Reply], *, outcome: str = "done") -> Turn:
        from skill.outcome import agent_outcome

        return Turn(intent, lang, tuple(replies), ok=agent_outcome(outcome) == "done", outcome=outcome)
