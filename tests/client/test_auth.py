"""Tokens: one per client id, cached 0600 in a 0700 dir, atomically; corrupt/loose caches; expiry."""

from __future__ import annotations

import json
import logging
import stat
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from support.fake_cloud import FakeCloud

from skill.client.api import NemoClient


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _cache_files(config: Path) -> list[Path]:
    return sorted((config / "tokens").glob("*.json"))


def test_token_cached_private_and_reused(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], tmp_path: Path
) -> None:
    make_client().credits()
    make_client().credits()  # a second command: same token, no new anonymous token
    assert cloud.count("token") == 1
    config = tmp_path / "config"
    (cache,) = _cache_files(config)
    assert _mode(cache) == 0o600
    assert _mode(cache.parent) == 0o700
    assert _mode(config) == 0o700
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert data["token"].startswith("nmv_usr_") and data["user_id"].startswith("anon_")
    assert not list(cache.parent.glob("*.tmp"))
    client_id = (config / "client_id").read_text(encoding="utf-8").strip()
    assert str(uuid.UUID(client_id)) == client_id
    assert {r.headers["x-client-id"] for r in cloud.of("token")} == {client_id}


@pytest.mark.parametrize("garbage", ["{not json", "[]", '{"token": 5}', "", '{"backend": "x"}'])
def test_corrupt_cache_is_ignored_and_replaced(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], tmp_path: Path, garbage: str
) -> None:
    make_client().credits()
    (cache,) = _cache_files(tmp_path / "config")
    cache.write_text(garbage, encoding="utf-8")
    make_client().credits()
    assert cloud.count("token") == 2
    assert json.loads(cache.read_text(encoding="utf-8"))["token"].startswith("nmv_usr_")
    assert _mode(cache) == 0o600


def test_loose_modes_are_fixed_and_logged(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    make_client().credits()
    (cache,) = _cache_files(tmp_path / "config")
    cache.chmod(0o644)
    cache.parent.chmod(0o755)
    with caplog.at_level(logging.WARNING, logger="skill"):
        make_client().credits()
    assert cloud.count("token") == 1  # the cache was still good, only too open
    assert _mode(cache) == 0o600
    assert _mode(cache.parent) == 0o700
    assert "0600" in caplog.text and "0700" in caplog.text
    assert "nmv_usr_" not in caplog.text


def test_expired_cache_is_refreshed_before_use(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], tmp_path: Path
) -> None:
    make_client().credits()
    (cache,) = _cache_files(tmp_path / "config")
    data = json.loads(cache.read_text(encoding="utf-8"))
    old_token = data["token"]
    data["expires_at"] = 1.0
    cache.write_text(json.dumps(data), encoding="utf-8")
    make_client().credits()
    assert cloud.count("token") == 2
    last = cloud.of("credits")[-1]
    assert last.headers["authorization"] != f"Bearer {old_token}"
    assert cloud.count("credits") == 2  # no 401 round trip: refreshed before use


def test_client_id_override_and_backend_keying(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], tmp_path: Path
) -> None:
    fixed = str(uuid.uuid4())
    make_client(client_id=fixed).credits()
    assert cloud.of("token")[0].headers["x-client-id"] == fixed
    make_client().credits()  # another client id: another token
    assert cloud.count("token") == 2
    assert len(_cache_files(tmp_path / "config")) == 2


def test_missing_client_id_on_token_call(cloud: FakeCloud, client: NemoClient) -> None:
    client.credits()
    assert all(r.headers.get("x-client-id") for r in cloud.of("token"))
