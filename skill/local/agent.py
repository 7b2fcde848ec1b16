"""The local agent behind ``/run_sse``: one chat turn → draft edits → ADK events, deterministic.

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
from typing import TYPE_CHECKING, Any

from skill.timeline.ops import SetPace
from skill.timeline.ops_edits import Redo, StartOver

from . import drafts
from .acts import answer, outcome_metadata
from .adk import Emit, Turn, chunk_text
from .constants import (
    ANALYSIS_SLOTS,
    ASPECT_SIZES,
    DEFAULT_HIGHLIGHT_S,
    KEEPALIVE_S,
    MAX_HIGHLIGHT_S,
    MIN_HIGHLIGHT_S,
)
from .edit_cues import CreatorOp
from .edit_turn import CREATOR_OPS, creator_reply
from .editor import parse_instruction
from .edits import (
    Ask,
    Aspect,
    Declined,
    Edit,
    Export,
    Greeting,
    Help,
    Highlight,
    HowTo,
    Length,
    Pace,
    RemoveTitle,
    Show,
    Title,
    Undo,
    Unsupported,
    UseMedia,
    Volume,
)
from .replies import reply
from .sound_cues import SoundOp

if TYPE_CHECKING:
    from .engine.analysis import TrackAnalysis
    from .store import SessionRecord, Store, UploadRecord

__all__ = ["Agent"]

log = logging.getLogger(__name__)


def _mmss(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def _beats_within(analysis: TrackAnalysis, start_s: float, duration_s: float) -> list[float]:
    return [round(b - start_s, 4) for b in analysis.beats_s if start_s <= b < start_s + duration_s]


def _with_beat_grid(
    draft: dict[str, Any], analysis: TrackAnalysis, start_s: float, duration_s: float
) -> dict[str, Any]:
    """The excerpt's beats, downbeats and sections kept in the timeline, as the edit recipe keeps them
    (the page's beat lane, the editor export's markers and ``state --json`` read them)."""
    from skill.timeline import from_draft, to_draft
    from skill.timeline.recipe import with_excerpt_grid

    from .engine.sections import timeline_sections

    timeline = with_excerpt_grid(
        from_draft(draft),
        analysis.beats_s,
        analysis.downbeats_s,
        timeline_sections(analysis),
        start_s,
        duration_s,
    )
    return to_draft(timeline)


def _few_words(text: str) -> bool:
    """True for a message of at most two words (or none): too short to say which language the user uses."""
    return len(re.findall(r"[A-Za-z]+", text)) <= 2


def _secs(seconds: float) -> str:
    return f"{seconds:g}" if abs(seconds - round(seconds)) < 0.05 else f"{seconds:.1f}"


class Agent:
    """Turn chat messages into draft edits for the sessions in ``store``."""

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
        instruction = parse_instruction(text)
        lang = instruction.lang
        if lang == "en" and session.language.startswith("zh") and _few_words(text):
            # "undo", "ok", "👍" in a Chinese conversation: answer in the conversation's language
            lang = "zh-Hant" if session.language == "zh-Hant" else "zh-Hans"
        with self._lock(session.session_id):
            turn = Turn(session, lang, emit, media_url, self._store.draft(session.session_id))
            try:
                self._apply(turn, instruction.edits)
                if turn.changed:
                    self._store.push_draft(session.session_id, turn.draft)
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
        final["customMetadata"] = outcome_metadata(instruction.edits, turn)
        emit(final)

    def _apply(self, turn: Turn, edits: tuple[Edit, ...]) -> None:
        if not edits:
            turn.say("not_understood")
            turn.say("help")
            return
        had_highlight = drafts.has_highlight(turn.draft)
        highlight = next((e for e in edits if isinstance(e, Highlight)), None)
        pace_edit = next((e for e in edits if isinstance(e, Pace)), None)
        aspect_edit = next((e for e in edits if isinstance(e, Aspect)), None)
        if highlight is not None and aspect_edit is not None:
            self._aspect(turn, aspect_edit, quiet=True)
        for edit in edits:
            if isinstance(edit, Highlight):
                self._highlight(turn, edit, pace_edit.pace if pace_edit else None)
            elif isinstance(edit, Aspect):
                if highlight is None:
                    self._aspect(turn, edit)
            elif isinstance(edit, Pace):
                if highlight is None:
                    self._pace(turn, edit)
            elif isinstance(edit, Length):
                self._length(turn, edit)
            elif isinstance(edit, Title):
                self._title(turn, edit)
            elif isinstance(edit, RemoveTitle):
                self._remove_title(turn)
            elif isinstance(edit, Volume):
                self._volume(turn, edit)
            elif isinstance(edit, SoundOp):
                self._sound(turn, edit)
            elif isinstance(edit, (*CREATOR_OPS, SetPace)):
                self._creator(turn, edit)
            elif isinstance(edit, Redo):
                self._redo(turn)
            elif isinstance(edit, StartOver):
                self._start_over(turn)
            elif isinstance(edit, Undo):
                self._undo(turn)
            elif isinstance(edit, Help):
                turn.say("help")
            elif isinstance(edit, Greeting):
                turn.say("greeting")
            elif isinstance(edit, UseMedia):
                turn.say("use_media")
            elif isinstance(edit, Export):
                self._export(turn)
            elif isinstance(edit, Show):
                turn.say("show", summary=drafts.summary(turn.draft, turn.lang))
            elif isinstance(edit, (Ask, Declined, HowTo, Unsupported)):
                answer(turn, edit)
        asked_export = any(isinstance(e, Export) for e in edits)
        chosen_start = highlight is not None and highlight.start_s is not None
        if turn.built_highlight and not had_highlight and not asked_export and not chosen_start:
            # the seed's one-shot ("sync ... and create the best highlight"): the video is the point, so
            # the client may export it; a re-made or tweaked highlight is never exported unless asked
            turn.say("export_hint")
            call_id = turn.call("export", {"reason": "highlight_ready"})
            turn.result(call_id, "export", {"status": "offered"})
        elif asked_export or any(isinstance(e, Declined) and e.what == "export" for e in edits):
            pass
        elif turn.changed and not any(isinstance(e, (Undo, Redo, StartOver)) for e in edits):
            turn.say("edit_hint")

    def _export(self, turn: Turn) -> None:
        """Asked for the video: a typed ``export`` call the client runs (never GUI words like "click Export")."""
        if not drafts.has_highlight(turn.draft):
            turn.say("need_highlight")
            turn.not_done.append("export")
            return
        call_id = turn.call("export", {"reason": "asked"})
        turn.result(call_id, "export", {"status": "ok"})
        turn.say("export")

    def _commit(self, turn: Turn, name: str, args: dict[str, Any], new_draft: dict[str, Any]) -> None:
        call_id = turn.call(name, args)
        turn.draft = new_draft
        turn.changed = True
        turn.result(call_id, name, {"status": "ok", "summary": drafts.summary(new_draft)})

    # ------------------------------------------------------------------------------ media
    def _song(self, session: SessionRecord) -> UploadRecord | None:
        uploads = self._store.uploads(session.session_id)
        audio = [u for u in uploads if u.file_type == "audio"]
        if audio:
            return audio[-1]
        videos = [u for u in uploads if u.file_type == "video" and u.has_audio]
        return videos[-1] if videos else None

    def _clips(self, turn: Turn, song: UploadRecord) -> list[drafts.ClipRef]:
        uploads = self._store.uploads(turn.session.session_id)
        return [
            drafts.ClipRef(u.upload_id, u.filename, turn.media_url(u.upload_id), u.file_type)
            for u in uploads
            if u.file_type in ("video", "image") and u.upload_id != song.upload_id
        ]

    def _analyse(self, turn: Turn, song: UploadRecord) -> TrackAnalysis | None:
        from .engine.analysis import analyse_track
        from .engine.errors import EngineError

        path = self._store.upload_path(song.upload_id, song.ext)
        turn.heartbeat("analysing", 0.0, force=True)
        future = self._analysis.submit(
            analyse_track,
            Path(path),
            cache_dir=self._store.cache_dir,
            on_progress=lambda stage, fraction: turn.heartbeat(stage, fraction),
        )
        while True:
            try:
                return future.result(timeout=self._keepalive_s)
            except FutureTimeout:
                turn.heartbeat("analysing", force=True)
            except EngineError as err:
                turn.say("analysis_failed", song=song.filename, reason=err.message)
                return None

    def _section(
        self, analysis: TrackAnalysis, duration_s: float, pace: str
    ) -> tuple[float, tuple[float, ...]]:
        from .engine.highlight import best_section
        from .engine.plan import plan_cuts

        section = best_section(analysis, duration_s=duration_s)
        start_s = max(0.0, min(section.start_s, analysis.duration_s - duration_s))
        cuts = plan_cuts(analysis, start_s=start_s, duration_s=duration_s, pace=pace)  # type: ignore[arg-type]
        return start_s, cuts

    # ------------------------------------------------------------------------------ edits
    def _highlight(self, turn: Turn, edit: Highlight, pace: str | None) -> None:
        song = self._song(turn.session)
        if song is None:
            turn.say("need_song")
            return
        meta = turn.draft.get("m") or {}
        pace = pace or str(meta.get("pace") or "beat")
        # asked again without a length ("use my clips"): keep the current one
        current_s = int(turn.draft.get("d") or 0) / 1000 if drafts.has_highlight(turn.draft) else 0.0
        wanted = edit.duration_s or current_s or DEFAULT_HIGHLIGHT_S
        wanted = max(MIN_HIGHLIGHT_S, min(MAX_HIGHLIGHT_S, wanted))
        args = {"song": song.filename, "duration_s": wanted, "pace": pace}
        call_id = turn.call("sync_to_beat", args)
        analysis = self._analyse(turn, song)
        if analysis is None:
            turn.result(call_id, "sync_to_beat", {"status": "error", "message": turn.sentences[-1]})
            return
        duration_s = min(wanted, analysis.duration_s)
        if edit.start_s is not None:  # the user chose where it starts: keep it, cut from there
            from .engine.plan import plan_cuts

            start_s = max(0.0, min(edit.start_s, analysis.duration_s - duration_s))
            cuts = plan_cuts(analysis, start_s=start_s, duration_s=duration_s, pace=pace)  # type: ignore[arg-type]
        else:
            start_s, cuts = self._section(analysis, duration_s, pace)
        clips = self._clips(turn, song)
        url = turn.media_url(song.upload_id)
        ref = drafts.SongRef(song.upload_id, song.filename, url, analysis.duration_s)
        turn.draft = drafts.build_highlight(
            turn.draft,
            song=ref,
            start_s=start_s,
            duration_s=duration_s,
            cuts_s=cuts,
            clips=clips,
            pace=pace,
            tempo_bpm=analysis.tempo_bpm,
            beats_s=_beats_within(analysis, start_s, duration_s),
        )
        turn.draft = _with_beat_grid(turn.draft, analysis, start_s, duration_s)
        turn.changed = turn.built_highlight = True
        turn.result(call_id, "sync_to_beat", {"status": "ok", "summary": drafts.summary(turn.draft)})
        meta = turn.draft["m"]
        if clips:
            names = ", ".join(c.name for c in clips[:3]) + ("…" if len(clips) > 3 else "")
            visuals = reply("visuals_clips", turn.lang, names=names)
        else:
            visuals = reply("visuals_generated", turn.lang)
        turn.say(
            "highlight",
            song=song.filename,
            bpm=round(analysis.tempo_bpm),
            length=reply("seconds", turn.lang, n=_secs(duration_s)),
            start=_mmss(start_s),
            end=_mmss(start_s + duration_s),
            count=len(cuts) + 1,
            visuals=visuals,
            pace=reply(f"pace_{pace}", turn.lang),
            aspect=meta.get("aspect", "16:9"),
            width=meta["width"],
            height=meta["height"],
        )
        if edit.use_clips and not clips:
            turn.say("no_clips")
        if analysis.is_steady_fallback:
            turn.say("steady_note")
        if wanted > analysis.duration_s:
            turn.say("length_clamped", length=reply("seconds", turn.lang, n=_secs(analysis.duration_s)))

    def _aspect(self, turn: Turn, edit: Aspect, *, quiet: bool = False) -> None:
        self._commit(
            turn, "set_aspect_ratio", {"ratio": edit.ratio}, drafts.set_aspect(turn.draft, edit.ratio)
        )
        if not quiet:
            width, height = ASPECT_SIZES[edit.ratio]
            turn.say("aspect", aspect=edit.ratio, width=width, height=height)

    def _title(self, turn: Turn, edit: Title) -> None:
        self._commit(turn, "set_title", {"text": edit.text}, drafts.set_title(turn.draft, edit.text))
        seg = drafts.title_segment(turn.draft) or {"st": 0, "d": 0}
        turn.say(
            "title", text=edit.text, start=_secs(seg["st"] / 1000), end=_secs((seg["st"] + seg["d"]) / 1000)
        )

    def _remove_title(self, turn: Turn) -> None:
        if drafts.title_segment(turn.draft) is None:
            turn.say("no_title")
            return
        self._commit(turn, "remove_title", {}, drafts.remove_title(turn.draft))
        turn.say("title_removed")

    def _volume(self, turn: Turn, edit: Volume) -> None:
        seg = drafts.bgm_segment(turn.draft)
        if seg is None:
            turn.say("need_highlight")
            return
        level = (
            edit.level if edit.level is not None else float(seg["m"].get("volume", 1.0)) + (edit.delta or 0.0)
        )
        level = round(max(0.0, min(1.0, level)), 2)
        self._commit(turn, "set_bgm_volume", {"volume": level}, drafts.set_volume(turn.draft, level))
        turn.say("volume", percent=round(level * 100))

    def _sound(self, turn: Turn, op: SoundOp) -> None:
        """Keep/mute the clips' sound, louder/quieter, the duck: the timeline's one implementation."""
        from skill.timeline.ops import dump_op

        from .sound_turn import sound_edit

        if not drafts.has_highlight(turn.draft):
            turn.say("need_highlight")
            return
        new, key, fields = sound_edit(turn.draft, op)
        if new is not None:
            self._commit(turn, op.op, dump_op(op), new)
        turn.say(key, **fields)

    def _recut(
        self, turn: Turn, *, duration_s: float | None, pace: str | None
    ) -> tuple[float, float, int] | None:
        """Re-plan the current highlight with a new length and/or pace; None when impossible (said why)."""
        seg = drafts.bgm_segment(turn.draft)
        if seg is None:
            turn.say("need_highlight")
            return None
        try:
            song = self._store.upload(turn.session.user_id, str(seg["m"].get("upload_id", "")))
        except Exception:  # noqa: BLE001 - the song's upload is gone; ask for a new one
            turn.say("need_song")
            return None
        analysis = self._analyse(turn, song)
        if analysis is None:
            return None
        meta = turn.draft.get("m") or {}
        pace = pace or str(meta.get("pace") or "beat")
        start_s = float(seg["m"].get("start_ms", 0)) / 1000
        duration_s = duration_s or int(turn.draft.get("d") or 0) / 1000
        duration_s = max(MIN_HIGHLIGHT_S, min(duration_s, analysis.duration_s))
        if start_s + duration_s > analysis.duration_s:
            start_s, _ = self._section(analysis, duration_s, pace)
        from .engine.plan import plan_cuts

        cuts = plan_cuts(analysis, start_s=start_s, duration_s=duration_s, pace=pace)  # type: ignore[arg-type]
        new = drafts.retime(
            turn.draft,
            start_s=start_s,
            duration_s=duration_s,
            cuts_s=cuts,
            pace=pace,
            beats_s=_beats_within(analysis, start_s, duration_s),
        )
        new = _with_beat_grid(new, analysis, start_s, duration_s)
        self._commit(turn, "recut", {"duration_s": duration_s, "pace": pace}, new)
        return start_s, duration_s, len(cuts) + 1

    def _pace(self, turn: Turn, edit: Pace) -> None:
        done = self._recut(turn, duration_s=None, pace=edit.pace)
        if done is not None:
            turn.say("pace", pace=reply(f"pace_{edit.pace}", turn.lang), count=done[2])

    def _length(self, turn: Turn, edit: Length) -> None:
        if drafts.bgm_segment(turn.draft) is None:
            if edit.duration_s is None:  # "shorter" with nothing to shorten yet
                turn.say("need_highlight")
                return
            self._highlight(turn, Highlight(duration_s=edit.duration_s), None)
            return
        wanted = edit.duration_s
        if wanted is None:  # "再短一点" / "a bit longer": one step from the current length
            current = int(turn.draft.get("d") or 0) / 1000
            # a quarter of the length (at least 2 s), in whole seconds: 20 s -> 15 s, 8 s -> 6 s
            step = max(2.0, round(current * 0.25))
            sign = -1.0 if (edit.delta_s or 0.0) < 0 else 1.0
            wanted = max(MIN_HIGHLIGHT_S, min(MAX_HIGHLIGHT_S, round(current + sign * step)))
            if abs(wanted - current) < 0.05:
                turn.say("length_limit", length=reply("seconds", turn.lang, n=_secs(current)))
                return
        done = self._recut(turn, duration_s=wanted, pace=None)
        if done is not None:
            start_s, duration_s, _ = done
            length = reply("seconds", turn.lang, n=_secs(duration_s))
            turn.say("length", length=length, start=_mmss(start_s), end=_mmss(start_s + duration_s))

    def _creator(self, turn: Turn, op: CreatorOp) -> None:
        """Start at a section, fades, transitions, effects, title style, texts, the clips: applied by the
        timeline core with the session's media, answered from the result (:mod:`skill.local.edit_turn`)."""
        from skill.timeline import EditError, apply, from_draft, to_draft
        from skill.timeline.ops import dump_op

        from .edit_route import session_media
        from .engine.context import MediaContext

        base = turn.media_url("x").rsplit("/api/media/", 1)[0]
        media = session_media(self._store, turn.session.session_id, base)
        ctx = MediaContext(media, lambda ref: self.analyse_file(ref.path))
        before = from_draft(turn.draft)
        try:
            after = apply(before, op, ctx)
        except EditError as err:
            fields = dict(err.fields)
            if "section" in fields:
                fields["section"] = reply(f"section_{fields['section']}", turn.lang)
            if "length_s" in fields:
                fields["length"] = reply("seconds", turn.lang, n=_secs(float(fields.pop("length_s"))))  # type: ignore[arg-type]
            turn.say(err.code, **fields)
            return
        if after != before:
            self._commit(turn, op.op, dump_op(op), to_draft(after))
            turn.built_highlight = turn.built_highlight or (not before.has_highlight and after.has_highlight)
        key, fields = creator_reply(after, op, turn.lang)
        turn.say(key, **fields)

    def _redo(self, turn: Turn) -> None:
        call_id = turn.call("redo", {})
        again = self._store.redo(turn.session.session_id)
        if again is None:
            turn.result(call_id, "redo", {"status": "noop"})
            turn.say("nothing_to_redo")
            return
        turn.draft = again
        turn.result(call_id, "redo", {"status": "ok", "summary": drafts.summary(again)})
        turn.say("redo", summary=drafts.summary(again, turn.lang))

    def _start_over(self, turn: Turn) -> None:
        """An empty timeline, stored as a new draft (one undo brings the old one back); uploads stay."""
        from skill.timeline import Timeline, to_draft

        call_id = turn.call("start_over", {})
        if drafts.has_highlight(turn.draft) or turn.draft.get("t"):
            turn.draft = to_draft(Timeline())
            turn.changed = True
        turn.result(call_id, "start_over", {"status": "ok", "summary": drafts.summary(turn.draft)})
        turn.say("start_over")

    def _undo(self, turn: Turn) -> None:
        call_id = turn.call("undo", {})
        previous = self._store.undo(turn.session.session_id)
        if previous is None:
            turn.result(call_id, "undo", {"status": "noop"})
            turn.say("nothing_to_undo")
            return
        turn.draft = previous
        turn.result(call_id, "undo", {"status": "ok", "summary": drafts.summary(previous)})
        turn.say("undo", summary=drafts.summary(previous, turn.lang))
