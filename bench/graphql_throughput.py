"""Throughput of service-card queries through /graphql against the stack's ceiling.

Three servers run side by side (separate processes, one worker each) on loopback:
  - Citizen with the shipped catalogue on a fresh SQLite file, response cache on;
  - Citizen on the same file with the response cache off (every request executed);
  - a plain Starlette endpoint that answers each request with the very bytes Citizen gave it,
    looked up in memory, served by uvicorn with its defaults (access log off): the ceiling of
    the stack (uvicorn + Starlette + the client).

Citizen runs exactly as deployed: the `citizen serve` command itself (CITIZEN_DATABASE_URL and
CITIZEN_RESPONSE_CACHE set for it), so what is measured includes what `serve` does and an app
built in-process would not: the collector frozen after start-up, Citizen's logging with one
access-log line per request (written to a file here), its uvicorn settings (the request-header
deadline, connection limit, no proxy headers).

Two request mixes:
  - "cached card": one Russian service card, again and again (what a cache makes of traffic);
  - "varied cards": every service x region x language card in turn (cache off: what
    uncached traffic costs; the ceiling answers the same mix).

Each round measures every (server, mix) pair once, in an order rotated from round to round so
that neither side always runs first on this shared 2-core machine; the ratios are taken within
a round and reported as median and range over the rounds. Two ratios per mix: requests per
second (what wrk saw), and CPU time per request of the server process (read from /proc), which
other jobs on a shared machine disturb far less than wall-clock throughput.

    .venv/bin/python bench/graphql_throughput.py [--rounds 5] [--seconds 5] [--connections 32]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
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
ONE = {"id": "preschool-queue", "region": "almaty-oblast"}
PORTS = {"citizen": 18431, "nocache": 18433, "ceiling": 18432}


def serve_ceiling(port: int, answers_file: str) -> None:
    """Child process: the ceiling, a plain Starlette endpoint on uvicorn."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    recorded = json.loads(Path(answers_file).read_text())
    answers = {(k["body"], k["lang"]): k["answer"].encode() for k in recorded}

    async def endpoint(request: Request) -> Response:
        body = (await request.body()).decode()
        answer = answers[(body, request.headers.get("accept-language", ""))]
        return Response(answer, media_type="application/json")

    app = Starlette(routes=[Route("/graphql", endpoint, methods=["POST"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def start(kind: str, db: str, answers_file: str, logs: Path) -> subprocess.Popen[bytes]:
    port = PORTS[kind]
    if kind == "ceiling":
        command = [sys.executable, str(HERE), "--serve", kind, "--port", str(port),
                   "--answers", answers_file]
        env = None
    else:  # what an operator runs
        command = [sys.executable, "-m", "citizen.cli", "serve", "--port", str(port)]
        env = os.environ | {
            "CITIZEN_DATABASE_URL": f"sqlite:///{db}",
            "CITIZEN_RESPONSE_CACHE": "false" if kind == "nocache" else "true",
        }
    log = logs / f"{kind}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=env, stderr=out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/health/live", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{kind} server did not start:\n{log.read_text()[-2000:]}")


def card_requests(port: int) -> list[tuple[str, str]]:
    """(body, language) of every service x region x language card of the loaded catalogue."""
    listing = httpx.post(
        f"http://127.0.0.1:{port}/graphql",
        json={"query": "{ services(first: 100) { ... on ServiceConnection { edges { node {"
              " id regions { id } } } } } }"},
    ).json()
    out = []
    for edge in listing["data"]["services"]["edges"]:
        for region in edge["node"]["regions"]:
            variables = {"id": edge["node"]["id"], "region": region["id"]}
            body = json.dumps({"query": CARD_QUERY, "variables": variables})
            out += [(body, "kk"), (body, "ru")]
    return out


def record(requests: list[tuple[str, str]], port: int) -> list[dict[str, str]]:
    recorded = []
    for body, lang in requests:
        answer = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            content=body,
            headers={"content-type": "application/json", "accept-language": lang},
        )
        answer.raise_for_status()
        assert "errors" not in answer.json(), answer.text
        recorded.append({"body": body, "lang": lang, "answer": answer.text})
    return recorded


def wrk_script(requests: list[tuple[str, str]], path: Path) -> None:
    bodies = ",\n".join(json.dumps(b) for b, _ in requests)
    langs = ", ".join(json.dumps(lang) for _, lang in requests)
    path.write_text(
        f"local bodies = {{{bodies}}}\n"
        f"local langs = {{{langs}}}\n"
        "local i = 0\n"
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        "request = function()\n"
        "  i = i % #bodies + 1\n"
        '  wrk.headers["Accept-Language"] = langs[i]\n'
        "  return wrk.format(nil, nil, nil, bodies[i])\n"
        "end\n"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (fields 14 and 15 of /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(server: subprocess.Popen[bytes], port: int, script: Path, seconds: int,
        connections: int) -> tuple[float, float]:
    """Requests per second, and the server's CPU milliseconds per request."""
    url = f"http://127.0.0.1:{port}/graphql"
    before = cpu_seconds(server.pid)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout
    used = cpu_seconds(server.pid) - before
    for line in out.splitlines():
        if line.startswith("Non-2xx"):
            raise RuntimeError(f"errors under load on port {port}: {line}")
        if line.startswith("Requests/sec:"):
            rps = float(line.split()[1])
            return rps, 1000 * used / (rps * seconds)
    raise RuntimeError(out)


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} (range {min(values):.3f}-{max(values):.3f})"


def measure(args: argparse.Namespace, tmp: Path) -> None:
    db, answers_file = str(tmp / "bench.db"), tmp / "answers.json"
    servers = {"citizen": start("citizen", db, str(answers_file), tmp)}
    try:
        varied = card_requests(PORTS["citizen"])
        one = [(json.dumps({"query": CARD_QUERY, "variables": ONE}), "ru")]
        answers_file.write_text(json.dumps(record(varied + one, PORTS["citizen"])))
        servers |= {
            kind: start(kind, db, str(answers_file), tmp) for kind in ("nocache", "ceiling")
        }
        scripts = {"cached card": tmp / "one.lua", "varied cards": tmp / "varied.lua"}
        wrk_script(one, scripts["cached card"])
        wrk_script(varied, scripts["varied cards"])
        pairs = [
            ("cached card", "citizen"), ("cached card", "ceiling"),
            ("varied cards", "nocache"), ("varied cards", "ceiling"),
        ]
        print(f"wrk, {args.connections} connections, {args.seconds} s per run, "
              f"{args.rounds} rounds; varied mix: {len(varied)} cards")
        ratios: dict[tuple[str, str], list[float]] = {}
        citizen_of = {"cached card": "citizen", "varied cards": "nocache"}
        for n in range(args.rounds):
            order = pairs[n % len(pairs):] + pairs[: n % len(pairs)]
            got = {
                (mix, kind): wrk(servers[kind], PORTS[kind], scripts[mix], args.seconds,
                                 args.connections)
                for mix, kind in order
            }
            for mix, kind in citizen_of.items():
                (rps, cpu), (ceiling_rps, ceiling_cpu) = got[(mix, kind)], got[(mix, "ceiling")]
                ratios.setdefault((mix, "req/s"), []).append(rps / ceiling_rps)
                ratios.setdefault((mix, "cpu"), []).append(ceiling_cpu / cpu)
            print(f"round {n + 1}: " + ", ".join(
                f"{mix}/{kind} {rps:.0f} req/s {cpu:.3f} cpu-ms/req"
                for (mix, kind), (rps, cpu) in got.items()))
        for (mix, measure), values in ratios.items():
            goal = 0.7 if mix == "cached card" else 0.05
            print(f"{mix:12s} citizen / ceiling by {measure:5s}: {summary(values)} "
                  f"(goal >= {goal})")
    finally:
        for proc in servers.values():
            proc.terminate()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--answers", default="")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--connections", type=int, default=32)
    args = ap.parse_args()
    if args.serve:
        serve_ceiling(args.port, args.answers)
        return
    if shutil.which("wrk") is None:
        sys.exit("install wrk (Debian package `wrk`): a Python client would cap both sides")
    tmp = Path(tempfile.mkdtemp(prefix="citizen-bench-"))
    try:
        measure(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
