"""A short soak run (tests/support/soak.py): faults, a worker killed, an API process restarted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.soak import SoakConfig, run_soak


def test_nothing_is_lost_under_faults_a_kill_and_a_restart(
    database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several processes share PostgreSQL; SQLite runs as one process")
    config = SoakConfig(applications=30, changes=2, rate=40, chat_interval=0.2, timeout=120)
    report = run_soak(config, database_url, tmp_path)
    assert report.lost == 0, report.lines()
    assert report.duplicates <= report.in_flight_at_kill, report.lines()
    assert report.blocked_sends_after_403 == 0, report.lines()
    assert report.dialogue_continued, report.lines()
    assert report.faults, "the faults did hit"
