"""Sending and editing messages the same way everywhere (HTML, no link previews)."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message


async def show(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None, edit: bool = False
) -> None:
    """Edit `message` in place (a button press) or send a new message to its chat."""
    if edit:
        try:
            await message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as exc:
            # Pressing the button of the part already shown changes nothing: not an error.
            if "not modified" in exc.message:
                return
            raise
    await message.answer(text, reply_markup=markup)


def message_of(callback: CallbackQuery) -> Message | None:
    """The message a button belongs to; None for inline-mode messages or very old ones."""
    msg = callback.message
    if msg is None or isinstance(msg, InaccessibleMessage):
        return None
    return msg


async def acknowledge(callback: CallbackQuery) -> None:
    """Stop the button's spinner (a coroutine, so it can run alongside the answer)."""
    await callback.answer()
