"""Settings read once from the environment and passed down (no import-time env reads)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from skill.client import constants as c

__all__ = ["Settings", "DEFAULT_API_URL", "DEFAULT_WEB_URL", "APP_NAME"]

APP_NAME = "music-to-best"
DEFAULT_API_URL = "https://mega-api-prod.nemovideo.ai"
DEFAULT_WEB_URL = "https://nemovideo.com"
# the page server stops after this long without a visitor (an open page keeps it up)
PAGE_IDLE_S = 15 * 60.0
# ... and one that export/state started stops after this long when its link is not opened at all
PAGE_GRACE_S = 120.0


_OFF = frozenset({"0", "false", "no", "off"})


def _user_dirs(environ: Mapping[str, str]) -> tuple[Path, Path]:
    """Return (config_dir, data_dir): XDG_* from ``environ`` first, else platformdirs' answer."""
    import platformdirs

    xdg_config = (environ.get("XDG_CONFIG_HOME") or "").strip()
    xdg_data = (environ.get("XDG_DATA_HOME") or "").strip()
    config = (
        Path(xdg_config) / APP_NAME
        if xdg_config
        else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    data = (
        Path(xdg_data) / APP_NAME if xdg_data else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    return config, data


def _is_loopback(url: str) -> bool:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host in {"localhost", "::1"} or host.startswith("127.")


def _project(env: Mapping[str, str]) -> str | None:
    """``MUSIC_TO_BEST_PROJECT`` (set by ``--project``), checked as a name; None when unset."""
    raw = (env.get("MUSIC_TO_BEST_PROJECT") or "").strip()
    if not raw:
        return None
    from skill.projects import check_name

    return check_name(raw)


# Waits a deployment (or a test harness) may shorten without code: env SKILL_<FIELD upper-cased>.
_TUNABLE_FIELDS = (
    "connect_timeout_s",
    "read_timeout_s",
    "stream_idle_timeout_s",
    "heartbeat_notice_s",
    "heartbeat_only_timeout_s",
    "rate_limit_wait_s",
    "render_poll_remote_s",
    "render_poll_local_s",
    "render_poll_embedded_s",
    "render_max_polls",
    "recovery_first_wait_s",
    "recovery_interval_s",
    "recovery_max_checks",
    "page_idle_s",
    "page_grace_s",
)


def _interval_overrides(env: Mapping[str, str]) -> dict[str, float | int]:
    """Read ``SKILL_RECOVERY_FIRST_WAIT_S`` and its siblings; a bad value is a ConfigError, not a crash."""
    from skill.errors import ConfigError

    found: dict[str, float | int] = {}
    for name in _TUNABLE_FIELDS:
        raw = (env.get(f"SKILL_{name.upper()}") or "").strip()
        if not raw:
            continue
        try:
            value = float(raw)
        except ValueError:
            raise ConfigError(detail=f"SKILL_{name.upper()} must be a number, got {raw[:20]!r}") from None
        if not 0 <= value <= 86_400:
            raise ConfigError(detail=f"SKILL_{name.upper()} must be between 0 and 86400")
        is_count = name in {"render_max_polls", "recovery_max_checks"}
        found[name] = max(1, int(value)) if is_count else value
    return found


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything tunable, read once by the CLI or runtime.

    ``api_url`` is None when the user set neither ``NEMO_API_URL`` nor ``NEMO_TOKEN``: the skill then
    runs the embedded local backend. Intervals default to the constants in ``client/constants.py`` and
    are fields so tests can shorten them without patching globals.
    """

    api_url: str | None = None
    web_url: str = DEFAULT_WEB_URL
    token: str | None = field(default=None, repr=False)
    # sent as X-Backend-Secret to a `serve --allow-remote` backend (SKILL_BACKEND_SECRET); never printed
    backend_secret: str | None = field(default=None, repr=False)
    client_id: str | None = None
    skill_source: str | None = None
    log_level: str = "warning"
    config_dir: Path = Path.home() / ".config" / APP_NAME
    data_dir: Path = Path.home() / ".local" / "share" / APP_NAME
    connect_timeout_s: float = c.CONNECT_TIMEOUT_S
    read_timeout_s: float = c.READ_TIMEOUT_S
    stream_idle_timeout_s: float = c.STREAM_IDLE_TIMEOUT_S
    heartbeat_notice_s: float = c.HEARTBEAT_NOTICE_S
    heartbeat_only_timeout_s: float = c.HEARTBEAT_ONLY_TIMEOUT_S
    max_retries: int = c.MAX_RETRIES
    retry_base_delay_s: float = c.RETRY_BASE_DELAY_S
    retry_max_delay_s: float = c.RETRY_MAX_DELAY_S
    rate_limit_wait_s: float = c.RATE_LIMIT_WAIT_S
    render_poll_remote_s: float = c.RENDER_POLL_REMOTE_S
    render_poll_local_s: float = c.RENDER_POLL_LOCAL_S
    render_poll_embedded_s: float = c.RENDER_POLL_EMBEDDED_S
    render_max_polls: int = c.RENDER_MAX_POLLS
    recovery_first_wait_s: float = c.RECOVERY_FIRST_WAIT_S
    recovery_interval_s: float = c.RECOVERY_INTERVAL_S
    recovery_max_checks: int = c.RECOVERY_MAX_CHECKS
    auto_export: bool = True
    # the background project page server: started by export/state too (off: only by `open`)
    page_server: bool = True
    page_idle_s: float = PAGE_IDLE_S
    page_grace_s: float = PAGE_GRACE_S
    embedded: bool = False
    project: str | None = None  # None: the working directory's current project (skill/projects.py)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from an environment mapping (``os.environ`` when None)."""
        env = os.environ if environ is None else environ
        config_dir, data_dir = _user_dirs(env)
        token = (env.get("NEMO_TOKEN") or "").strip() or None
        api_url = (env.get("NEMO_API_URL") or "").strip().rstrip("/") or None
        if api_url is None and token is not None:
            api_url = DEFAULT_API_URL
        auto_export = (env.get("SKILL_AUTO_EXPORT") or "1").strip().lower() not in _OFF
        page_server = (env.get("SKILL_PAGE_SERVER") or "1").strip().lower() not in _OFF
        web_url = (env.get("NEMO_WEB_URL") or "").strip().rstrip("/")
        if not web_url:
            # A loopback backend (``music-to-best serve``) serves its own project page.
            web_url = api_url if api_url and _is_loopback(api_url) else DEFAULT_WEB_URL
        base = cls(
            api_url=api_url,
            web_url=web_url,
            token=token,
            backend_secret=(env.get("SKILL_BACKEND_SECRET") or "").strip() or None,
            client_id=(env.get("NEMO_CLIENT_ID") or "").strip() or None,
            skill_source=(env.get("SKILL_SOURCE") or "").strip() or None,
            log_level=(env.get("SKILL_LOG") or "warning").strip().lower(),
            config_dir=config_dir,
            data_dir=data_dir,
            auto_export=auto_export,
            page_server=page_server,
            project=_project(env),
        )
        overrides = _interval_overrides(env)
        return replace(base, **overrides) if overrides else base  # type: ignore[arg-type]

    @property
    def is_embedded(self) -> bool:
        """True when commands run against the embedded local backend (started or still to start)."""
        return self.api_url is None or self.embedded

    @property
    def backend_key(self) -> str:
        """A stable name for the backend, for per-backend caches (token, session).

        The embedded server gets a new port on every run, so it is keyed as ``local``, not by URL.
        """
        return "local" if self.is_embedded else str(self.api_url)

    def with_api_url(self, api_url: str) -> Settings:
        """Return a copy pointing at the embedded server's ``api_url`` once it knows its port."""
        return replace(self, api_url=api_url.rstrip("/"), embedded=True)
