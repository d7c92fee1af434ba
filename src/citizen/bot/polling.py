"""Long polling for development: `citizen bot`. No public URL needed, one process only."""

from __future__ import annotations

import logging

from citizen.bootstrap import prepare_database
from citizen.bot.app import ALLOWED_UPDATES, build_bot, build_dispatcher
from citizen.bot.routers.help import set_commands
from citizen.settings import Settings

log = logging.getLogger(__name__)


async def run_polling(
    settings: Settings, handle_signals: bool = True, polling_timeout: int = 10
) -> None:
    """Poll the Bot API for updates until interrupted (Ctrl+C or SIGTERM) or cancelled."""
    engine = prepare_database(settings)
    bot = build_bot(settings)
    dp = build_dispatcher(engine, settings)
    try:
        # A registered webhook and getUpdates exclude each other: polling takes over.
        await bot.delete_webhook(drop_pending_updates=False)
        await set_commands(bot, settings.default_locale)
        log.info("Telegram bot polling %s", settings.telegram_api_url)
        await dp.start_polling(
            bot,
            allowed_updates=ALLOWED_UPDATES,
            handle_signals=handle_signals,
            polling_timeout=polling_timeout,
        )
    finally:
        await bot.session.close()
        engine.dispose()
