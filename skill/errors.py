"""The one error root of the skill; every error carries a messages-table key and an exit code.

::

    SkillError                    (exit 1)
    ├── ConfigError               (exit 2: bad settings, usage)
    │   └── ManifestError         (SKILL.md missing or invalid)
    ├── MissingExtraError         (the [local] extra is not installed)
    ├── client.errors.APIError    (the service said no; one leaf per protocol error row)
    └── client.errors.TransportError (no usable answer: connect, timeout, cut stream)
"""

from __future__ import annotations

__all__ = ["SkillError", "ConfigError", "ManifestError", "MissingExtraError"]


class SkillError(Exception):
    """Root of every error the skill shows to a user.

    ``key`` names the entry in :mod:`skill.messages`; ``fields`` fill its placeholders. ``message`` is
    the English text (for logs and ``str()``); user-facing text comes from ``user_text(lang)``.
    """

    key: str = "error.unknown"
    exit_code: int = 1
    lang: str | None = None  # the language of the turn that failed, when known: the user reads it in that

    def __init__(
        self,
        message: str | None = None,
        *,
        key: str | None = None,
        status: int | None = None,
        code: int | None = None,
        **fields: object,
    ) -> None:
        if key is not None:
            self.key = key
        self.status = status
        self.code = code
        self.fields = fields
        self.message = message or self.user_text("en")
        super().__init__(self.message)

    def user_text(self, lang: str = "en") -> str:
        """Return the message for this error in the failed turn's language if known, else in ``lang``."""
        from skill.messages import text

        return text(self.key, self.lang or lang, **self.fields)


class ConfigError(SkillError):
    """Bad configuration or usage: exit code 2."""

    key = "error.config"
    exit_code = 2


class ManifestError(ConfigError):
    """SKILL.md is missing, unreadable or lacks a required field."""

    key = "error.manifest"


class MissingExtraError(SkillError):
    """A feature needs the optional ``[local]`` extra."""

    key = "error.missing_extra"
