"""Every limit, interval and default of the local backend, with its unit in the name."""

from __future__ import annotations

from skill.timeline.vocab import (
    ASPECT_SIZES,
    AUDIO_FORMATS,
    DEFAULT_ASPECT,
    DEFAULT_FPS,
    DEFAULT_HIGHLIGHT_S,
    IMAGE_FORMATS,
    MAX_HIGHLIGHT_S,
    MIN_HIGHLIGHT_S,
    VIDEO_FORMATS,
)

__all__ = [
    "ANALYSIS_SLOTS",
    "ANON_CREDITS",
    "BODY_IDLE_S",
    "ASPECT_SIZES",
    "AUDIO_EXTENSIONS",
    "CLAIM_TTL_S",
    "DEFAULT_FPS",
    "DEFAULT_HIGHLIGHT_S",
    "DEFAULT_SIZE",
    "HEARTBEAT_MIN_S",
    "HEADER_TIMEOUT_S",
    "IMAGE_EXTENSIONS",
    "JSON_MAX_BYTES",
    "KEEPALIVE_S",
    "LINK_TTL_S",
    "MAX_CONNECTIONS",
    "MAX_TURN_CHARS",
    "MAX_HIGHLIGHT_S",
    "MIN_HIGHLIGHT_S",
    "PAGE_PORT",
    "QUEUE_MAX_PENDING",
    "QUEUE_NAME",
    "QUEUE_RETRY_AFTER_S",
    "QUEUE_SWEEP_S",
    "RENDER_JOB_TIMEOUT_S",
    "RENDER_WORKERS",
    "SHUTDOWN_JOIN_S",
    "START_TIMEOUT_S",
    "TOKENS_PER_HOST_PER_HOUR",
    "TOKEN_TTL_S",
    "TURN_WORKERS",
    "USER_MAX_ACTIVE_RENDERS",
    "UPLOAD_DRAIN_BYTES",
    "UPLOAD_MAX_BYTES",
    "USER_QUOTA_BYTES",
    "VIDEO_EXTENSIONS",
    "WORKER_HEARTBEAT_S",
    "WORKER_LOST_GRACE_S",
]

TOKEN_TTL_S = 7 * 24 * 3600
CLAIM_TTL_S = 7 * 24 * 3600
ANON_CREDITS = 100
JSON_MAX_BYTES = 1024 * 1024
# the part of a chat message the editor reads: instructions are short, and parsing stays bounded
MAX_TURN_CHARS = 4000
UPLOAD_MAX_BYTES = 500 * 1024 * 1024
# what one user's uploads may take on this backend in all (music-to-best cleanup frees old ones)
USER_QUOTA_BYTES = 10 * 1024**3
# a signed download link works this long after the render finished
LINK_TTL_S = 7 * 24 * 3600
# new anonymous tokens one client address may get per hour
TOKENS_PER_HOST_PER_HOUR = 1000
# After an upload passes the limit, read (and drop, never store) at most this much more, so a plain
# HTTP client that writes its whole body before reading still gets the 4002 answer instead of a reset
# (a 600 MB file costs well under a second of reading); beyond it the connection is closed.
UPLOAD_DRAIN_BYTES = 128 * 1024 * 1024
START_TIMEOUT_S = 10.0
# the project page server prefers this loopback port (links survive restarts); a free one if taken
PAGE_PORT = 8766
# a connection must send its request headers this soon; more open sockets than this are closed at once
HEADER_TIMEOUT_S = 10.0
MAX_CONNECTIONS = 512
# a request body that stops arriving for this long is answered 408 (uploads stream; this is per chunk)
BODY_IDLE_S = 30.0
SHUTDOWN_JOIN_S = 10.0
# SSE: a ":" comment after this much silence keeps proxies and idle timers happy.
KEEPALIVE_S = 5.0
# Progress heartbeats during analysis are sent at most this often.
HEARTBEAT_MIN_S = 0.5
RENDER_WORKERS = 1
# songs analysed at once (each holds its spectrogram in memory); the other turns wait, with heartbeats
ANALYSIS_SLOTS = 2
TURN_WORKERS = 16

# the accepted formats are defined once, in skill/timeline/vocab.py
AUDIO_EXTENSIONS = AUDIO_FORMATS
VIDEO_EXTENSIONS = VIDEO_FORMATS
IMAGE_EXTENSIONS = IMAGE_FORMATS

# highlight limits, frame sizes and rates are the timeline's (skill/timeline/vocab.py), re-exported here
DEFAULT_SIZE = ASPECT_SIZES[DEFAULT_ASPECT]  # one default everywhere (say, make, render-local)

# The distributed render queue (``serve --queue redis://…``, ``music-to-best worker``).
QUEUE_NAME = "music-to-best-renders"
# renders waiting in the queue at most; one more is refused with 429 and a Retry-After
QUEUE_MAX_PENDING = 50
QUEUE_RETRY_AFTER_S = 30
# a render's hard limit on a worker (a full-length 20-minute render takes ~3 minutes on 2 cores)
RENDER_JOB_TIMEOUT_S = 30 * 60
# a worker proves it is alive this often; a job whose worker missed (interval + grace) is retried once
WORKER_HEARTBEAT_S = 2
WORKER_LOST_GRACE_S = 6
# the server sweeps the queue for jobs of dead workers at most this often (on status polls)
QUEUE_SWEEP_S = 2.0
# renders one user may have waiting or running at once on the in-process pool
USER_MAX_ACTIVE_RENDERS = 5
