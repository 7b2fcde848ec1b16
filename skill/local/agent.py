"""The local agent behind ``/run_sse``: words → ops → ``apply`` → store → reply, as ADK events.

A turn runs in a worker thread, not in the request: when the client hangs up mid-stream the edit still
completes and is saved, so the client's recovery (query the state, never re-send) sees it. Events go
out through an ``emit`` callback as Google ADK event dicts (camelCase): ``functionCall`` and
``functionResponse`` parts for each edit, heartbeats (``{"type": "heartbeat"}``) while the song is
analysed, then the reply as partial text chunks followed by the same text once more, non-partial.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TYPE_CHECKING

from typing_extensions import assert_never

from skill.timeline import EditError, Timeline, apply, from_draft, summary, to_draft
from skill.timeline import ops as O  # noqa: N812 - the ops namespace
from skill.timeline.ops import dump_op
from skill.timeline.ops_edits import Redo, StartOver

from .acts import answer, outcome_metadata
from .adk import Emit, Turn, chunk_text
from .constants import ANALYSIS_SLOTS, KEEPALIVE_S
from .edit_turn import secs
from .edits import Ask, Declined, Export, Greeting, Help, HowTo, Show, Unsupported, UseMedia
from .op_order import in_order, quiet
from .op_replies import op_reply
from .reading import Act, Reading, read
from .replies import reply
from .wire import rebase

if TYPE_CHECKING:
    from .engine.analysis import TrackAnalysis
    from .engine.context import MediaContext, MediaRef
    from .store import SessionRecord, Store

__all__ = ["Agent"]

log = logging.getLogger(__name__)


def _few_words(text: str) -> bool:
    """True for a message of at most two words (or none): too short to say which language the user uses."""
    return len(re.findall(r"[A-Za-z]+", text)) <= 2


class Agent:
    """Turn chat messages into timeline edits for the sessions in ``store``.

    A sentence is read into typed ops and acts (:func:`skill.local.reading.read`); each op is applied
    by the timeline core's one ``apply`` with the session's uploads as context, the result stored as a
    new draft and answered from what changed (:mod:`skill.local.op_replies`).
    """

    def __init__(
        self, store: Store, *, analysis_slots: int = ANALYSIS_SLOTS, keepalive_s: float = KEEPALIVE_S
    ) -> None:
        self._store = store
        self._keepalive_s = keepalive_s
        # Analysis is CPU- and memory-heavy: it runs on a few dedicated threads, since more at once than
        # cores adds no speed, and spreading it over every turn thread grows one malloc arena per thread.
        self._analysis = ThreadPoolExecutor(
            max_workers=max(1, analysis_slots), thread_name_prefix="chat-analysis"
        )
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def close(self) -> None:
        """Stop the analysis threads (running analyses finish first)."""
        self._analysis.shutdown(wait=True, cancel_futures=True)

    def _lock(self, session_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(session_id, threading.Lock())

    def lock(self, session_id: str) -> threading.Lock:
        """The lock that makes one session's edits (chat turns, typed edits) happen one at a time."""
        return self._lock(session_id)

    def analyse_file(self, path: Path) -> TrackAnalysis:
        """Analyse a song on the analysis threads (typed edits; chat turns beat heartbeats meanwhile)."""
        from .engine.analysis import analyse_track

        return self._analysis.submit(analyse_track, Path(path), cache_dir=self._store.cache_dir).result()

    # ------------------------------------------------------------------------------ the turn
    def run_turn(
        self, session: SessionRecord, text: str, *, media_url: Callable[[str], str], emit: Emit
    ) -> None:
        """Run one chat turn to the end (even when nobody listens any more) and emit its events."""
        reading = read(text)
        lang = reading.lang
        if lang == "en" and session.language.startswith("zh") and _few_words(text):
            # "undo", "ok", "👍" in a Chinese conversation: answer in the conversation's language
            lang = "zh-Hant" if session.language == "zh-Hant" else "zh-Hans"
        with self._lock(session.session_id):
            # on this server's port: a re-cut's media URLs carry it, so an edit that changes nothing
            # compares equal (the embedded backend's port changes with every command)
            stored = from_draft(rebase(self._store.draft(session.session_id), _media_base(media_url)))
            turn = Turn(session, lang, emit, media_url, stored)
            try:
                self._run(turn, reading)
                if turn.changed:
                    self._store.push_draft(session.session_id, to_draft(turn.timeline))
            except Exception as err:  # noqa: BLE001 - reported in-band as ADK does, then logged
                log.exception("chat turn failed")
                emit(
                    {
                        "error": f"The local agent failed: {type(err).__name__}",
                        "error_details": {"type": type(err).__name__},
                    }
                )
                return
        text_out = (
            " ".join(s.strip() for s in turn.sentences if s.strip())
            if lang == "en"
            else "".join(turn.sentences)
        )
        for chunk in chunk_text(text_out, lang):
            emit(turn.event([{"text": chunk}], partial=True))
        final = turn.event([{"text": text_out}])
        final["turnComplete"] = True
        final["customMetadata"] = outcome_metadata(reading.understood, turn)
        emit(final)

    def _run(self, turn: Turn, reading: Reading) -> None:
        """The ops in order (applied, stored history moved), then the acts; then the closing hint."""
        if not reading.understood:
            turn.say("not_understood")
            turn.say("help")
            return
        had_highlight = turn.timeline.has_highlight
        ctx = self._context(turn)
        for op in in_order(reading.ops):
            self._op(turn, op, ctx, asked_for_clips=reading.asked_for_clips, quiet=quiet(op, reading.ops))
        for act in reading.acts:
            self._act(turn, act)
        asked_export = any(isinstance(a, Export) for a in reading.acts)
        chosen_start = any(isinstance(o, O.Highlight) and o.start_s is not None for o in reading.ops)
        if turn.built_highlight and not had_highlight and not asked_export and not chosen_start:
            # the seed's one-shot ("sync ... and create the best highlight"): the video is the point, so
            # the client may export it; a re-made or tweaked highlight is never exported unless asked
            turn.say("export_hint")
            call_id = turn.call("export", {"reason": "highlight_ready"})
            turn.result(call_id, "export", {"status": "offered"})
        elif asked_export or any(isinstance(a, Declined) and a.what == "export" for a in reading.acts):
            pass
        elif turn.changed and not any(isinstance(o, _HISTORY) for o in reading.ops):
            turn.say("edit_hint")

    def _act(self, turn: Turn, act: Act) -> None:
        match act:
            case Help():
                turn.say("help")
            case Greeting():
                turn.say("greeting")
            case UseMedia():
                turn.say("use_media")
            case Export():
                self._export(turn)
            case Show():
                turn.say("show", summary=summary(turn.timeline, turn.lang))
            case Ask() | Declined() | HowTo() | Unsupported():
                asks_song = isinstance(act, Ask) and act.topic == "song"
                answer(turn, act, songs=self._songs(turn) if asks_song else ())
            case _:
                assert_never(act)

    def _songs(self, turn: Turn) -> list[str]:
        """The file names of the session's uploaded songs, oldest first."""
        return [u.filename for u in self._store.uploads(turn.session.session_id) if u.file_type == "audio"]

    def _export(self, turn: Turn) -> None:
        """Asked for the video: a typed ``export`` call the client runs (never GUI words like "click Export")."""
        if not turn.timeline.has_highlight:
            turn.say("need_highlight")
            turn.not_done.append("export")
            return
        call_id = turn.call("export", {"reason": "asked"})
        turn.result(call_id, "export", {"status": "ok"})
        turn.say("export")

    # ------------------------------------------------------------------------------ edits
    def _context(self, turn: Turn) -> MediaContext:
        """The session's uploads as the core's EditContext; a song is analysed with heartbeats."""
        from .edit_route import session_media
        from .engine.analysis import analyse_track
        from .engine.context import MediaContext

        def analyse(ref: MediaRef) -> TrackAnalysis:
            turn.heartbeat("analysing", 0.0, force=True)
            future = self._analysis.submit(
                analyse_track,
                Path(ref.path),
                cache_dir=self._store.cache_dir,
                on_progress=lambda stage, fraction: turn.heartbeat(stage, fraction),
            )
            while True:
                try:
                    return future.result(timeout=self._keepalive_s)
                except FutureTimeout:
                    turn.heartbeat("analysing", force=True)

        base = _media_base(turn.media_url)
        return MediaContext(session_media(self._store, turn.session.session_id, base), analyse)

    def _op(self, turn: Turn, op: O.Op, ctx: MediaContext, *, asked_for_clips: bool, quiet: bool) -> None:
        """One op: a tool call, ``apply`` (or the stored history), the result, the reply from the outcome."""
        if isinstance(op, _HISTORY):
            self._history(turn, op)
            return
        name = _CALLS.get(op.op, op.op)
        call_id = turn.call(name, dump_op(op))
        before = turn.timeline
        try:
            after = apply(before, op, ctx)
        except EditError as err:
            turn.result(call_id, name, {"status": "error", "code": err.code})
            turn.say(err.code, **_error_fields(err, turn.lang))
            turn.not_done.append(name)  # refused, said why: the turn is never reported as done
            return
        if not isinstance(op, O.Highlight) and to_draft(after) == to_draft(before):
            # "make it vertical" on a vertical video: said plainly, never "the video is now 9:16" (the
            # stored drafts are compared: a re-cut to the same length differs only below their ms)
            turn.result(call_id, name, {"status": "noop", "summary": summary(after)})
            if not quiet:
                turn.say("unchanged")
            return
        song = ctx.known_song(after.song.upload_id) if after.song and after.song.upload_id else None
        if after != before:
            turn.timeline = after
            turn.changed = True
        if isinstance(op, O.Highlight) or (not before.has_highlight and after.has_highlight):
            turn.built_highlight = True
        turn.result(call_id, name, {"status": "ok", "summary": summary(after)})
        if quiet:
            return
        for key, fields in op_reply(before, after, op, turn.lang, song):
            turn.say(key, **fields)
        if asked_for_clips and isinstance(op, O.Highlight) and not ctx.clips():
            turn.say("no_clips")

    def _history(self, turn: Turn, op: O.Undo | Redo | StartOver) -> None:
        """Undo and redo move through the stored drafts; starting over stores an empty timeline."""
        sid = turn.session.session_id
        call_id = turn.call(op.op, {})
        if isinstance(op, StartOver):
            if not (turn.timeline.has_highlight or turn.timeline.tracks):  # never "say undo to get it back"
                turn.result(call_id, op.op, {"status": "noop", "summary": summary(turn.timeline)})
                turn.say("unchanged")
                return
            turn.timeline = Timeline()  # the uploads stay; one undo brings the old timeline back
            turn.changed = True
            turn.result(call_id, op.op, {"status": "ok", "summary": summary(turn.timeline)})
            turn.say("start_over")
            return
        if turn.changed:  # an edit earlier in this turn: store it, so undo takes exactly that back
            self._store.push_draft(sid, to_draft(turn.timeline))
            turn.changed = False
        moved = self._store.undo(sid) if isinstance(op, O.Undo) else self._store.redo(sid)
        if moved is None:
            turn.result(call_id, op.op, {"status": "noop"})
            turn.say("nothing_to_undo" if isinstance(op, O.Undo) else "nothing_to_redo")
            return
        turn.timeline = from_draft(rebase(moved, _media_base(turn.media_url)))
        turn.result(call_id, op.op, {"status": "ok", "summary": summary(turn.timeline)})
        turn.say(op.op, summary=summary(turn.timeline, turn.lang))


def _media_base(media_url: Callable[[str], str]) -> str:
    """This server's base URL, read off its media URLs."""
    return media_url("x").rsplit("/api/media/", 1)[0]


_CALLS = {  # the ADK tool names the client has always seen for these ops
    "highlight": "sync_to_beat",
    "aspect": "set_aspect_ratio",
    "title": "set_title",
    "volume": "set_bgm_volume",
    "pace": "recut",
    "length": "recut",
}
_HISTORY = (O.Undo, Redo, StartOver)


def _error_fields(err: EditError, lang: str) -> dict[str, object]:
    """The refusal's fields as the reply needs them (a section's name, a length in words)."""
    fields = dict(err.fields)
    if "section" in fields:
        fields["section"] = reply(f"section_{fields['section']}", lang)
    if "kind" in fields:
        fields["kind"] = reply(f"kind_{fields['kind']}", lang)
    if "end_s" in fields:
        fields["end"] = secs(float(fields.pop("end_s")))  # type: ignore[arg-type]
    if "length_s" in fields:
        fields["length"] = reply("seconds", lang, n=secs(float(fields.pop("length_s"))))  # type: ignore[arg-type]
    return fields
