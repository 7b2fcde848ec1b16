"""Fixtures for the client tests: a fake cloud per test, short settings, a fake clock, a client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeTime
from support.fake_cloud import HEADERS, FakeCloud

from skill.client.api import NemoClient
from skill.settings import Settings


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    with FakeCloud() as server:
        yield server


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def settings(cloud: FakeCloud, tmp_path: Path) -> Settings:
    return Settings(
        api_url=cloud.url,
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        read_timeout_s=5.0,
        connect_timeout_s=2.0,
        stream_idle_timeout_s=5.0,
    )


@pytest.fixture
def make_client(settings: Settings, fake_time: FakeTime) -> Iterator[Callable[..., NemoClient]]:
    made: list[NemoClient] = []

    def make(notices: list[str] | None = None, **overrides: Any) -> NemoClient:
        client = NemoClient(
            replace(settings, **overrides) if overrides else settings,
            HEADERS,
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            on_notice=(notices.append if notices is not None else None),
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., NemoClient]) -> NemoClient:
    return make_client()
