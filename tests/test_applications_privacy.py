"""The IIN never reaches a log: not ours, not the SQL log with its bound parameters."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from citizen.applications import find_application, register_application, subscribe_chat
from citizen.applications.registry import ApplicationError
from citizen.catalogue.loading import load_catalogue
from citizen.db import make_engine, migrate, session_scope
from tests.support.applications import REGION, SERVICE, catalogue_for, valid_iin


def test_no_log_line_carries_the_iin(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    iin, wrong = valid_iin(5), valid_iin(6)
    mistyped = iin[:-1] + str((int(iin[-1]) + 1) % 10)  # the check digit no longer matches
    engine = make_engine(f"sqlite:///{tmp_path / 'privacy.db'}")
    migrate(engine)
    load_catalogue(engine)
    engine.dispose()  # new connections below pick up the SQL logging
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # statements and parameters
    try:
        with session_scope(engine) as session:
            app = register_application(
                session, catalogue_for(session), service_id=SERVICE, region_id=REGION,
                channel="portal", iin=iin,
            )
        with session_scope(engine) as session:
            find_application(session, app.number, wrong, "ip:192.0.2.1")
            subscribe_chat(session, 5, app.number, iin)
        with pytest.raises(ApplicationError), session_scope(engine) as session:
            register_application(
                session, catalogue_for(session), service_id=SERVICE, region_id=REGION,
                channel="portal", iin=mistyped,
            )
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert "SELECT" in caplog.text and "INSERT INTO application" in caplog.text  # SQL was logged
    for secret in (iin, wrong, mistyped):
        assert secret not in caplog.text
