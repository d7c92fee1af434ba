"""Bot latency: from an update arriving at the webhook to the bot's answer reaching the Bot API.

The bot runs as `citizen serve` would run it (Starlette + uvicorn, webhook route, SQLite file
with the shipped catalogue) in a process of its own; the fake Telegram Bot API (no added
latency) runs in this process, and so does the sender, which POSTs updates to the webhook with
the secret, like Telegram. For each update, the time is taken just before it is sent and when
the fake receives the bot's answer (the message or the edit, not the spinner-stopping
answerCallbackQuery); both are CLOCK_MONOTONIC readings, comparable across processes on Linux.

The updates are a mix a person produces: opening a card by deep link, a search, three card
tabs, /help. First one at a time (latency alone), then from several people at once.

Then bursts: `--people` (50) people nobody knows yet write /start at the same moment, and once
all are greeted, each sends a search at the same moment. For every person, the time from their
update being sent to the bot's first answer reaching the fake; per round the median, p95 and
max, over `--rounds` rounds the median and range of each (and how many were answered at all).

    python bench/bot_latency.py [--updates 1000] [--concurrency 8] [--people 50] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.support: the fake Bot API

from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402
from tests.support.live_server import free_port  # noqa: E402

from citizen.bot.callbacks import CardCb, short_key  # noqa: E402
from citizen.catalogue.loading import load_catalogue  # noqa: E402
from citizen.catalogue.vocabulary import Locale  # noqa: E402
from citizen.db import make_engine, migrate, session_scope  # noqa: E402
from citizen.notifications.chats import set_chat_locale  # noqa: E402

TOKEN = "123456789:BENCH-citizen-bot-token"
SECRET = "bench-webhook-secret"
ANSWERS = frozenset({"sendMessage", "editMessageText", "sendVenue"})
USERS = 50


def serve(database_url: str, port: int) -> None:
    """The bot's web app in this process (run by the benchmark in a child process)."""
    import uvicorn

    from citizen.bot.webhook import standalone_app
    from citizen.catalogue.live import LiveCatalogue
    from citizen.db import Database
    from citizen.settings import Settings

    settings = Settings()
    engine = make_engine(database_url)
    catalogue = LiveCatalogue(engine, settings.catalogue_refresh_interval)
    db = Database(engine, settings.db_concurrency, settings.db_pool_timeout)
    uvicorn.run(standalone_app(settings, catalogue, db), host="127.0.0.1", port=port,
                log_level="warning")


def prepare(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    load_catalogue(engine)
    with session_scope(engine) as session:
        for user in range(USERS):
            set_chat_locale(session, chat_id(user), Locale.KK if user % 2 else Locale.RU)
    engine.dispose()


def chat_id(user: int) -> int:
    return 8_000_000 + user


def message(user: int, text: str, seq: int) -> dict[str, Any]:
    msg: dict[str, Any] = {
        "message_id": 10_000 + seq,
        "date": int(time.time()),
        "chat": {"id": chat_id(user), "type": "private"},
        "from": {"id": chat_id(user), "is_bot": False, "first_name": "B"},
        "text": text,
    }
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"message": msg}


def press(user: int, data: str, message_id: int, seq: int) -> dict[str, Any]:
    return {
        "callback_query": {
            "id": f"b{seq}",
            "from": {"id": chat_id(user), "is_bot": False, "first_name": "B"},
            "chat_instance": str(chat_id(user)),
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id(user), "type": "private"},
                "from": {"id": 1, "is_bot": True, "first_name": "bot"},
                "text": "card",
            },
            "data": data,
        }
    }


class Sender:
    def __init__(self, fake: FakeBotAPI, webhook: str):
        self.fake = fake
        self.webhook = webhook
        self.seq = 0
        self.http = httpx.AsyncClient(headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})

    async def one(self, update: dict[str, Any], user: int) -> float:
        """Send one update; the seconds until the bot's answer to this chat reached the fake."""
        self.seq += 1
        start_index = len(self.fake.calls)
        started = time.monotonic()
        response = await self.http.post(self.webhook, json={"update_id": self.seq, **update})
        response.raise_for_status()
        target = chat_id(user)

        def answered(f: FakeBotAPI) -> bool:
            return any(_is_answer(c, target) for c in f.calls[start_index:])

        await asyncio.to_thread(self.fake.wait_for, answered, 10.0, f"answer to {target}")
        answer = next(c for c in self.fake.calls[start_index:] if _is_answer(c, target))
        return answer.at - started

    async def person(self, user: int, rounds: int) -> list[tuple[str, float]]:
        """A person's session: a card by deep link, its tabs, a search, help."""
        out: list[tuple[str, float]] = []
        svc, reg = short_key("preschool-queue"), short_key("almaty-oblast")
        for _ in range(rounds):
            deep_link = message(user, "/start preschool-queue", self.seq)
            out.append(("card", await self.one(deep_link, user)))
            card_id = self.fake.messages_to(chat_id(user))[-1].message_id
            for tab in ("d", "t", "w"):
                data = CardCb(service=svc, region=reg, tab=tab).pack()
                tab_press = press(user, data, card_id, self.seq)
                out.append((f"tab {tab}", await self.one(tab_press, user)))
            search = message(user, "балабакша кезеги", self.seq)
            out.append(("search", await self.one(search, user)))
            out.append(("help", await self.one(message(user, "/help", self.seq), user)))
        return out


def _is_answer(call: Any, target: int) -> bool:
    return _is_an_answer(call) and call.chat_id == target


def _is_an_answer(call: Any) -> bool:
    return call.method in ANSWERS and call.status == 200


def _percentile(ms: list[float], q: float) -> float:
    return ms[max(0, math.ceil(len(ms) * q) - 1)]


def report(name: str, timed: list[tuple[str, float]], wall: float) -> None:
    ms = sorted(s * 1000 for _, s in timed)
    print(
        f"{name}: {len(ms)} updates in {wall:.1f} s; latency median {statistics.median(ms):.1f} ms,"
        f" p95 {_percentile(ms, 0.95):.1f} ms, p99 {_percentile(ms, 0.99):.1f} ms,"
        f" max {ms[-1]:.1f} ms"
    )
    for kind in dict.fromkeys(k for k, _ in timed):
        kind_ms = sorted(s * 1000 for k, s in timed if k == kind)
        print(f"    {kind:8} median {statistics.median(kind_ms):6.1f} ms, "
              f"p95 {_percentile(kind_ms, 0.95):6.1f} ms")


async def measure(fake: FakeBotAPI, webhook: str, updates: int, concurrency: int) -> None:
    sender = Sender(fake, webhook)
    per_round = 6
    # Warm-up: the first requests build the search index and open connections.
    await sender.person(0, 2)
    rounds = max(1, math.ceil(updates / per_round))
    started = time.monotonic()
    sequential = await sender.person(1, rounds)
    report("one at a time", sequential, time.monotonic() - started)
    started = time.monotonic()
    per_person = max(1, rounds // concurrency)
    results = await asyncio.gather(
        *(sender.person(2 + i, per_person) for i in range(concurrency))
    )
    report(f"{concurrency} people at once", [s for r in results for s in r],
           time.monotonic() - started)
    await sender.http.aclose()


# --- bursts: many people at the same moment ----------------------------------------------------

BURST_SEARCH = {"ru": "очередь в детскй сад", "kk": "балабакша кезеги"}


def burst_message(chat: int, text: str, language: str, seq: int) -> dict[str, Any]:
    msg = message(0, text, seq)["message"]
    sender = {"id": chat, "is_bot": False, "first_name": "B", "language_code": language}
    return {"message": {**msg, "chat": {"id": chat, "type": "private"}, "from": sender}}


async def burst(
    fake: FakeBotAPI, http: httpx.AsyncClient, webhook: str, chats: list[int],
    text_of: dict[int, str], seq: int,
) -> list[float | None]:
    """Every chat sends its text at the same moment; seconds to each one's first answer
    (None: not answered within 60 s)."""
    start_index = len(fake.calls)
    started: dict[int, float] = {}

    async def send(n: int, chat: int) -> None:
        language = "ru" if chat % 2 else "kk"
        update = {"update_id": seq + n, **burst_message(chat, text_of[chat], language, seq + n)}
        started[chat] = time.monotonic()
        response = await http.post(webhook, json=update)
        response.raise_for_status()

    await asyncio.gather(*(send(n, chat) for n, chat in enumerate(chats)))
    waiting = set(chats)

    def all_answered(f: FakeBotAPI) -> bool:
        return waiting <= {c.chat_id for c in f.calls[start_index:] if _is_an_answer(c)}

    with contextlib.suppress(TimeoutError):
        await asyncio.to_thread(fake.wait_for, all_answered, 60.0, "every chat answered")
    first: dict[int, float] = {}
    for call in fake.calls[start_index:]:
        if call.chat_id in waiting and _is_an_answer(call):
            first.setdefault(call.chat_id, call.at)
    return [first[c] - started[c] if c in first else None for c in chats]


def _stats(seconds: list[float | None]) -> tuple[int, float, float, float]:
    """(answered, median, p95, max) in ms over the answered ones."""
    ms = sorted(x * 1000 for x in seconds if x is not None)
    if not ms:
        return 0, math.nan, math.nan, math.nan
    return len(ms), statistics.median(ms), _percentile(ms, 0.95), ms[-1]


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):7.1f} ms [{min(values):7.1f} – {max(values):7.1f}]"


async def measure_bursts(fake: FakeBotAPI, webhook: str, people: int, rounds: int) -> None:
    print(f"\n{people} people at the same moment, {rounds} rounds "
          "(first contact: /start, then a search once all are greeted)")
    per_kind: dict[str, list[tuple[int, float, float, float]]] = {"/start": [], "search": []}
    async with httpx.AsyncClient(
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        limits=httpx.Limits(max_connections=people, max_keepalive_connections=people),
    ) as http:
        for r in range(rounds):
            chats = [9_000_000 + r * 1000 + n for n in range(people)]
            starts = {c: "/start" for c in chats}
            searches = {c: BURST_SEARCH["ru" if c % 2 else "kk"] for c in chats}
            for kind, texts in (("/start", starts), ("search", searches)):
                seq = 1_000_000 + r * 10_000 + (0 if kind == "/start" else 5_000)
                stats = _stats(await burst(fake, http, webhook, chats, texts, seq))
                per_kind[kind].append(stats)
                answered, median, p95, worst = stats
                print(f"  round {r + 1} {kind:7} answered {answered}/{people}; "
                      f"median {median:6.1f} ms, p95 {p95:6.1f} ms, max {worst:6.1f} ms")
    for kind, rows in per_kind.items():
        answered = sum(a for a, *_ in rows)
        print(f"{kind:7} over {rounds} rounds: answered {answered}/{people * rounds}; "
              f"median {_spread([m for _, m, _, _ in rows])}, "
              f"p95 {_spread([p for _, _, p, _ in rows])}, "
              f"max {_spread([x for _, _, _, x in rows])}   (median [min – max] of rounds)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--people", type=int, default=USERS, help="people in each burst")
    parser.add_argument("--rounds", type=int, default=5, help="bursts (0: none)")
    parser.add_argument(
        "--serve", nargs=2, metavar=("DATABASE_URL", "PORT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as fake:
        database_url = f"sqlite:///{tmp}/bench.db"
        prepare(database_url)
        port = free_port()
        webhook = f"http://127.0.0.1:{port}/telegram/webhook"
        env = {
            **os.environ,
            "CITIZEN_TELEGRAM_TOKEN": TOKEN,
            "CITIZEN_TELEGRAM_API_URL": fake.base_url,
            "CITIZEN_TELEGRAM_WEBHOOK_URL": webhook,
            "CITIZEN_TELEGRAM_WEBHOOK_SECRET": SECRET,
        }
        child = subprocess.Popen(
            [sys.executable, __file__, "--serve", database_url, str(port)], env=env, cwd=tmp
        )
        try:
            deadline = time.monotonic() + 60
            while fake.webhook is None:  # registered by the bot on start
                if time.monotonic() > deadline or child.poll() is not None:
                    raise RuntimeError("the bot did not start")
                time.sleep(0.05)
            print(f"bot pid {child.pid}, webhook {webhook}, fake Bot API {fake.base_url} "
                  f"(no added latency); {os.cpu_count()} CPUs")
            if args.updates > 0:
                asyncio.run(measure(fake, webhook, args.updates, args.concurrency))
            if args.rounds > 0:
                asyncio.run(measure_bursts(fake, webhook, args.people, args.rounds))
        finally:
            child.terminate()
            child.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
