"""A fake Telegram Bot API server over real HTTP, for tests and benchmarks.

It listens on 127.0.0.1 on a free port, in a thread of its own (with its own event loop), so
that synchronous tests, asyncio tests and separate worker processes can all talk to it. Point
the code under test at `fake.base_url` (`settings.telegram_api_url`, or aiogram's
`TelegramAPIServer.from_base(fake.base_url)`).

What it does, like Telegram:
  - `/bot<token>/<method>` with parameters as query string, form, multipart or JSON;
  - answers `{"ok": true, "result": ...}` or `{"ok": false, "error_code", "description",
    "parameters": {"retry_after"}}`;
  - sendMessage, sendVenue, sendLocation, sendPhoto, sendDocument, sendChatAction,
    editMessageText, editMessageReplyMarkup, deleteMessage, answerCallbackQuery,
    answerInlineQuery, setMyCommands/getMyCommands/deleteMyCommands, getMe, getUpdates (long
    polling from a queue the test fills), setWebhook/deleteWebhook/getWebhookInfo, and the
    bot-profile setters; unknown methods get 404 as from Telegram;
  - optional enforcement of Telegram's limits (a global rate and one message per second per
    chat), answering 429 with `retry_after` when exceeded.

What the test controls:
  - `latency`: seconds added to every call;
  - faults: `inject(Fault.too_many_requests(2), chat_id=..., times=1)`, `Fault.server_error()`,
    `Fault.timeout(delay)`, `Fault.forbidden()`, `Fault.bad_request(...)`, or random faults
    with a seed (`random_faults`); `block_chat(chat_id)` answers 403 to every send to it;
  - waits: `wait_for_message(chat_id, n)` returns the n-th message delivered to a chat.

Usage:
    with FakeBotAPI(latency=0.05) as fake:
        ...
        first = fake.wait_for_message(chat_id=42, n=1)
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Citizen Test Bot",
    "username": "citizen_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}

# Methods that deliver a message to a chat: counted for limits and recorded as messages.
SEND_METHODS = frozenset(
    {"sendMessage", "sendVenue", "sendLocation", "sendPhoto", "sendDocument", "sendContact"}
)
# Parameters that Telegram takes as JSON-serialised objects inside form fields.
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "results",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "button",
        "menu_button",
    }
)


@dataclass(frozen=True)
class Fault:
    """One injected failure of one call."""

    kind: str  # "http" | "timeout"
    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    delay: float = 0.0  # timeout: how long the server stays silent before answering
    deliver: bool = False  # timeout: the message is delivered although the client gave up

    @classmethod
    def too_many_requests(cls, retry_after: int = 1) -> Fault:
        return cls(
            "http", 429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
        )

    @classmethod
    def server_error(cls, status: int = 502, description: str = "Bad Gateway") -> Fault:
        return cls("http", status, description)

    @classmethod
    def forbidden(cls, description: str = "Forbidden: bot was blocked by the user") -> Fault:
        return cls("http", 403, description)

    @classmethod
    def bad_request(cls, description: str = "Bad Request: chat not found") -> Fault:
        return cls("http", 400, description)

    @classmethod
    def timeout(cls, delay: float = 30.0, deliver: bool = False) -> Fault:
        return cls("timeout", delay=delay, deliver=deliver)


@dataclass
class _Rule:
    fault: Fault
    method: str | None
    chat_id: int | None
    times: int | None  # None: forever


@dataclass
class Call:
    """Every request the server received, with how it was answered."""

    token: str
    method: str
    params: dict[str, Any]
    chat_id: int | None
    at: float  # time.monotonic() on arrival
    status: int = 200
    fault: Fault | None = None


@dataclass
class SentMessage:
    """A message the fake accepted (the result of a successful send call)."""

    method: str
    chat_id: int
    message_id: int
    params: dict[str, Any]
    at: float  # time.monotonic() when accepted
    edits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str | None:
        value = self.params.get("text", self.params.get("caption"))
        return None if value is None else str(value)


class FakeBotAPI:
    def __init__(
        self,
        *,
        latency: float = 0.0,
        token: str | None = None,
        enforce_limits: bool = False,
        global_rate: float = 30.0,
        chat_interval: float = 1.0,
    ):
        self.latency = latency
        self.token = token  # when set, other tokens get 401 like a revoked token
        self.enforce_limits = enforce_limits
        self.global_rate = global_rate
        self.chat_interval = chat_interval
        self._lock = threading.Condition()
        self._rules: list[_Rule] = []
        self._random: tuple[float, list[Fault], random.Random] | None = None
        self._blocked: dict[int, str] = {}
        self.calls: list[Call] = []
        self.messages: list[SentMessage] = []
        self._by_chat: dict[int, list[SentMessage]] = defaultdict(list)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._recent: deque[float] = deque()
        self._last_to_chat: dict[int, float] = {}
        self.limit_violations = 0
        self.webhook: dict[str, Any] | None = None
        # (update_id, HTTP status of the webhook's answer; 0 when it could not be reached)
        self.webhook_deliveries: list[tuple[int, int]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: list[dict[str, Any]] = []
        self.profile: dict[str, dict[str, Any]] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._update_signal: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- lifecycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeBotAPI:
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve())
            except BaseException as exc:  # reported to start() below
                failure.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="fake-bot-api", daemon=True)
        self._thread.start()
        ready.wait(10)
        if failure:
            raise failure[0]
        return self

    async def _serve(self) -> None:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self._update_signal = asyncio.Event()

    async def _shutdown(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._thread = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- test controls ---------------------------------------------------------------------

    def inject(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        chat_id: int | None = None,
        times: int | None = 1,
    ) -> None:
        """Answer the next `times` matching calls (None: all) with `fault`, in the order added."""
        with self._lock:
            self._rules.append(_Rule(fault, method, chat_id, times))

    def random_faults(self, probability: float, faults: Iterable[Fault], seed: int = 0) -> None:
        """Answer each send call with one of `faults` with `probability` (reproducible)."""
        with self._lock:
            self._random = (probability, list(faults), random.Random(seed))

    def clear_faults(self) -> None:
        with self._lock:
            self._rules.clear()
            self._random = None

    def block_chat(
        self, chat_id: int, description: str = "Forbidden: bot was blocked by the user"
    ) -> None:
        with self._lock:
            self._blocked[chat_id] = description

    def unblock_chat(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.pop(chat_id, None)

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; its `update_id` is assigned here and returned.

        While a webhook is set, the update is POSTed to it instead, like Telegram does, with
        the secret token in `X-Telegram-Bot-Api-Secret-Token`; see `webhook_deliveries`.
        """
        with self._lock:
            update_id = next(self._update_ids)
            hook = dict(self.webhook) if self.webhook is not None else None
            if hook is None:
                self._updates.append({**update, "update_id": update_id})
        if hook is not None and self._loop is not None:
            payload = {**update, "update_id": update_id}
            asyncio.run_coroutine_threadsafe(self._post_to_webhook(hook, payload), self._loop)
        elif self._loop is not None and self._update_signal is not None:
            self._loop.call_soon_threadsafe(self._update_signal.set)
        return update_id

    async def _post_to_webhook(self, hook: dict[str, Any], update: dict[str, Any]) -> None:
        headers = {}
        if hook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(hook["secret_token"])
        try:
            async with (
                aiohttp.ClientSession() as client,
                client.post(str(hook["url"]), json=update, headers=headers) as resp,
            ):
                status = resp.status
        except aiohttp.ClientError:
            status = 0
        with self._lock:
            self.webhook_deliveries.append((int(update["update_id"]), status))
            self._lock.notify_all()

    def push_message(
        self, chat_id: int, text: str, *, language_code: str = "kk", first_name: str = "Test"
    ) -> int:
        """Queue a private text message from user `chat_id` (e.g. "/start")."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": first_name},
            "from": _user(chat_id, first_name, language_code),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.push_update({"message": message})

    def push_callback_query(
        self,
        chat_id: int,
        data: str,
        *,
        message_id: int | None = None,
        language_code: str = "kk",
    ) -> int:
        """Queue a button press on a message the bot sent (the last one to the chat by default)."""
        with self._lock:
            sent = self._by_chat.get(chat_id) or []
            target = next((m for m in sent if m.message_id == message_id), None) or (
                sent[-1] if sent else None
            )
        msg_id = target.message_id if target else (message_id or 1)
        message = {
            "message_id": msg_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            "text": (target.text if target else None) or "",
        }
        query = {
            "id": f"cq{chat_id}-{time.monotonic_ns()}",
            "from": _user(chat_id, "Test", language_code),
            "chat_instance": str(chat_id),
            "message": message,
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def push_inline_query(self, user_id: int, query: str, *, language_code: str = "kk") -> int:
        inline = {
            "id": f"iq{user_id}-{time.monotonic_ns()}",
            "from": _user(user_id, "Test", language_code),
            "query": query,
            "offset": "",
        }
        return self.push_update({"inline_query": inline})

    # ---- observation -----------------------------------------------------------------------

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        with self._lock:
            return list(self._by_chat.get(chat_id, []))

    def chats(self) -> set[int]:
        with self._lock:
            return set(self._by_chat)

    def wait_for(
        self, predicate: Callable[[FakeBotAPI], bool], timeout: float = 10.0, what: str = ""
    ) -> None:
        """Block until `predicate(self)` holds (checked after each call); fail after timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"fake Bot API: gave up waiting for {what or predicate}")
                self._lock.wait(left)

    def wait_for_message(self, chat_id: int, n: int = 1, timeout: float = 10.0) -> SentMessage:
        """The n-th (1-based) message delivered to `chat_id`, waiting for it if needed."""
        self.wait_for(
            lambda f: len(f._by_chat.get(chat_id, [])) >= n,
            timeout,
            f"message #{n} to chat {chat_id} (got {len(self._by_chat.get(chat_id, []))})",
        )
        with self._lock:
            return self._by_chat[chat_id][n - 1]

    async def wait_for_message_async(
        self, chat_id: int, n: int = 1, timeout: float = 10.0
    ) -> SentMessage:
        return await asyncio.to_thread(self.wait_for_message, chat_id, n, timeout)

    def wait_for_total(self, count: int, timeout: float = 30.0) -> None:
        self.wait_for(lambda f: len(f.messages) >= count, timeout, f"{count} messages in all")

    # ---- HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = await _params(request)
        chat_id = _int_or_none(params.get("chat_id"))
        call = Call(token, method, params, chat_id, time.monotonic())
        with self._lock:
            self.calls.append(call)
            fault = self._fault_for(method, chat_id)
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.token is not None and token != self.token:
            return self._error(call, Fault("http", 401, "Unauthorized"))
        if fault is not None and fault.kind == "timeout":
            if fault.deliver and method in SEND_METHODS and chat_id is not None:
                self._record_send(method, chat_id, params)
            await asyncio.sleep(fault.delay)
            return self._error(call, Fault.server_error(504, "Gateway Timeout"))
        if fault is not None:
            return self._error(call, fault)
        handler = self._handlers().get(method)
        if handler is None:
            return self._error(call, Fault("http", 404, "Not Found: method not found"))
        if method == "getUpdates":
            return await self._get_updates(call)
        try:
            result = handler(params, chat_id)
        except _ApiError as exc:
            return self._error(call, exc.fault)
        return _ok(result)

    def _fault_for(self, method: str, chat_id: int | None) -> Fault | None:
        # Called with the lock held.
        if method in SEND_METHODS and chat_id is not None and chat_id in self._blocked:
            return Fault.forbidden(self._blocked[chat_id])
        for rule in self._rules:
            if (rule.method in (None, method)) and (rule.chat_id in (None, chat_id)):
                if rule.method is None and method not in SEND_METHODS and rule.chat_id is None:
                    continue  # untargeted faults hit sends only, not getMe/getUpdates
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                return rule.fault
        if self._random is not None and method in SEND_METHODS:
            probability, faults, rng = self._random
            if rng.random() < probability:
                return rng.choice(faults)
        if self.enforce_limits and method in SEND_METHODS and chat_id is not None:
            return self._limit_fault(chat_id)
        return None

    def _limit_fault(self, chat_id: int) -> Fault | None:
        now = time.monotonic()
        while self._recent and now - self._recent[0] > 1.0:
            self._recent.popleft()
        last = self._last_to_chat.get(chat_id)
        # A little slack: Telegram measures on its side, after network jitter.
        if last is not None and now - last < self.chat_interval * 0.9:
            self.limit_violations += 1
            return Fault.too_many_requests(1)
        if len(self._recent) >= self.global_rate * 1.1:
            self.limit_violations += 1
            return Fault.too_many_requests(1)
        self._recent.append(now)
        self._last_to_chat[chat_id] = now
        return None

    def _error(self, call: Call, fault: Fault) -> web.Response:
        call.status, call.fault = fault.status, fault
        with self._lock:
            self._lock.notify_all()
        body: dict[str, Any] = {
            "ok": False,
            "error_code": fault.status,
            "description": fault.description,
        }
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        return web.json_response(body, status=fault.status)

    # ---- methods ---------------------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[dict[str, Any], int | None], Any]]:
        sends = {m: self._send(m) for m in SEND_METHODS}
        return {
            **sends,
            "getMe": lambda p, c: BOT_USER,
            "getUpdates": lambda p, c: [],  # answered by _get_updates (long polling)
            "sendChatAction": lambda p, c: True,
            "editMessageText": self._edit,
            "editMessageReplyMarkup": self._edit,
            "deleteMessage": self._delete,
            "answerCallbackQuery": self._record_into(self.callback_answers),
            "answerInlineQuery": self._record_into(self.inline_answers),
            "setMyCommands": self._set_commands,
            "getMyCommands": self._get_commands,
            "deleteMyCommands": self._delete_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._webhook_info,
            "setMyDescription": self._profile("description"),
            "setMyShortDescription": self._profile("short_description"),
            "setMyName": self._profile("name"),
            "setChatMenuButton": self._profile("menu_button"),
            "logOut": lambda p, c: True,
            "close": lambda p, c: True,
        }

    def _send(self, method: str) -> Callable[[dict[str, Any], int | None], Any]:
        def handler(params: dict[str, Any], chat_id: int | None) -> Any:
            if chat_id is None:
                raise _ApiError(Fault.bad_request("Bad Request: chat_id is empty"))
            if method == "sendMessage" and not str(params.get("text", "")).strip():
                raise _ApiError(Fault.bad_request("Bad Request: message text is empty"))
            if method == "sendMessage" and len(str(params["text"])) > 4096:
                raise _ApiError(Fault.bad_request("Bad Request: message is too long"))
            return self._message_json(self._record_send(method, chat_id, params))

        return handler

    def _record_send(self, method: str, chat_id: int, params: dict[str, Any]) -> SentMessage:
        with self._lock:
            sent = SentMessage(
                method, chat_id, next(self._message_ids[chat_id]), params, time.monotonic()
            )
            self.messages.append(sent)
            self._by_chat[chat_id].append(sent)
            self._lock.notify_all()
        return sent

    def _message_json(self, sent: SentMessage) -> dict[str, Any]:
        p = sent.params
        out: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": {"id": sent.chat_id, "type": "private" if sent.chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if sent.method == "sendMessage":
            out["text"] = p.get("text")
        elif sent.method in ("sendVenue", "sendLocation"):
            location = {"latitude": float(p["latitude"]), "longitude": float(p["longitude"])}
            out["location"] = location
            if sent.method == "sendVenue":
                out["venue"] = {
                    "location": location,
                    "title": p.get("title"),
                    "address": p.get("address"),
                }
        if "reply_markup" in p and isinstance(p["reply_markup"], dict):
            out["reply_markup"] = p["reply_markup"]
        return out

    def _find(self, params: dict[str, Any], chat_id: int | None) -> SentMessage:
        message_id = _int_or_none(params.get("message_id"))
        with self._lock:
            for sent in self._by_chat.get(chat_id or 0, []):
                if sent.message_id == message_id:
                    return sent
        raise _ApiError(Fault.bad_request("Bad Request: message to edit not found"))

    def _edit(self, params: dict[str, Any], chat_id: int | None) -> Any:
        if params.get("inline_message_id"):
            return True
        sent = self._find(params, chat_id)
        with self._lock:
            sent.edits.append(params)
            if "text" in params:
                sent.params = {**sent.params, "text": params["text"]}
            if "reply_markup" in params:
                sent.params = {**sent.params, "reply_markup": params["reply_markup"]}
            self._lock.notify_all()
        return self._message_json(sent)

    def _delete(self, params: dict[str, Any], chat_id: int | None) -> Any:
        sent = self._find(params, chat_id)
        with self._lock:
            sent.params = {**sent.params, "deleted": True}
        return True

    def _record_into(self, target: list[dict[str, Any]]) -> Callable[..., Any]:
        def handler(params: dict[str, Any], chat_id: int | None) -> Any:
            with self._lock:
                target.append(params)
                self._lock.notify_all()
            return True

        return handler

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> str:
        scope = params.get("scope") or {"type": "default"}
        return f"{json.dumps(scope, sort_keys=True)}|{params.get('language_code') or ''}"

    def _set_commands(self, params: dict[str, Any], chat_id: int | None) -> Any:
        with self._lock:
            self.commands[self._commands_key(params)] = list(params.get("commands") or [])
        return True

    def _get_commands(self, params: dict[str, Any], chat_id: int | None) -> Any:
        with self._lock:
            return self.commands.get(self._commands_key(params), [])

    def _delete_commands(self, params: dict[str, Any], chat_id: int | None) -> Any:
        with self._lock:
            self.commands.pop(self._commands_key(params), None)
        return True

    def commands_for(self, language_code: str = "", scope: dict[str, Any] | None = None) -> Any:
        key = self._commands_key({"scope": scope, "language_code": language_code})
        with self._lock:
            return self.commands.get(key)

    def _set_webhook(self, params: dict[str, Any], chat_id: int | None) -> Any:
        if not str(params.get("url", "")).strip():
            return self._delete_webhook(params, chat_id)
        with self._lock:
            self.webhook = dict(params)
            if params.get("drop_pending_updates") in (True, "true", "True"):
                self._updates.clear()
        return True

    def _delete_webhook(self, params: dict[str, Any], chat_id: int | None) -> Any:
        with self._lock:
            self.webhook = None
            if params.get("drop_pending_updates") in (True, "true", "True"):
                self._updates.clear()
        return True

    def _webhook_info(self, params: dict[str, Any], chat_id: int | None) -> Any:
        with self._lock:
            url = (self.webhook or {}).get("url", "")
            return {
                "url": url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    def _profile(self, name: str) -> Callable[..., Any]:
        def handler(params: dict[str, Any], chat_id: int | None) -> Any:
            with self._lock:
                self.profile[name] = params
            return True

        return handler

    async def _get_updates(self, call: Call) -> web.Response:
        with self._lock:
            if self.webhook is not None:
                conflict = Fault(
                    "http",
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
                return self._error(call, conflict)
        offset = _int_or_none(call.params.get("offset")) or 0
        limit = _int_or_none(call.params.get("limit")) or 100
        timeout = float(call.params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                # An offset confirms every update before it: Telegram forgets them.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = self._updates[:limit]
            left = deadline - time.monotonic()
            if ready or left <= 0:
                return _ok(ready)
            assert self._update_signal is not None
            self._update_signal.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_signal.wait(), min(left, 0.5))


class _ApiError(Exception):
    def __init__(self, fault: Fault):
        super().__init__(fault.description)
        self.fault = fault


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _user(user_id: int, first_name: str, language_code: str) -> dict[str, Any]:
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        "language_code": language_code,
    }


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


async def _params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        else:  # form-urlencoded or multipart, as aiogram sends
            form = await request.post()
            for key, value in form.items():
                params[key] = value if isinstance(value, str) else getattr(value, "filename", "")
    for key in JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            with contextlib.suppress(ValueError):  # not JSON: keep the text as sent
                params[key] = json.loads(params[key])
    return params
