"""Start-up stays light: the API without a bot token never imports aiogram nor the notifier's
HTTP client (httpx), a restart on a current schema never imports Alembic, and the migration
head read from the files is Alembic's."""

from __future__ import annotations

import subprocess
import sys

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from citizen.db import MIGRATIONS, head_revision, stored_revision


def test_the_head_read_from_the_files_is_alembics() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_a_migrated_database_is_at_the_head(engine: Engine) -> None:
    assert stored_revision(engine) == head_revision()


def _imports_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_an_api_without_a_bot_token_never_imports_aiogram_httpx_nor_alembic(
    loaded_engine: Engine,
) -> None:
    url = loaded_engine.url.render_as_string(hide_password=False)
    modules = _imports_after(
        "from citizen.bootstrap import prepare_database\n"
        "from citizen.settings import Settings\n"
        "from citizen.web.app import create_app\n"
        f"settings = Settings(database_url={url!r}, telegram_token=None)\n"
        "create_app(settings, prepare_database(settings))"
    )
    assert "citizen.web.app" in modules
    assert not {m for m in modules if m.split(".")[0] in ("aiogram", "alembic", "httpx")}
