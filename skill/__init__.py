"""music-to-best: turn a music track into a beat-synced highlight video through conversation."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
