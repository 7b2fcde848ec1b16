"""NemoClient: one method per endpoint of the protocol, on top of the one HTTP owner."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from skill.client.base import BaseClient
from skill.client.constants import (
    UPLOAD_PROBE_BYTES_PER_S,
    UPLOAD_READ_TIMEOUT_S,
    UPLOAD_URL_TIMEOUT_FACTOR,
)
from skill.client.download import ByteProgress, download
from skill.client.errors import EmptyDraft, NotFound, SessionNotFound
from skill.client.models import (
    ClaimToken,
    Credits,
    EditAnswer,
    ProjectState,
    StateData,
    UploadedFile,
    UploadResult,
    parse_answer,
)
from skill.client.render import RENDER_PATH, RenderJob, new_render_id, parse_status
from skill.client.session import Session, SessionManager
from skill.client.sse import ChatStream
from skill.client.upload import LocalFile, MultipartBody, check_url

if TYPE_CHECKING:
    from skill.manifest import Manifest
    from skill.settings import Settings

__all__ = ["NemoClient", "has_segments"]

log = logging.getLogger(__name__)

_APP = "nemo_agent"


def has_segments(draft: Mapping[str, Any] | None) -> bool:
    """True when some track of the draft has a segment (the protocol's export precondition)."""
    from skill.timeline.wire import is_exportable

    return is_exportable(draft)


class NemoClient(BaseClient):
    """The API of the NemoVideo backend (cloud or embedded), one method per endpoint.

    Examples
    --------
    ::

        with NemoClient.from_settings(settings, manifest) as client:
            print(client.credits().available)
            with client.chat("sync visuals to the beat") as stream:
                for event in stream: ...
    """

    def __init__(self, settings: Settings, headers: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(settings, headers, **kwargs)
        self.sessions = SessionManager(settings, self)

    @classmethod
    def from_settings(cls, settings: Settings, manifest: Manifest, **kwargs: Any) -> NemoClient:
        """Build a client with the manifest's attribution headers (``SKILL_SOURCE`` already in settings)."""
        headers = manifest.headers({"SKILL_SOURCE": settings.skill_source or ""})
        return cls(settings, headers, **kwargs)

    def __enter__(self) -> NemoClient:
        return self

    # -- session -------------------------------------------------------------------------------
    def session(self, lang: str = "en") -> Session:
        """The current project session (created on first use, remembered across commands)."""
        return self.sessions.current(lang)

    def new_session(self, lang: str = "en") -> Session:
        """Start another project; later commands continue it."""
        self.sessions.forget()
        return self.sessions.create(lang)

    def claim_link(self, web_base: str | None = None) -> str:
        """A browser link to the project: ``<web>/workspace/claim?ct=<claim_token>`` (never the token).

        ``web_base`` overrides the base (the background page server, which outlives this client's).
        """
        session = self.session(self.lang)
        body: dict[str, str | None] = {"task_id": session.task_id, "session_id": session.session_id}
        if self.settings.is_embedded:  # the local page shows the project's name (the cloud has its own)
            body["project"] = self.sessions.project
        data = self.request(
            "POST",
            "/api/auth/claim-token",
            json_body=body,
            idempotent=False,
        )
        claim = parse_answer(ClaimToken, data, host=self.host, what="no claim token in the answer")
        return f"{(web_base or self.web_base).rstrip('/')}/workspace/claim?ct={claim.claim_token}"

    # -- reads ---------------------------------------------------------------------------------
    def credits(self) -> Credits:
        """``GET /api/credits/balance/simple``."""
        data = self.request("GET", "/api/credits/balance/simple")
        return parse_answer(Credits, data, host=self.host, what="a credit balance of the wrong shape")

    def state(self) -> ProjectState:
        """``GET /api/state/nemo_agent/me/<sid>/latest`` for the current session."""

        def call(session: Session) -> ProjectState:
            try:
                data = self.request("GET", f"/api/state/{_APP}/me/{session.session_id}/latest")
            except NotFound as err:
                if isinstance(err, SessionNotFound):
                    raise
                # A session with nothing in it yet may have no "latest" state: that is an empty project,
                # not a lost session (1002, or a 404 naming the session, is).
                log.debug("no state yet for this session")
                return ProjectState()
            if "state" not in data and "draft" in data:
                data = {"state": data}
            return parse_answer(
                StateData, data, host=self.host, what="a project state of the wrong shape"
            ).state

        return self.sessions.run(call, lang=self.lang)

    def edit(self, ops: list[dict[str, Any]]) -> EditAnswer:
        """``POST /api/edit/nemo_agent/me/<sid>``: typed edit operations (the local backend only)."""

        def call(session: Session) -> EditAnswer:
            path = f"/api/edit/{_APP}/me/{session.session_id}"
            data = self.request("POST", path, json_body={"ops": ops}, idempotent=False)
            return parse_answer(EditAnswer, data, host=self.host, what="an edit answer of the wrong shape")

        return self.sessions.run(call, lang=self.lang)

    # -- chat ----------------------------------------------------------------------------------
    def chat(self, message: str, *, lang: str | None = None) -> ChatStream:
        """Send one message to ``/run_sse`` and return the open reply stream (close it when done).

        The message is sent once: a stream that fails after it started is never re-sent. Only a 404/1002
        or 401/1001 before the stream starts (the service did nothing yet) is retried, once.
        """
        lang = lang or self.lang

        def call(session: Session) -> ChatStream:
            body = {
                "app_name": _APP,
                "user_id": "me",
                "session_id": session.session_id,
                "new_message": {"role": "user", "parts": [{"text": message}]},
            }
            timeout = httpx.Timeout(
                self.settings.stream_idle_timeout_s,
                connect=self.settings.connect_timeout_s,
                write=self.settings.read_timeout_s,
            )
            manager = self.open_stream(
                "POST",
                "/run_sse",
                json_body=body,
                headers={"Accept": "text/event-stream", "Cache-Control": "no-store"},
                timeout=timeout,
            )
            response = manager.__enter__()

            def release() -> None:
                manager.__exit__(None, None, None)

            return ChatStream(
                response,
                settings=self.settings,
                clock=self.clock,
                host=self.host,
                lang=lang,
                on_close=release,
                decorate=self.decorate,
            )

        return self.sessions.run(call, lang=lang)

    # -- upload --------------------------------------------------------------------------------
    def upload_files(
        self, files: Sequence[LocalFile], *, on_progress: ByteProgress | None = None
    ) -> list[UploadedFile]:
        """Upload checked local files (see ``upload.check_file``) as one streamed multipart request."""
        body = MultipartBody(files, on_progress=on_progress)
        headers = {"Content-Type": body.content_type, "Content-Length": str(body.content_length)}
        wait_s = self.settings.read_timeout_s + min(
            UPLOAD_READ_TIMEOUT_S, body.file_bytes / UPLOAD_PROBE_BYTES_PER_S
        )
        timeout = httpx.Timeout(wait_s, connect=self.settings.connect_timeout_s)
        return self._upload(
            lambda path: self.request(
                "POST", path, content=lambda: body, headers=headers, idempotent=False, timeout=timeout
            )
        )

    def upload_urls(self, urls: Sequence[str]) -> list[UploadedFile]:
        """Ask the service to fetch media from URLs (``{"urls": [...], "source_type": "url"}``)."""
        checked = [check_url(u) for u in urls]
        wait_s = self.settings.read_timeout_s * UPLOAD_URL_TIMEOUT_FACTOR
        timeout = httpx.Timeout(wait_s, connect=self.settings.connect_timeout_s)
        return self._upload(
            lambda path: self.request(
                "POST",
                path,
                json_body={"urls": checked, "source_type": "url"},
                idempotent=False,
                timeout=timeout,
            )
        )

    def _upload(self, send: Callable[[str], dict[str, Any]]) -> list[UploadedFile]:
        def call(session: Session) -> list[UploadedFile]:
            data = send(f"/api/upload-video/{_APP}/me/{session.session_id}")
            return parse_answer(
                UploadResult, data, host=self.host, what="an upload answer of the wrong shape"
            ).files

        return self.sessions.run(call, lang=self.lang)

    # -- render --------------------------------------------------------------------------------
    def submit_render(self, draft: Mapping[str, Any], *, render_id: str | None = None) -> RenderJob:
        """Submit an export (never silently re-sent); refuses an empty draft before sending anything."""
        if not has_segments(draft):
            raise EmptyDraft()
        session = self.session(self.lang)
        render_id = render_id or new_render_id()
        body = {
            "id": render_id,
            "sessionId": session.session_id,
            "draft": dict(draft),
            "output": {"format": "mp4", "quality": "high"},
        }
        data = self.request("POST", RENDER_PATH, json_body=body, idempotent=False)
        returned = data.get("id")
        job_id = returned if isinstance(returned, str) and returned else render_id
        first = parse_status(data, host=self.host) if data.get("status") else None
        return RenderJob(self, job_id, first)

    def render_job(self, render_id: str) -> RenderJob:
        """A handle on an existing render job."""
        return RenderJob(self, render_id)

    def download(
        self,
        url: str | None,
        dest: Path,
        *,
        render_id: str | None = None,
        on_progress: ByteProgress | None = None,
    ) -> Path:
        """Stream a finished video to ``dest`` (temp file + rename); the token goes only to the backend.

        ``url`` None means the fallback ``GET /api/render/proxy/<id>/download``.
        """
        return download(self, url, dest, render_id=render_id, on_progress=on_progress)
