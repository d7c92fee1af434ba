"""Request bodies as JSON objects, refused with a clear 400 whatever is wrong with them.

Used by the GraphQL endpoint and the Telegram webhook: a body nested 20,000 levels deep, an
integer of 5,000 digits, bad UTF-8 or a lone surrogate ("\\udc80") would otherwise surface as
a 500 from deep inside a parser, a resolver or the database driver.
"""

from __future__ import annotations

import json
from typing import Any

MAX_JSON_NESTING = 64  # a GraphQL request is a few levels deep, a Telegram update a few more


class RequestError(Exception):
    """The request is wrong: answered with `status` and a message that says what to change."""

    def __init__(self, status: int, message: str, code: str):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


def parse_json_object(body: bytes, what: str = "JSON body") -> dict[str, Any]:
    """The body as a JSON object; a `RequestError` (400) saying what is wrong otherwise."""
    openers = body.count(b"[") + body.count(b"{")
    if openers > MAX_JSON_NESTING and _nesting(body) > MAX_JSON_NESTING:
        raise RequestError(400, f"the {what} is nested too deeply", "BAD_REQUEST")
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, bad UTF-8, huge integers
        raise RequestError(400, f"malformed {what}: {exc}"[:300], "BAD_REQUEST") from None
    if not isinstance(payload, dict):
        raise RequestError(400, f"the {what} must be an object", "BAD_REQUEST")
    try:  # "\udc80" is valid JSON but no text: refuse it here, not deep inside a resolver
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise RequestError(
            400, f"the {what} has a lone surrogate (\\ud800-\\udfff)", "BAD_REQUEST"
        ) from None
    return payload


def _nesting(body: bytes) -> int:
    """The deepest nesting of arrays and objects, counted without parsing (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


