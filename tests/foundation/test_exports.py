"""Every package says what it exports (``__all__``), and every exported name resolves."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = [
    "skill",
    "skill.cli",
    "skill.client",
    "skill.handlers",
    "skill.local",
    "skill.local.engine",
    "skill.nle",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_names_resolve(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert isinstance(exported, list | tuple), f"{name} has no __all__"
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"
    for attr in exported:
        assert getattr(module, attr, None) is not None, f"{name}.{attr} is exported but missing"
