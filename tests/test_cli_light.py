"""`citizen --help` and a mistyped argument answer without the database machinery (issue 8):
each command imports SQLAlchemy, pydantic, strawberry, numpy… itself, when it runs."""

from __future__ import annotations

import subprocess
import sys

from citizen.cli import build_parser

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "strawberry", "numpy", "aiogram")


def _run(*args: str) -> tuple[int, str, set[str]]:
    """Exit code, stderr and the top-level packages imported by `citizen ARGS`."""
    script = (
        "import sys\n"
        "from citizen.cli import main\n"
        "try:\n"
        f"    code = main({list(args)!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print('MODULES', ' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("MODULES "))
    return done.returncode, done.stderr, set(line.split()[1:])


def test_help_imports_no_database_machinery() -> None:
    code, _, modules = _run("--help")
    assert code == 0
    assert "citizen" in modules
    assert not modules & set(HEAVY), modules & set(HEAVY)


def test_a_mistyped_argument_is_one_line_without_the_database_machinery() -> None:
    code, err, modules = _run("catalogue", "stale", "--older-than", "six months")
    assert code == 2
    assert "expected a number of days like 180d, got 'six months'" in err
    assert not modules & set(HEAVY)


def test_the_light_parser_has_every_command() -> None:
    def commands(parser: object) -> dict[str, str | None]:
        action = next(a for a in parser._actions if a.dest == "command")  # type: ignore[attr-defined]
        return {c.dest: c.help for c in action._choices_actions}

    assert commands(build_parser(["--help"])) == commands(build_parser())


def test_commands_with_choices_still_check_them() -> None:
    code, err, _ = _run("application", "status", "N-1", "ready")
    assert code == 2
    assert "invalid choice: 'ready'" in err and "'result_ready'" in err
    code, err, _ = _run("tokens", "create", "son", "--role", "admin")
    assert code == 2
    assert "invalid choice: 'admin'" in err and "'provider'" in err
