"""JSON logs: one object per line with the structured fields and the ids of the work."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from citizen import logs


@pytest.fixture
def logger() -> Iterator[tuple[logging.Logger, io.StringIO, io.StringIO]]:
    as_json, as_text = io.StringIO(), io.StringIO()
    log = logging.getLogger("citizen.test-logs")
    log.propagate = False
    log.setLevel(logging.DEBUG)
    handlers = [logs.make_handler("json", as_json), logs.make_handler("text", as_text)]
    for handler in handlers:
        log.addHandler(handler)
    yield log, as_json, as_text
    for handler in handlers:
        log.removeHandler(handler)


def test_one_json_object_per_line_with_every_field(
    logger: tuple[logging.Logger, io.StringIO, io.StringIO],
) -> None:
    log, as_json, as_text = logger
    token = logs.request_id.set("req-1")
    try:
        log.info("sent %s", "a message", extra={"notification_id": 7, "chat_id": -1001234567890})
    finally:
        logs.request_id.reset(token)
    update = logs.update_id.set(99)
    try:
        try:
            raise ValueError("bad value 900101300007 here")
        except ValueError:
            log.exception("failed for %s", "900101 300007")
    finally:
        logs.update_id.reset(update)
    first, second = (json.loads(line) for line in as_json.getvalue().splitlines())
    assert first["message"] == "sent a message" and first["level"] == "INFO"
    assert first["logger"] == "citizen.test-logs" and first["time"].endswith("+00:00")
    assert (first["request_id"], first["notification_id"]) == ("req-1", 7)
    assert first["chat_id"] == -1001234567890  # an id field: never mistaken for an IIN
    assert "update_id" not in first
    assert second["update_id"] == 99 and "request_id" not in second
    assert second["message"] == f"failed for {logs.REDACTED}"
    assert "ValueError" in second["exception"] and "900101300007" not in second["exception"]
    text = as_text.getvalue()
    assert "INFO citizen.test-logs: sent a message [" in text and "request_id=req-1" in text
    assert "900101" not in text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("iin=900101300007", f"iin={logs.REDACTED}"),
        ("GET /graphql?query=%7Bapplication(iin%3A%22900101300007%22)%7D",
         f'GET /graphql?query={{application(iin:"{logs.REDACTED}")}}'),
        ("a+900101+300007+b", f"a {logs.REDACTED} b"),
        ("9001-0130-0007", logs.REDACTED),
        ("update 12345678901 at 2026-11-24 01:57:48", "update 12345678901 at 2026-11-24 01:57:48"),
        ("+7 700 111 22 33", "+7 700 111 22 33"),
    ],
)
def test_redaction(raw: str, clean: str) -> None:
    assert logs.redact(raw) == clean


def test_request_ids_from_a_proxy_must_be_safe() -> None:
    assert logs.accepted_request_id("edge-42.a") == "edge-42.a"
    for unsafe in ("x" * 65, "bad id", "a\nb", "", None):
        assert logs.accepted_request_id(unsafe) != unsafe
    generated = {logs.new_request_id() for _ in range(200)}
    assert len(generated) == 200 and all(logs.redact(g) == g for g in generated)
