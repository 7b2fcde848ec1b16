"""Make a Python that refuses system-wide pip, as Debian's and Ubuntu's do (PEP 668).

A copy of this interpreter's binary in a new prefix whose stdlib folder links to the real one's entries
and holds an ``EXTERNALLY-MANAGED`` file: Python finds its prefix from the binary's location, so pip in
that prefix sees the marker and refuses, while ``venv`` works as on a stock distribution Python.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

__all__ = ["make_pep668_python"]

_MARKER = "[externally-managed]\nError=This Python is managed by the system; use a venv.\n"


def make_pep668_python(prefix: Path, *, ensurepip: bool = True) -> Path:
    """Build the managed interpreter under ``prefix`` and return its ``bin/python3``.

    ``ensurepip=False`` leaves out the stdlib's ``ensurepip``, as Debian and Ubuntu do until
    ``python3-venv`` is installed: ``python3 -m venv`` then fails there.
    """
    base = Path(sys.base_prefix)
    exe = Path(os.path.realpath(getattr(sys, "_base_executable", sys.executable)))
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    stdlib = Path(sysconfig.get_paths(vars={"base": str(base), "installed_base": str(base)})["stdlib"])
    bin_dir = prefix / "bin"
    lib = prefix / "lib" / version
    bin_dir.mkdir(parents=True)
    lib.mkdir(parents=True)
    shutil.copy2(exe, bin_dir / version)  # a copy, not a link: the prefix is found from its location
    (bin_dir / "python3").symlink_to(version)
    for entry in stdlib.iterdir():
        if entry.name not in {"site-packages", "dist-packages", "EXTERNALLY-MANAGED"} and (
            ensurepip or entry.name != "ensurepip"
        ):
            (lib / entry.name).symlink_to(entry)
    site = lib / "site-packages"
    site.mkdir()
    import pip  # the system's pip, present as on a distribution Python, so the refusal is pip's own

    (site / "pip").symlink_to(Path(pip.__file__).parent)
    for shared in (base / "lib").glob("libpython*"):  # binaries linked with $ORIGIN/../lib
        (prefix / "lib" / shared.name).symlink_to(shared)
    (lib / "EXTERNALLY-MANAGED").write_text(_MARKER, encoding="utf-8")
    return bin_dir / "python3"
