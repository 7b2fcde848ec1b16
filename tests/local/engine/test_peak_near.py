"""``peak_near``, the envelope's peak near each beat that the tracker, the vote and the bar phase read."""

from __future__ import annotations

import numpy as np

from skill.local.engine.onset import peak_near


def test_peak_near_is_the_maximum_within_two_frames_edges_included() -> None:
    env = np.random.default_rng(3).random(50).astype(np.float32)
    idx = np.array([0, 1, 2, 25, 47, 48, 49])
    expected = [env[max(i - 2, 0) : i + 3].max() for i in idx]
    assert peak_near(env, idx).tolist() == expected
    assert peak_near(env, np.array([], dtype=int)).size == 0
