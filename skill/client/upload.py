"""Upload checks (format, size) made before anything is sent, and a streamed multipart body."""

from __future__ import annotations

import mimetypes
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from skill.client.constants import ACCEPTED_FORMATS, UPLOAD_CHUNK_BYTES, UPLOAD_MAX_BYTES
from skill.client.error_map import format_size
from skill.client.errors import (
    EmptyFile,
    FileTooLarge,
    LocalFileMissing,
    NotMediaFile,
    UnsupportedFile,
)
from skill.errors import ConfigError
from skill.timeline.vocab import AUDIO_FORMATS, IMAGE_FORMATS, VIDEO_FORMATS

__all__ = ["LocalFile", "check_file", "check_url", "is_url", "media_kind", "MultipartBody"]

_SNIFF_BYTES = 4096

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file that passed the local checks."""

    path: Path
    name: str
    size_bytes: int


def is_url(value: str) -> bool:
    """True when ``value`` is an http(s) URL rather than a local path."""
    return value.lower().startswith(("http://", "https://"))


def media_kind(name: str) -> str | None:
    """``audio``, ``video`` or ``image`` from a file name's extension, or None when it is not accepted."""
    ext = Path(name).suffix.lower().lstrip(".")
    if ext in AUDIO_FORMATS:
        return "audio"
    if ext in VIDEO_FORMATS:
        return "video"
    return "image" if ext in IMAGE_FORMATS else None


def _is_text(head: bytes) -> bool:
    """True when the first bytes are plain text: every media container has binary (and NUL) bytes early."""
    if not head or b"\0" in head:
        return False
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 3:  # only a character cut at the end of the sample is forgiven
            return False
        decoded = head[: err.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\r\n\t\f" for ch in decoded)


def _format_error(name: str) -> UnsupportedFile:
    return UnsupportedFile(name=name, sep=": ", formats=", ".join(ACCEPTED_FORMATS))


def check_file(path: str | os.PathLike[str], *, max_bytes: int = UPLOAD_MAX_BYTES) -> LocalFile:
    """Check a local file before upload: it exists, has an accepted format and is within the limit.

    Raises
    ------
    LocalFileMissing
        The path is not a readable file.
    UnsupportedFile
        The extension is not one of ``ACCEPTED_FORMATS`` (the message lists them).
    EmptyFile
        The file has 0 bytes.
    FileTooLarge
        The file is over ``max_bytes`` (the message names the limit).
    NotMediaFile
        The file's bytes are text although its name says audio, video or image.
    """
    file = Path(path).expanduser()
    name = file.name
    if not file.is_file() or not os.access(file, os.R_OK):
        raise LocalFileMissing(name=str(path))
    if file.suffix.lower().lstrip(".") not in ACCEPTED_FORMATS:
        raise _format_error(name)
    size = file.stat().st_size
    if size == 0:
        raise EmptyFile(name=name)
    if size > max_bytes:
        raise FileTooLarge(name=name, sep=": ", size=f" ({format_size(size)})", limit=format_size(max_bytes))
    with file.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if _is_text(head):
        raise NotMediaFile(name=name, kind=_kind_word(name))
    return LocalFile(file, name, size)


def _kind_word(name: str) -> object:
    """The kind of media a name promises, as a message field translated when the message is rendered."""
    from skill.messages import Translated

    return Translated(f"media.kind.{media_kind(name) or 'audio'}")


def check_url(url: str) -> str:
    """Check a media URL before sending it: http(s), and an accepted format when the path names one."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ConfigError(detail="only http(s) URLs can be uploaded")
    suffix = Path(unquote(parts.path)).suffix.lower().lstrip(".")
    if suffix and suffix.isalnum() and suffix not in ACCEPTED_FORMATS:
        raise _format_error(Path(unquote(parts.path)).name)
    return url.strip()


def _quote(name: str) -> str:
    return name.replace("\\", "\\\\").replace('"', "%22").replace("\r", "").replace("\n", "")


class MultipartBody:
    """A ``multipart/form-data`` body (field ``files``, repeated) streamed from disk in fixed chunks.

    The length is known up front (headers + file sizes), so the request carries ``Content-Length`` and
    memory stays flat whatever the file size. Iterating again produces the body again (for a retry).
    """

    def __init__(
        self,
        files: Sequence[LocalFile],
        *,
        chunk_bytes: int = UPLOAD_CHUNK_BYTES,
        on_progress: ProgressCallback | None = None,
        boundary: str | None = None,
    ) -> None:
        self._files = list(files)
        self._chunk = chunk_bytes
        self._on_progress = on_progress
        self.boundary = boundary or f"music-to-best-{uuid.uuid4().hex}"
        self._heads = [self._head(f) for f in self._files]
        self._tail = f"--{self.boundary}--\r\n".encode()
        self.file_bytes = sum(f.size_bytes for f in self._files)
        self.content_length = sum(len(h) + 2 for h in self._heads) + self.file_bytes + len(self._tail)

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def _head(self, file: LocalFile) -> bytes:
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{_quote(file.name)}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        ).encode()

    def __iter__(self) -> Iterator[bytes]:
        sent = 0
        total = self.file_bytes
        last_pct = -1
        for head, file in zip(self._heads, self._files, strict=True):
            yield head
            remaining = file.size_bytes
            with file.path.open("rb") as handle:
                while remaining > 0:
                    chunk = handle.read(min(self._chunk, remaining))
                    if not chunk:
                        raise LocalFileMissing(name=file.name)  # the file shrank while being sent
                    remaining -= len(chunk)
                    sent += len(chunk)
                    yield chunk
                    if self._on_progress is not None and total:
                        pct = sent * 100 // total
                        if pct != last_pct:
                            last_pct = pct
                            self._on_progress(sent, total)
            yield b"\r\n"
        yield self._tail
