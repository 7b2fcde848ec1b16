"""Settings from the environment, the messages table, and log redaction."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from skill.errors import ConfigError
from skill.logs import redact, setup_logging
from skill.messages import MESSAGES, text
from skill.settings import DEFAULT_API_URL, DEFAULT_WEB_URL, Settings


def test_no_url_and_no_token_means_embedded() -> None:
    settings = Settings.from_env({"XDG_CONFIG_HOME": "/x/c", "XDG_DATA_HOME": "/x/d"})
    assert settings.is_embedded and settings.api_url is None
    assert settings.backend_key == "local"
    assert settings.config_dir == Path("/x/c/music-to-best")
    assert settings.data_dir == Path("/x/d/music-to-best")
    started = settings.with_api_url("http://127.0.0.1:4567/")
    assert started.api_url == "http://127.0.0.1:4567" and started.is_embedded
    assert started.backend_key == "local"  # a new port every run must not lose the project


def test_token_alone_means_the_cloud_and_is_hidden_from_repr() -> None:
    settings = Settings.from_env({"NEMO_TOKEN": " nmv_usr_abcdef123 "})
    assert settings.api_url == DEFAULT_API_URL and not settings.is_embedded
    assert settings.token == "nmv_usr_abcdef123"
    assert "nmv_usr" not in repr(settings)
    assert settings.web_url == DEFAULT_WEB_URL


def test_api_url_and_web_url() -> None:
    remote = Settings.from_env(
        {"NEMO_API_URL": "https://api.example.test/", "NEMO_WEB_URL": "https://w.test/"}
    )
    assert remote.api_url == "https://api.example.test" and remote.web_url == "https://w.test"
    assert remote.backend_key == "https://api.example.test"
    loop = Settings.from_env({"NEMO_API_URL": "http://127.0.0.1:8765"})
    assert loop.web_url == "http://127.0.0.1:8765"  # `serve` hosts its own project page


def test_interval_overrides_and_bad_values() -> None:
    settings = Settings.from_env({"SKILL_RECOVERY_FIRST_WAIT_S": "0.2", "SKILL_RENDER_MAX_POLLS": "3"})
    assert settings.recovery_first_wait_s == 0.2 and settings.render_max_polls == 3
    with pytest.raises(ConfigError, match="SKILL_READ_TIMEOUT_S"):
        Settings.from_env({"SKILL_READ_TIMEOUT_S": "soon"})
    with pytest.raises(ConfigError, match="between"):
        Settings.from_env({"SKILL_RECOVERY_INTERVAL_S": "-1"})


def test_auto_export_switch() -> None:
    assert Settings.from_env({}).auto_export is True
    assert Settings.from_env({"SKILL_AUTO_EXPORT": "0"}).auto_export is False


def test_every_message_has_english_and_chinese() -> None:
    for key, row in MESSAGES.items():
        assert row.get("en"), key
        assert row.get("zh"), key


def test_text_fills_fields_and_survives_missing_ones() -> None:
    assert text("error.config", "en", detail="x") == "Configuration problem: x"
    assert text("error.config", "zh-Hans", detail="x") == "配置有问题：x"
    assert text("error.config", "mixed") == "配置有问题："
    assert text("no.such.key", "en", detail="d").startswith("Something went wrong")


def test_redact_removes_tokens() -> None:
    line = 'Authorization: Bearer nmv_usr_abc.DEF-123 {"token": "nmv_usr_zzzzzzzzzz"} secret=hunter22secret'
    out = redact(line, secrets=["hunter22secret"])
    assert "nmv_usr" not in out and "abc.DEF" not in out and "hunter22secret" not in out
    assert "[redacted]" in out


def test_logging_redacts(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("debug", secrets=["my-own-token-123"])
    logging.getLogger("skill.test").debug("sending %s with Bearer %s", "my-own-token-123", "nmv_usr_qqqqqq")
    err = capsys.readouterr().err
    assert "my-own-token-123" not in err and "nmv_usr_qqqqqq" not in err
    assert "sending" in err
    setup_logging("warning")
