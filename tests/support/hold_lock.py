"""Hold a write lock on the database from another process, until stdin closes.

    python -m tests.support.hold_lock <database url>

SQLite: a write transaction (`BEGIN IMMEDIATE` plus a write) on the file, which makes every
other writer wait for the busy timeout; readers go on (WAL). PostgreSQL: the application
tables locked in ACCESS EXCLUSIVE mode, which makes every reader and writer of them wait for
the lock timeout. Prints "locked" once the lock is held.
"""

from __future__ import annotations

import sqlite3
import sys
from urllib.parse import parse_qs, urlsplit

import psycopg

TABLES = ("application", "application_status_change", "lookup_throttle", "chat_subscription")


def hold_sqlite(path: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE catalogue_meta SET loaded_at = loaded_at")
    print("locked", flush=True)
    sys.stdin.read()
    conn.execute("ROLLBACK")


def hold_postgresql(url: str) -> None:
    parts = urlsplit(url)
    options = parse_qs(parts.query).get("options", [""])[0]
    dsn = parts._replace(query="").geturl()
    with psycopg.connect(dsn, options=options) as conn:
        conn.execute(f"LOCK TABLE {', '.join(TABLES)} IN ACCESS EXCLUSIVE MODE")
        print("locked", flush=True)
        sys.stdin.read()
        conn.rollback()


if __name__ == "__main__":
    url = sys.argv[1]
    if url.startswith("sqlite"):
        hold_sqlite(url.removeprefix("sqlite:///"))
    else:
        hold_postgresql(url.replace("postgresql+psycopg://", "postgresql://"))
