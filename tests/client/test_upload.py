"""Uploads: local checks before anything is sent, streamed multipart, URLs, server 4001/4002, progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.fake_cloud import FakeCloud, Reply

from skill.client import errors as e
from skill.client.api import NemoClient
from skill.client.constants import ACCEPTED_FORMATS, UPLOAD_MAX_BYTES
from skill.client.upload import MultipartBody, check_file
from skill.handlers.feedback import Feedback
from skill.handlers.upload import upload_media


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize("name", ["notes.txt", "song.wma", "clip.MKV.zip", "noext"])
def test_unsupported_format_refused_before_sending(
    cloud: FakeCloud, client: NemoClient, tmp_path: Path, name: str
) -> None:
    path = _sparse(tmp_path / name, 10)
    with pytest.raises(e.UnsupportedFile) as info:
        upload_media(client, [str(path)])
    message = info.value.user_text("en")
    assert name in message
    assert all(fmt in message for fmt in ACCEPTED_FORMATS)
    assert cloud.requests == []


def test_too_large_refused_before_sending(cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    big = _sparse(tmp_path / "long.wav", UPLOAD_MAX_BYTES + 1)
    with pytest.raises(e.FileTooLarge) as info:
        upload_media(client, [str(big)])
    message = info.value.user_text("en")
    assert "500 MB" in message and "Compress" in message
    assert cloud.requests == []


def test_one_bad_file_stops_the_whole_batch(cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    good = _sparse(tmp_path / "a.mp3", 10)
    with pytest.raises(e.LocalFileMissing):
        upload_media(client, [str(good), str(tmp_path / "missing.mp3")])
    assert cloud.requests == []


def test_bad_url_refused_before_sending(cloud: FakeCloud, client: NemoClient) -> None:
    with pytest.raises(e.UnsupportedFile):
        upload_media(client, ["https://example.com/page.html"])
    assert cloud.requests == []


def test_every_accepted_format_passes_the_check(tmp_path: Path) -> None:
    for fmt in ACCEPTED_FORMATS:
        assert check_file(_sparse(tmp_path / f"x.{fmt.upper()}", 1)).size_bytes == 1


def test_files_are_streamed_as_multipart(cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    song = tmp_path / "my song.mp3"
    song.write_bytes(b"ID3" + b"\x01" * 5000)
    cover = tmp_path / "cover.png"
    cover.write_bytes(b"\x89PNG" + b"\x02" * 300)
    reply = upload_media(client, [str(song), str(cover)])
    (request,) = cloud.of("upload")
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert int(request.headers["content-length"]) == request.size
    assert "transfer-encoding" not in request.headers
    assert cloud.uploads[-1]["names"] == ["my song.mp3", "cover.png"]
    assert reply.texts == ("Uploaded my song.mp3 (audio, 0:12).", "Uploaded cover.png (image, 0:12).")
    assert [f.file_type for f in reply.files] == ["audio", "image"]


def test_multipart_body_length_and_reiteration(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(b"RIFF" + b"\x00" * 2_000_000)
    body = MultipartBody([check_file(path)], chunk_bytes=65536)
    first = b"".join(body)
    assert len(first) == body.content_length
    assert b"".join(body) == first  # produced again for a retry
    assert b'name="files"; filename="a.wav"' in first


def test_urls_go_as_json(cloud: FakeCloud, client: NemoClient) -> None:
    reply = upload_media(client, ["https://cdn.example.com/track.mp3", "https://example.com/watch?v=1"])
    (request,) = cloud.of("upload")
    assert request.body["source_type"] == "url"
    assert request.body["urls"] == ["https://cdn.example.com/track.mp3", "https://example.com/watch?v=1"]
    assert reply.texts[0] == "Uploaded track.mp3 (audio, 0:30)."


@pytest.mark.parametrize(
    ("reply", "cls", "words"),
    [
        (Reply.code(4001), e.UnsupportedFile, "mp3, wav"),
        (Reply.code(4001, status=415), e.UnsupportedFile, "mp3, wav"),
        (Reply.code(4002), e.FileTooLarge, "Compress or trim"),
        (Reply.code(4002, status=413), e.FileTooLarge, "500 MB"),
    ],
)
def test_server_refusals_use_the_same_messages(
    cloud: FakeCloud, client: NemoClient, tmp_path: Path, reply: Reply, cls: type, words: str
) -> None:
    path = tmp_path / "a.mp3"
    path.write_bytes(b"ID3\x04" + b"\x00" * 96)
    cloud.script("upload", reply)
    with pytest.raises(cls) as info:
        upload_media(client, [str(path)])
    assert words in info.value.user_text("en")
    assert cloud.count("upload") == 1  # never silently re-sent


def test_upload_5xx_is_not_resent(cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    path = tmp_path / "a.mp3"
    path.write_bytes(b"ID3\x04" + b"\x00" * 96)
    cloud.script("upload", Reply.http(502))
    with pytest.raises(e.ServerError):
        upload_media(client, [str(path)])
    assert cloud.count("upload") == 1


def test_large_upload_reports_throttled_progress(
    cloud: FakeCloud, client: NemoClient, tmp_path: Path
) -> None:
    path = _sparse(tmp_path / "big.mp4", 24 * 1024 * 1024)
    seen: list[tuple[str, float | None, str]] = []
    feedback = Feedback(on_progress=lambda stage, fraction, label: seen.append((stage, fraction, label)))
    upload_media(client, [str(path)], feedback=feedback)
    fractions = [f for _, f, _ in seen]
    assert seen[0][0] == "upload" and "big.mp4" in seen[0][2]
    assert fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert len(seen) <= 101
    assert cloud.uploads[-1]["bytes"] > 24 * 1024 * 1024
