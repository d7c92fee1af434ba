"""All configuration in one place, read from the environment with the `CITIZEN_` prefix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_database_url() -> str:
    # A file in the working directory: one command runs everything on a fresh machine.
    return f"sqlite:///{Path('citizen.db').resolve()}"


DEV_IIN_KEY = "dev-only-iin-key-change-me"  # `citizen serve` warns while this is in use


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CITIZEN_", env_file=".env", extra="ignore")

    database_url: str = Field(default_factory=_default_database_url)
    catalogue_dir: Path | None = Field(
        default=None, description="catalogue data directory; default: the shipped catalogue"
    )
    default_locale: str = "kk"

    # HTTP server
    host: str = "127.0.0.1"
    port: int = 8000
    graphiql: bool = True
    introspection: bool = True
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_body_bytes: int = 64 * 1024
    max_page_size: int = 100  # largest `first` of a connection
    response_cache: bool = True  # cache catalogue query responses (keyed by catalogue version)

    # Applications and notifications
    iin_hash_key: SecretStr = SecretStr(DEV_IIN_KEY)
    notifier_enabled: bool = True
    notifier_global_rate: float = 25.0  # messages per second, below Telegram's ~30/s
    notifier_chat_interval: float = 1.0  # seconds between two messages to one chat
    notifier_max_attempts: int = 6
    notifier_lease_seconds: float = 30.0
    notifier_backoff_base: float = 2.0  # first retry delay (s); doubles per failure, jittered
    notifier_backoff_max: float = 300.0  # the backoff never exceeds this (s)
    notifier_poll_interval: float = 0.5  # how often an idle worker looks for other processes' rows
    notifier_batch_size: int = 50
    notifier_request_timeout: float = 15.0  # one Bot API call (s)
    # Where the send budget (global rate, 429 pauses) lives: "auto" shares one budget per bot
    # token among all workers on PostgreSQL and keeps it in the process on SQLite; "local"
    # always keeps it in the process (one worker only).
    notifier_budget: Literal["auto", "shared", "local"] = "auto"
    notifier_metrics_port: int | None = None  # `citizen notifier` serves /metrics here if set
    # Lookups by receipt number + IIN: failures per client (chat, IP) and per number, per window
    lookup_window_seconds: float = 900.0
    lookup_max_failures_per_client: int = 5
    lookup_max_failures_per_number: int = 10

    # Telegram
    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_bot_username: str | None = None  # for t.me links; default: asked with getMe
    # The bot's dialogue state (aiogram FSM): "database" survives restarts and is shared by
    # every webhook process; "memory" is per process; "redis" needs CITIZEN_REDIS_URL.
    bot_storage: Literal["memory", "database", "redis"] = "database"
    redis_url: str | None = None
    subscription_link_ttl_seconds: float = 7 * 24 * 3600.0  # how long a one-time link works

    # Operations
    metrics_enabled: bool = True  # /metrics for Prometheus (keep it off the public proxy)
    # Migrate the schema (and load an empty catalogue) when serve, bot or notifier start; set it
    # to false where a separate `citizen migrate` job runs first.
    migrate_on_start: bool = True
    # Retention, applied by `citizen maintenance prune`; None or 0 keeps rows for ever.
    retention_outbox_days: float | None = 90.0  # delivered and failed notifications
    retention_throttle_days: float | None = 1.0  # lookup throttle rows past their window
    retention_status_history_days: float | None = None  # status history (never the latest)
    retention_dialogue_days: float | None = 30.0  # dialogue state untouched this long
    retention_batch_size: int = 1000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
