"""Song sections with labels (intro, verse, chorus, drop, bridge, outro), found from the analysis.

Boundaries are bar lines where the music changes: a novelty curve compares the few bars before each
downbeat with the few after (loudness, onset density, harmony, timbre), and its clear peaks, at least
two bars apart, split the song. Labels come from loudness and repetition: the loud, repeated
sections are choruses (a chorus entered with a very large jump in level is a drop), a quieter first or
last section is the intro or outro, the rest are verses, and a quiet section between two choruses
after the second verse is the bridge. This is what "start at the chorus / the drop / the second
chorus" resolves against (:func:`skill.timeline.edit_cut.find_section`, on the timeline's side).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from skill.timeline.model import Section
from skill.timeline.vocab import SectionLabel

from .analysis import TrackAnalysis
from .highlight import bar_features, chorus_scores

if TYPE_CHECKING:
    import numpy as np

__all__ = ["SongSection", "detect_sections", "timeline_sections"]

_MIN_BARS = 2
_NOVELTY_SPANS_BARS = (2, 4)
_PEAK_FACTOR = 0.35  # a boundary's novelty, at least this share of the strongest one
_CHORUS_DB = 3.0  # a chorus is within this much of the loudest section
_LIFT_DB = 1.5  # ... and this much above the song's median section
_EDGE_DB = 1.5  # an intro/outro is this much quieter than its neighbour
_DROP_DB = 10.0  # a chorus entered with a jump this large is a drop


@dataclass(frozen=True, slots=True)
class SongSection:
    """``[start_s, end_s)`` of the song, its label and its mean loudness (dB)."""

    label: SectionLabel
    start_s: float
    end_s: float
    loudness_db: float = 0.0

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def _descriptors(bar_feats: np.ndarray) -> np.ndarray:
    import numpy as np

    def z(x: np.ndarray) -> np.ndarray:
        s = x.std(axis=0)
        scaled: np.ndarray = (x - x.mean(axis=0)) / np.where(s > 1e-9, s, 1.0)
        return scaled

    chroma = bar_feats[:, 2:14]
    chroma = chroma / (np.linalg.norm(chroma, axis=1, keepdims=True) + 1e-9)
    out: np.ndarray = np.concatenate(
        [z(bar_feats[:, :2]), 2.0 * chroma, 0.5 * z(bar_feats[:, 14:22])], axis=1
    )
    return out


def _boundaries(desc: np.ndarray) -> list[int]:
    """Bar indices where a new section starts (0 always first)."""
    import numpy as np

    n = desc.shape[0]
    novelty = np.zeros(n)
    for b in range(1, n):
        # a short and a long look either side: the short one places the line, the long one confirms it
        for span in _NOVELTY_SPANS_BARS:
            w = min(span, b, n - b)
            novelty[b] += float(np.linalg.norm(desc[b - w : b].mean(axis=0) - desc[b : b + w].mean(axis=0)))
    if n < 2 * _MIN_BARS or novelty.max() <= 0:
        return [0]
    peaks = [
        b
        for b in range(_MIN_BARS, n - _MIN_BARS + 1)
        if novelty[b] >= novelty[b - 1] and novelty[b] >= novelty[min(b + 1, n - 1)]
    ]
    strong = sorted(
        (b for b in peaks if novelty[b] >= _PEAK_FACTOR * novelty.max()), key=lambda b: -novelty[b]
    )
    chosen: list[int] = []
    for b in strong:
        if all(abs(b - c) >= _MIN_BARS for c in chosen):
            chosen.append(b)
    return [0, *sorted(chosen)]


def _label(loud: list[float], score: list[float]) -> list[SectionLabel]:
    import numpy as np

    n = len(loud)
    top, median = max(loud), float(np.median(loud))
    flat = top - min(loud) < _CHORUS_DB
    labels: list[SectionLabel] = []
    for i in range(n):
        if flat:
            is_chorus = score[i] > max(float(np.median(score)), 0.0) and n > 2
        else:
            is_chorus = loud[i] >= top - _CHORUS_DB and loud[i] >= median + _LIFT_DB
        labels.append("chorus" if is_chorus else "verse")
    # an intro or outro is quieter than the song's verses (a song may start with its verse)
    edges: tuple[tuple[int, SectionLabel], ...] = ((0, "intro"), (n - 1, "outro"))
    for edge, name in edges:
        others = [loud[i] for i in range(n) if labels[i] == "verse" and i != edge]
        if n >= 2 and labels[edge] == "verse" and others and loud[edge] < float(np.median(others)) - _EDGE_DB:
            labels[edge] = name
    choruses = [i for i, lab in enumerate(labels) if lab == "chorus"]
    verses_before = 0
    for i, lab in enumerate(labels):
        if lab == "verse":
            verses_before += 1
            between = choruses and choruses[0] < i < choruses[-1]
            if between and verses_before > 2:
                labels[i] = "bridge"
        if lab == "chorus" and i > 0 and loud[i] - loud[i - 1] >= _DROP_DB:
            labels[i] = "drop"
    return labels


def detect_sections(analysis: TrackAnalysis) -> tuple[SongSection, ...]:
    """The song's sections in order, covering ``[0, duration_s)``; one "verse" when there are no bars."""
    import numpy as np

    total = analysis.duration_s
    feats = bar_features(analysis)
    if feats is None or feats.shape[0] < 2 * _MIN_BARS:
        return (SongSection("verse", 0.0, round(total, 4)),)
    downbeats = list(analysis.downbeats_s)
    bounds = _boundaries(_descriptors(feats))
    scores = chorus_scores(feats)
    spans = list(zip(bounds, [*bounds[1:], feats.shape[0]], strict=True))
    loud = [float(np.mean(feats[a:b, 0])) for a, b in spans]
    score = [float(np.mean(scores[a:b])) for a, b in spans]
    labels = _label(loud, score)
    merged: list[SongSection] = []
    for (a, b), lab, db in zip(spans, labels, loud, strict=True):
        start = 0.0 if a == 0 else downbeats[a]
        end = total if b >= len(downbeats) else downbeats[b]
        if merged and merged[-1].label == lab:  # a chorus sung twice is one chorus
            prev = merged.pop()
            span = end - prev.start_s
            mean_db = (prev.loudness_db * prev.duration_s + db * (end - start)) / max(span, 1e-9)
            merged.append(SongSection(lab, prev.start_s, round(end, 4), round(mean_db, 2)))
        else:
            merged.append(SongSection(lab, round(start, 4), round(end, 4), round(db, 2)))
    return tuple(merged)


def timeline_sections(analysis: TrackAnalysis) -> tuple[Section, ...]:
    """The song's sections as the timeline holds them (song clock), for :class:`SongFacts`."""
    return tuple(Section(s.label, s.start_s, s.end_s) for s in detect_sections(analysis))
