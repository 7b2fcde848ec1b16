"""Every timeout, cap and interval of the client, with its unit in the name."""

from __future__ import annotations

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
    "RENDER_MAX_POLLS",
    "RECOVERY_FIRST_WAIT_S",
    "RECOVERY_INTERVAL_S",
    "RECOVERY_MAX_CHECKS",
    "UPLOAD_MAX_BYTES",
    "ACCEPTED_FORMATS",
]

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0
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
# Remote: 10 polls x 30 s as protocol.md says. Loopback polls every second, so the cap is counted in
# polls of the interval in use (see handlers/export.py): 600 polls x 1 s = 10 minutes.
RENDER_MAX_POLLS = 10
RECOVERY_FIRST_WAIT_S = 30.0
RECOVERY_INTERVAL_S = 60.0
RECOVERY_MAX_CHECKS = 5
UPLOAD_MAX_BYTES = 500 * 1024 * 1024
ACCEPTED_FORMATS = (
    "mp4",
    "mov",
    "avi",
    "webm",
    "mkv",
    "jpg",
    "png",
    "gif",
    "webp",
    "mp3",
    "wav",
    "m4a",
    "aac",
)
