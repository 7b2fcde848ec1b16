"""A misbehaving backend cannot make the client write outside the chosen folder or fill the disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from support.fake_cloud import FakeCloud, Reply, sample_draft

from skill.client.api import NemoClient
from skill.handlers.export import default_output, export_video, safe_stem


@pytest.mark.parametrize(
    "render_id",
    [
        "../../../tmp/evil",
        "/etc/passwd",
        "..\\..\\win",
        "a/b/../../c",
        "",
        "....",
        "render_1\x00.mp4",
        "é" * 300,
    ],
)
def test_server_render_ids_never_leave_the_folder(tmp_path: Path, render_id: str) -> None:
    path = default_output(render_id, tmp_path)
    assert path.parent == tmp_path
    assert path.name.startswith("music-to-best-") and path.name.endswith(".mp4")
    assert "/" not in safe_stem(render_id) and ".." not in safe_stem(render_id)


def test_a_traversal_render_id_from_the_service_is_saved_here(
    cloud: FakeCloud, client: NemoClient, tmp_path: Path
) -> None:
    cloud.draft = sample_draft()
    original = cloud.default

    def default(route: str, params: dict[str, str], body: Any, headers: dict[str, str]) -> Reply:
        reply = original(route, params, body, headers)
        if route == "render_submit":
            evil = "../../../../tmp/" + "pwned"
            # the client quotes the id into one path segment; this fake server does not decode it
            cloud.renders[quote(evil, safe="")] = list(cloud.render_polls)
            return Reply(json={"success": True, "data": {"id": evil, "status": "pending", "progress": 0}})
        return reply

    cloud.default = default  # type: ignore[method-assign]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    reply = export_video(client, output=out_dir)
    assert reply.path.parent == out_dir and reply.path.exists()
    assert not (tmp_path / "pwned.mp4").exists()
    assert sorted(p.name for p in tmp_path.rglob("*.mp4")) == [reply.path.name]


def test_an_endless_chat_reply_is_cut_not_held_in_memory(cloud: FakeCloud, client: NemoClient) -> None:
    """A stream that never ends keeps sending text: the client stops at its cap with a typed error."""
    from support.fake_cloud import adk

    from skill.client import errors as e
    from skill.client.constants import STREAM_MAX_BYTES

    line = adk("spam " * 40000, partial=True)
    count = STREAM_MAX_BYTES // len(str(line)) + 50
    cloud.script("chat", Reply.sse([line] * count))
    client.session()
    received = 0
    with pytest.raises(e.BadResponse) as info, client.chat("hi") as stream:
        for event in stream:
            received += len(getattr(event, "text", ""))
    assert received <= STREAM_MAX_BYTES
    assert "MB" in info.value.user_text("en")
