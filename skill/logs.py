"""Logging under the ``skill`` logger, with tokens redacted before anything is written."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

__all__ = ["setup_logging", "redact", "scrub", "remember_secret", "RedactingFilter", "JsonLineFormatter"]

_SECRET_PATTERNS = (
    # The scheme word goes too: "Bearer [redacted]" still tells a reader (and a leak check) a header leaked.
    re.compile(r"(?i)\bbearer\b(\s*[A-Za-z0-9._~+/=-]+)?"),
    re.compile(r"nmv_usr_[A-Za-z0-9._-]+"),
    re.compile(r"(?i)(?P<key>authorization['\"]?\s*[:=]\s*['\"]?)[^'\"\s,}]+"),
    re.compile(r"(?i)(?P<key>\"?token\"?\s*[:=]\s*\"?)[A-Za-z0-9._-]{8,}"),
)
_REDACTED = "[redacted]"
# Secrets of this process (the user's NEMO_TOKEN), removed from every text the CLI writes, whatever its form.
_KNOWN_SECRETS: set[str] = set()


def remember_secret(secret: str | None) -> None:
    """Register a secret (6+ characters) that :func:`redact` and :func:`scrub` always remove."""
    if secret and len(secret.strip()) >= 6:
        _KNOWN_SECRETS.add(secret.strip())


def scrub(text: str) -> str:
    """The light redaction for text shown to the user: known secrets, ``nmv_usr_`` tokens, bearer values.

    Unlike :func:`redact` it leaves ``key: value`` pairs alone, so ordinary reply text is not changed.
    """
    for secret in _KNOWN_SECRETS:
        text = text.replace(secret, _REDACTED)
    for pattern in _SECRET_PATTERNS[:2]:
        text = pattern.sub(_replacement, text)
    return text


def _replacement(match: re.Match[str]) -> str:
    """Keep a named key prefix (``token=``, ``Authorization:``) and replace the secret after it."""
    return (match.groupdict().get("key") or "") + _REDACTED


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` with bearer tokens, ``nmv_usr_`` tokens and the given secrets replaced."""
    for secret in (*secrets, *_KNOWN_SECRETS):
        if secret and len(secret) >= 6:
            text = text.replace(secret, _REDACTED)
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(_replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrite every record's message so no token reaches a handler."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact(message, self._secrets)
        record.args = None
        return True


class JsonLineFormatter(logging.Formatter):
    """One ``{"event": "log", "level", "logger", "text"}`` object per record: under ``--json`` stderr
    carries JSON lines only, so an agent can parse every line it reads."""

    def format(self, record: logging.LogRecord) -> str:
        import json

        return json.dumps(
            {
                "event": "log",
                "level": record.levelname.lower(),
                "logger": record.name,
                "text": record.getMessage(),
            },
            ensure_ascii=False,
        )


def setup_logging(level: str = "warning", secrets: Iterable[str] = (), *, json_lines: bool = False) -> None:
    """Send ``skill`` logs to stderr at ``level`` (from ``SKILL_LOG``), redacted; JSON lines if asked."""
    for secret in secrets:
        remember_secret(secret)
    logger = logging.getLogger("skill")
    numeric = getattr(logging, level.upper(), logging.WARNING)
    logger.setLevel(numeric if isinstance(numeric, int) else logging.WARNING)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonLineFormatter() if json_lines else logging.Formatter("%(levelname)s %(name)s: %(message)s")
    )
    handler.addFilter(RedactingFilter(secrets))
    logger.addHandler(handler)
    logger.propagate = False
    if json_lines:
        # Other libraries' records and Python warnings (numpy, PyAV, uvicorn) would otherwise reach
        # stderr as raw text through logging's last-resort handler: under --json they are JSON lines too.
        root = logging.getLogger()
        for old in [h for h in root.handlers if getattr(h, "_skill_json", False)]:
            root.removeHandler(old)
        outside = logging.StreamHandler()
        outside.setFormatter(JsonLineFormatter())
        outside.addFilter(RedactingFilter(secrets))
        outside.setLevel(logging.WARNING)
        outside._skill_json = True  # type: ignore[attr-defined]
        root.addHandler(outside)
        logging.captureWarnings(True)
