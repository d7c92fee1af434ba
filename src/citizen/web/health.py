"""Liveness and readiness endpoints for load balancers and orchestrators.

Ready means: the database answers, the catalogue is loaded, and the database accepts writes
(a read-only database — a replica, a full disk, a file without write permission — would let
every lookup, registration and status change fail while reads looked fine). The write is a
no-op update rolled back at once.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from citizen.catalogue import queries
from citizen.db import Database, DatabaseUnavailable


def _check(session: Session) -> str:
    """The catalogue version, once a write was accepted; raises on any database failure."""
    version = queries.catalogue_version(session)
    session.execute(text("UPDATE iin_key_state SET generation = generation WHERE id = 0"))
    session.rollback()
    return version


def _reason(exc: Exception) -> str:
    """The failure in one line for the balancer's log: the driver's words, not our 'try again'."""
    if isinstance(exc, DatabaseUnavailable):
        return exc.reason
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def health_routes(db: Database) -> list[Route]:
    async def live(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def ready(_: Request) -> JSONResponse:
        try:
            # Through the runner every door uses: bounded pool, bounded queue wait.
            version = await db.run(_check)
        except Exception as exc:  # any database failure means: do not send traffic here
            return JSONResponse(
                {"status": "unavailable", "reason": _reason(exc)[:200]}, 503,
                {"retry-after": "5"},
            )
        if not version:
            return JSONResponse({"status": "unavailable", "reason": "catalogue not loaded"}, 503)
        return JSONResponse({"status": "ok", "catalogueVersion": version})

    return [Route("/health/live", live), Route("/health/ready", ready)]
