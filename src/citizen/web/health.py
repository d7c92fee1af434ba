"""Liveness and readiness endpoints for load balancers and orchestrators."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from citizen.catalogue import queries


def health_routes(engine: Engine) -> list[Route]:
    async def live(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def ready(_: Request) -> JSONResponse:
        try:
            with Session(engine) as session:
                version = queries.catalogue_version(session)
        except Exception as exc:  # any database failure means: do not send traffic here
            return JSONResponse({"status": "unavailable", "reason": type(exc).__name__}, 503)
        if not version:
            return JSONResponse({"status": "unavailable", "reason": "catalogue not loaded"}, 503)
        return JSONResponse({"status": "ok", "catalogueVersion": version})

    return [Route("/health/live", live), Route("/health/ready", ready)]
