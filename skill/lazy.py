"""Lazy package exports (PEP 562): a package's names imported from their modules on first use.

Two packages want it: the timeline (so the CLI's parser can read its vocabulary without pydantic)
and the media engine (so importing it pulls in neither numpy nor PyAV).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, homes: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``homes`` maps each name to its submodule; a name once
    imported is kept in ``namespace`` (the package's globals), so the hook runs once per name."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's own name
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    return __getattr__
