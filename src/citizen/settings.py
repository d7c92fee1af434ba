"""All configuration in one place, read from the environment with the `CITIZEN_` prefix."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_database_url() -> str:
    # A file in the working directory: one command runs everything on a fresh machine.
    return f"sqlite:///{Path('citizen.db').resolve()}"


DEV_IIN_KEY = "dev-only-iin-key-change-me"  # refused by `citizen serve` in production
# Signs the operator console's session cookies; production mode refuses to start with it.
DEV_CONSOLE_SECRET = "dev-only-console-secret-change-me"


def is_loopback(host: str) -> bool:
    """Whether `host` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CITIZEN_", env_file=".env", extra="ignore")

    database_url: str = Field(default_factory=_default_database_url)
    catalogue_dir: Path | None = Field(
        default=None, description="catalogue data directory; default: the shipped catalogue"
    )
    default_locale: str = "kk"
    # Bounded waits on the database (seconds): past them a door answers "try again" (503).
    db_lock_timeout: float = 3.0
    db_statement_timeout: float = 10.0
    db_pool_timeout: float = 3.0
    db_concurrency: int = 8  # database operations the server runs at once, off the event loop
    catalogue_refresh_interval: float = 2.0  # seconds between probes of the catalogue version

    # development | production; unset: production unless the server listens on loopback only.
    # Production refuses the development IIN key and switches GraphiQL, introspection and
    # "Did you mean …" suggestions off (each can be switched back on by its own setting).
    environment: Literal["development", "production"] | None = None
    log_format: Literal["json", "text"] | None = None  # unset: json in production, else text
    access_log: bool = True  # a line per request (off when a proxy in front logs them already)

    # HTTP server
    host: str = "127.0.0.1"
    port: int = 8000
    graphiql: bool | None = None  # unset: on in development only
    introspection: bool | None = None  # unset: on in development only
    field_suggestions: bool | None = None  # "Did you mean …" in errors; unset: development only
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto / X-Request-Id are believed: addresses
    # or networks, comma-separated ("10.0.0.0/8,127.0.0.1"), "*" for all; none by default.
    forwarded_allow_ips: str = ""
    # Slow clients: seconds to wait for a request's headers+body, and between keep-alive requests.
    request_read_timeout: float = 10.0
    keep_alive_timeout: int = 5
    max_connections: int | None = None  # uvicorn's limit_concurrency (503 past it); unset: none
    response_cache_bytes: int = 32 * 1024 * 1024  # all cached responses together, per process
    response_cache_entry_bytes: int = 256 * 1024  # a larger response is not cached
    ws_max_message_bytes: int = 64 * 1024  # one WebSocket message
    ws_max_operations: int = 20  # subscriptions running at once on one WebSocket connection
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_body_bytes: int = 64 * 1024
    max_page_size: int = 100  # largest `first` of a connection
    response_cache: bool = True  # cache catalogue query responses (keyed by catalogue version)
    # Browser apps: origins allowed by CORS, comma-separated ("https://app.example"); none if empty.
    cors_origins: str = ""
    # max-age (seconds) of public answers: catalogue queries by GET or persisted query, open data.
    http_cache_max_age: int = 60

    # Applications and notifications
    iin_hash_key: SecretStr = SecretStr(DEV_IIN_KEY)
    # Keys added by `citizen iin-key rotate`, oldest first, comma-separated: stored hashes are
    # HMAC(k_n, … HMAC(k_1, HMAC(iin_hash_key, iin))). Keep every one; see the README.
    iin_hash_rotations: SecretStr = SecretStr("")
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
    # Idempotency keys of registrations and status changes are remembered this long (hours).
    idempotency_key_ttl_hours: float = 24.0
    lookup_max_failures_per_token: int = 50  # an operator's or app backend's own typos
    # Past the per-number limit, each API attempt at that number needs a proof of work; its
    # difficulty (leading zero bits of a SHA-256) grows with the failures up to the maximum.
    lookup_proof_min_bits: int = 14
    lookup_proof_max_bits: int = 22
    lookup_proof_ttl_seconds: float = 300.0

    # The operator console (/operator/): signed session cookies, per-operator lookup limits
    console_secret: SecretStr = SecretStr(DEV_CONSOLE_SECRET)
    console_session_minutes: int = 480  # one shift; the operator signs in again after it
    console_max_lookups: int = 30  # citizen lookups one operator may make per window
    console_lookup_window_seconds: float = 900.0

    # Telegram
    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    # Updates the bot handles at once (webhook and polling); the rest wait their turn, holding
    # no database connection. Handlers mostly wait on the Bot API, so this can exceed the
    # database's concurrency; it keeps a burst from queueing unbounded database work.
    bot_concurrency: int = Field(default=16, ge=1)
    telegram_update_ttl_seconds: float = 86400.0  # how long a handled update_id is remembered
    telegram_bot_username: str | None = None  # for t.me links (the console's, one-time links)
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

    @property
    def notifier_runs(self) -> bool:
        """Status messages are sent: the notifier is on and there is a bot to send them with."""
        return self.notifier_enabled and self.telegram_token is not None

    @property
    def production(self) -> bool:
        if self.environment is not None:
            return self.environment == "production"
        return not is_loopback(self.host)

    def _unless_production(self, value: bool | None) -> bool:
        return (not self.production) if value is None else value

    @property
    def graphiql_on(self) -> bool:
        return self._unless_production(self.graphiql)

    @property
    def introspection_on(self) -> bool:
        return self._unless_production(self.introspection)

    @property
    def field_suggestions_on(self) -> bool:
        return self._unless_production(self.field_suggestions)

    @property
    def log_format_chosen(self) -> str:
        if self.log_format is not None:
            return self.log_format
        return "json" if self.production else "text"

    @property
    def iin_keys(self) -> list[bytes]:
        """The IIN hash key, then every rotation key in order."""
        rotations = self.iin_hash_rotations.get_secret_value()
        extra = [k.strip() for k in rotations.split(",") if k.strip()]
        return [self.iin_hash_key.get_secret_value().encode(), *(k.encode() for k in extra)]

    @property
    def trusted_proxies(self) -> list[str]:
        return [p.strip() for p in self.forwarded_allow_ips.split(",") if p.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
