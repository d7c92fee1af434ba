"""Fitting text and lists into Telegram's limits: 4096 characters a message, a few buttons a row.

Lengths are counted in UTF-16 code units of the HTML source: Telegram counts the parsed text
in those units, and the source is never shorter than the text it parses to, so a piece that
fits here fits there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

MESSAGE_LIMIT = 4096
# Room kept for the "part 1 of 3" line that a paged section adds.
PART_RESERVE = 64

T = TypeVar("T")
_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MESSAGE_LIMIT - PART_RESERVE) -> list[str]:
    """Cut HTML text into pieces of at most `limit`, at blank lines, then lines, then spaces.

    Tags left open at a cut are closed at the end of the piece and opened again at the start of
    the next one, so that every piece is valid HTML for Telegram on its own.
    """
    pieces: list[str] = []
    current = ""
    for token in _tokens(text, limit):
        candidate = current + token
        if current and utf16_len(_balanced(candidate)[0]) > limit:
            pieces.append(current)
            current = token
        else:
            current = candidate
    if current.strip() or not pieces:
        pieces.append(current)
    return _rebalance([p.strip("\n") for p in pieces])


def _tokens(text: str, limit: int) -> list[str]:
    """Paragraphs, or lines of an over-long paragraph, or words of an over-long line."""
    out: list[str] = []
    for para in re.split(r"(?<=\n\n)", text):
        if utf16_len(para) <= limit // 2:
            out.append(para)
            continue
        for line in re.split(r"(?<=\n)", para):
            if utf16_len(line) <= limit // 2:
                out.append(line)
            else:
                out += re.split(r"(?<= )", line)
    return out


def _open_tags(text: str) -> list[str]:
    stack: list[str] = []
    for m in _TAG.finditer(text):
        if m.group(1):
            if stack and stack[-1] == m.group(2):
                stack.pop()
        else:
            stack.append(m.group(2))
    return stack


def _balanced(text: str) -> tuple[str, list[str]]:
    open_tags = _open_tags(text)
    return text + "".join(f"</{tag}>" for tag in reversed(open_tags)), open_tags


def _rebalance(pieces: list[str]) -> list[str]:
    out: list[str] = []
    carried: list[str] = []
    for piece in pieces:
        piece = "".join(f"<{tag}>" for tag in carried) + piece
        closed, carried = _balanced(piece)
        out.append(closed)
    return out


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    number: int  # 0-based, clamped into range
    count: int
    first_index: int  # index of items[0] in the whole list

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.number + 1 < self.count


def page_of(items: Sequence[T], number: int, size: int) -> Page[T]:
    count = max(1, -(-len(items) // size))
    number = min(max(number, 0), count - 1)
    start = number * size
    return Page(items[start : start + size], number, count, start)
