"""``python -m skill``: the same CLI as the ``music-to-best`` console script."""

from __future__ import annotations

import sys

from skill.cli import main

if __name__ == "__main__":
    sys.exit(main())
