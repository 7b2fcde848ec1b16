"""The public names of skill.client and skill.handlers resolve, and importing them stays light."""

from __future__ import annotations

import subprocess
import sys

import skill.client
import skill.handlers


def test_client_all_resolves() -> None:
    for name in skill.client.__all__:
        assert getattr(skill.client, name) is not None, name
    assert sorted(dir(skill.client)) == sorted(skill.client.__all__)


def test_handlers_all_resolves() -> None:
    for name in skill.handlers.__all__:
        assert callable(getattr(skill.handlers, name)), name


def test_importing_the_package_does_not_load_httpx() -> None:
    code = "import sys, skill.client, skill.handlers; print('httpx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
