"""Skill.handle: one user turn in, the right handler run, replies out in the user's language.

The one entry for agents, the CLI (``say``, ``make``) and the REPL. It orchestrates and nothing else:
routing is :mod:`skill.router`, HTTP is :mod:`skill.client`, phrasing is :mod:`skill.messages`, and each
intent's work is a function in :mod:`skill.handlers`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from skill.errors import SkillError
from skill.handlers.feedback import Feedback
from skill.messages import text
from skill.turn import Output, Reply, Turn, finished
from skill.turn_words import client_lang, few_words, nle_format, reply_lang, sources_in

if TYPE_CHECKING:
    from skill.client.api import NemoClient
    from skill.handlers.songs import SongChoice
    from skill.manifest import Manifest
    from skill.nle.formats import NleFormat
    from skill.router import RouteChoice
    from skill.settings import Settings

__all__ = ["Reply", "Skill", "Turn", "sources_in"]


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
        self._out = Output(self.feedback, on_result)
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
                NemoClient.from_settings(live, self.manifest, on_notice=self._out.notice)
            )
        return self._client

    def _connect(self, lang: str, *, fresh: bool = False) -> None:
        """Open the project session; on first use say "Setting things up..." and then "ready".

        ``fresh`` starts a new project even when one is remembered.
        """
        if self._connected and not fresh:
            return
        client = self.client
        client.lang = reply_lang(lang)  # the client's own notices (token, session renewal) follow the user
        first_use = client.sessions.cached() is None
        if first_use:
            self._out.notice(text("client.notice.setting_up", lang))
        if fresh:
            client.new_session(client_lang(lang))
        elif first_use:
            client.session(client_lang(lang))
        if first_use:
            self._out.notice(text("client.notice.connected", lang))
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
                err.lang = reply_lang(lang)  # the error is told in the user's language too
            raise

    def _handle(
        self, utterance: str, sources: list[str], choice: RouteChoice, lang: str, song: SongChoice
    ) -> Turn:
        from skill.handlers.songs import remember_question, settle_song, take_pending
        from skill.router import Intent, route

        replies: list[Reply] = []
        if not utterance.strip() and not sources:
            self._out.say(replies, "reply", text("runtime.say_something", lang))
            return finished("chat", lang, replies)
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
                self._out.say(
                    replies, "result", step.ask, choices=["replace", "new"], current_song=step.current_song
                )
                return finished("upload", lang, replies, outcome="song_exists")
            self._upload(sources, lang, replies)
            if step.say is not None:
                self._out.say(replies, "reply", step.say)
            choice = route(utterance, has_files=False)
            if not utterance.strip() or choice.intent is Intent.UPLOAD:
                return finished("upload", lang, replies)
        return self._dispatch(choice, utterance, lang, replies)

    def _conversation_lang(self, utterance: str, lang: str) -> str:
        """The reply language: the message's own (traditional when its Chinese is), except that a word or
        two of English ("undo", "ok export", "make it 1:1") in a project opened in Chinese is answered in
        Chinese, as the local backend does, so one reply never mixes the two."""
        if lang == "mixed":  # Chinese with English words: answer in the script of the Chinese part
            from skill.text.lang import reply_lang

            return reply_lang(utterance, "mixed")
        if lang != "en" or not utterance.strip() or not few_words(utterance):
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
            self.export(lang=lang, replies=replies, fmt=nle_format(utterance))
        elif intent is Intent.CREDITS:
            from skill.handlers.credits import show_credits

            credits = show_credits(self.client, lang=lang)
            self._out.say(
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
            self._out.say(replies, "result", state.text, exportable=state.exportable, tracks=state.tracks)
        elif intent is Intent.OPEN:
            from skill.handlers.page import open_page

            page = open_page(self.client, lang=reply_lang(lang), browser=True)
            self._out.say(replies, "result", page.text, link=page.link, opened=page.opened)
        elif intent is Intent.UPLOAD:
            sources = sources_in(utterance)
            if sources:
                self._upload(sources, lang, replies)
            else:
                self._out.say(replies, "reply", text("runtime.attach_files", lang))
        else:
            outcome = self._chat(utterance, lang, replies)
            return finished(intent.value, lang, replies, outcome=outcome)
        return finished(intent.value, lang, replies)

    def _chat(self, utterance: str, lang: str, replies: list[Reply]) -> str:
        """Send one chat turn and return its outcome ("unconfirmed": a cut stream, a retry was offered)."""
        from skill.handlers.chat import send_chat

        shown: list[str] = []

        def show(sentence: str) -> None:
            shown.append(sentence)
            self.feedback.on_text(sentence)

        live = replace(self.feedback, on_text=show)
        reply = send_chat(self.client, utterance, lang=reply_lang(lang), feedback=live)
        replies.extend(Reply("reply", t) for t in shown)
        if "export" in reply.actions and self.settings.auto_export:
            self.export(lang=lang, replies=replies, fmt=nle_format(utterance))
        return reply.outcome

    def _upload(self, sources: Sequence[str], lang: str, replies: list[Reply]) -> None:
        from skill.handlers.songs import note_uploaded_song
        from skill.handlers.upload import upload_media

        result = upload_media(self.client, list(sources), lang=reply_lang(lang), feedback=self.feedback)
        note_uploaded_song(self.client, [(f.name, f.file_type) for f in result.files])
        for line in result.texts:
            self._out.say(replies, "reply", line)

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

            nle = export_nle(self.client, fmt, output=output, lang=reply_lang(lang), feedback=self.feedback)
            return self._out.say([] if replies is None else replies, "result", nle.text, **nle.fields)
        done = export_video(self.client, output=output, lang=reply_lang(lang), feedback=self.feedback)
        return self._out.say([] if replies is None else replies, "result", done.text, **done.fields)

    def new_project(self, lang: str = "en") -> Reply:
        """Start a new project (session); later turns continue it."""
        self._connect(lang, fresh=True)
        return self._out.say([], "result", text("new.done", lang))
