"""Long polling for development: `citizen bot`. No public URL needed, one process only.

This is the bot's own composition root: one engine, one catalogue snapshot kept fresh in the
background, one `Database` runner, as `citizen serve` has them.
"""

from __future__ import annotations

import asyncio
import logging

from citizen.bootstrap import prepare_database
from citizen.bot.app import ALLOWED_UPDATES, build_bot, build_dispatcher
from citizen.bot.routers.help import set_commands
from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database
from citizen.settings import Settings

log = logging.getLogger(__name__)


async def run_polling(
    settings: Settings, handle_signals: bool = True, polling_timeout: int = 10
) -> None:
    """Poll the Bot API for updates until interrupted (Ctrl+C or SIGTERM) or cancelled."""
    engine = await asyncio.to_thread(prepare_database, settings)
    catalogue = LiveCatalogue(engine, settings.catalogue_refresh_interval)
    db = Database(engine, settings.db_concurrency, settings.db_pool_timeout)
    bot = build_bot(settings)
    refresher: asyncio.Task[None] | None = None
    try:
        await catalogue.refresh()  # built before the first update, never inside one
        refresher = asyncio.create_task(catalogue.keep_fresh())
        dp = build_dispatcher(settings, catalogue, db)
        # A registered webhook and getUpdates exclude each other: polling takes over.
        await bot.delete_webhook(drop_pending_updates=False)
        await set_commands(bot, settings.default_locale)
        log.info("Telegram bot polling %s", settings.telegram_api_url)
        await dp.start_polling(
            bot,
            allowed_updates=ALLOWED_UPDATES,
            handle_signals=handle_signals,
            polling_timeout=polling_timeout,
            # At most this many updates at once; polling pauses (the rest wait at Telegram).
            tasks_concurrency_limit=settings.bot_concurrency,
        )
    finally:
        if refresher is not None:
            refresher.cancel()
            await asyncio.gather(refresher, return_exceptions=True)
        await bot.session.close()
        db.close()
        engine.dispose()
