"""Choose the backend a command talks to: the remote service, or the embedded one on loopback."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from skill.errors import MissingExtraError
from skill.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["open_backend", "page_base"]


@contextlib.contextmanager
def open_backend(settings: Settings) -> Iterator[Settings]:
    """Yield settings whose ``api_url`` points at a live backend for the duration of the block.

    With ``NEMO_API_URL`` or ``NEMO_TOKEN`` set this is the remote service, untouched. Otherwise the
    embedded backend (``skill.local``, the ``[local]`` extra) is started in-process on an ephemeral
    loopback port and stopped when the block ends, so no process is left behind.
    """
    if not settings.is_embedded:
        yield settings
        return
    try:
        from skill.local.server import EmbeddedServer
    except ImportError as err:
        raise MissingExtraError() from err
    with EmbeddedServer(settings) as server:
        yield settings.with_api_url(server.url)


def page_base(settings: Settings, *, start: bool | None = None) -> str | None:
    """The base URL of the browser links for ``settings``' projects, or None when there is none.

    Remote: ``NEMO_WEB_URL``'s page. Embedded: the background page server (``skill/local/pageserver.py``)
    on the same data dir, started when ``start`` (default: the ``page_server`` setting) and none runs; a
    server that cannot start gives None (the caller shows no link rather than a dead one). ``start=True``
    (``open``) also tells the server someone is about to look (see ``ensure_running``).
    """
    if not settings.is_embedded:
        return settings.web_url.rstrip("/")
    try:
        from skill.local.errors import StartError
        from skill.local.pageserver import ensure_running, running_url
    except ImportError:
        return None
    if not (settings.page_server if start is None else start):
        return running_url(settings.data_dir)
    try:
        return ensure_running(settings, visit=start is True)
    except StartError as err:
        log.warning("%s", err.message)
        return None
