"""Upload: check every file/URL locally first, send them, and name each file as the service reports it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skill.client.constants import UPLOAD_PROGRESS_MIN_BYTES
from skill.client.error_map import format_size
from skill.client.errors import APIError, UnreadableFile, UnsupportedFile
from skill.client.upload import LocalFile, check_file, check_url, is_url, media_kind
from skill.handlers.feedback import Feedback
from skill.messages import Translated, text

if TYPE_CHECKING:
    from skill.client.api import NemoClient
    from skill.client.models import UploadedFile

__all__ = ["UploadReply", "UploadItem", "check_sources", "upload_media", "describe"]


@dataclass(frozen=True, slots=True)
class UploadItem:
    name: str
    file_type: str | None
    duration_s: float | None
    size_bytes: int | None
    url: str | None


@dataclass(frozen=True, slots=True)
class UploadReply:
    texts: tuple[str, ...]
    files: tuple[UploadItem, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def check_sources(sources: Sequence[str]) -> tuple[list[LocalFile], list[str]]:
    """Check every path and URL before anything is sent (format, size, existence); raise on the first bad one."""
    files: list[LocalFile] = []
    urls: list[str] = []
    for source in sources:
        if is_url(source):
            urls.append(check_url(source))
        else:
            files.append(check_file(source))
    return files, urls


def _unreadable(err: UnsupportedFile, files: Sequence[LocalFile]) -> APIError:
    """The service refused a file whose format is accepted: say it cannot be read, naming the file,
    instead of claiming that ``.mp3`` is unsupported."""
    detail = str(err.fields.get("detail") or "")
    # the local backend names the file it could not read; a service that does not is answered as the
    # protocol says (the accepted formats)
    named = [f for f in files if f.name in detail]
    if not named or media_kind(named[0].name) is None:
        return err
    kind = Translated(f"media.kind.{media_kind(named[0].name)}")
    fresh = UnreadableFile(name=named[0].name, kind=kind, status=err.status, code=err.code)
    fresh.lang = err.lang
    return fresh


def _duration(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def describe(item: UploadItem, lang: str = "en") -> str:
    """One sentence naming an uploaded file with its type and duration (or size)."""
    details = [item.file_type] if item.file_type else []
    if item.duration_s:
        details.append(_duration(item.duration_s))
    elif item.size_bytes:
        details.append(format_size(item.size_bytes))
    if not details:
        return text("upload.done_plain", lang, name=item.name)
    return text("upload.done", lang, name=item.name, details=", ".join(details))


def _item(reported: UploadedFile, fallback_name: str, size: int | None) -> UploadItem:
    duration = reported.duration
    if duration is not None and duration > 36_000:  # milliseconds from some services
        duration = duration / 1000.0
    return UploadItem(
        name=reported.filename or fallback_name,
        file_type=reported.file_type,
        duration_s=duration,
        size_bytes=reported.size or size,
        url=reported.cdn_url,
    )


def upload_media(
    client: NemoClient, sources: Sequence[str], *, lang: str = "en", feedback: Feedback | None = None
) -> UploadReply:
    """Upload local files (one streamed multipart request) and URLs (one JSON request).

    Every source is checked before the first byte is sent: a missing file, a format outside the 13
    accepted ones or a file over 500 MB raises without contacting the service.
    """
    feedback = feedback or Feedback()
    files, urls = check_sources(sources)
    items: list[UploadItem] = []
    if files:
        label = text("upload.progress", lang, name=", ".join(f.name for f in files))
        big = sum(f.size_bytes for f in files) >= UPLOAD_PROGRESS_MIN_BYTES

        def progress(sent: int, total: int) -> None:
            feedback.on_progress("upload", sent / total if total else None, label)

        try:
            reported = client.upload_files(files, on_progress=progress if big else None)
        except UnsupportedFile as err:
            raise _unreadable(err, files) from None
        sizes = {f.name: f.size_bytes for f in files}
        for index, entry in enumerate(reported):
            fallback = files[index].name if index < len(files) else "file"
            items.append(_item(entry, fallback, sizes.get(entry.filename or fallback)))
    if urls:
        for index, entry in enumerate(client.upload_urls(urls)):
            fallback = urls[index].rsplit("/", 1)[-1] if index < len(urls) else "file"
            items.append(_item(entry, fallback, None))
    texts = tuple(describe(i, lang) for i in items) or (text("upload.none", lang),)
    return UploadReply(texts, tuple(items))
