"""The embedded local backend: protocol.md served on loopback, doing the real job offline.

Import the pieces from their modules (``skill.local.app.create_app``,
``skill.local.server.EmbeddedServer``); this package imports nothing heavy itself.
"""

from __future__ import annotations

__all__: list[str] = []
