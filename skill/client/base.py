"""The one owner of the HTTP connection: base URL, headers, envelope unwrap, typed errors, bounded retries."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import httpx

from skill.client.constants import ERROR_BODY_MAX_BYTES
from skill.client.envelope import looks_like_html, unwrap
from skill.client.errors import BadResponse, TransportError, with_fields
from skill.client.failures import decorate, transport_error
from skill.client.retry import RetryState
from skill.client.retrying import with_retries
from skill.errors import ConfigError, SkillError

if TYPE_CHECKING:
    from skill.client.auth import TokenManager
    from skill.settings import Settings

__all__ = ["BaseClient", "JSON_BODY_MAX_BYTES", "is_loopback_url"]

log = logging.getLogger(__name__)

T = TypeVar("T")
# A state with a long draft is a few hundred KB; anything past this is not an answer to us.
JSON_BODY_MAX_BYTES = 32 * 1024 * 1024
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0"})


def is_loopback_url(url: str) -> bool:
    """True when ``url`` points at this machine (the embedded backend, or a test server)."""
    host = (urlsplit(url).hostname or "").lower()
    return host in _LOOPBACK_HOSTS or host.startswith("127.")


class BaseClient:
    """Own the ``httpx.Client``; every request goes through :meth:`request` or :meth:`open_stream`.

    Parameters
    ----------
    settings
        Settings whose ``api_url`` points at a live backend (see ``skill.backend.open_backend``).
    headers
        The attribution headers (``Manifest.headers()``), sent on every request.
    transport
        An ``httpx`` transport, for tests (``httpx.MockTransport``).
    sleep, clock
        Injected so that waits and deadlines run instantly in tests.
    on_notice
        Called with a sentence when the client waits on the user's behalf (rate limit, new session).
    """

    def __init__(
        self,
        settings: Settings,
        headers: Mapping[str, str],
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_notice: Callable[[str], None] | None = None,
        lang: str = "en",
    ) -> None:
        if not settings.api_url:
            raise ConfigError(detail="no backend URL (set NEMO_API_URL, or install the [local] extra)")
        parts = urlsplit(settings.api_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(detail="NEMO_API_URL must be an http(s) URL")
        from skill.client.auth import TokenManager

        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.lang = lang
        self.on_notice: Callable[[str], None] = on_notice or (lambda _text: None)
        self.host = parts.netloc
        self.is_loopback = settings.embedded or is_loopback_url(settings.api_url)
        self._origin = (parts.scheme, parts.netloc)
        self._http = httpx.Client(
            base_url=settings.api_url,
            headers=dict(headers),
            timeout=httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s),
            transport=transport,
            follow_redirects=False,
            trust_env=not self.is_loopback,
        )
        self.auth: TokenManager = TokenManager(settings, self)

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> BaseClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def web_base(self) -> str:
        """Base of browser links: the local server itself when embedded, else ``NEMO_WEB_URL``."""
        if self.settings.is_embedded and self.settings.api_url:
            return self.settings.api_url.rstrip("/")
        return self.settings.web_url.rstrip("/")

    # -- requests ------------------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: object = None,
        content: Callable[[], Iterable[bytes]] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        idempotent: bool | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> dict[str, Any]:
        """Send one call and return the unwrapped ``data`` object, raising a typed error otherwise.

        ``content`` is a factory so that a body can be produced again for the one-shot retries (a new
        token, a client id, one rate-limit wait). GETs are idempotent unless told otherwise.
        """
        is_idempotent = method.upper() == "GET" if idempotent is None else idempotent

        def attempt(state: RetryState) -> dict[str, Any]:
            request = self._build(method, path, json_body, content, headers, auth, state, timeout)
            response = self._send(request)
            try:
                raw = self.read_capped(response, JSON_BODY_MAX_BYTES)
            finally:
                response.close()
            return self.unwrap(response, raw)

        return with_retries(self, attempt, idempotent=is_idempotent, auth=auth)

    @contextlib.contextmanager
    def open_stream(
        self,
        method: str,
        path: str,
        *,
        json_body: object = None,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        expect: str = "text/event-stream",
        idempotent: bool = False,
        auth: bool = True,
        follow_redirects: bool = False,
    ) -> Iterator[httpx.Response]:
        """Open a streamed answer whose status and content type are checked; closed when the block ends.

        A non-2xx status or an envelope error raise the same typed errors as :meth:`request`. A 200 whose
        content type is not ``expect`` (an HTML page from a proxy, a JSON envelope) raises
        :class:`BadResponse` (or the envelope's error) without any retry loop.
        """

        def attempt(state: RetryState) -> httpx.Response:
            request = self._build(method, path, json_body, None, headers, auth, state, timeout)
            response = self._send(request, follow_redirects=follow_redirects)
            try:
                if response.status_code >= 300:
                    self.unwrap(response, self.read_capped(response, ERROR_BODY_MAX_BYTES))
                content_type = response.headers.get("content-type", "").lower()
                if expect not in content_type:
                    raw = self.read_capped(response, ERROR_BODY_MAX_BYTES)
                    self.unwrap(response, raw)  # raises the envelope's error, if it carries one
                    raise self.bad_response(
                        "a web page instead of the expected answer"
                        if looks_like_html(raw)
                        else "an unexpected kind of answer"
                    )
            except BaseException:
                response.close()
                raise
            return response

        response = with_retries(self, attempt, idempotent=idempotent, auth=auth)
        try:
            yield response
        finally:
            response.close()

    def is_same_origin(self, url: str) -> bool:
        """True for relative URLs and URLs on the backend's own origin (which may see the token)."""
        parts = urlsplit(url)
        return not parts.netloc or (parts.scheme, parts.netloc) == self._origin

    # -- internals -----------------------------------------------------------------------------
    def _build(
        self,
        method: str,
        path: str,
        json_body: object,
        content: Callable[[], Iterable[bytes]] | None,
        headers: Mapping[str, str] | None,
        auth: bool,
        state: RetryState,
        timeout: httpx.Timeout | None,
    ) -> httpx.Request:
        merged = dict(headers or {})
        if auth and self.is_same_origin(path):
            token = self.auth.bearer()  # on its own line: a debug traceback shows this line, not the header
            merged["Authorization"] = "Bearer " + token
        secret = self.settings.backend_secret
        if secret and self.is_same_origin(path):
            merged["X-Backend-Secret"] = secret
        if state.client_id_added and "X-Client-Id" not in merged:
            merged["X-Client-Id"] = self.auth.client_id()
        extensions = {"timeout": timeout.as_dict()} if timeout is not None else None
        try:
            return self._http.build_request(
                method,
                path,
                json=json_body,
                content=content() if content is not None else None,
                headers=merged,
                extensions=extensions,
            )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as err:
            raise ConfigError(detail="the backend URL is not a valid http(s) URL") from err

    def _send(self, request: httpx.Request, *, follow_redirects: bool = False) -> httpx.Response:
        """Send one request; a redirect is an error unless followed (downloads: CDN links redirect).

        API calls never follow one: a POST would be re-sent, and a token could go to another host.
        httpx drops the Authorization header when a followed redirect leaves the backend's origin.
        """
        log.debug("%s %s", request.method, request.url.path)
        try:
            response = self._http.send(request, stream=True, follow_redirects=follow_redirects)
        except httpx.TooManyRedirects as err:
            raise with_fields(self.bad_response("too many redirects"), host=self.host) from err
        except httpx.HTTPError as err:
            read_s = (request.extensions.get("timeout") or {}).get("read") or self.settings.read_timeout_s
            raise self.transport_error(err, what_s=read_s) from err
        log.debug("%s %s -> HTTP %s", request.method, request.url.path, response.status_code)
        if response.is_redirect:
            response.close()
            location = urlsplit(response.headers.get("location", ""))
            target = f"{location.scheme}://{location.netloc}" if location.netloc else "another path"
            raise with_fields(
                self.bad_response("a redirect"),
                key="client.error.redirect",
                status=response.status_code,
                target=target,
            )
        return response

    def transport_error(self, err: Exception, *, what_s: float) -> TransportError | BadResponse:
        """Map an httpx failure to the matching :class:`TransportError`, naming the host."""
        return transport_error(err, host=self.host, lang=self.lang, what_s=what_s)

    def read_capped(self, response: httpx.Response, limit: int) -> bytes:
        """Read at most ``limit`` bytes of the body (an endless or huge answer is not read whole)."""
        chunks: list[bytes] = []
        size = 0
        # A server trickling bytes never trips the per-read timeout; bound the whole body too.
        deadline = self.clock() + 2 * self.settings.read_timeout_s
        try:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size >= limit:
                    break
                if self.clock() > deadline:
                    raise httpx.ReadTimeout("body too slow", request=response.request)
        except httpx.HTTPError as err:
            raise self.transport_error(err, what_s=self.settings.read_timeout_s) from err
        return b"".join(chunks)

    def bad_response(self, what: str) -> BadResponse:
        """An answer that is not what the protocol promises, naming this host."""
        return BadResponse(host=self.host, what=what)

    def unwrap(self, response: httpx.Response, raw: bytes) -> dict[str, Any]:
        """The envelope's ``data``, or its error raised as a typed one."""
        return unwrap(response.status_code, response.headers, raw, host=self.host)

    def decorate(self, err: SkillError) -> SkillError:
        """Fill in what only the client knows: the host, links for 2001/402, a user-token hint for 401."""
        return decorate(err, auth=self.auth, web_base=self.web_base, host=self.host)
