"""Settings from the environment and .env: precedence, validation, no token in repr."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, read_dotenv

TOKEN = "123456:AAE-config_test_secret"


def test_missing_token_names_the_variable_and_the_example_file(tmp_path: Path):
    with pytest.raises(ConfigError) as error:
        Settings.from_env({}, tmp_path / "absent.env")
    assert "TELEGRAM_BOT_TOKEN" in str(error.value)
    assert ".env.example" in str(error.value)


def test_token_is_optional_when_not_serving():
    assert Settings.from_env({}, require_token=False).telegram_token == ""


def test_defaults():
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.telegram_base_url is None
    assert settings.db_path == Path("backcoach.db")
    assert settings.log_level == "INFO"


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# comment\n\n"
        f"export TELEGRAM_BOT_TOKEN='{TOKEN}'\n"
        'TELEGRAM_BASE_URL="http://127.0.0.1:8081/bot"\n'
        "BACKCOACH_DB=from-dotenv.db  # trailing comment\n"
        "LOG_LEVEL=debug\n"
    )
    settings = Settings.from_env({"BACKCOACH_DB": "from-env.db"}, dotenv)
    assert settings.telegram_token == TOKEN
    assert settings.telegram_base_url == "http://127.0.0.1:8081/bot"
    assert settings.db_path == Path("from-env.db")
    assert settings.log_level == "DEBUG"


def test_an_empty_environment_variable_does_not_hide_the_dotenv_value(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": ""}, dotenv).telegram_token == TOKEN


def test_repr_never_shows_the_token():
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)


@pytest.mark.parametrize(
    ("environ", "word"),
    [
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "ftp://x"}, "TELEGRAM_BASE_URL"),
    ],
    ids=["bad-token", "bad-level", "bad-url"],
)
def test_invalid_values_are_named_without_echoing_secrets(environ, word):
    with pytest.raises(ConfigError) as error:
        Settings.from_env(environ)
    assert word in str(error.value)
    assert "not a token" not in str(error.value)


def test_a_malformed_dotenv_line_is_reported_without_its_content(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"{TOKEN}\n")
    with pytest.raises(ConfigError) as error:
        read_dotenv(dotenv)
    assert ":1:" in str(error.value) and TOKEN not in str(error.value)


def test_the_example_file_documents_every_variable():
    example = (Path(__file__).resolve().parents[1] / ".env.example").read_text()
    assert set(read_dotenv(Path(__file__).resolve().parents[1] / ".env.example")) == {
        "TELEGRAM_BOT_TOKEN", "TELEGRAM_BASE_URL", "BACKCOACH_DB", "LOG_LEVEL", "BACKCOACH_CACHE_DIR"
    }
    assert "BotFather" in example
