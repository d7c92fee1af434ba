"""Liveness and readiness endpoints for load balancers and orchestrators.

Ready means: the database answers, the catalogue is loaded, and the database accepts writes
(a read-only database — a replica, a full disk, a file without write permission — would let
every lookup, registration and status change fail while reads looked fine). The write is a
no-op update rolled back at once.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from citizen.catalogue import queries


def _check(engine: Engine) -> str:
    """The catalogue version, once a write was accepted; raises on any database failure."""
    with Session(engine) as session:
        version = queries.catalogue_version(session)
        session.execute(text("UPDATE iin_key_state SET generation = generation WHERE id = 0"))
        session.rollback()
    return version


def health_routes(engine: Engine) -> list[Route]:
    async def live(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def ready(_: Request) -> JSONResponse:
        try:
            version = await asyncio.to_thread(_check, engine)
        except Exception as exc:  # any database failure means: do not send traffic here
            reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            return JSONResponse(
                {"status": "unavailable", "reason": reason[:200]}, 503, {"retry-after": "5"}
            )
        if not version:
            return JSONResponse({"status": "unavailable", "reason": "catalogue not loaded"}, 503)
        return JSONResponse({"status": "ok", "catalogueVersion": version})

    return [Route("/health/live", live), Route("/health/ready", ready)]
