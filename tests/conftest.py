"""Shared fixtures: every test runs with a clean environment and its own HOME/config/data dirs."""

from __future__ import annotations

import compileall
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.env import CLEARED_PREFIXES, NO_PAGE_SERVER

_PACKAGE = Path(__file__).resolve().parents[1] / "skill"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the package once, so each of the suite's hundreds of ``python -m skill`` processes
    loads bytecode instead of compiling ~200 modules (0.2 s each time) where the environment sets
    PYTHONDONTWRITEBYTECODE."""
    compileall.compile_dir(_PACKAGE, quiet=1)


@pytest.fixture(autouse=True)
def clean_environ(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Strip NEMO_*/SKILL_* and proxy variables and give the test a private HOME and XDG dirs."""
    home = tmp_path_factory.mktemp("home")
    for key in list(os.environ):
        if key.startswith(CLEARED_PREFIXES) or key.lower() in {
            "http_proxy",
            "https_proxy",
            "all_proxy",
            "no_proxy",
        }:
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    for key, value in NO_PAGE_SERVER.items():
        monkeypatch.setenv(key, value)
    yield home


@pytest.fixture(autouse=True)
def restore_skill_logging() -> Iterator[None]:
    """Put the ``skill`` logger back after each test: an in-process ``main()`` at SKILL_LOG=debug binds
    a handler to that test's captured stderr, and a later test in the same worker would log into the
    closed stream ("--- Logging error ---" and a traceback on its stderr)."""
    logger = logging.getLogger("skill")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]


@pytest.fixture
def home(clean_environ: Path) -> Path:
    """The private HOME of this test."""
    return clean_environ
