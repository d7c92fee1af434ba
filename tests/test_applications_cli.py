"""`citizen tokens` and `citizen application`: the commands behind demos and scripts."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.applications import get_application, subscribe_chat
from citizen.applications.tokens import verify_token
from citizen.cli import main
from citizen.db import session_scope
from citizen.settings import get_settings
from tests.support.applications import REGION, SERVICE, valid_iin


@pytest.fixture
def cli_db(
    monkeypatch: pytest.MonkeyPatch, database_url: str, loaded_engine: Engine
) -> Iterator[Engine]:
    monkeypatch.setenv("CITIZEN_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield loaded_engine
    get_settings.cache_clear()


def test_tokens_are_created_listed_and_revoked(
    cli_db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tokens", "create", "son-karaganda", "--role", "provider"]) == 2
    assert "names its regions" in capsys.readouterr().err  # a provider's scope is required
    args = ["tokens", "create", "son-karaganda", "--role", "provider", "--region", REGION]
    assert main([*args, "--service", SERVICE]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    with session_scope(cli_db) as session:
        assert verify_token(session, secret) is not None
    assert main(["tokens", "create", "son-karaganda", "--role", "operator"]) == 2
    assert "exists" in capsys.readouterr().err
    assert main(["tokens", "list"]) == 0
    listing = capsys.readouterr().out
    assert "son-karaganda\tprovider" in listing and secret not in listing
    assert f"regions={REGION} services={SERVICE} grants=-" in listing
    assert main(["tokens", "create", "elsewhere", "--role", "provider", "--region", "mars"]) == 2
    assert "unknown region" in capsys.readouterr().err
    assert main(["tokens", "revoke", "son-karaganda"]) == 0
    assert main(["tokens", "revoke", "son-karaganda"]) == 1
    with session_scope(cli_db) as session:
        assert verify_token(session, secret) is None


def test_register_change_and_show_an_application(
    cli_db: Engine, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(valid_iin(1) + "\n"))  # not on the command line
    args = ["application", "register", "--service", SERVICE, "--region", REGION]
    assert main([*args, "--channel", "provider_office", "--number", "KAR-1"]) == 0
    assert "registered KAR-1" in capsys.readouterr().out
    with session_scope(cli_db) as session:
        assert subscribe_chat(session, 77, "KAR-1", valid_iin(1)).found
    assert main(["application", "status", "KAR-1", "in_progress", "--step", "2"]) == 0
    assert "(step 2); 1 notification(s) queued" in capsys.readouterr().out  # the step typed
    assert main(["application", "status", "KAR-1", "in_progress", "--step", "1"]) == 2
    err = capsys.readouterr().err
    assert "Рәсімдер тек алға жүреді" in err  # the default language is Kazakh
    assert main(["application", "status", "KAR-1", "refused", "--lang", "ru"]) == 2
    assert "укажите его причину" in capsys.readouterr().err
    assert main(["application", "show", "KAR-1"]) == 0
    shown = capsys.readouterr().out
    assert "Қаралуда, step 2" in shown and "subscribed chats: 1" in shown
    assert valid_iin(1) not in shown
    with Session(cli_db) as session:
        assert get_application(session, "KAR-1").step_number == 2


def test_register_reports_bad_input_in_the_chosen_language(
    cli_db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["application", "register", "--service", SERVICE, "--region", "mars"]
    code = main([*args, "--channel", "portal", "--iin", valid_iin(1), "--lang", "ru"])
    assert code == 2
    assert "в регионе «mars» нет регламента" in capsys.readouterr().err
    assert main(["application", "show", "NOPE", "--lang", "ru"]) == 2
    assert "NOPE не найдено" in capsys.readouterr().err


def test_a_retried_command_with_an_idempotency_key_changes_nothing_again(
    cli_db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["application", "register", "--service", SERVICE, "--region", REGION,
            "--channel", "provider_office", "--iin", valid_iin(1), "--idempotency-key", "r-1"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first  # the same application, registered once
    number = first.split()[1].rstrip(":")
    with session_scope(cli_db) as session:
        assert subscribe_chat(session, 78, number, valid_iin(1)).found
    change = ["application", "status", number, "in_progress", "--step", "1",
              "--idempotency-key", "s-1"]
    assert main(change) == 0
    assert "1 notification(s) queued" in capsys.readouterr().out
    assert main(change) == 0
    assert "nothing queued again" in capsys.readouterr().out
    other = [*args[:-4], "--iin", valid_iin(2), "--idempotency-key", "r-1", "--lang", "ru"]
    assert main(other) == 2
    assert "Ключ идемпотентности «r-1» уже использован" in capsys.readouterr().err
