"""``POST /api/edit/nemo_agent/me/{sid}``: typed edit operations applied to a session, all or none.

A local extension of protocol.md (the cloud has no such endpoint): the ops are validated with the
timeline core's schema, applied by the one ``apply`` with the session's uploads as context, and
stored as one new draft, so one undo (chat or op) takes the batch back. An ``undo`` inside a batch
steps back through the batch, then through the stored history. A refusal answers 200 with
``ok: false``, a stable ``code`` (``bad_op``, ``need_song``, ``need_highlight``, ``no_title``,
``length_limit``, ``analysis_failed``, ``bpm_limit``, ``no_beat_fix``, ``nothing_to_undo``, ...), the
``index`` of the op and a ``message``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from skill.timeline import EditError, OpError, Timeline, apply, from_draft, parse_ops, summary, to_draft
from skill.timeline.ops import Undo
from skill.timeline.ops_edits import Redo, StartOver

from .http_io import backend_of, base_url, ok, read_json, require_user
from .models import EditBody
from .wire import rebase

if TYPE_CHECKING:
    from .app import Backend
    from .engine.context import MediaContext, MediaRef
    from .store import Store

__all__ = ["edit"]


async def edit(request: Request) -> Response:
    user = await require_user(request)
    body = await read_json(request, EditBody)
    backend = backend_of(request)
    session = await run_in_threadpool(backend.store.session, user, request.path_params["sid"])
    base = base_url(request)
    return ok(await run_in_threadpool(apply_ops, backend, session.session_id, body.ops, base))


def media_context(store: Store, session_id: str, base: str, backend: Backend) -> MediaContext:
    """The session's uploads as the timeline core's EditContext (songs analysed on the agent's threads)."""
    from .engine.context import MediaContext

    return MediaContext(
        session_media(store, session_id, base), lambda ref: backend.agent.analyse_file(ref.path)
    )


def session_media(store: Store, session_id: str, base: str) -> list[MediaRef]:
    """The session's uploads as the engine's media references (chat turns and typed edits share it)."""
    from .engine.context import MediaRef

    return [
        MediaRef(
            upload_id=u.upload_id,
            name=u.filename,
            src=f"{base}/api/media/{u.upload_id}",
            path=store.upload_path(u.upload_id, u.ext),
            file_type=u.file_type,  # type: ignore[arg-type]
            has_audio=u.has_audio,
        )
        for u in store.uploads(session_id)
    ]


def _refused(code: str, message: str, index: int | None = None, field: str = "") -> dict[str, Any]:
    return {"ok": False, "code": code, "message": message, "index": index, "field": field}


def apply_ops(backend: Backend, session_id: str, raw: object, base: str) -> dict[str, Any]:
    """Validate and apply ``raw`` ops to the session's timeline; store the result when all succeed."""
    try:
        ops = parse_ops(raw)
    except OpError as err:
        return _refused("bad_op", err.message, field=err.field)
    store = backend.store
    with backend.agent.lock(session_id):
        # on this server's port, as the re-cut's media URLs are: "changed" compares the edit, not the port
        before = rebase(store.draft(session_id), base)
        timeline = from_draft(before)
        ctx = media_context(store, session_id, base, backend)
        batch: list[Timeline] = []  # the timelines this batch replaced, for an undo inside it
        popped: list[Timeline] = []  # what undos inside the batch took back, for a redo
        undone = 0  # undos that went past the batch, into the stored history
        for index, op in enumerate(ops):
            if isinstance(op, Redo):
                if popped:
                    batch.append(timeline)
                    timeline = popped.pop()
                    continue
                again = store.redo(session_id) if index == 0 else None  # the stored redo: first op only
                if again is None:
                    return _refused("nothing_to_redo", "there is nothing to redo", index)
                timeline = from_draft(rebase(again, base))
                continue
            if isinstance(op, StartOver):
                batch.append(timeline)
                timeline = Timeline()  # the uploads stay; one undo brings the old timeline back
                continue
            if isinstance(op, Undo):
                if batch:
                    popped.append(timeline)
                    timeline = batch.pop()
                    continue
                previous = store.previous_draft(session_id, undone + 1)
                if previous is None:
                    return _refused("nothing_to_undo", "there is nothing to undo", index)
                undone += 1
                timeline = from_draft(rebase(previous, base))
                continue
            try:
                batch.append(timeline)
                timeline = apply(timeline, op, ctx)
            except EditError as err:
                return _refused(err.code, _message(err), index)
        for _ in range(undone):
            store.undo(session_id)
        out = to_draft(timeline)
        if out != rebase(store.draft(session_id), base):  # after the undos that went into the stored history
            store.push_draft(session_id, out)
        changed = out != before
    return {
        "ok": True,
        "applied": len(ops),
        "changed": changed,  # False: every op asked for what the timeline already was
        "summary": summary(timeline),
        "draft": out,
    }


def _message(err: EditError) -> str:
    """One English line for logs and agents (people get the client's translated sentence)."""
    words = {
        "need_song": "upload a song first",
        "need_highlight": "make the highlight first (op highlight)",
        "no_title": "there is no title",
        "need_title": "there is no title to style (op title first)",
        "no_section": f"the song has no {err.fields.get('section', '')} (number {err.fields.get('nth', 1)})",
        "start_beyond_end": "the song ends before that start time",
        "offset_limit": "the offset is already at its limit",
        "need_clips": "upload clips or photos first",
        "all_clips_excluded": "that would leave no clip",
        "no_such_clip": f"no upload is called {err.fields.get('clip', '')}",
        "no_clip_number": f"there are {err.fields.get('count', 0)} clips and photos, no number {err.fields.get('number', '')}",
        "no_clips_of_kind": f"no upload is a {err.fields.get('kind', '')}",
        "title_at_end": "the title already stays until the end of the video",
        "title_shortest": "the title is already as short as it can be",
        "no_photos": "the video shows no photos",
        "length_limit": "the highlight cannot change further that way",
        "analysis_failed": f"the song could not be analysed: {err.fields.get('reason', '')}",
        "bpm_limit": f"the beat is at {err.fields.get('bpm', '')} BPM and cannot go further that way",
        "bpm_range": f"a tempo must be within {err.fields.get('min', '')}-{err.fields.get('max', '')} BPM",
        "no_beat_fix": "the beat is already as detected (no correction to take back)",
    }
    return words.get(err.code, err.code)
