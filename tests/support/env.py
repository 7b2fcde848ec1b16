"""The environment a test gives the ``music-to-best`` processes it starts."""

from __future__ import annotations

import os


def child_env(*, drop: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    """``os.environ`` without NEMO_*/SKILL_* (and any ``drop`` prefixes), then ``extra``.

    No background page server unless ``extra`` asks for one: ``export`` and ``state`` would start
    one per data dir, each a second of CPU to start and two minutes alive after the test, which
    slowed the whole suite; the page tests start theirs on purpose.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEMO_", "SKILL_", *drop))}
    env["SKILL_PAGE_SERVER"] = "off"
    env.update(extra)
    return env
