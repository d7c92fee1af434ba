"""The deployment's topology as processes on this machine, for tests and the soak benchmark.

The same parts as `compose.yaml`: a migration job that runs first, API processes (`citizen
serve`, the bot in webhook mode, no notifier inside) and notifier workers (`citizen notifier`),
all on one PostgreSQL database and one (fake) Telegram Bot API. Every process gets the same
environment, as the containers do, and writes its log to a file of its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.support.live_server import free_port

TOKEN = "424242:topology-bot"
WEBHOOK_SECRET = "topology-webhook-secret"
IIN_KEY = "topology-iin-key"


@dataclass
class Topology:
    database_url: str
    bot_api_url: str
    logs: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    webhook_port: int = field(default_factory=free_port)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)

    def env(self, **more: str) -> dict[str, str]:
        return {**os.environ, **self.settings(), **more}

    def settings(self) -> dict[str, str]:
        """The `CITIZEN_` settings every process gets (compose.yaml gives the services these)."""
        return {
            "CITIZEN_DATABASE_URL": self.database_url,
            "CITIZEN_TELEGRAM_TOKEN": TOKEN,
            "CITIZEN_TELEGRAM_API_URL": self.bot_api_url,
            # The public URL Telegram posts to: here the first API process stands in for the
            # proxy in front of all of them.
            "CITIZEN_TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{self.webhook_port}/telegram/webhook",
            "CITIZEN_TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "CITIZEN_IIN_HASH_KEY": IIN_KEY,
            "CITIZEN_MIGRATE_ON_START": "false",
            "CITIZEN_BOT_STORAGE": "database",
            **self.extra_env,
        }

    def run(self, *args: str, stdin: str | None = None, timeout: float = 120) -> str:
        """A one-off `citizen` command (the migration job, tokens); its standard output."""
        done = subprocess.run(
            [sys.executable, "-m", "citizen.cli", *args], env=self.env(), input=stdin,
            capture_output=True, text=True, timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"citizen {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def start(self, name: str, *args: str, **env: str) -> subprocess.Popen[bytes]:
        with (self.logs / f"{name}.log").open("ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "citizen.cli", *args], env=self.env(**env),
                stdout=out, stderr=subprocess.STDOUT,
            )
        self.procs[name] = proc
        return proc

    def start_api(self, name: str, port: int | None = None, wait: bool = True) -> str:
        port = port or self.ports.get(name) or (
            self.webhook_port if not self.ports else free_port()
        )
        self.ports[name] = port
        # The notifier runs in its own processes here, as in compose.yaml.
        self.start(name, "serve", "--port", str(port), CITIZEN_NOTIFIER_ENABLED="false")
        base = f"http://127.0.0.1:{port}"
        if wait:
            self.wait_ready(name, base)
        return base

    def start_notifier(self, name: str, **env: str) -> None:
        self.start(name, "notifier", **env)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def wait_ready(self, name: str, base: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.procs[name].poll() is not None:
                raise RuntimeError(f"{name} exited: {self.log(name)}")
            try:
                if httpx.get(f"{base}/health/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{name} not ready after {timeout} s: {self.log(name)}")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs.pop(name)
        proc.send_signal(sig)
        proc.wait(30)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for name, proc in list(self.procs.items()):
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            del self.procs[name]

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def graphql(self, name: str, query: str, bearer: str | None = None, **variables: Any) -> Any:
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        r = httpx.post(f"{self.url(name)}/graphql", json={"query": query, "variables": variables},
                       headers=headers, timeout=30)
        body = r.json()
        if r.status_code != 200 or "errors" in body:
            raise RuntimeError(f"GraphQL on {name}: {r.status_code} {body}")
        return body["data"]

    def provider_token(self, name: str = "topology-provider") -> str:
        out = self.run("tokens", "create", name, "--role", "provider", "--all-regions")
        return out.strip().splitlines()[-1]


REGISTER = """mutation($iin: String!, $number: String!) { registerApplication(
  service: "adoption-candidate-registration", region: "karaganda-oblast",
  channel: PROVIDER_OFFICE, iin: $iin, number: $number) {
  __typename ... on Application { number } ... on ApplicationRejected { code message } } }"""
LINK = """mutation($number: String!) { createSubscriptionLink(number: $number) {
  __typename ... on SubscriptionLink { code url } ... on ApplicationRejected { code } } }"""
CHANGE = """mutation($number: String!, $step: Int) { changeApplicationStatus(number: $number,
  status: IN_PROGRESS, stepPosition: $step) {
  __typename ... on Application { statusLabel } ... on ApplicationRejected { code message } } }"""
