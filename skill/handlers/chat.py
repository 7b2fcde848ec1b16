"""One chat turn: stream the reply through the GUI translator, report silent edits, recover cut streams."""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from skill.client.errors import APIError, BadResponse, RequestTimeout, StreamCut, TransportError
from skill.client.sse import Heartbeat, TextEvent, ToolCall, TurnStatus
from skill.handlers import views
from skill.handlers.feedback import Feedback
from skill.messages import text

if TYPE_CHECKING:
    from skill.client.api import NemoClient

__all__ = ["ChatReply", "send_chat", "SentenceBuffer"]

log = logging.getLogger(__name__)

Outcome = Literal[
    "replied", "changed", "unchanged", "recovered", "unconfirmed", "partial", "not_understood"
]  # fmt: skip
# The tool calls that ask the client to act; the rest are the backend's own edits.
_TYPED_ACTIONS = {"export": "export"}
# Actions the handler runs itself; the rest (export) go back to the runtime.
_LOCAL_ACTIONS = frozenset({"state", "summary", "credits"})
_TRAILING_GLITCH = re.compile(r"^\s*I encountered a temporary issue", re.IGNORECASE)
# A sentence ends at a CJK stop, a newline, or . ! ? followed by a space (so "3.5" is not split), but
# not at a list number ("1. Video: ...", the seed's timeline summary), which would cut the summary apart.
_SENTENCE_END = re.compile(r"(?:[。！？\n]|[!?](?=\s)|(?<![0-9])\.(?=\s))")
_LONG_UNBROKEN_CHARS = 240
_FINAL_END = re.compile(r"(?:[。！？!?]|(?<![0-9])\.)\s*$")


def _is_json(sentence: str) -> bool:
    """True for a JSON object or array sent as reply text (a tool payload leaking into the stream)."""
    stripped = sentence.strip()
    if stripped[:1] not in ("{", "["):
        return False
    try:
        return isinstance(json.loads(stripped), (dict, list))
    except ValueError:
        return False


class SentenceBuffer:
    """Collect streamed text and release it sentence by sentence (the translator needs whole phrases)."""

    def __init__(self) -> None:
        self._buf = ""

    def add(self, piece: str) -> list[str]:
        self._buf += piece
        cut = -1
        for match in _SENTENCE_END.finditer(self._buf):
            cut = match.end()
        if _FINAL_END.search(self._buf):
            cut = len(self._buf)
        if cut <= 0 and len(self._buf) > _LONG_UNBROKEN_CHARS:
            # a long run without a sentence end (a list, a run-on line) still shows, cut at a space
            space = self._buf.rfind(" ")
            cut = space if space > 0 else len(self._buf)
        if cut <= 0:
            return []
        ready, self._buf = self._buf[:cut], self._buf[cut:]
        return [ready.strip()] if ready.strip() else []

    def flush(self) -> list[str]:
        ready, self._buf = self._buf.strip(), ""
        return [ready] if ready else []


@dataclass(frozen=True, slots=True)
class ChatReply:
    """What one turn produced. ``texts`` were already given to ``Feedback.on_text`` as they came.

    ``actions`` are the GUI actions found in the reply that the runtime should run (``export``);
    state/summary/credits actions were run here and their text is in ``texts``.
    """

    texts: tuple[str, ...]
    outcome: Outcome
    actions: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    retry_offered: bool = False
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


class _Turn:
    def __init__(self, client: NemoClient, lang: str, feedback: Feedback) -> None:
        self.client = client
        self.lang = lang
        self.feedback = feedback
        self.texts: list[str] = []
        self.actions: list[str] = []  # read from the prose (backends that send no typed status)
        self.typed_actions: list[str] = []  # from typed tool calls
        self.status: TurnStatus | None = None
        # Loading the translator takes tens of ms; do it while the request is on its way, not after
        # the first sentence has arrived.
        self._warm = threading.Thread(target=views.warm, args=(lang,), name="translator-warm", daemon=True)
        self._warm.start()

    def show(self, sentence: str) -> None:
        if self.texts and _TRAILING_GLITCH.match(sentence):
            log.info("ignoring a trailing temporary-issue line after a normal reply")
            return
        if _is_json(sentence):
            log.info("ignoring a reply piece that is raw JSON, not text for the user")
            return
        self._warm.join()
        translated, actions = views.translate(
            sentence, self.lang, auto_export=self.client.settings.auto_export
        )
        for action in actions:
            if action not in self.actions:
                self.actions.append(action)
        if translated.strip():
            self.texts.append(translated)
            self.feedback.on_text(translated)

    def say(self, sentence: str) -> None:
        self.texts.append(sentence)
        self.feedback.on_text(sentence)

    def draft(self) -> dict[str, Any] | None:
        """The current draft, or None when it cannot be fetched (the turn must go on)."""
        try:
            return self.client.state().draft or {}
        except (APIError, TransportError) as err:
            log.info("state check failed: %s", type(err).__name__)
            return None


def send_chat(
    client: NemoClient, message: str, *, lang: str = "en", feedback: Feedback | None = None
) -> ChatReply:
    """Send ``message`` once and return what the user was told.

    Parameters
    ----------
    client
        An open :class:`~skill.client.api.NemoClient`; its ``sleep``/``clock`` drive every wait.
    message
        The user's words, sent as they are.
    lang
        Reply language for the handler's own sentences (``en``/``zh``...).
    feedback
        ``on_text`` gets translated reply text as it arrives, ``on_notice`` the "Still working..." lines.

    Raises
    ------
    APIError
        The service refused the turn, or the stream carried an error (after any text already shown).
    """
    feedback = feedback or Feedback()
    turn = _Turn(client, lang, feedback)
    settings = client.settings
    before = turn.draft()
    buffer = SentenceBuffer()
    try:
        with client.chat(message, lang=lang) as stream:
            last_notice = client.clock()
            for event in stream:
                if isinstance(event, TextEvent):
                    for sentence in buffer.add(event.text):
                        turn.show(sentence)
                elif isinstance(event, ToolCall):
                    action = _TYPED_ACTIONS.get(event.name)
                    if action is not None and action not in turn.typed_actions:
                        turn.typed_actions.append(action)
                elif isinstance(event, TurnStatus):
                    turn.status = event
                elif isinstance(event, Heartbeat):
                    now = client.clock()
                    if now - last_notice >= settings.heartbeat_notice_s:
                        last_notice = now
                        feedback.on_notice(text("client.notice.still_working", lang))
    except (StreamCut, RequestTimeout) as err:
        for sentence in buffer.flush():
            turn.show(sentence)
        return _recover(turn, before, err)
    except APIError:
        for sentence in buffer.flush():
            turn.show(sentence)
        raise
    for sentence in buffer.flush():
        turn.show(sentence)
    if turn.status is not None:
        # A backend that says how the turn went also says what to do in typed calls: the prose is
        # shown (GUI words rewritten) and may still ask to show the timeline, but never to export.
        _run_local_actions(turn)
        outcome: Outcome = "replied"
        if turn.status.outcome in ("partial", "not_understood"):
            outcome = turn.status.outcome  # type: ignore[assignment]
        fields = {"done": list(turn.status.done), "not_done": list(turn.status.not_done)}
        return ChatReply(tuple(turn.texts), outcome, actions=tuple(turn.typed_actions), fields=fields)
    if not turn.texts:
        return _silent_edit(turn, before)
    _run_local_actions(turn)
    return ChatReply(tuple(turn.texts), "replied", actions=_remote_actions(turn))


def _remote_actions(turn: _Turn) -> tuple[str, ...]:
    found = turn.typed_actions + [a for a in turn.actions if a not in turn.typed_actions]
    return tuple(a for a in found if a not in _LOCAL_ACTIONS)


def _run_local_actions(turn: _Turn) -> None:
    """Run the read-only actions the reply implied (open -> state, preview -> summary, billing -> credits)."""
    if "state" in turn.actions or "summary" in turn.actions:
        draft = turn.draft()
        if draft is not None:
            try:
                turn.say(views.summary(draft, turn.lang))
            except BadResponse:  # the reply was already given; an unreadable draft only loses the summary
                log.info("summary skipped: the draft has an unexpected shape")
    if "credits" in turn.actions:
        try:
            credits = turn.client.credits()
        except (APIError, TransportError) as err:
            log.info("credits check failed: %s", type(err).__name__)
        else:
            from skill.handlers.credits import credits_text

            turn.say(credits_text(credits, turn.lang))


def _silent_edit(turn: _Turn, before: dict[str, Any] | None) -> ChatReply:
    """The stream ended with no text: compare the state with the one before the turn and say what changed."""
    after = turn.draft()
    if before is None or after is None:
        # Without both states a comparison would invent changes (or hide them): say it was not checked.
        turn.say(text("chat.silent_unchecked", turn.lang))
        return ChatReply(tuple(turn.texts), "unchanged")
    found = views.changes(before, after, turn.lang)
    if found:
        turn.say(text("chat.silent_done", turn.lang, changes=views.join_changes(found, turn.lang)))
        return ChatReply(tuple(turn.texts), "changed", changes=tuple(found))
    turn.say(text("chat.silent_nothing", turn.lang))
    return ChatReply(tuple(turn.texts), "unchanged")


def _recover(turn: _Turn, before: dict[str, Any] | None, err: StreamCut | RequestTimeout) -> ChatReply:
    """Never re-send after a cut: wait, then watch the state for the change (protocol.md's recovery)."""
    settings = turn.client.settings
    lang = turn.lang
    if isinstance(err, RequestTimeout):
        turn.feedback.on_notice(text("chat.timeout", lang, what=err.fields.get("what", "")))
    else:
        turn.feedback.on_notice(text("chat.cut", lang))
    checks = max(1, settings.recovery_max_checks)
    wait = settings.recovery_first_wait_s
    for check in range(1, checks + 1):
        turn.feedback.on_notice(
            text("chat.recovery_wait", lang, seconds=f"{wait:g}", check=check, checks=checks)
        )
        turn.client.sleep(wait)
        after = turn.draft()
        found = views.changes(before, after, lang) if (after is not None and before is not None) else []
        if found:
            turn.say(text("chat.recovered", lang, changes=views.join_changes(found, lang)))
            return ChatReply(tuple(turn.texts), "recovered", changes=tuple(found))
        wait = settings.recovery_interval_s
    turn.say(text("chat.recovery_failed", lang, checks=checks))
    return ChatReply(tuple(turn.texts), "unconfirmed", retry_offered=True)
