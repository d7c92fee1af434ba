"""Building the bot: aiogram `Bot` on the configured Bot API server, and the Dispatcher.

`CITIZEN_TELEGRAM_API_URL` points the bot at Telegram, at a local Bot API server, or at the
fake one the tests start. The dialogue state (the search queries behind page arrows, the
remembered region, the subscription dialogue) lives where `CITIZEN_BOT_STORAGE` says
(`bot/storage.py`): by default in the database, so it survives restarts and is shared by every
webhook process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from collections.abc import Callable
from typing import Any

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import ErrorEvent, LinkPreviewOptions

from citizen.bot.middlewares import LocaleMiddleware, SnapshotMiddleware, suggested_locale
from citizen.bot.routers import all_routers
from citizen.bot.storage import make_storage
from citizen.bot.texts import Texts
from citizen.bot.updates import update_id_in_logs
from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.live import LiveCatalogue
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database, DatabaseUnavailable
from citizen.settings import Settings

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

# The updates the bot handles; Telegram sends only these once the webhook or polling asks so.
ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "my_chat_member"]


def kz_now() -> dt.datetime:
    return dt.datetime.now(KZ_TZ)


def build_bot(settings: Settings) -> Bot:
    if settings.telegram_token is None:
        raise ValueError("CITIZEN_TELEGRAM_TOKEN is not set")
    api = TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/"))
    return Bot(
        token=settings.telegram_token.get_secret_value(),
        session=AiohttpSession(api=api),
        default=DefaultBotProperties(
            parse_mode=ParseMode.HTML, link_preview=LinkPreviewOptions(is_disabled=True)
        ),
    )


def build_dispatcher(
    settings: Settings,
    catalogue: LiveCatalogue,
    db: Database,
    clock: Clock = kz_now,
    storage: BaseStorage | None = None,
) -> Dispatcher:
    """The dispatcher with every router, the per-update middlewares and the error handler.

    Handlers read the catalogue from the snapshot (`catalogue`) and do database work through
    `db` (`await db.run(...)`): nothing in an update touches the database on the event loop.
    """
    dp = Dispatcher(storage=storage or make_storage(settings, db), clock=clock)
    dp.update.outer_middleware(update_id_in_logs)  # first: every later log line carries the id
    dp["db"] = db
    dp.update.outer_middleware(SnapshotMiddleware(catalogue))
    dp.update.outer_middleware(LocaleMiddleware(settings.default_locale, db))
    # Groups are not this bot's place: in a group every message would look like a search.
    dp.message.filter(F.chat.type == "private")
    for router in all_routers():
        dp.include_router(router)
    dp.errors.register(_on_error)
    return dp


async def _on_error(event: ErrorEvent, bot: Bot, **data: Any) -> bool:
    """Log the failure and tell the person plainly, in their language, that it did not work.

    A busy or unreachable database is not a bug: the person is asked to try again in a moment.
    """
    busy = isinstance(event.exception, DatabaseUnavailable)
    if busy:
        log.warning("bot update %s: database unavailable (%s)", event.update.update_id,
                    getattr(event.exception, "reason", ""))
    else:
        log.error("bot update %s failed", event.update.update_id, exc_info=event.exception)
    message_id = "bot-try-again" if busy else "bot-error"
    update = event.update
    user = update.message.from_user if update.message else (
        update.callback_query.from_user if update.callback_query else None
    )
    if user is None:
        return True
    t = data.get("t")
    if not isinstance(t, Texts):
        t = Texts(suggested_locale(user, Locale.KK.value))
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(t.plain(message_id), show_alert=True)
        else:
            await bot.send_message(user.id, t(message_id))
    except Exception:  # the error report must not fail the update a second time
        log.warning("could not tell chat %s about the failure", user.id)
    return True


def webhook_secret(settings: Settings) -> str:
    """The secret Telegram sends back in `X-Telegram-Bot-Api-Secret-Token`.

    The configured one, or one derived from the bot token, so that every process of the
    server agrees on it without more configuration (the token is secret already).
    """
    if settings.telegram_webhook_secret is not None:
        return settings.telegram_webhook_secret.get_secret_value()
    token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
    return hmac.new(token.encode(), b"citizen-webhook", hashlib.sha256).hexdigest()
