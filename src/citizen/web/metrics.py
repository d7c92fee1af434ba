"""`/metrics` for Prometheus: counters of every process, and the outbox read at scrape time.

Meant for the monitoring network only: the proxy in front of the API does not pass it on
(docs/DEPLOY.md). The scrape runs in a thread; the outbox query waits at most a couple of
seconds, and a database that does not answer shows as `citizen_outbox_readable 0`.
"""

from __future__ import annotations

import asyncio

from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from citizen import metrics


def metrics_routes(engine: Engine) -> list[Route]:
    read_outbox = metrics.outbox_reader(engine)

    async def scrape(_: Request) -> Response:
        body = await asyncio.to_thread(metrics.render, read_outbox)
        return Response(body, media_type=metrics.CONTENT_TYPE)

    return [Route("/metrics", scrape)]
