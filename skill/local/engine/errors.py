"""Engine error hierarchy: one root, one leaf per kind of bad input or failure.

::

    EngineError                 root; ``message`` is one English line for the user
    ├── ParameterError          a bad argument (aspect, pace, seconds, ...)
    ├── AudioDecodeError        the file is corrupt or not a media file
    ├── NoAudioError            the file has no audio stream
    ├── SilentAudioError        the audio is (near) silent
    ├── TooShortError           the audio is shorter than the minimum video length
    ├── OutputPathError         the output path cannot be written
    └── RenderError             encoding failed
        ├── RenderCancelled     the caller asked to stop
        └── FontMissingError    no font here draws the title's characters (the message has the fix)
"""

from __future__ import annotations

__all__ = [
    "AudioDecodeError",
    "EngineError",
    "FontMissingError",
    "NoAudioError",
    "OutputPathError",
    "ParameterError",
    "RenderCancelled",
    "RenderError",
    "SilentAudioError",
    "TooLongError",
    "TooShortError",
]


class EngineError(Exception):
    """Root of every error the media engine raises.

    Parameters
    ----------
    message : str
        One line of English for the user.
    """

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ParameterError(EngineError):
    """A bad argument."""


class AudioDecodeError(EngineError):
    """The file cannot be decoded."""


class NoAudioError(EngineError):
    """The file has no audio stream."""


class SilentAudioError(EngineError):
    """The audio is silent."""


class TooShortError(EngineError):
    """The audio is too short to make a video from."""


class TooLongError(EngineError):
    """The audio is longer than the analysis takes (memory grows with the length)."""


class OutputPathError(EngineError):
    """The output path cannot be written."""


class RenderError(EngineError):
    """Encoding the video failed."""


class RenderCancelled(RenderError):
    """The render was cancelled by the caller."""

    exit_code = 130


class FontMissingError(RenderError):
    """The title has characters no font on this machine can draw: refused rather than drawn as boxes."""
