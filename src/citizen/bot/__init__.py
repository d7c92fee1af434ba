"""The Telegram bot (adapter): aiogram routers over the catalogue and applications core.

The web app mounts `webhook_routes(settings)` and calls `start_bot(app.state)` /
`stop_bot(app.state)`; `citizen bot` runs long polling (`polling.run_polling`). Either way the
bot reads the catalogue from a `LiveCatalogue` snapshot and does its database work through a
`Database` runner, both made by the composition root.
"""

from citizen.bot.webhook import BotRuntime, start_bot, stop_bot, webhook_routes

__all__ = ["BotRuntime", "start_bot", "stop_bot", "webhook_routes"]
