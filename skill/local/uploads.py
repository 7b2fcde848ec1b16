"""Receive a multipart upload as a stream: each file goes straight to disk, its size checked as it grows.

Nothing is buffered in memory beyond one network chunk. A file over the limit stops the upload at the
chunk that crosses it; the partial files are deleted and the request answers 4002.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from starlette.concurrency import run_in_threadpool

from .errors import BackendError, BadRequest, FileTooLarge
from .media import display_name, file_type_for

__all__ = ["ReceivedFile", "receive_multipart"]

log = logging.getLogger(__name__)

_FILE_FIELDS = frozenset({"files", "file"})
_MAX_FILES = 20  # per request; each file may be up to the size limit


@dataclass(slots=True)
class ReceivedFile:
    upload_id: str
    path: Path
    filename: str
    file_type: str
    ext: str
    size_bytes: int = 0
    sha256: str = ""


@dataclass(slots=True)
class _Sink:
    """python-multipart callbacks writing each file part to its final place (``.part`` until complete)."""

    new_target: Callable[[str], tuple[str, Path]]
    max_bytes: int
    files: list[ReceivedFile] = field(default_factory=list)
    _header_field: bytearray = field(default_factory=bytearray)
    _header_value: bytearray = field(default_factory=bytearray)
    _headers: dict[str, bytes] = field(default_factory=dict)
    _current: ReceivedFile | None = None
    _handle: IO[bytes] | None = None
    _hash: hashlib._Hash | None = None
    _partials: list[Path] = field(default_factory=list)

    def on_part_begin(self) -> None:
        self._headers = {}

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.decode("latin-1").lower()] = bytes(self._header_value)
        self._header_field.clear()
        self._header_value.clear()

    def on_headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, options = parse_options_header(self._headers.get("content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        raw_filename = options.get(b"filename")
        if name not in _FILE_FIELDS or raw_filename is None:
            self._current = None
            return
        if len(self._partials) >= _MAX_FILES:
            raise BadRequest(f"At most {_MAX_FILES} files per upload; send the rest in another request.")
        client_name = raw_filename.decode("utf-8", "replace")
        file_type, ext = file_type_for(client_name)
        upload_id, path = self.new_target(ext)
        partial = path.with_name(path.name + ".part")
        self._partials.append(partial)
        self._handle = partial.open("xb")
        self._hash = hashlib.sha256()
        shown = display_name(client_name) or f"upload.{ext}"
        self._current = ReceivedFile(upload_id, path, shown, file_type, ext)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        current = self._current
        if current is None or self._handle is None or self._hash is None:
            return
        chunk = data[start:end]
        current.size_bytes += len(chunk)
        if current.size_bytes > self.max_bytes:
            limit_mb = self.max_bytes / (1024 * 1024)
            raise FileTooLarge(f"{current.filename} is larger than the {limit_mb:g} MB limit.")
        self._handle.write(chunk)
        self._hash.update(chunk)

    def on_part_end(self) -> None:
        current = self._current
        if current is None or self._handle is None or self._hash is None:
            return
        self._handle.close()
        self._handle = None
        current.sha256 = self._hash.hexdigest()
        current.path.with_name(current.path.name + ".part").rename(current.path)
        self.files.append(current)
        self._current = None

    @property
    def is_inside_part(self) -> bool:
        return self._current is not None or self._handle is not None

    def discard(self) -> None:
        """Delete everything this request wrote (partial and complete files)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        for path in [*self._partials, *(f.path for f in self.files)]:
            path.unlink(missing_ok=True)
        self.files.clear()


async def receive_multipart(
    content_type: str,
    chunks: AsyncIterator[bytes],
    *,
    new_target: Callable[[str], tuple[str, Path]],
    max_bytes: int,
    drain_bytes: int,
) -> list[ReceivedFile]:
    """Stream a ``multipart/form-data`` body into files; return the files of the ``files`` fields.

    Raises
    ------
    UnsupportedFile (4001), FileTooLarge (4002), BadRequest (422)
        After a refusal at most ``drain_bytes`` more of the body are read and dropped, so a client
        that sends its whole body before reading still sees the answer; then the request ends.
    """
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header

    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise BadRequest("Expected multipart/form-data with a boundary, or a JSON body with urls.")
    sink = _Sink(new_target=new_target, max_bytes=max_bytes)
    callbacks = {
        name: getattr(sink, name)
        for name in (
            "on_part_begin", "on_part_data", "on_part_end", "on_header_field",
            "on_header_value", "on_header_end", "on_headers_finished",
        )
    }  # fmt: skip
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        async for chunk in chunks:
            if chunk:
                await run_in_threadpool(parser.write, chunk)
        await run_in_threadpool(parser.finalize)
    except BackendError:
        await run_in_threadpool(sink.discard)
        await _drain(chunks, drain_bytes)
        raise
    except MultipartParseError as err:
        await run_in_threadpool(sink.discard)
        raise BadRequest(f"Malformed multipart body: {err}") from err
    except BaseException:
        await run_in_threadpool(sink.discard)
        raise
    if sink.is_inside_part:
        await run_in_threadpool(sink.discard)
        raise BadRequest("The multipart body ended in the middle of a file.")
    return sink.files


async def _drain(chunks: AsyncIterator[bytes], limit_bytes: int) -> None:
    """Read and drop up to ``limit_bytes`` more of the body (never more, never buffered)."""
    seen = 0
    try:
        async for chunk in chunks:
            seen += len(chunk)
            if seen >= limit_bytes:
                break
    except Exception:  # noqa: BLE001 - the client may hang up mid-body; the answer is already decided
        log.debug("client hung up while the refused upload was drained")
