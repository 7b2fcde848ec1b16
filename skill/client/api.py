"""NemoClient: one method per endpoint of the protocol, on top of the one HTTP owner."""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from skill.client.base import BaseClient
from skill.client.constants import (
    DOWNLOAD_CHUNK_BYTES,
    DOWNLOAD_MAX_BYTES,
    UPLOAD_PROBE_BYTES_PER_S,
    UPLOAD_READ_TIMEOUT_S,
    UPLOAD_URL_TIMEOUT_FACTOR,
)
from skill.client.envelope import looks_like_html
from skill.client.errors import EmptyDraft, LocalWriteFailed, NotFound, SessionNotFound, shape_error
from skill.client.models import (
    ClaimToken,
    Credits,
    EditAnswer,
    ProjectState,
    StateData,
    UploadedFile,
    UploadResult,
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
ByteProgress = Callable[[int, int], None]


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
        try:
            claim = ClaimToken.model_validate(data)
        except ValidationError as err:
            raise shape_error(err, host=self.host, what="no claim token in the answer") from None
        return f"{(web_base or self.web_base).rstrip('/')}/workspace/claim?ct={claim.claim_token}"

    # -- reads ---------------------------------------------------------------------------------
    def credits(self) -> Credits:
        """``GET /api/credits/balance/simple``."""
        data = self.request("GET", "/api/credits/balance/simple")
        try:
            return Credits.model_validate(data)
        except ValidationError as err:
            raise shape_error(err, host=self.host, what="a credit balance of the wrong shape") from None

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
            try:
                return StateData.model_validate(data).state
            except ValidationError as err:
                raise shape_error(err, host=self.host, what="a project state of the wrong shape") from None

        return self.sessions.run(call, lang=self.lang)

    def edit(self, ops: list[dict[str, Any]]) -> EditAnswer:
        """``POST /api/edit/nemo_agent/me/<sid>``: typed edit operations (the local backend only)."""

        def call(session: Session) -> EditAnswer:
            path = f"/api/edit/{_APP}/me/{session.session_id}"
            data = self.request("POST", path, json_body={"ops": ops}, idempotent=False)
            try:
                return EditAnswer.model_validate(data)
            except ValidationError as err:
                raise shape_error(err, host=self.host, what="an edit answer of the wrong shape") from None

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
            try:
                return UploadResult.model_validate(data).files
            except ValidationError as err:
                raise shape_error(err, host=self.host, what="an upload answer of the wrong shape") from None

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
        # the id came from the service: quoted, it stays one path segment
        target = url or f"/api/render/proxy/{quote(render_id or '', safe='')}/download"
        same_origin = self.is_same_origin(target)
        dest = Path(dest).expanduser().absolute()
        # A plain new file (not mkstemp's 0600): the video gets the user's usual permissions.
        tmp = dest.parent / f".{dest.name}.{uuid.uuid4().hex[:8]}.part"
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp.open("xb").close()
        except OSError as err:
            raise LocalWriteFailed(path=str(dest), reason=err.strerror or type(err).__name__) from None
        try:
            with self.open_stream(
                "GET", target, expect="", idempotent=True, auth=same_origin, follow_redirects=True
            ) as response:
                self._check_media(response)
                total = int(response.headers.get("content-length") or 0)
                self._save(response.iter_bytes(DOWNLOAD_CHUNK_BYTES), tmp, total, on_progress)
            try:
                os.replace(tmp, dest)
            except OSError as err:
                raise LocalWriteFailed(path=str(dest), reason=err.strerror or type(err).__name__) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        return dest

    def _check_media(self, response: httpx.Response) -> None:
        content_type = response.headers.get("content-type", "").lower()
        if content_type.startswith(("text/html", "application/json", "text/plain")):
            raw = self._read_capped(response, 64 * 1024)
            self._unwrap(response, raw)
            raise self._bad("a web page instead of the video")

    def _save(self, chunks: Iterator[bytes], tmp: Path, total: int, on_progress: ByteProgress | None) -> None:
        done = 0
        last_pct = -1
        try:
            with tmp.open("wb") as handle:
                for chunk in chunks:
                    if not done and looks_like_html(chunk):
                        # a login or error page served as the "video" (any content type): not saved
                        raise self._bad("a web page instead of the video")
                    handle.write(chunk)
                    done += len(chunk)
                    if done > DOWNLOAD_MAX_BYTES:  # a video never gets this big; a hostile stream does
                        raise self._bad(f"a download larger than {DOWNLOAD_MAX_BYTES // 2**30} GB")
                    if on_progress is not None and total:
                        pct = done * 100 // total
                        if pct != last_pct:
                            last_pct = pct
                            on_progress(done, total)
        except httpx.HTTPError as err:
            raise self.decorate(self.transport_error(err, what_s=self.settings.read_timeout_s)) from err
        except OSError as err:  # a full disk, a folder removed meanwhile
            raise LocalWriteFailed(path=str(tmp.parent), reason=err.strerror or type(err).__name__) from None
        if total and done < total:
            raise self.decorate(self.transport_error(httpx.ReadError("short body"), what_s=0))
