"""Render jobs and the export handler: statuses, bounded polling, one retry, download, links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeTime
from support.fake_cloud import FakeCloud, Reply, sample_draft

from skill.client import errors as e
from skill.client.api import NemoClient
from skill.client.render import Completed, Failed, Pending, Processing, parse_status
from skill.handlers.export import export_video
from skill.handlers.feedback import Feedback


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"status": "pending", "progress": 0}, Pending(0.0)),
        ({"status": "pending", "progress": 0, "queuePosition": 3}, Pending(0.0, 3)),
        ({"status": "processing", "progress": 40}, Processing(0.4)),
        ({"status": "processing", "progress": 0.5}, Processing(0.5)),
        ({"status": "completed", "output": {"url": "https://x/v.mp4"}}, Completed("https://x/v.mp4")),
        ({"status": "completed", "outputUrl": "https://x/w.mp4"}, Completed("https://x/w.mp4")),
        ({"status": "COMPLETED"}, Completed(None)),
        ({"status": "failed", "reason": "codec error"}, Failed("codec error")),
        ({"status": "failed"}, Failed("failed")),
    ],
)
def test_parse_status(data: dict[str, Any], expected: object) -> None:
    assert parse_status(data) == expected


@pytest.mark.parametrize("data", [{"status": "exploded"}, {}, {"status": 5}])
def test_unknown_status_raises(data: dict[str, Any]) -> None:
    with pytest.raises(e.BadResponse):
        parse_status(data)


def test_status_at_top_level_of_the_envelope(cloud: FakeCloud, client: NemoClient) -> None:
    client.session()
    job = client.submit_render(sample_draft())
    cloud.script(
        "render_status", Reply(json={"success": True, "status": "completed", "data": {"outputUrl": "/v.mp4"}})
    )
    assert job.status() == Completed("/v.mp4")


def test_empty_draft_is_refused_locally(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.draft = {"t": [{"id": "v", "tt": 0, "sg": []}]}
    with pytest.raises(e.EmptyDraft) as info:
        export_video(client)
    assert "nothing to export" in info.value.user_text("en")
    assert cloud.count("render_submit") == 0


def test_export_downloads_and_links(
    cloud: FakeCloud, client: NemoClient, tmp_path: Path, fake_time: FakeTime
) -> None:
    cloud.draft = sample_draft()
    progress: list[tuple[str, float | None]] = []
    reply = export_video(
        client, output=tmp_path, feedback=Feedback(on_progress=lambda s, f, t: progress.append((s, f)))
    )
    assert reply.path == tmp_path / f"music-to-best-{reply.render_id}.mp4"
    assert reply.path.read_bytes() == cloud.video_bytes
    assert reply.url == f"{cloud.url}/files/{reply.render_id}.mp4"
    assert reply.link and reply.link.startswith("https://nemovideo.com/workspace/claim?ct=clm_")
    assert "nmv_usr_" not in reply.link
    assert reply.text.splitlines()[0] == f"Your video is ready: {reply.path}"
    (submit,) = cloud.of("render_submit")
    assert submit.body["id"].startswith("render_") and submit.body["draft"] == sample_draft()
    assert submit.body["output"] == {"format": "mp4", "quality": "high"}
    assert fake_time.sleeps == [1.0, 1.0]  # loopback: 1 s polls
    assert ("render", 0.4) in progress and progress[-1] == ("download", 1.0)
    assert not list(tmp_path.glob("*.part"))


def test_remote_polls_are_bounded_and_cancel(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime
) -> None:
    client = make_client(render_max_polls=3, render_poll_remote_s=30.0)
    client.is_loopback = False  # behave as against the cloud
    cloud.draft = sample_draft()
    cloud.render_polls = [{"status": "processing", "progress": 10}]
    with pytest.raises(e.RequestTimeout):
        export_video(client)
    assert fake_time.sleeps == [30.0, 30.0, 30.0]
    assert cloud.count("render_status") == 3
    assert cloud.count("render_cancel") == 1


def test_ctrl_c_while_waiting_cancels_the_render(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.draft = sample_draft()
    cloud.render_polls = [{"status": "processing", "progress": 10}]

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_video(client, feedback=Feedback(on_progress=interrupt))
    assert cloud.count("render_cancel") == 1


def test_local_render_deadline(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime
) -> None:
    client = make_client(render_poll_local_s=60.0)  # ten polls reach the 10-minute deadline
    cloud.draft = sample_draft()
    cloud.render_polls = [{"status": "pending"}]
    with pytest.raises(e.RequestTimeout) as info:
        export_video(client)
    assert fake_time.sleeps == [60.0] * 10
    assert cloud.count("render_cancel") == 1
    assert "600" in info.value.user_text("en")


def test_failed_twice_is_render_failed(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.draft = sample_draft()
    cloud.render_polls = [{"status": "failed", "reason": "node lost"}]
    notices: list[str] = []
    with pytest.raises(e.RenderFailed) as info:
        export_video(client, feedback=Feedback(on_notice=notices.append))
    assert "node lost" in info.value.user_text("en")
    ids = [r.body["id"] for r in cloud.of("render_submit")]
    assert len(ids) == 2 and ids[0] != ids[1]
    assert any("trying once more" in n for n in notices)


def test_failed_then_completed(cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    cloud.draft = sample_draft()
    cloud.render_polls = [{"status": "failed", "reason": "x"}]
    original = cloud.default

    def default(route: str, params: dict[str, str], body: Any, headers: dict[str, str]) -> Reply:
        if route == "render_submit" and cloud.count("render_submit") == 2:
            cloud.render_polls = [{"status": "completed"}]
        return original(route, params, body, headers)

    cloud.default = default  # type: ignore[method-assign]
    reply = export_video(client, output=tmp_path / "out.mp4")
    assert reply.path == tmp_path / "out.mp4" and reply.path.exists()
    assert reply.render_id == cloud.of("render_submit")[1].body["id"]


def test_render_submit_is_never_resent(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.draft = sample_draft()
    cloud.script("render_submit", Reply(drop=True))
    with pytest.raises(e.StreamCut):
        export_video(client)
    assert cloud.count("render_submit") == 1


def test_export_blocked_on_submit(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.draft = sample_draft()
    cloud.script("render_submit", Reply.http(402, {"success": False, "message": "upgrade"}))
    with pytest.raises(e.ExportBlocked) as info:
        export_video(client)
    assert "register?bind=anon_" in info.value.user_text("en")


def test_download_elsewhere_gets_no_token(cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    with FakeCloud() as cdn:
        cloud.draft = sample_draft()
        cloud.render_polls = [{"status": "completed", "output": {"url": f"{cdn.url}/files/v.mp4"}}]
        reply = export_video(client, output=tmp_path)
        (download,) = cdn.requests
        assert "authorization" not in download.headers
        assert reply.path.read_bytes() == cdn.video_bytes


def test_download_fallback_path_and_html_refusal(
    cloud: FakeCloud, client: NemoClient, tmp_path: Path
) -> None:
    cloud.draft = sample_draft()
    cloud.render_polls = [{"status": "completed", "output": {"url": None}}]
    original = cloud.default

    def default(route: str, params: dict[str, str], body: Any, headers: dict[str, str]) -> Reply:
        reply = original(route, params, body, headers)
        if route == "render_status" and reply.json["data"].get("status") == "completed":
            reply.json["data"]["output"] = {"url": None}
        return reply

    cloud.default = default  # type: ignore[method-assign]
    reply = export_video(client, output=tmp_path)
    assert cloud.count("download") == 1 and reply.path.exists()
    cloud.script("download", Reply.html())
    with pytest.raises(e.BadResponse):
        export_video(client, output=tmp_path / "again.mp4")
    assert not (tmp_path / "again.mp4").exists()


def test_embedded_links_use_the_local_server(
    cloud: FakeCloud, make_client: Callable[..., NemoClient]
) -> None:
    client = make_client(embedded=True)
    cloud.draft = sample_draft()
    assert client.claim_link().startswith(f"{cloud.url}/workspace/claim?ct=clm_")


def test_unwritable_output_is_a_clear_error(cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")  # works as root too: nothing can be made under a file
    cloud.draft = sample_draft()
    with pytest.raises(e.LocalWriteFailed) as info:
        export_video(client, output=blocker / "v.mp4")
    assert str(blocker / "v.mp4") in info.value.user_text("en")


def test_unwritable_config_dir_still_works(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], tmp_path: Path
) -> None:
    blocker = tmp_path / "config-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    client = make_client(config_dir=blocker / "music-to-best")
    assert client.credits().available == 100
    assert client.state().draft is not None


def test_refused_result_url_falls_back_to_the_download_path(
    cloud: FakeCloud, client: NemoClient, tmp_path: Path
) -> None:
    with FakeCloud() as cdn:
        cdn.script("file", Reply.http(403, {"message": "signature expired"}))
        cloud.draft = sample_draft()
        cloud.render_polls = [{"status": "completed", "output": {"url": f"{cdn.url}/files/v.mp4"}}]
        reply = export_video(client, output=tmp_path)
    assert cloud.count("download") == 1
    assert reply.path.read_bytes() == cloud.video_bytes


def test_a_busy_queue_is_waited_for_with_its_position(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime, tmp_path: Path
) -> None:
    """Waiting in line is not a stall: the same place in the queue for more polls than the stall bound."""
    client = make_client(render_max_polls=3, render_poll_local_s=1.0)
    cloud.draft = sample_draft()
    waiting = [{"status": "pending", "progress": 0, "queuePosition": 2}] * 6
    cloud.render_polls = [*waiting, {"status": "completed", "progress": 100}]
    texts: list[str] = []
    feedback = Feedback(on_progress=lambda stage, fraction, text: texts.append(text))
    reply = export_video(client, output=tmp_path / "q.mp4", feedback=feedback)
    assert reply.path.exists()
    assert cloud.count("render_status") == 7
    assert "Waiting in the render queue (number 2)" in texts


def test_a_stuck_pending_render_without_a_position_still_times_out(
    cloud: FakeCloud, make_client: Callable[..., NemoClient], fake_time: FakeTime
) -> None:
    client = make_client(render_max_polls=3, render_poll_local_s=1.0)
    cloud.draft = sample_draft()
    cloud.render_polls = [{"status": "pending", "progress": 0}]
    with pytest.raises(e.RequestTimeout):
        export_video(client)
    assert cloud.count("render_status") == 3
