"""The in-process render pool: its idle workers end as soon as the backend stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.local import renders
from skill.local.renders import RenderQueue
from skill.local.store import Store


def test_stop_wakes_idle_workers_instead_of_waiting_for_their_poll(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every embedded command stops the pool when it ends; a worker that noticed only at its next poll
    # made each command wait up to a poll longer.  With an hour-long poll, only a wake-up ends them.
    monkeypatch.setattr(renders, "_POLL_S", 3600.0)
    store = Store(tmp_path)
    store.open()
    pool = RenderQueue(store, workers=2)
    pool.start()
    threads = list(pool._threads)  # noqa: SLF001 - the workers' lives are what this test is about
    assert all(t.is_alive() for t in threads)
    pool.stop(timeout_s=10.0)
    assert not any(t.is_alive() for t in threads)
    store.close()
