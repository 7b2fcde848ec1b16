"""The distributed render queue for real: redis-server on loopback, `serve --queue`, two `worker` processes.

Renders are submitted over HTTP by two users exactly as the client does; every output is opened with
PyAV. One worker is SIGKILLed mid-render (its job must finish on the other), and the server is restarted
with renders pending (none may be lost).
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.env import child_env

from tests.local.conftest import Live, click_track

pytestmark = pytest.mark.slow

REDIS = shutil.which("redis-server")
if REDIS is None:  # CI installs it (scripts/setup.sh with the dev extra); a missing one is a setup bug
    pytest.fail("redis-server is not installed: run scripts/setup.sh local,dev", pytrace=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "skill", *args]


def _env(home: Path) -> dict[str, str]:
    env = child_env()
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    return env


class Cluster:
    """redis-server + serve --queue + workers, all on loopback, torn down in reverse order."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.media_root = tmp / "media"
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.redis = subprocess.Popen(
            [
                REDIS or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_redis()
        self.server: subprocess.Popen[str] | None = None
        self.api = ""
        self.workers: dict[str, subprocess.Popen[str]] = {}

    def _wait_redis(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def start_server(self) -> str:
        cmd = _cli(
            "serve", "--port", "0", "--queue", self.url, "--media-root", str(self.media_root), "--json"
        )
        self.server = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env(self.tmp)
        )
        assert self.server.stdout is not None
        line = self.server.stdout.readline()
        event = json.loads(line)
        assert event["event"] == "result" and event["queue"] is True, line
        self.api = str(event["url"])
        return self.api

    def stop_server(self) -> None:
        if self.server is not None:
            self.server.send_signal(signal.SIGINT)
            self.server.wait(30)
            self.server = None

    def start_worker(self, name: str) -> None:
        log = (self.tmp / f"{name}.log").open("w", encoding="utf-8")
        cmd = _cli("worker", "--queue", self.url, "--name", name, "--json")
        self.workers[name] = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=log, text=True, env=_env(self.tmp)
        )

    def worker_log(self, name: str) -> list[str]:
        lines = (self.tmp / f"{name}.log").read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines if line.strip()]

    def stop(self) -> None:
        for proc in self.workers.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.workers.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.stop_server()
        self.redis.terminate()
        self.redis.wait(10)


class Remote(Live):
    """Live's protocol helpers, pointed at a server in another process."""

    def __init__(self, url: str) -> None:
        self._url = url
        self.client = httpx.Client(base_url=url, timeout=60.0, trust_env=False)

    @property
    def url(self) -> str:
        return self._url


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    c = Cluster(tmp_path_factory.mktemp("queue"))
    try:
        c.start_server()
        yield c
    finally:
        c.stop()


def _project(api: Remote, seconds: int) -> tuple[str, str, dict[str, Any]]:
    """A user with a song and a highlight: (token, session, draft)."""
    token = api.token()
    sid = api.session(token)
    assert api.upload(token, sid, ("song.wav", click_track(seconds=12.0))).status_code == 200
    api.say(token, sid, f"sync to the beat and make the best {seconds} second highlight")
    return token, sid, api.state(token, sid)["draft"]


def _submit(api: Remote, token: str, sid: str, draft: dict[str, Any], render_id: str) -> dict[str, Any]:
    body = {"id": render_id, "sessionId": sid, "draft": draft, "output": {"format": "mp4", "quality": "high"}}
    r = api.http.post("/api/render/proxy/lambda", headers=api.auth(token), json=body)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def _status(api: Remote, token: str, render_id: str) -> dict[str, Any]:
    r = api.http.get(f"/api/render/proxy/lambda/{render_id}", headers=api.auth(token))
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def _wait(api: Remote, token: str, render_id: str, timeout_s: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    progress = 0
    while time.monotonic() < deadline:
        data = _status(api, token, render_id)
        assert data["progress"] >= progress, "progress went backwards"
        progress = data["progress"]
        if data["status"] in ("completed", "failed"):
            return data
        time.sleep(0.3)
    raise AssertionError(f"render {render_id} did not finish: {data}")


def _check_mp4(api: Remote, data: dict[str, Any], tmp: Path, seconds: float) -> None:
    import av

    r = api.http.get(data["outputUrl"])
    assert r.status_code == 200 and r.content[4:8] == b"ftyp"
    path = tmp / f"{data['id']}.mp4"
    path.write_bytes(r.content)
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        assert video.codec_context.name == "h264"
        duration = float(container.duration or 0) / 1_000_000
    assert abs(duration - seconds) < 0.2, duration


def _ran_on(cluster: Cluster, render_id: str) -> list[str]:
    return [
        n for n in cluster.workers if any(f"render {render_id} completed" in t for t in cluster.worker_log(n))
    ]


def test_six_renders_from_two_users_spread_over_two_workers(cluster: Cluster) -> None:
    api = Remote(cluster.api)
    health = api.http.get("/healthz").json()
    assert health["queue"] == "redis" and health["workers"] == 0
    cluster.start_worker("alpha")
    cluster.start_worker("beta")
    users = [_project(api, 4), _project(api, 4)]
    ids: list[tuple[str, str]] = []
    for n in range(3):
        for u, (token, sid, draft) in enumerate(users):
            render_id = f"render_{u}_{n}"
            first = _submit(api, token, sid, draft, render_id)
            assert first["status"] == "pending"
            ids.append((token, render_id))
    deadline = time.monotonic() + 20
    while api.http.get("/healthz").json()["workers"] < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert api.http.get("/healthz").json()["workers"] == 2
    doctor = subprocess.run(
        _cli("doctor", "--json", "--queue", cluster.url),
        capture_output=True,
        text=True,
        env=_env(cluster.tmp),
    )
    facts = json.loads(doctor.stdout.splitlines()[-1])
    assert facts["queue"]["reachable"] and facts["queue"]["workers"] == ["alpha", "beta"], facts
    for token, render_id in ids:
        data = _wait(api, token, render_id)
        assert data["status"] == "completed", data
        _check_mp4(api, data, cluster.tmp, 4.0)
    where = {render_id: _ran_on(cluster, render_id) for _, render_id in ids}
    assert all(len(w) == 1 for w in where.values()), where  # each job ran exactly once
    assert {w[0] for w in where.values()} == {"alpha", "beta"}, where  # both workers took jobs
    # another user's render stays invisible
    other = api.http.get(f"/api/render/proxy/lambda/{ids[0][1]}", headers=api.auth(ids[1][0]))
    assert other.status_code == 404


def test_a_killed_worker_job_completes_on_the_other(cluster: Cluster) -> None:
    api = Remote(cluster.api)
    token, sid, draft = _project(api, 10)
    _submit(api, token, sid, draft, "render_victim")
    deadline = time.monotonic() + 60
    victim = None
    while victim is None and time.monotonic() < deadline:
        data = _status(api, token, "render_victim")
        started = [
            n
            for n in cluster.workers
            if any("render render_victim started" in t for t in cluster.worker_log(n))
        ]
        if data["status"] == "processing" and data["progress"] > 0 and started:
            victim = started[0]
        time.sleep(0.1)
    assert victim is not None, "the render never started"
    cluster.workers[victim].send_signal(signal.SIGKILL)
    cluster.workers[victim].wait(10)
    data = _wait(api, token, "render_victim")
    assert data["status"] == "completed", data
    _check_mp4(api, data, cluster.tmp, 10.0)
    survivor = next(n for n in cluster.workers if n != victim)
    assert any("render render_victim started" in t and "(retry)" in t for t in cluster.worker_log(survivor))
    leftovers = list((cluster.media_root / "renders").glob("*.part.mp4"))
    assert len(leftovers) <= 1  # the killed attempt's partial file at most; never at the final name


def test_restart_with_pending_renders_loses_nothing(cluster: Cluster) -> None:
    api = Remote(cluster.api)
    token, sid, draft = _project(api, 4)
    for name, proc in cluster.workers.items():  # no worker: the renders wait
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(20)
        cluster.workers[name] = proc
    for k in range(2):
        _submit(api, token, sid, draft, f"render_wait_{k}")
    second = _status(api, token, "render_wait_1")
    assert second["status"] == "pending" and second["queuePosition"] == 2
    cluster.stop_server()
    api = Remote(cluster.start_server())
    assert _status(api, token, "render_wait_0")["status"] == "pending"
    cluster.start_worker("gamma")
    for k in range(2):
        data = _wait(api, token, f"render_wait_{k}")
        assert data["status"] == "completed", data
        _check_mp4(api, data, cluster.tmp, 4.0)


def test_a_full_queue_refuses_with_retry_after(cluster: Cluster) -> None:
    from skill.local.errors import Busy
    from skill.local.queue_redis import RedisRenderQueue
    from skill.local.store import Store

    store = Store(cluster.tmp / "other-root").open()
    queue = RedisRenderQueue(store, cluster.url, media_root=str(store.root), max_pending=0)
    queue.start()
    with pytest.raises(Busy) as err:
        queue.admit("usr_x")
    assert err.value.status == 429 and err.value.headers["Retry-After"].isdigit()
    assert "queue is full" in err.value.message
    queue.stop()
    store.close()


def test_serve_with_an_unreachable_queue_says_so(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.run(
        _cli("serve", "--port", "0", "--queue", f"redis://127.0.0.1:{port}/0", "--media-root", str(tmp_path)),
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
    )
    assert proc.returncode != 0
    assert "render queue" in proc.stderr and "does not answer" in proc.stderr
    assert "Traceback" not in proc.stderr
