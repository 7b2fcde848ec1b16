"""A fake clock and sleep for tests: waits are recorded, never slept."""

from __future__ import annotations

__all__ = ["FakeTime"]


class FakeTime:
    """A clock that moves only when slept on (plus ``tick`` per reading), recording every sleep."""

    def __init__(self, tick: float = 0.0) -> None:
        self.now = 1000.0
        self.tick = tick
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        self.now += self.tick
        return self.now
