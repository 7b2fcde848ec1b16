"""The client id, the anonymous token and its cache (0600 file in a 0700 dir, written atomically)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import stat
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from skill.client.constants import TOKEN_DEFAULT_LIFETIME_S, TOKEN_REFRESH_MARGIN_S
from skill.client.errors import AuthExpired
from skill.client.models import AnonymousToken, CachedToken, parse_answer

if TYPE_CHECKING:
    from skill.client.base import BaseClient
    from skill.settings import Settings

__all__ = ["TokenManager", "read_private_json", "write_private_json", "private_dir", "cache_name"]

log = logging.getLogger(__name__)

_DIR_MODE = 0o700
_FILE_MODE = 0o600
_ANONYMOUS_TOKEN_PATH = "/api/auth/anonymous-token"


def cache_name(*parts: str) -> str:
    """A short file-name-safe digest of ``parts`` (backend key, client id)."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:20]


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make sure the leaf is mode 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=_DIR_MODE)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode != _DIR_MODE:
        log.warning("config dir %s had mode %o; set to 0700", path, mode)
        path.chmod(_DIR_MODE)
    return path


def read_private_json(path: Path) -> dict[str, Any] | None:
    """Read a cache file, fixing a too-open mode; None when missing or corrupt (it will be replaced)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return None
    except OSError as err:
        log.warning("cannot read %s (%s); ignoring it", path.name, err.__class__.__name__)
        return None
    if mode & 0o077:
        log.warning("cache file %s had mode %o; set to 0600", path.name, mode)
        with contextlib.suppress(OSError):
            path.chmod(_FILE_MODE)
    with contextlib.suppress(OSError):
        private_dir(path.parent)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        log.warning("cache file %s is corrupt; ignoring it", path.name)
        return None
    return data if isinstance(data, dict) else None


def write_private_json(path: Path, data: dict[str, Any]) -> bool:
    """Write ``data`` as JSON to ``path`` atomically (temp file + ``os.replace``), mode 0600.

    Returns False (and logs) when the config dir is not writable: the command goes on with the value in
    memory rather than failing over a cache.
    """
    try:
        private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        log.warning("cannot write %s (%s); not cached", path.name, err.__class__.__name__)
        return False
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        log.warning("cannot write %s (%s); not cached", path.name, err.__class__.__name__)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


def _expiry_epoch(expires_at: str | None, now: float) -> float:
    if expires_at:
        text = expires_at.strip().replace("Z", "+00:00")
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=dt.timezone.utc)
            # An expiry already past means a skewed clock, not a dead token: a 401 will tell.
            if parsed.timestamp() > now:
                return parsed.timestamp()
    return now + TOKEN_DEFAULT_LIFETIME_S


class TokenManager:
    """Give the client a bearer token: ``NEMO_TOKEN``, else one cached anonymous token per client id.

    The cache is keyed by ``settings.backend_key`` and the client id, so the cloud and the embedded
    backend never share a token, and consecutive commands reuse one token (the service allows few new
    anonymous tokens per IP).
    """

    def __init__(
        self, settings: Settings, client: BaseClient, *, now: Callable[[], float] = time.time
    ) -> None:
        self._settings = settings
        self._client = client
        self._now = now
        self._token: CachedToken | None = None
        self._client_id: str | None = settings.client_id
        self._announced = False

    @property
    def is_user_token(self) -> bool:
        """True when the user supplied ``NEMO_TOKEN`` (treated as a registered account)."""
        return self._settings.token is not None

    @property
    def can_refresh(self) -> bool:
        """Only anonymous tokens can be replaced; a user's own token is theirs to fix."""
        return not self.is_user_token

    @property
    def is_anonymous(self) -> bool:
        """True for tokens this client minted from ``/api/auth/anonymous-token``."""
        return not self.is_user_token

    @property
    def user_id(self) -> str | None:
        """The anonymous user id (for the ``?bind=`` link), when known."""
        if self.is_user_token:
            return None
        token = self._token or self._load()
        return token.user_id if token else None

    def client_id(self) -> str:
        """The stable client id: ``NEMO_CLIENT_ID``, else a uuid4 kept in the config dir."""
        if self._client_id:
            return self._client_id
        path = self._settings.config_dir / "client_id"
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8").strip()
            with contextlib.suppress(ValueError):
                self._client_id = str(uuid.UUID(text))
                return self._client_id
        self._client_id = str(uuid.uuid4())
        try:
            private_dir(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=".client_id.", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(self._client_id + "\n")
            os.replace(tmp, path)
        except OSError as err:
            log.warning("cannot keep the client id (%s); using a new one for this run", type(err).__name__)
        return self._client_id

    def bearer(self) -> str:
        """Return a token that is not about to expire, minting one only when none is cached."""
        if self._settings.token is not None:
            return self._settings.token
        token = self._token or self._load()
        if token is None or token.expires_at - TOKEN_REFRESH_MARGIN_S <= self._now():
            token = self._mint()
        return token.token

    def refresh(self) -> None:
        """Replace the token after the service rejected it (1001/401)."""
        if self.is_user_token:
            raise AuthExpired(key="client.error.auth_user_token")
        log.info("token rejected; getting a new anonymous token")
        self._mint()

    # -- cache ---------------------------------------------------------------------------------
    def _cache_path(self) -> Path:
        name = cache_name(self._settings.backend_key, self.client_id())
        return self._settings.config_dir / "tokens" / f"{name}.json"

    def _load(self) -> CachedToken | None:
        data = read_private_json(self._cache_path())
        if data is None:
            return None
        try:
            token = CachedToken.model_validate(data)
        except ValidationError:
            log.warning("token cache is corrupt; ignoring it")
            return None
        if token.backend != self._settings.backend_key or token.client_id != self.client_id():
            return None
        self._token = token
        return token

    def _mint(self) -> CachedToken:
        from skill.messages import text

        if not self._announced:
            self._announced = True
            self._client.on_notice(text("client.notice.setting_up", self._client.lang))
        data = self._client.request(
            "POST",
            _ANONYMOUS_TOKEN_PATH,
            auth=False,
            idempotent=False,
            headers={"X-Client-Id": self.client_id()},
        )
        fresh = parse_answer(AnonymousToken, data, host=self._client.host, what="no token in the answer")
        now = self._now()
        token = CachedToken(
            backend=self._settings.backend_key,
            client_id=self.client_id(),
            token=fresh.token,
            user_id=fresh.user_id,
            expires_at=_expiry_epoch(fresh.expires_at, now),
        )
        write_private_json(self._cache_path(), token.model_dump())
        self._token = token
        return token
