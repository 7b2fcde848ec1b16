"""Hand the edit to a pro editor: the timeline as OpenTimelineIO, FCPXML, CMX 3600 EDL or Premiere XML.

Only the format table is imported here; OpenTimelineIO (the ``[nle]`` extra) is imported by the
modules that need it (``build``, ``write``, ``collect``), so ``credits`` and ``--version`` stay fast.
"""

from __future__ import annotations

from .formats import FORMATS, NLE_FORMATS, FormatSpec, NleFormat, format_in

__all__ = ["FORMATS", "NLE_FORMATS", "FormatSpec", "NleFormat", "format_in"]
