"""The timeline package imports its parts on first use, so commands that need only its vocabulary
(``--version``, ``doctor``: the CLI's parser reads the aspects and paces) start without pydantic."""

from __future__ import annotations

import subprocess
import sys
import types
from importlib import import_module

import skill.timeline as timeline


def test_every_exported_name_resolves_to_its_own_object_not_a_submodule() -> None:
    for name in timeline.__all__:
        value = getattr(timeline, name)
        assert not isinstance(value, types.ModuleType), name  # a submodule named like a name shadows it
        assert value is getattr(import_module(f"skill.timeline.{timeline._HOME[name]}"), name), name
    submodules = {"context", "describe", "model", "ops", "reducer", "wire", "vocab", "recipe"}
    assert not submodules & set(timeline.__all__)


def test_the_cli_parser_does_not_import_the_ops_or_pydantic() -> None:
    code = (
        "import sys; from skill.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('pydantic', 'skill.timeline.ops', 'skill.timeline.reducer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
