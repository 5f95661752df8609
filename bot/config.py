"""Settings for running BackCoach, read from the environment and an optional .env file."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# BotFather tokens look like "123456789:AAH...": a numeric bot id, a colon, a secret.
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_LINE_RE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


class ConfigError(ValueError):
    """A setting is missing or invalid; the message says which and how to fix it."""


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines of a .env file (comments, blank lines, quotes, ``export``)."""
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE_RE.match(line)
        if match is None:
            # Never echo the line: it may hold the token.
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE")
        key, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:  # unquoted trailing comment
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``backcoach serve`` needs; the token is kept out of repr and logs."""

    telegram_token: str = dataclasses.field(repr=False)
    telegram_base_url: str | None = None
    db_path: Path = Path("backcoach.db")
    log_level: str = "INFO"

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str],
        dotenv_path: Path | None = None,
        *,
        require_token: bool = True,
    ) -> Settings:
        """Settings from ``environ`` over ``dotenv_path`` (the process environment wins).

        Raises:
            ConfigError: TELEGRAM_BOT_TOKEN missing (when required) or a value is invalid.
        """
        merged: dict[str, str] = {}
        if dotenv_path is not None and dotenv_path.is_file():
            merged.update(read_dotenv(dotenv_path))
        # An exported-but-empty variable (common in CI and compose files) does not hide .env.
        merged.update({k: v for k, v in environ.items() if v.strip()})

        token = merged.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token and require_token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather, then put "
                "TELEGRAM_BOT_TOKEN=<token> in .env (see .env.example) or in the environment."
            )
        if token and not _TOKEN_RE.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a BotFather token (digits, ':', secret);"
                " see .env.example"
            )
        base_url = merged.get("TELEGRAM_BASE_URL", "").strip() or None
        if base_url is not None and not re.match(r"^https?://", base_url):
            raise ConfigError("TELEGRAM_BASE_URL must start with http:// or https:// (see .env.example)")
        log_level = (merged.get("LOG_LEVEL", "").strip() or "INFO").upper()
        if log_level not in LOG_LEVELS:
            raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (see .env.example)")
        db = merged.get("BACKCOACH_DB", "").strip() or "backcoach.db"
        return cls(
            telegram_token=token,
            telegram_base_url=base_url,
            db_path=Path(db),
            log_level=log_level,
        )
