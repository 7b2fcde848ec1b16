"""Write an OTIO timeline in one of the NLE formats through its adapter, fitted to what it keeps.

The adapters differ in what survives: the CMX 3600 writer keeps one video track and drops timeline
markers, so the texts become comments on the first event there. The FCPXML adapter names the
sequence's format after the first clip it meets (a 720x528 film clip made a 9:16 edit open as a
720x528 project), so the sequence gets a format of its own with the edit's frame size. Everything else
in the files is the adapters' own text.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import opentimelineio as otio

from .build import META
from .formats import FORMATS, NleFormat

__all__ = ["fcpxml_sequence_size", "read_back", "write_timeline"]


def _seconds(time: Any) -> str:
    return f"{time.to_seconds():.2f}".rstrip("0").rstrip(".")


def _for_edl(timeline: Any) -> Any:
    """A copy whose first video event carries the texts as EDL comments (timeline markers are dropped)."""
    out = copy.deepcopy(timeline)
    clips = [c for c in out.video_tracks()[0] if isinstance(c, otio.schema.Clip)]
    if clips and out.tracks.markers:
        comments = clips[0].metadata.setdefault("cmx_3600", {}).setdefault("comments", [])
        for marker in out.tracks.markers:
            span = marker.marked_range
            comments.append(
                f"TEXT {_seconds(span.start_time)}-{_seconds(span.end_time_exclusive())}S: {marker.name}"
            )
    return out


def fcpxml_sequence_size(path: Path, width: int, height: int) -> None:
    """Point the project's sequence at a format of its own: the edit's frame size and frame rate."""
    text = path.read_text(encoding="utf-8")
    seq = re.search(r'<sequence\b[^>]*\bformat="([^"]+)"', text)
    if seq is None:
        return
    old = re.search(rf'<format\b[^>]*\bid="{re.escape(seq.group(1))}"[^>]*>', text)
    duration = re.search(r'\bframeDuration="([^"]+)"', old.group(0)) if old else None
    if duration is None:
        return
    used = [int(n) for n in re.findall(r'\bid="r(\d+)"', text)]
    new_id = f"r{max(used, default=0) + 1}"
    element = f'<format id="{new_id}" frameDuration="{duration.group(1)}" width="{width}" height="{height}"/>'
    start, end = seq.span(1)
    text = text[:start] + new_id + text[end:]
    text = text.replace("<resources>", f"<resources>\n        {element}", 1)
    path.write_text(text, encoding="utf-8")


def write_timeline(timeline: Any, path: Path, fmt: NleFormat) -> Path:
    """Write ``timeline`` to ``path`` as ``fmt`` and return the path."""
    spec = FORMATS[fmt]
    fps = int(timeline.metadata.get(META, {}).get("fps") or timeline.duration().rate)
    if fmt == "edl":
        otio.adapters.write_to_file(_for_edl(timeline), str(path), adapter_name=spec.adapter, rate=fps)
    else:  # otio, fcpxml, premiere-xml keep every track and the timeline's markers as they are
        otio.adapters.write_to_file(timeline, str(path), adapter_name=spec.adapter)
    meta = timeline.metadata.get(META, {})
    if fmt == "fcpxml" and meta.get("width") and meta.get("height"):
        fcpxml_sequence_size(path, int(meta["width"]), int(meta["height"]))
    return path


def read_back(path: Path, fmt: NleFormat, fps: int) -> Any:
    """Read an exported file with the same adapter (what the tests and ``--check`` compare)."""
    spec = FORMATS[fmt]
    if fmt == "edl":
        return otio.adapters.read_from_file(str(path), adapter_name=spec.adapter, rate=fps)
    return otio.adapters.read_from_file(str(path), adapter_name=spec.adapter)
