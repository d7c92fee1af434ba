"""One aiogram Router per concern; `all_routers()` gives them in the order they must be tried."""

from __future__ import annotations

from aiogram import Router


def all_routers() -> list[Router]:
    # Order matters: the tracking dialogue comes first (a command typed in the middle of it
    # ends it, then runs), and the catch-all search last (any other text is a search).
    from citizen.bot.routers import (
        browse,
        calculator,
        card,
        help,
        inline,
        membership,
        search,
        start,
        tracking,
    )

    modules = (membership, tracking, start, help, browse, card, calculator, inline, search)
    return [module.build_router() for module in modules]
