"""Database engine, sessions, schema migrations, and database work kept off the event loop.

Every wait on the database is bounded: a lock held elsewhere (SQLite's busy lock, a PostgreSQL
row lock), a slow statement, an exhausted connection pool or an unreachable server ends, after
a short timeout, in `DatabaseUnavailable` — which the doors answer with "try again" (HTTP 503
with `Retry-After`, the bot's "try again in a moment") instead of a frozen process.
"""

from __future__ import annotations

import asyncio
import fcntl
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

MIGRATIONS = Path(str(resources.files("citizen") / "migrations"))
T = TypeVar("T")


@dataclass(frozen=True)
class Timeouts:
    """How long one database operation may wait, in seconds."""

    lock: float = 3.0  # a lock held by another transaction or process (SQLite: busy timeout)
    statement: float = 10.0  # one statement (PostgreSQL only)
    pool: float = 3.0  # a free connection from the pool
    connect: float = 3.0  # a new connection to the server (PostgreSQL only)


class DatabaseUnavailable(Exception):
    """The database is busy or unreachable right now; the same request may succeed shortly.

    Its message is fit for anyone to read; `reason` (the driver's words) is for the logs.
    """

    def __init__(self, reason: str, retry_after: int = 2):
        super().__init__("the database is busy or unreachable; try again shortly")
        self.reason = reason
        self.retry_after = retry_after


def make_engine(url: str, timeouts: Timeouts | None = None, **kwargs: Any) -> Engine:
    """An engine for SQLite or PostgreSQL with bounded waits on locks, statements and the pool."""
    timeouts = timeouts or Timeouts()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    kwargs.setdefault("pool_timeout", timeouts.pool)
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": timeouts.lock}
        kwargs["connect_args"] = {**connect_args, **kwargs.get("connect_args", {})}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_setup(timeouts))
        return engine
    kwargs["connect_args"] = {"connect_timeout": max(1, round(timeouts.connect)),
                              **kwargs.get("connect_args", {})}
    kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _postgresql_setup(timeouts))
    return engine


def _sqlite_setup(timeouts: Timeouts) -> Callable[[Any, Any], None]:
    def setup(dbapi_conn: Any, _record: Any) -> None:
        # WAL lets the API read while the notifier writes; foreign keys are off by default.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(timeouts.lock * 1000)}")
        cur.close()

    return setup


def _postgresql_setup(timeouts: Timeouts) -> Callable[[Any, Any], None]:
    def setup(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"SET lock_timeout = {int(timeouts.lock * 1000)}")
        cur.execute(f"SET statement_timeout = {int(timeouts.statement * 1000)}")
        cur.close()
        # A SET inside a transaction that is later rolled back is undone: keep it for good.
        dbapi_conn.commit()

    return setup


def is_unavailable(error: BaseException) -> bool:
    """Whether `error` means "busy or unreachable, try again" rather than a bug or bad data."""
    if isinstance(error, DatabaseUnavailable | sa_exc.TimeoutError):
        return True  # the pool had no free connection in time
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return True
        orig = error.orig
        text = str(orig).lower()
        sqlstate = getattr(orig, "sqlstate", None) or ""
        # 55P03 lock_not_available, 57014 query_canceled (statement_timeout), 08xxx connection,
        # 57P0x server shutting down or unavailable, 53xxx out of resources.
        if sqlstate.startswith(("55P03", "57014", "08", "57P", "53")):
            return True
        if isinstance(error, sa_exc.OperationalError):
            # SQLite: "database is locked" / "database table is locked"; psycopg: connection
            # refused or lost. Any other OperationalError is also the server's state, not ours.
            return True
        if isinstance(error, sa_exc.InterfaceError):
            return "closed" in text or "connection" in text
    return False


class SchemaOutOfDate(RuntimeError):
    """The database is not at the revision this code needs, and this process must not migrate."""


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; a no-op when it is already there.

    A restart finds the schema current: that is checked with one SELECT, without importing
    Alembic, which would cost every start a third of a second and ~20 MB of memory. Safe when
    several processes start at once: each waits for the migration lock, and whoever comes after
    the first finds the schema at the newest revision.
    """
    if stored_revision(engine) == head_revision():
        return
    from alembic import command
    from alembic.config import Config

    with migration_lock(engine):
        if stored_revision(engine) == head_revision():
            return  # another process migrated while we waited for the lock
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                # A migration may rewrite a big table: the server's short bounds are for
                # requests, not for this one-off job (SET LOCAL ends with the transaction).
                conn.execute(text("SET LOCAL lock_timeout = 0"))
                conn.execute(text("SET LOCAL statement_timeout = 0"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


# How long a start waits for another process's migration (and first catalogue load).
MIGRATION_WAIT_SECONDS = 300


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the database's migration lock for the block (and any first catalogue load).

    PostgreSQL: a session-level advisory lock on a connection of its own. SQLite: an exclusive
    lock on a file beside the database (an in-memory database has no other process to race).
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # The key names the schema: databases shared by several schemas (tests, staging
            # beside production) do not wait on each other's migrations.
            conn.execute(text(f"SET lock_timeout = '{MIGRATION_WAIT_SECONDS}s'"))
            conn.execute(
                text("SELECT pg_advisory_lock(hashtext('citizen:migrate:' || current_schema()))")
            )
            conn.commit()
            try:
                yield
            finally:
                # Closing the connection releases the lock and its session setting with it,
                # so no pooled connection keeps the long wait.
                conn.invalidate()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def schema_revision(engine: Engine) -> tuple[str | None, str]:
    """The database's current revision and the newest one this code knows."""
    return stored_revision(engine), head_revision()


_REVISION = re.compile(r'^(down_)?revision\s*=\s*["\']?([\w-]+|None)["\']?', re.MULTILINE)


def head_revision() -> str:
    """The newest migration: the one no other migration revises (read from the files)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revised if down else revisions).add(value)
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one line; heads: {sorted(heads)}")
    return heads.pop()


def stored_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for a new database."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except sa_exc.DBAPIError as exc:
        if is_unavailable(exc) and not _missing_table(exc):
            raise
        return None


def _missing_table(error: sa_exc.DBAPIError) -> bool:
    message = str(error.orig).lower()
    return "no such table" in message or "does not exist" in message


def insert_for(session: Session) -> Callable[..., Any]:
    """The dialect's own `insert` (PostgreSQL's or SQLite's), which has `on_conflict_do_*`:
    the one place that chooses, for every upsert and insert-if-missing."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert
    return sqlite.insert


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


class Database:
    """Units of database work run in a bounded thread pool, never on the event loop.

    `await db.run(work)` runs `work(session)` in a transaction of its own in a worker thread
    and returns its result. At most `concurrency` units run at once; a unit that could not
    start within `queue_wait` seconds is not started at all (so a caller told "try again"
    never has its write applied later). Once started, a unit's waits are bounded by the
    engine's timeouts. Busy or unreachable databases raise `DatabaseUnavailable`.

    Results must not be lazy ORM rows that reach back to the session: return plain values, or
    rows whose attributes were loaded inside `work` (sessions do not expire on commit).
    """

    def __init__(self, engine: Engine, concurrency: int = 8, queue_wait: float = 3.0):
        self.engine = engine
        self.queue_wait = queue_wait
        self._executor = ThreadPoolExecutor(concurrency, thread_name_prefix="citizen-db")
        self._closed = threading.Event()

    async def run(self, work: Callable[[Session], T]) -> T:
        if self._closed.is_set():
            raise DatabaseUnavailable("shutting down")
        queued_at = time.monotonic()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call, work, queued_at)

    def run_sync(self, work: Callable[[Session], T]) -> T:
        """The same unit of work on the calling thread (CLI, worker threads, tests)."""
        return self._call(work, time.monotonic())

    def _call(self, work: Callable[[Session], T], queued_at: float) -> T:
        if time.monotonic() - queued_at > self.queue_wait:
            raise DatabaseUnavailable("too many database operations waiting")
        try:
            with session_scope(self.engine) as session:
                return work(session)
        except DatabaseUnavailable:
            raise
        except Exception as exc:
            if is_unavailable(exc):
                raise DatabaseUnavailable(f"{type(exc).__name__}: {exc}".splitlines()[0]) from exc
            raise

    def close(self) -> None:
        self._closed.set()
        self._executor.shutdown(wait=True, cancel_futures=True)
