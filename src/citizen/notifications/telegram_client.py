"""A small asynchronous Telegram Bot API client (httpx) that classifies failures for retries.

Only what delivery needs: sendMessage, sendVenue, getMe. The base URL is configurable
(`settings.telegram_api_url`) so that a local Bot API server or a test fake can stand in.
"""

from __future__ import annotations

from typing import Any

import httpx


class TelegramError(Exception):
    """A call that did not succeed; subclasses say what a sender should do about it."""


class RetryAfter(TelegramError):
    """429: flood control; wait `retry_after` seconds before sending again."""

    def __init__(self, retry_after: float, description: str):
        super().__init__(description)
        self.retry_after = retry_after


class Forbidden(TelegramError):
    """403: the user blocked the bot, or the account is deactivated; never retry."""


class BadRequest(TelegramError):
    """400 and other client errors: this message can never be sent as it is."""


class TransientError(TelegramError):
    """5xx, network errors, timeouts, malformed answers: worth retrying later."""


class TelegramClient:
    def __init__(
        self,
        token: str,
        base_url: str = "https://api.telegram.org",
        timeout: float = 15.0,
        max_connections: int = 100,
    ):
        self._url = f"{base_url.rstrip('/')}/bot{token}/"
        # The bot's id, the token's public part: what the send budget is kept under.
        self.bot_key = token.split(":", 1)[0]
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=50)
        self._http = httpx.AsyncClient(timeout=timeout, limits=limits)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def call(self, method: str, **params: Any) -> Any:
        """The `result` of a Bot API method; raises a `TelegramError` subclass on failure."""
        body = {k: v for k, v in params.items() if v is not None}
        try:
            response = await self._http.post(self._url + method, json=body)
        except httpx.TransportError as exc:  # connect errors, timeouts, broken connections
            raise TransientError(f"{method}: {type(exc).__name__}") from exc
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code == 200 and isinstance(data, dict) and data.get("ok"):
            return data.get("result")
        raise _classify(method, response.status_code, data if isinstance(data, dict) else {})

    async def send_message(self, chat_id: int, text: str, **params: Any) -> dict[str, Any]:
        result: dict[str, Any] = await self.call(
            "sendMessage", chat_id=chat_id, text=text, **params
        )
        return result

    async def send_venue(
        self, chat_id: int, latitude: float, longitude: float, title: str, address: str
    ) -> dict[str, Any]:
        result: dict[str, Any] = await self.call(
            "sendVenue",
            chat_id=chat_id,
            latitude=latitude,
            longitude=longitude,
            title=title,
            address=address,
        )
        return result

    async def get_me(self) -> dict[str, Any]:
        result: dict[str, Any] = await self.call("getMe")
        return result


def _classify(method: str, status: int, data: dict[str, Any]) -> TelegramError:
    description = f"{method}: {status} {data.get('description') or ''}".strip()
    if status == 429:
        retry_after = (data.get("parameters") or {}).get("retry_after")
        return RetryAfter(float(retry_after) if retry_after else 1.0, description)
    if status == 403:
        return Forbidden(description)
    if 400 <= status < 500 and status not in (401, 404, 408, 409):
        return BadRequest(description)
    # 5xx, and 401/404 (a wrong token or URL: the configuration, not this message, is wrong).
    return TransientError(description)


_usernames: dict[str, str] = {}


async def bot_username(token: str, base_url: str, timeout: float = 5.0) -> str | None:
    """The bot's @username from getMe (asked once per process), or None if it cannot be asked."""
    if token in _usernames:
        return _usernames[token]
    client = TelegramClient(token, base_url, timeout=timeout)
    try:
        me = await client.get_me()
    except TelegramError:
        return None
    finally:
        await client.aclose()
    username = me.get("username") if isinstance(me, dict) else None
    if not isinstance(username, str) or not username:
        return None
    _usernames[token] = username
    return username
