"""A console on a live server for tests: tokens, a followed application, and its citizen's IIN."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from citizen.applications import change_status, subscribe_chat
from citizen.applications.audit import OperatorAudit
from citizen.applications.tokens import create_token
from citizen.db import session_scope
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import add_test_office, catalogue_for, register, valid_iin
from tests.support.live_server import live_server

BOT_USERNAME = "citizen_kz_bot"
CHAT = 515151


@dataclass(frozen=True)
class LiveConsole:
    base: str
    engine: Engine
    operator_token: str
    provider_token: str
    number: str  # a receipt number whose applicant's IIN is `iin`
    iin: str
    application_id: int

    def url(self, path: str) -> str:
        return self.base + path

    def audit_rows(self) -> list[OperatorAudit]:
        with Session(self.engine) as session:
            stmt = select(OperatorAudit).order_by(col(OperatorAudit.id))
            return list(session.exec(stmt).all())


def console_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_username": BOT_USERNAME,
        "console_secret": SecretStr("test-console-secret"),
        "notifier_enabled": False,
        **overrides,
    }
    return Settings(**values)


def followed_application(engine: Engine) -> tuple[str, int]:
    """An application in progress at step 2 with a pickup office, followed by one chat."""
    office = add_test_office(engine)
    with session_scope(engine) as session:
        app = register(session, 1, office_id=office)
        number, app_id = app.number, app.id
    with session_scope(engine) as session:
        assert subscribe_chat(session, CHAT, number, valid_iin(1)).found
    with session_scope(engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=2)
    assert app_id is not None
    return number, app_id


@contextmanager
def live_console(engine: Engine, **settings: Any) -> Iterator[LiveConsole]:
    with session_scope(engine) as session:
        operator = create_token(session, "operator-aigerim", "operator").secret
        provider = create_token(session, "provider-akimat", "provider", regions=["*"]).secret
    number, app_id = followed_application(engine)
    with live_server(create_app(console_settings(**settings), engine)) as base:
        yield LiveConsole(base, engine, operator, provider, number, valid_iin(1), app_id)
