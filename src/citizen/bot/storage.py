"""Where the bot keeps a person's place in a dialogue (aiogram FSM state and data).

`CITIZEN_BOT_STORAGE` chooses:

- `database` (default): the `bot_dialogue_state` table of the project's database, SQLite or
  PostgreSQL. A dialogue goes on after a restart or a deploy, and whichever webhook process
  gets the next update finds it. No other service to run.
- `memory`: aiogram's MemoryStorage, lost on restart, one process only (development, tests).
- `redis`: aiogram's RedisStorage at `CITIZEN_REDIS_URL`, for a deployment that runs Redis
  anyway (needs the `redis` package: `pip install 'citizen[redis]'`).

Database work runs through the process's database runner (`citizen.db.Database`), never on
the event loop, with its bounded waits; while the database is busy the dialogue goes on from
the process's memory.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any, cast

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from sqlalchemy import Table, select
from sqlmodel import Session

from citizen.db import Database, DatabaseUnavailable, insert_for
from citizen.notifications.tables import BotDialogueState, utcnow
from citizen.settings import Settings

log = logging.getLogger(__name__)
D = cast(Table, BotDialogueState.__table__)  # type: ignore[attr-defined]


class DatabaseStorage(BaseStorage):
    """aiogram FSM storage on the project's database (one row per chat, user and bot).

    A busy or unreachable database must not stop the bot: reads then fall back to what this
    process last wrote, and writes are kept in that memory until the database answers again.
    The person's dialogue survives a restart whenever the database was up when it changed.
    """

    def __init__(self, db: Database):
        self.db = db
        # The bot's id is part of the key: two bots on one database keep separate dialogues.
        self.keys = DefaultKeyBuilder(prefix="fsm", with_bot_id=True, with_destiny=True)
        self._fallback: dict[str, dict[str, Any]] = {}

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(self.keys.build(key), {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._read(self.keys.build(key))
        return None if row is None else row.get("state")

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        text = json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"))
        await self._write(self.keys.build(key), {"data": text})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._read(self.keys.build(key))
        data = json.loads((row or {}).get("data") or "{}")
        return data if isinstance(data, dict) else {}

    async def close(self) -> None:
        return None  # the runner belongs to the process

    async def _read(self, key: str) -> dict[str, Any] | None:
        if key in self._fallback:  # written while the database was busy: newer than its row
            return self._fallback[key]
        try:
            return await self.db.run(lambda s: _read(s, key))
        except DatabaseUnavailable:
            log.warning("dialogue state not read: the database is busy")
            return None

    async def _write(self, key: str, values: dict[str, Any]) -> None:
        # Everything not yet stored goes in this write, so nothing kept in memory is lost.
        merged = {**self._fallback.get(key, {}), **values}
        self._fallback[key] = merged
        try:
            await self.db.run(lambda s: _upsert(s, key, merged))
        except DatabaseUnavailable:
            log.warning("dialogue state kept in memory: the database is busy")
        else:
            self._fallback.pop(key, None)


def _read(session: Session, key: str) -> dict[str, Any] | None:
    row = session.execute(select(D.c.state, D.c.data).where(D.c.key == key)).first()
    return None if row is None else {"state": row[0], "data": row[1]}


def _upsert(session: Session, key: str, values: dict[str, Any]) -> None:
    values = {**values, "updated_at": utcnow()}
    stmt = insert_for(session)(D).values(key=key, **{"data": "{}", **values})
    session.execute(stmt.on_conflict_do_update(index_elements=[D.c.key], set_=values))


def make_storage(settings: Settings, db: Database) -> BaseStorage:
    """The dialogue storage `CITIZEN_BOT_STORAGE` asks for."""
    if settings.bot_storage == "memory":
        return MemoryStorage()
    if settings.bot_storage == "redis":
        if not settings.redis_url:
            raise ValueError("CITIZEN_BOT_STORAGE=redis needs CITIZEN_REDIS_URL")
        try:
            from aiogram.fsm.storage.redis import RedisStorage
        except ImportError:
            raise ValueError(
                "CITIZEN_BOT_STORAGE=redis needs the redis package: pip install 'citizen[redis]'"
            ) from None
        return RedisStorage.from_url(
            settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        )
    return DatabaseStorage(db)
