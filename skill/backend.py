"""Choose the backend a command talks to: the remote service, or the embedded one on loopback."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from skill.errors import MissingExtraError
from skill.settings import Settings

__all__ = ["open_backend"]


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
