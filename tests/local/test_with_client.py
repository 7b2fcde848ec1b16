"""The project's own client (skill.client) against the local backend: the same contract from both sides."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from skill.client.api import NemoClient
from skill.client.errors import FileTooLarge, UnsupportedFile
from skill.client.render import Completed, Failed
from skill.client.sse import Heartbeat, TextEvent, ToolCall
from skill.client.upload import check_file

from .conftest import ATTRIBUTION, TEST_UPLOAD_MAX_BYTES, Live


@pytest.fixture
def client(live: Live, tmp_path: Path) -> NemoClient:
    settings = replace(
        live.settings, config_dir=tmp_path / "config", render_poll_local_s=0.2, render_max_polls=1200
    )
    settings = settings.with_api_url(live.url)
    nemo = NemoClient(settings, ATTRIBUTION)
    yield nemo  # type: ignore[misc]
    nemo.close()


def test_credits_and_empty_state(client: NemoClient) -> None:
    credits = client.credits()
    assert credits.available == 100 and credits.frozen == 0 and credits.total == 100
    state = client.state()
    assert state.draft is not None and state.draft["t"] == []


def test_full_job_through_the_client(client: NemoClient, song_wav: bytes, tmp_path: Path) -> None:
    import av

    song = tmp_path / "Client Song.wav"
    song.write_bytes(song_wav)
    files = client.upload_files([check_file(song)])
    assert files[0].filename == "Client Song.wav" and files[0].file_type == "audio"

    texts, kinds = [], set()
    with client.chat("sync the visuals to the beat and make the best 6 second highlight") as stream:
        for event in stream:
            kinds.add(type(event))
            if isinstance(event, TextEvent):
                texts.append(event.text)
    reply = "".join(texts)
    assert "Client Song.wav" in reply and reply.count("Done!") == 1, "partial + final shown once"
    assert ToolCall in kinds and Heartbeat in kinds

    draft = client.state().draft
    assert draft is not None and draft["d"] == 6000
    job = client.submit_render(draft)
    result = job.wait()
    assert isinstance(result, Completed), result
    out = client.download(result.url, tmp_path / "out.mp4")
    with av.open(str(out)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
        assert float(container.duration) / 1e6 == pytest.approx(6.0, abs=0.25)
    link = client.claim_link()
    assert link.startswith(client.settings.api_url + "/workspace/claim?ct=clm_")  # type: ignore[operator]


def test_cancel_through_the_client(client: NemoClient, song_wav: bytes, tmp_path: Path) -> None:
    song = tmp_path / "c.wav"
    song.write_bytes(song_wav)
    client.upload_files([check_file(song)])
    with client.chat("make the best 20 second highlight") as stream:
        for _ in stream:
            pass
    job = client.submit_render(client.state().draft or {})
    job.cancel()
    deadline = time.monotonic() + 60
    status = job.status()
    while not isinstance(status, (Completed, Failed)) and time.monotonic() < deadline:
        time.sleep(0.1)
        status = job.status()
    assert isinstance(status, Failed) and "cancel" in status.reason


def test_refusals_map_to_the_client_errors(client: NemoClient, tmp_path: Path) -> None:
    fake = tmp_path / "fake.mp3"
    fake.write_bytes(bytes(range(256)) * 4)  # binary, but no media container
    with pytest.raises(UnsupportedFile):
        client.upload_files([check_file(fake)])
    big = tmp_path / "big.wav"
    big.write_bytes(b"\0" * (TEST_UPLOAD_MAX_BYTES + 1024))
    with pytest.raises(FileTooLarge):
        client.upload_files([check_file(big)])


def test_chinese_reply_through_the_client(client: NemoClient) -> None:
    with client.chat("你能做什么", lang="zh") as stream:
        text = "".join(e.text for e in stream if isinstance(e, TextEvent))
    assert "卡点" in text
