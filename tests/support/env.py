"""The environment a test gives the ``music-to-best`` processes it starts."""

from __future__ import annotations

import os

# the user's own settings, which no test may inherit
CLEARED_PREFIXES = ("NEMO_", "SKILL_")
# export and state would start a background page server per data dir, each a second of CPU to start
# and two minutes alive after the test, which slowed the whole suite; the page tests turn it on
NO_PAGE_SERVER = {"SKILL_PAGE_SERVER": "off"}


def child_env(*, drop: tuple[str, ...] = ()) -> dict[str, str]:
    """``os.environ`` without NEMO_*/SKILL_* (and any ``drop`` prefixes), and no page server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith((*CLEARED_PREFIXES, *drop))}
    env.update(NO_PAGE_SERVER)
    return env
