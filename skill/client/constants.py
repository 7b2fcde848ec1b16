"""Every timeout, cap and interval of the client, with its unit in the name."""

from __future__ import annotations

from skill.timeline.vocab import FORMATS_LISTED
from skill.timeline.vocab import UPLOAD_MAX_BYTES as VOCAB_UPLOAD_MAX_BYTES

__all__ = [
    "CONNECT_TIMEOUT_S",
    "READ_TIMEOUT_S",
    "STREAM_IDLE_TIMEOUT_S",
    "HEARTBEAT_NOTICE_S",
    "HEARTBEAT_ONLY_TIMEOUT_S",
    "MAX_RETRIES",
    "RETRY_BASE_DELAY_S",
    "RETRY_MAX_DELAY_S",
    "RETRY_AFTER_CAP_S",
    "RATE_LIMIT_WAIT_S",
    "RENDER_POLL_REMOTE_S",
    "RENDER_POLL_LOCAL_S",
    "RENDER_POLL_EMBEDDED_S",
    "RENDER_MAX_POLLS",
    "RECOVERY_FIRST_WAIT_S",
    "RECOVERY_INTERVAL_S",
    "RECOVERY_MAX_CHECKS",
    "UPLOAD_MAX_BYTES",
    "ACCEPTED_FORMATS",
    "STREAM_MAX_BYTES",
    "STREAM_MAX_S",
    "UPLOAD_READ_TIMEOUT_S",
    "UPLOAD_PROBE_BYTES_PER_S",
    "UPLOAD_URL_TIMEOUT_FACTOR",
    "UPLOAD_CHUNK_BYTES",
    "UPLOAD_PROGRESS_MIN_BYTES",
    "DOWNLOAD_CHUNK_BYTES",
    "DOWNLOAD_MAX_BYTES",
    "RENDER_LOCAL_DEADLINE_S",
    "TOKEN_REFRESH_MARGIN_S",
    "TOKEN_DEFAULT_LIFETIME_S",
    "ERROR_BODY_MAX_BYTES",
    "SSE_READ_CHUNK_BYTES",
    "SSE_MAX_EVENT_BYTES",
]

CONNECT_TIMEOUT_S = 5.0
# Plain calls (token, session, credits, state, render submit/poll) answer small JSON in well under a
# second; 20 s covers a slow cloud or proxy several times over, while a server that accepted the
# connection and hung is reported in 20 s, not a minute (GETs that time out are not retried, see
# retry.py). Chat streams (STREAM_IDLE_TIMEOUT_S) and uploads (UPLOAD_READ_TIMEOUT_S, scaled by size)
# keep their own, longer bounds; downloads use this as the longest gap between two chunks.
READ_TIMEOUT_S = 20.0
# The cloud keeps a chat stream open up to 15 minutes, sending heartbeats; silence this long means it died.
STREAM_IDLE_TIMEOUT_S = 180.0
HEARTBEAT_NOTICE_S = 120.0
HEARTBEAT_ONLY_TIMEOUT_S = 600.0
MAX_RETRIES = 2
RETRY_BASE_DELAY_S = 0.5
RETRY_MAX_DELAY_S = 8.0
RETRY_AFTER_CAP_S = 60.0
RATE_LIMIT_WAIT_S = 30.0
RENDER_POLL_REMOTE_S = 30.0
RENDER_POLL_LOCAL_S = 1.0
RENDER_POLL_EMBEDDED_S = 0.2  # the in-process backend: polling is free, latency is not
# Remote: 10 polls x 30 s as protocol.md says. Loopback polls every second, so the cap is counted in
# polls of the interval in use (see handlers/export.py): 600 polls x 1 s = 10 minutes.
RENDER_MAX_POLLS = 10
RECOVERY_FIRST_WAIT_S = 30.0
RECOVERY_INTERVAL_S = 60.0
RECOVERY_MAX_CHECKS = 5
UPLOAD_MAX_BYTES = VOCAB_UPLOAD_MAX_BYTES
ACCEPTED_FORMATS = FORMATS_LISTED  # every format the engine decodes: skill/timeline/vocab.py

# A hard ceiling on one chat turn even if the server keeps sending text: the cloud caps streams at 15 min.
STREAM_MAX_S = 20 * 60.0
# a chat reply is a few kB; a stream that sends more than this is cut (an endless one would fill memory)
STREAM_MAX_BYTES = 16 * 1024 * 1024
# After the last byte of an upload the service still stores/probes the file before it answers: the
# wait for its answer is the read timeout plus 1 s per UPLOAD_PROBE_BYTES_PER_S bytes, at most this
# much more (a 500 MB file: read timeout + 100 s; a small song: about the read timeout).
UPLOAD_READ_TIMEOUT_S = 120.0
UPLOAD_PROBE_BYTES_PER_S = 5 * 1024 * 1024
# URL uploads: the service fetches the media itself before answering; its size is unknown here.
UPLOAD_URL_TIMEOUT_FACTOR = 3.0
# Files are streamed from disk in pieces this big; memory stays flat whatever the file size.
UPLOAD_CHUNK_BYTES = 1024 * 1024
# Smaller uploads finish too fast for a progress line to help.
UPLOAD_PROGRESS_MIN_BYTES = 8 * 1024 * 1024
DOWNLOAD_CHUNK_BYTES = 1024 * 1024
# a finished video is far smaller (20 minutes of 1080p is ~1 GB); a stream past this is refused
DOWNLOAD_MAX_BYTES = 8 * 1024**3
# The local backend renders on this machine's CPU: poll often, give up after 10 minutes.
RENDER_LOCAL_DEADLINE_S = 600.0
# Refresh a cached token this long before it expires, so it cannot expire mid-command.
TOKEN_REFRESH_MARGIN_S = 60.0
# Anonymous tokens last 7 days; used when the service omits expires_at.
TOKEN_DEFAULT_LIFETIME_S = 7 * 24 * 3600.0
# How much of a non-stream or error answer is read to classify it (an HTML page can be huge).
ERROR_BODY_MAX_BYTES = 64 * 1024
SSE_READ_CHUNK_BYTES = 64 * 1024
# One chat event is a few KB; a line or event past this is a broken or hostile stream, not a reply.
SSE_MAX_EVENT_BYTES = 8 * 1024 * 1024
