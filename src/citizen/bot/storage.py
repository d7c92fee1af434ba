"""Where the bot keeps a person's place in a dialogue (aiogram FSM state and data).

`CITIZEN_BOT_STORAGE` chooses:

- `database` (default): the `bot_dialogue_state` table of the project's database, SQLite or
  PostgreSQL. A dialogue goes on after a restart or a deploy, and whichever webhook process
  gets the next update finds it. No other service to run.
- `memory`: aiogram's MemoryStorage, lost on restart, one process only (development, tests).
- `redis`: aiogram's RedisStorage at `CITIZEN_REDIS_URL`, for a deployment that runs Redis
  anyway (needs the `redis` package: `pip install 'citizen[redis]'`).

Database work runs in a small thread pool of its own with a bounded wait, never on the event
loop: a slow database delays that person's update, not every other one.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from citizen.notifications.tables import BotDialogueState, utcnow
from citizen.settings import Settings

T = TypeVar("T")
D = cast(Table, BotDialogueState.__table__)  # type: ignore[attr-defined]
DB_TIMEOUT = 5.0  # seconds; past it the update fails and the person is told to try again


class DatabaseStorage(BaseStorage):
    """aiogram FSM storage on the project's database (one row per chat, user and bot)."""

    def __init__(self, engine: Engine, threads: int = 4, timeout: float = DB_TIMEOUT):
        self.engine = engine
        self.timeout = timeout
        # The bot's id is part of the key: two bots on one database keep separate dialogues.
        self.keys = DefaultKeyBuilder(prefix="fsm", with_bot_id=True, with_destiny=True)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="citizen-fsm")

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await asyncio.wait_for(loop.run_in_executor(self._pool, fn, *args), self.timeout)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._run(self._upsert, self.keys.build(key), {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._run(self._read, self.keys.build(key))
        return None if row is None else row[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        text = json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"))
        await self._run(self._upsert, self.keys.build(key), {"data": text})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._run(self._read, self.keys.build(key))
        if row is None:
            return {}
        data = json.loads(row[1] or "{}")
        return data if isinstance(data, dict) else {}

    async def close(self) -> None:
        self._pool.shutdown(wait=False)

    # ---- in the pool's threads -------------------------------------------------------------

    def _read(self, key: str) -> tuple[str | None, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(D.c.state, D.c.data).where(D.c.key == key)).first()
        return None if row is None else (row[0], row[1])

    def _upsert(self, key: str, values: dict[str, Any]) -> None:
        values = {**values, "updated_at": utcnow()}
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        stmt = insert(D).values(key=key, **{"data": "{}", **values})
        with self.engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=[D.c.key], set_=values))


def make_storage(settings: Settings, engine: Engine) -> BaseStorage:
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
    return DatabaseStorage(engine)
