"""Logging under the ``skill`` logger, with tokens redacted before anything is written."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

__all__ = ["setup_logging", "redact", "RedactingFilter"]

_SECRET_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r"nmv_usr_[A-Za-z0-9._-]+"),
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)[^'\"\s,}]+"),
    re.compile(r"(?i)(\"?token\"?\s*[:=]\s*\"?)[A-Za-z0-9._-]{8,}"),
)
_REDACTED = "[redacted]"


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` with bearer tokens, ``nmv_usr_`` tokens and the given secrets replaced."""
    for secret in secrets:
        if secret and len(secret) >= 6:
            text = text.replace(secret, _REDACTED)
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + _REDACTED, text)
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


def setup_logging(level: str = "warning", secrets: Iterable[str] = ()) -> None:
    """Send ``skill`` logs to stderr at ``level`` (from ``SKILL_LOG``), redacted."""
    logger = logging.getLogger("skill")
    numeric = getattr(logging, level.upper(), logging.WARNING)
    logger.setLevel(numeric if isinstance(numeric, int) else logging.WARNING)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    logger.addHandler(handler)
    logger.propagate = False
