"""Logging for every process: JSON lines (or text), ids from context, and no IIN ever.

`configure_logging(settings)` is called once by `citizen serve`, `bot` and `notifier`. Every
handler it installs carries `RedactIIN`, so a 12-digit number is masked whoever logs it
(uvicorn's access log, strawberry's error log with its source line, aiogram, our code), and
`ContextIds`, which stamps each record with the request id and the Telegram update id of the
work it belongs to (set through `request_id` / `update_id`, context variables that follow
asyncio tasks). Fields passed with `extra=` become keys of the JSON object.
"""

from __future__ import annotations

import base64
import contextvars
import datetime as dt
import json
import logging
import os
import re
import sys
from typing import Any
from urllib.parse import unquote_plus

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
update_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("update_id", default=None)

# Twelve or more digits, alone or split by single spaces or dashes as people type an IIN. A
# longer run is masked whole: an IIN inside it (after "%22" in a URL, say) is still hidden.
_IIN_SHAPED = re.compile(r"(?<!\d)\d(?:[ \t\u00a0-]?\d){11,}(?!\d)")
REDACTED = "[redacted]"
# A request id we accept from a trusted proxy: short, and safe to put in a log or a header.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

# Structured ids our code logs: numbers from the database or Telegram, never an IIN (a group
# chat's id has 13 digits and must stay readable).
_ID_FIELDS = {"request_id", "update_id", "notification_id", "chat_id", "application_id"}
# The attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",  # uvicorn's copy of the message with terminal colours
}


def has_iin_shape(text: str) -> bool:
    """Whether `text` holds a number an IIN could be, as people type one (what `redact` masks)."""
    return _IIN_SHAPED.search(text) is not None


def redact(text: str) -> str:
    """`text` with every IIN-shaped run of digits replaced, percent-encoded ones included."""
    if "%" in text or "+" in text:
        decoded = unquote_plus(text)
        if decoded != text and _IIN_SHAPED.search(decoded):
            return _IIN_SHAPED.sub(REDACTED, decoded)
    return _IIN_SHAPED.sub(REDACTED, text)


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) >= 12:
        return REDACTED
    if isinstance(value, list | tuple):
        return type(value)(_redact_value(v) for v in value)
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    return value


class RedactIIN(logging.Filter):
    """Masks IIN-shaped numbers in the message, its arguments, the traceback and extra fields.

    On a handler, not a logger: a handler's filters see records propagated from every logger.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key in set(vars(record)) - _STANDARD - _ID_FIELDS:
            setattr(record, key, _redact_value(getattr(record, key)))
        return True


class ContextIds(logging.Filter):
    """Stamps the current request id and update id on each record (unless given with extra=)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, var in (("request_id", request_id), ("update_id", update_id)):
            if getattr(record, name, None) is None:
                value = var.get()
                if value is not None:
                    setattr(record, name, value)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, then every structured field."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and value is not None:
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`LEVEL logger: message [request_id=… update_id=…]`, for a developer's terminal."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        extras = [
            f"{key}={value}"
            for key, value in vars(record).items()
            if key not in _STANDARD and value is not None
        ]
        if not extras:
            return text
        first, newline, rest = text.partition("\n")
        return f"{first} [{' '.join(extras)}]{newline}{rest}"


def make_handler(log_format: str, stream: Any = None) -> logging.Handler:
    """A stream handler with the formatter for `log_format` ("json" or "text") and both filters."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(ContextIds())
    handler.addFilter(RedactIIN())
    handler.citizen = True  # type: ignore[attr-defined]  # found by installed_handlers
    return handler


def installed_handlers() -> list[logging.StreamHandler[Any]]:
    """The root logger's handlers made by `make_handler`."""
    return [
        handler
        for handler in logging.getLogger().handlers
        if getattr(handler, "citizen", False) and isinstance(handler, logging.StreamHandler)
    ]


# Loggers that libraries give handlers of their own; they must go through ours instead.
_LIBRARY_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "aiogram", "strawberry")


def configure_logging(log_format: str, level: int = logging.INFO) -> None:
    """Send every logger's records to one handler on the root logger (idempotent)."""
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(make_handler(log_format))
    root.setLevel(level)
    adopt_library_loggers()
    logging.getLogger("alembic").setLevel(logging.WARNING)


def adopt_library_loggers() -> None:
    """Send uvicorn's, aiogram's and strawberry's records to the root logger's handlers."""
    for name in _LIBRARY_LOGGERS:
        lib = logging.getLogger(name)
        lib.handlers.clear()
        lib.propagate = True
        lib.disabled = False
        lib.setLevel(logging.NOTSET)  # the root's level decides


_ID_BYTES = 12  # 16 characters; a multiple of 3, so ids drawn together split evenly
_IDS_PER_DRAW = 256
_drawn_ids: list[str] = []
# A forked child must not hand out the ids its parent has drawn already.
os.register_at_fork(after_in_child=_drawn_ids.clear)


def new_request_id() -> str:
    # URL-safe base64: unlike hex, practically never twelve digits in a row (which would be
    # masked as IIN-shaped wherever the id is quoted in a message). Drawn from the OS's
    # random source 256 at a time: a system call for each was ~1 us of every request.
    try:
        return _drawn_ids.pop()  # atomic: threads never get the same id
    except IndexError:
        text = base64.urlsafe_b64encode(os.urandom(_ID_BYTES * _IDS_PER_DRAW)).decode()
        width = _ID_BYTES * 4 // 3
        _drawn_ids[:] = [text[i : i + width] for i in range(0, len(text), width)]
        return _drawn_ids.pop()


def accepted_request_id(given: str | None) -> str:
    """The id a trusted proxy sent when it is safe to log, else a new one."""
    if given and _SAFE_ID.fullmatch(given):
        return given
    return new_request_id()
