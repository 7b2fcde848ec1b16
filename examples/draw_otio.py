"""Draw an exported timeline as a small PNG: its tracks, clips and markers, read back with OpenTimelineIO.

    python examples/draw_otio.py edit.otio docs/nle-timeline.png

Any format the adapters read works (.otio, .fcpxml, .xml, .edl). Needs the [nle] and [local] extras
(OpenTimelineIO to read, Pillow to draw). The README's picture is made with this.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROW_H, GAP, LEFT, RIGHT, TOP = 34, 10, 92, 16, 40
WIDTH = 960
KIND_FILL = {"clip": (86, 140, 220), "photo": (90, 180, 120), "generated": (170, 110, 200)}
AUDIO_FILL = (230, 150, 70)
MARK = {"beat": (250, 210, 40), "downbeat": (235, 90, 40), "section": (120, 60, 170)}


def _kind(obj: Any) -> str:
    return str(obj.metadata.get("music_to_best", {}).get("kind", ""))


def _marker_kind(marker: Any) -> str:
    kind = _kind(marker)
    if kind:
        return kind
    name = marker.name.lower()
    return "beat" if name.startswith("beat") else "downbeat" if name.startswith("downbeat") else "section"


def draw(timeline: Any, out: Path) -> None:
    import opentimelineio as otio
    from PIL import Image, ImageDraw, ImageFont

    total = timeline.duration().to_seconds() or 1.0
    tracks = list(timeline.tracks)
    height = TOP + (len(tracks) + 1) * (ROW_H + GAP) + 24
    img = Image.new("RGB", (WIDTH, height), (250, 250, 250))
    pen = ImageDraw.Draw(img)
    font = ImageFont.load_default()
    scale = (WIDTH - LEFT - RIGHT) / total

    def x(seconds: float) -> float:
        return LEFT + seconds * scale

    pen.text((8, 8), f"{timeline.name}  ({total:g} s)", fill=(20, 20, 20), font=font)
    for second in range(int(total) + 1):
        pen.line([(x(second), TOP - 6), (x(second), TOP - 1)], fill=(120, 120, 120))
        pen.text((x(second) + 2, TOP - 16), f"{second}s", fill=(120, 120, 120), font=font)
    y = TOP
    texts = list(timeline.tracks.markers)
    if texts:
        pen.text((8, y + 10), "Texts", fill=(20, 20, 20), font=font)
        for marker in texts:
            r = marker.marked_range
            a, b = x(r.start_time.to_seconds()), x(r.end_time_exclusive().to_seconds())
            pen.rectangle([a, y + 6, b, y + ROW_H - 6], fill=(40, 170, 190), outline=(30, 30, 30))
            pen.text((a + 4, y + 12), marker.name[:40], fill=(255, 255, 255), font=font)
        y += ROW_H + GAP
    for track in tracks:
        pen.text((8, y + 10), (track.name or str(track.kind))[:13], fill=(20, 20, 20), font=font)
        for item in track:
            if not isinstance(item, otio.schema.Clip):
                continue
            span = track.range_of_child(item)
            a, b = x(span.start_time.to_seconds()), x(span.end_time_exclusive().to_seconds())
            video = track.kind == otio.schema.TrackKind.Video
            fill = KIND_FILL.get(_kind(item), (86, 140, 220)) if video else AUDIO_FILL
            pen.rectangle([a, y, b, y + ROW_H], fill=fill, outline=(30, 30, 30))
            pen.text((a + 3, y + 3), item.name[: max(1, int((b - a) / 7))], fill=(255, 255, 255), font=font)
            source = item.source_range.start_time
            for marker in item.markers:
                kind = _marker_kind(marker)
                at = x(span.start_time.to_seconds() + (marker.marked_range.start_time - source).to_seconds())
                top = y + (ROW_H // 2 if kind == "beat" else ROW_H // 4 if kind == "downbeat" else 0)
                pen.line([(at, top), (at, y + ROW_H)], fill=MARK.get(kind, (0, 0, 0)), width=2)
                if kind == "section":
                    pen.text((at + 3, y + ROW_H + 1), marker.name, fill=MARK["section"], font=font)
        y += ROW_H + GAP
    at = LEFT
    for label, colour in [
        *KIND_FILL.items(),
        ("audio", AUDIO_FILL),
        *((f"{k} marker", c) for k, c in MARK.items()),
    ]:
        pen.rectangle([at, height - 16, at + 10, height - 6], fill=colour, outline=(30, 30, 30))
        pen.text((at + 14, height - 17), label, fill=(80, 80, 80), font=font)
        at += 24 + int(pen.textlength(label, font=font))
    img.save(out, optimize=True)


def main(argv: list[str]) -> int:
    import opentimelineio as otio

    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    draw(otio.adapters.read_from_file(str(source)), out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
