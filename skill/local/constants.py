"""Every limit, interval and default of the local backend, with its unit in the name."""

from __future__ import annotations

__all__ = [
    "ANALYSIS_SLOTS",
    "ANON_CREDITS",
    "ASPECT_SIZES",
    "AUDIO_EXTENSIONS",
    "CLAIM_TTL_S",
    "DEFAULT_FPS",
    "DEFAULT_HIGHLIGHT_S",
    "DEFAULT_SIZE",
    "DEFAULT_TITLE_MS",
    "DEFAULT_VOLUME",
    "HEARTBEAT_MIN_S",
    "IMAGE_EXTENSIONS",
    "JSON_MAX_BYTES",
    "KEEPALIVE_S",
    "MAX_HIGHLIGHT_S",
    "MIN_HIGHLIGHT_S",
    "RENDER_WORKERS",
    "SHUTDOWN_JOIN_S",
    "START_TIMEOUT_S",
    "TOKEN_TTL_S",
    "TURN_WORKERS",
    "UPLOAD_DRAIN_BYTES",
    "UPLOAD_MAX_BYTES",
    "VIDEO_EXTENSIONS",
]

TOKEN_TTL_S = 7 * 24 * 3600
CLAIM_TTL_S = 7 * 24 * 3600
ANON_CREDITS = 100
JSON_MAX_BYTES = 1024 * 1024
UPLOAD_MAX_BYTES = 500 * 1024 * 1024
# After an upload passes the limit, read (and drop, never store) at most this much more, so a plain
# HTTP client that writes its whole body before reading still gets the 4002 answer instead of a reset
# (a 600 MB file costs well under a second of reading); beyond it the connection is closed.
UPLOAD_DRAIN_BYTES = 128 * 1024 * 1024
START_TIMEOUT_S = 10.0
SHUTDOWN_JOIN_S = 10.0
# SSE: a ":" comment after this much silence keeps proxies and idle timers happy.
KEEPALIVE_S = 5.0
# Progress heartbeats during analysis are sent at most this often.
HEARTBEAT_MIN_S = 0.5
RENDER_WORKERS = 1
# songs analysed at once (each holds its spectrogram in memory); the other turns wait, with heartbeats
ANALYSIS_SLOTS = 2
TURN_WORKERS = 16

AUDIO_EXTENSIONS = frozenset({"mp3", "wav", "m4a", "aac"})
VIDEO_EXTENSIONS = frozenset({"mp4", "mov", "avi", "webm", "mkv"})
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp"})

DEFAULT_HIGHLIGHT_S = 30.0
MIN_HIGHLIGHT_S = 3.0
MAX_HIGHLIGHT_S = 600.0
DEFAULT_TITLE_MS = 3000
DEFAULT_VOLUME = 1.0
DEFAULT_FPS = 30
ASPECT_SIZES: dict[str, tuple[int, int]] = {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080)}
DEFAULT_SIZE = ASPECT_SIZES["16:9"]
