"""The open-data export carries every regional regulation exactly as the reviewed files say.

The content tests (test_content_seed_*.py) pin the data files to the seeds; this test pins the
database round trip, so that together they show the export matches the seeds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from citizen.catalogue.datafile import Duration, Text
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.reading import read_catalogue


def text(t: Text | None) -> dict[str, str] | None:
    return {"kk": t.kk, "ru": t.ru} if t else None


def duration(d: Duration | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"value": int(d.value) if d.value.is_integer() else d.value, "unit": d.unit.value}


def test_every_regulation_round_trips(loaded_engine: Engine) -> None:
    doc = export_catalogue(snapshot_of(loaded_engine))
    exported = {r["id"]: r for svc in doc["services"] for r in svc["regulations"]}
    data = read_catalogue()
    assert len(exported) == sum(len(s.regulations) for s in data.services) == 12
    for svc in data.services:
        for reg in svc.regulations:
            got = exported[f"{svc.id}/{reg.region}"]
            assert got["act"] == reg.act
            assert got["provider"] == text(reg.provider)
            assert got["forms"] == [f.value for f in reg.forms]
            assert got["channels"] == [
                {
                    "channel": c.channel.value,
                    "accepts_applications": c.accepts_applications,
                    "issues_results": c.issues_results,
                }
                for c in reg.channels
            ]
            assert [(st["position"], st["duration"], st["actor"]) for st in got["steps"]] == [
                (i + 1, duration(st.duration), text(st.actor)) for i, st in enumerate(reg.steps)
            ]
            assert [t["duration"] for t in got["terms"]] == [
                duration(t.duration) for t in reg.terms
            ]
            assert got["max_waiting"] == duration(reg.max_waiting)


def test_acts_keep_their_legal_status(loaded_engine: Engine) -> None:
    doc = export_catalogue(snapshot_of(loaded_engine))
    acts = {a["id"]: a for a in doc["legal_acts"]}
    data_acts = {a.id: a for a in read_catalogue().acts}
    for act in data_acts.values():
        got = acts[act.id]
        assert (got["status"], got["number"], got["registry_number"]) == (
            act.status,
            act.number,
            act.registry_number,
        )
        repealing = data_acts[act.repeal.by] if act.repeal else None
        assert got["repealed_by"] == text(repealing.citation if repealing else None)
        lost = act.repeal.lost_force_on if act.repeal else None
        assert got["repealed_on"] == (lost.isoformat() if lost else None)
    # Every regional regulation cites an act whose status is shown (all seeds are repealed).
    for svc in doc["services"]:
        for reg in svc["regulations"]:
            assert acts[reg["act"]]["status"] in {"repealed", "in_force", "unknown"}


def test_every_service_says_something_about_documents(loaded_engine: Engine) -> None:
    doc = export_catalogue(snapshot_of(loaded_engine))
    for svc in doc["services"]:
        assert svc["documents"], svc["id"]
        for dl in svc["documents"]:
            assert dl["statement"]["kk"] and dl["statement"]["ru"]
            assert dl["knowledge"] == "unknown" or dl["items"]
