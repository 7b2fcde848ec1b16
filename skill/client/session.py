"""The project session: created once, remembered per backend, renewed once when the service lost it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from skill.client.errors import NotFound, SessionNotFound, with_fields
from skill.client.models import SessionData, parse_answer

if TYPE_CHECKING:
    from skill.client.base import BaseClient
    from skill.settings import Settings

__all__ = ["Session", "SessionManager"]

log = logging.getLogger(__name__)

T = TypeVar("T")
_SESSION_PATH = "/api/tasks/me/with-session/nemo_agent"


@dataclass(frozen=True, slots=True)
class Session:
    """One project on the backend."""

    session_id: str
    task_id: str | None = None
    language: str = "en"  # the language the project was opened in ("en" or "zh")


class SessionManager:
    """Create, remember (per project, per ``backend_key``, in the config dir) and renew the project session.

    The project is ``settings.project`` when set (``--project``), else the working directory's current
    one (see :mod:`skill.projects`); it is fixed when first asked for, so one command uses one project.
    """

    def __init__(self, settings: Settings, client: BaseClient) -> None:
        from skill.projects import Projects

        self._settings = settings
        self._client = client
        self._session: Session | None = None
        self.projects = Projects(settings)
        self._project: str | None = settings.project

    @property
    def project(self) -> str:
        """The name of the project this client works on."""
        if self._project is None:
            self._project = self.projects.current(Path.cwd())
        return self._project

    def use(self, name: str) -> None:
        """Work on project ``name`` from now on (``new``, a new song in a new project)."""
        self._project = name
        self._session = None

    def record(self) -> dict[str, object]:
        """This project's record (song, pending choice...), empty for a new project."""
        return self.projects.load(self.project)

    def note(self, **fields: object) -> None:
        """Keep facts about this project next to its session (``song``: the song's file name)."""
        self.projects.save(self.project, folder=Path.cwd(), **fields)

    def cached(self) -> Session | None:
        """The remembered session, if any (no request is made)."""
        if self._session is not None:
            return self._session
        data = self.record()
        if not data or data.get("backend") != self._settings.backend_key:
            return None
        session_id = data.get("session_id")
        task_id = data.get("task_id")
        language = data.get("language")
        if not isinstance(session_id, str) or not session_id:
            return None
        self._session = Session(
            session_id,
            task_id if isinstance(task_id, str) else None,
            language if language in ("en", "zh") else "en",
        )
        return self._session

    def current(self, lang: str = "en") -> Session:
        """The remembered session, or a new one."""
        return self.cached() or self.create(lang)

    def create(self, lang: str = "en") -> Session:
        """Start a new project session and remember it."""
        language = "zh" if lang.startswith("zh") or lang == "mixed" else "en"
        data = self._client.request(
            "POST", _SESSION_PATH, json_body={"task_name": "project", "language": language}, idempotent=False
        )
        parsed = parse_answer(SessionData, data, host=self._client.host, what="no session id in the answer")
        session = Session(parsed.session_id, parsed.task_id, language)
        self.projects.save(
            self.project,
            folder=Path.cwd(),
            backend=self._settings.backend_key,
            session_id=session.session_id,
            task_id=session.task_id,
            language=session.language,
        )
        self._session = session
        log.info("new session created")
        return session

    def forget(self) -> None:
        """Drop the remembered session and what was noted about it (the next call creates one)."""
        self._session = None
        self.projects.reset(self.project)

    def run(self, call: Callable[[Session], T], *, lang: str = "en") -> T:
        """Run ``call`` with the current session; if the service lost it, start a new one and retry once.

        A 404 for a session-scoped path, or code 1002, arrives before the service acted on the request,
        so the single retry cannot double any work.
        """
        session = self.current(lang)
        try:
            return call(session)
        except NotFound:
            log.info("session not found; creating a new one")
            self.forget()
            fresh = self.create(lang)
            from skill.messages import text

            self._client.on_notice(text("client.notice.session_renewed", lang))
            try:
                return call(fresh)
            except SessionNotFound as again:
                raise with_fields(again, key="client.error.session_not_found.renewed") from None
