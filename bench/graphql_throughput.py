"""Throughput of a full service-card query through /graphql against the stack's ceiling.

One run starts two servers (separate processes, uvicorn, one worker each) on loopback:
  - the Citizen app with the shipped catalogue on a fresh SQLite file, and
  - a plain Starlette endpoint that returns the very same JSON bytes from memory;
then loads each with the same client and prints requests per second and the ratio.

The client is `wrk` when installed (Debian package `wrk`), else a Python asyncio client
(slower: its own overhead then caps both sides, which the output says).

    .venv/bin/python bench/graphql_throughput.py [--seconds 10] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve()
CARD_QUERY = """
query Card($id: ID!, $region: ID!) {
  service(id: $id) { ... on Service {
    id name nameRu: name(locale: RU) cost { kind label } standard { number statusLabel }
    documents { knowledge statement items { name kind channels } }
    regulation(region: $region) { ... on Regulation {
      title provider result act { number date statusLabel repealedOn }
      channels { channel label acceptsApplications issuesResults }
      steps { position actor action duration { value unit text } result }
      totalTerm { basis text explanation } maxWaiting { text }
      offices { name address openingHours example exampleNote }
      notes { text }
    } }
  } }
}
"""
VARIABLES = {"id": "preschool-queue", "region": "almaty-oblast"}


def serve(kind: str, port: int, db: str, body_file: str) -> None:
    """Child process: run one of the two servers."""
    import uvicorn

    if kind == "ceiling":
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import Response
        from starlette.routing import Route

        body = Path(body_file).read_bytes()

        async def endpoint(request: Request) -> Response:
            await request.body()
            return Response(body, media_type="application/json")

        app = Starlette(routes=[Route("/graphql", endpoint, methods=["POST"])])
    else:
        from citizen.bootstrap import prepare_database
        from citizen.settings import Settings
        from citizen.web.app import create_app

        settings = Settings(database_url=f"sqlite:///{db}", response_cache=kind != "nocache")
        app = create_app(settings, prepare_database(settings))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def start(kind: str, port: int, db: str, body_file: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable,
            str(HERE),
            "--serve",
            kind,
            "--port",
            str(port),
            "--db",
            db,
            "--body",
            body_file,
        ],
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"})
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{kind} server did not start")


def wrk(url: str, payload: bytes, seconds: int, connections: int) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            'wrk.headers["Accept-Language"] = "ru"\n'
            f"wrk.body = {json.dumps(payload.decode())}\n"
        )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", lua.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(lua.name)
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(out)


async def python_client(url: str, payload: bytes, seconds: int, connections: int) -> float:
    headers = {"content-type": "application/json", "accept-language": "ru"}
    done = 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(limits=limits) as client:

        async def worker() -> None:
            nonlocal done
            while time.monotonic() < stop:
                r = await client.post(url, content=payload, headers=headers)
                r.raise_for_status()
                done += 1

        await asyncio.gather(*(worker() for _ in range(connections)))
    return done / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--db", default="")
    ap.add_argument("--body", default="")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.db, args.body)
        return
    tmp = Path(tempfile.mkdtemp(prefix="citizen-bench-"))
    db, body_file = str(tmp / "bench.db"), str(tmp / "body.json")
    payload = json.dumps({"query": CARD_QUERY, "variables": VARIABLES}).encode()
    app = start("citizen", 18431, db, body_file)
    try:
        url = "http://127.0.0.1:18431/graphql"
        first = httpx.post(
            url,
            content=payload,
            headers={"content-type": "application/json", "accept-language": "ru"},
        )
        first.raise_for_status()
        assert "errors" not in first.json(), first.text
        Path(body_file).write_bytes(first.content)
        ceiling = start("ceiling", 18432, db, body_file)
        nocache = start("nocache", 18433, db, body_file)
        try:
            use_wrk = shutil.which("wrk") is not None
            client = "wrk" if use_wrk else "python asyncio client (install wrk for a truer ceiling)"
            print(f"client: {client}; {args.connections} connections, {args.seconds} s each")
            print(f"response: {len(first.content)} bytes (service card, Russian)")
            results = {}
            servers = (
                ("citizen /graphql", 18431),
                ("plain starlette", 18432),
                ("citizen, no cache", 18433),
            )
            for name, port in servers:
                target = f"http://127.0.0.1:{port}/graphql"
                if use_wrk:
                    rps = wrk(target, payload, args.seconds, args.connections)
                else:
                    rps = asyncio.run(
                        python_client(target, payload, args.seconds, args.connections)
                    )
                results[name] = rps
                print(f"{name:18s} {rps:10.0f} req/s")
            ratio = results["citizen /graphql"] / results["plain starlette"]
            print(f"ratio to ceiling: {ratio:.2f} (goal >= 0.70)")
            bare = results["citizen, no cache"] / results["plain starlette"]
            print(f"ratio with the response cache off (every request executed): {bare:.2f}")
        finally:
            ceiling.terminate()
            nocache.terminate()
    finally:
        app.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
