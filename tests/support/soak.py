"""The soak run: the deployed topology under Bot API faults, a worker killed, an API restarted.

Two `citizen serve` (the bot in webhook mode) and two `citizen notifier` on PostgreSQL; many
applications change status through both API processes while the fake Bot API answers some sends
with 429 (retry_after), 5xx or silence past the client's timeout, and one chat has blocked the
bot. Mid-run one worker is killed with SIGKILL (and started again, as an orchestrator would),
and the API process that receives the webhook is restarted while a person is in the middle of
the subscription dialogue. `bench/soak.py` runs it big; `tests/test_ops_soak.py` small.
"""

from __future__ import annotations

import itertools
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from citizen.applications import subscribe_chat
from citizen.catalogue.vocabulary import Locale
from citizen.db import make_engine, session_scope
from citizen.i18n import translator
from citizen.notifications import outbox
from citizen.notifications.chats import set_chat_locale
from citizen.notifications.tables import Notification
from tests.support.applications import register, valid_iin
from tests.support.bot_harness import Person, button_data
from tests.support.fake_bot_api import FakeBotAPI, Fault
from tests.support.topology import CHANGE, REGISTER, Topology

T = translator()
FIRST_CHAT = 700_000
PERSON_CHAT = 699_999


@dataclass(frozen=True)
class SoakConfig:
    applications: int = 200
    changes: int = 3  # status changes per application (steps of its regulation)
    rate: float = 25.0  # the bot's configured send rate
    chat_interval: float = 1.0
    fault_rate: float = 0.1  # share of sends answered with a fault
    latency: float = 0.02  # seconds per Bot API call
    kill_at: float = 0.25  # share of the expected messages delivered when a worker is killed
    restart_at: float = 0.5  # ... when the webhook's API process is restarted
    timeout: float = 600.0


@dataclass
class SoakReport:
    expected: int = 0
    delivered: int = 0  # distinct messages the fake Bot API accepted (per chat and text)
    lost: int = 0
    duplicates: int = 0
    in_flight_at_kill: int = 0  # notifications "sending" when the worker was killed
    blocked_sends_after_403: int = 0
    dialogue_continued: bool = False
    faults: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    phases: list[str] = field(default_factory=list)  # what happened when, for a failing run

    def lines(self) -> list[str]:
        faults = ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items()))
        return [
            f"messages expected {self.expected}, delivered {self.delivered} in "
            f"{self.seconds:.0f} s; faults answered: {faults}",
            f"lost: {self.lost} (must be 0)",
            f"duplicates: {self.duplicates} (at most {self.in_flight_at_kill}: in flight at "
            "the kill)",
            f"sends to the blocked chat after its 403: {self.blocked_sends_after_403} (must be 0)",
            f"dialogue interrupted by an API restart continued: "
            f"{'yes' if self.dialogue_continued else 'no'}",
            *self.phases,
        ]


def run_soak(config: SoakConfig, database_url: str, logs: Path) -> SoakReport:
    started = time.monotonic()
    report = SoakReport()

    def mark(what: str) -> None:
        report.phases.append(f"{time.monotonic() - started:.1f} s: {what}")
    with FakeBotAPI(latency=config.latency) as fake:
        parts = Topology(database_url, fake.base_url, logs, extra_env=_worker_env(config))
        try:
            parts.run("migrate")
            engine = make_engine(database_url)
            numbers = _subscribed(engine, config.applications)
            blocked = FIRST_CHAT  # the first chat blocked the bot before the run
            fake.block_chat(blocked)
            for name in ("api-1", "api-2"):  # started together, then waited for
                parts.start_api(name, wait=False)
            parts.start_notifier("notifier-1")
            parts.start_notifier("notifier-2")
            provider = parts.provider_token()
            for name in ("api-1", "api-2"):
                parts.wait_ready(name, parts.url(name))
            iin = _person_application(parts, provider)
            mark("started")
            faults_on = lambda: fake.random_faults(config.fault_rate, [  # noqa: E731
                Fault.too_many_requests(1), Fault.server_error(502), Fault.server_error(500),
                Fault.timeout(delay=2.5),  # longer than the workers' request timeout
            ], seed=11)
            faults_on()
            expected = (config.applications - 1) * config.changes
            report.expected = expected
            errors: list[str] = []
            changer = threading.Thread(
                target=_change_all, args=(parts, provider, numbers, config.changes, errors),
                daemon=True,
            )
            changer.start()
            person = Person(fake, PERSON_CHAT, "ru")
            _wait(lambda: len(fake.messages) >= expected * config.kill_at, config.timeout)
            mark("kill")
            report.in_flight_at_kill = _sending(engine)
            parts.kill("notifier-1")  # SIGKILL: no goodbye, claims left "sending"
            parts.start_notifier("notifier-1")
            _wait(lambda: len(fake.messages) >= expected * config.restart_at, config.timeout)
            # The bot's own answers share the Bot API with the notifiers: the person's dialogue
            # runs while the faults rest (a fault there is the bot's error path, tested elsewhere).
            fake.clear_faults()
            mark("dialogue")
            asked = _dialogue_until_iin(person)
            faults_on()
            parts.kill("api-1", signal.SIGTERM)  # a deploy: the webhook's process goes away
            parts.start_api("api-1")
            fake.clear_faults()
            answer = person.say(iin)
            faults_on()
            report.dialogue_continued = asked and answer.text == T(
                "ru", "bot-apps-subscribed", number="SOAK-PERSON"
            )
            mark(f"dialogue: asked={asked}, answer={answer.text!r}")
            mark("restarted")
            changer.join(config.timeout)
            if errors:
                raise RuntimeError(f"status changes failed: {errors[:5]}")
            mark("changes made")
            _wait(lambda: _settled(engine), config.timeout)
            mark("settled")
            fake.clear_faults()
            _fill_report(report, engine, fake, blocked)
            engine.dispose()
        finally:
            parts.stop_all()
    report.seconds = time.monotonic() - started
    return report


def _worker_env(config: SoakConfig) -> dict[str, str]:
    return {
        "CITIZEN_NOTIFIER_GLOBAL_RATE": str(config.rate),
        "CITIZEN_NOTIFIER_CHAT_INTERVAL": str(config.chat_interval),
        "CITIZEN_NOTIFIER_LEASE_SECONDS": "4",  # a killed worker's claims come back soon
        "CITIZEN_NOTIFIER_REQUEST_TIMEOUT": "1",
        "CITIZEN_NOTIFIER_BACKOFF_BASE": "0.2",
        "CITIZEN_NOTIFIER_BACKOFF_MAX": "2",
        "CITIZEN_NOTIFIER_MAX_ATTEMPTS": "12",
        "CITIZEN_NOTIFIER_POLL_INTERVAL": "0.5",
    }


def _subscribed(engine: Engine, count: int) -> list[str]:
    numbers: list[str] = []
    with session_scope(engine) as session:
        for i in range(count):
            app = register(session, i)
            numbers.append(app.number)
            set_chat_locale(session, FIRST_CHAT + i, Locale.KK)
            assert subscribe_chat(session, FIRST_CHAT + i, app.number, valid_iin(i)).found
        set_chat_locale(session, PERSON_CHAT, Locale.RU)
    return numbers


def _person_application(parts: Topology, provider: str) -> str:
    """The application of the person in the dialogue, registered through the API: the IIN is
    hashed with the key the API processes have."""
    iin = valid_iin(99_999)
    made = parts.graphql("api-2", REGISTER, provider, iin=iin, number="SOAK-PERSON")
    assert made["registerApplication"]["__typename"] == "Application", made
    return iin


def _change_all(
    parts: Topology, provider: str, numbers: list[str], changes: int, errors: list[str]
) -> None:
    """Every application through its steps, through both API processes (as a proxy would
    spread them); a request that finds its process down goes to the other."""
    apis = itertools.cycle(["api-1", "api-2"])

    def change(number: str, step: int) -> None:
        unanswered = False  # a request that got no answer may have been applied all the same
        for _attempt in range(20):
            name = next(apis)
            try:
                result = parts.graphql(name, CHANGE, provider, number=number, step=step + 1)
            except (httpx.HTTPError, RuntimeError):
                unanswered = True
                time.sleep(0.2)
                continue
            outcome = result["changeApplicationStatus"]
            if outcome["__typename"] == "Application":
                return
            if outcome.get("code") == "concurrent_change":
                continue
            if not unanswered:  # refused, and not because an earlier try had done it
                errors.append(f"{number} step {step + 1}: {outcome}")
            return
        errors.append(f"no API process took the change of {number}")

    with ThreadPoolExecutor(max_workers=4) as pool:
        for step in range(changes):
            list(pool.map(lambda n, s=step: change(n, s), numbers))  # type: ignore[misc]


def _dialogue_until_iin(person: Person) -> bool:
    listing = person.say("/my")
    data = button_data(listing, T("ru", "bot-apps-add"))
    person.fake.push_callback_query(person.chat_id, data, message_id=listing.message_id,
                                    language_code="ru")
    asked = person.next_message()
    ok = asked.text == T("ru", "bot-apps-ask-number")
    return ok and person.say("SOAK-PERSON").text == T("ru", "bot-apps-ask-iin")


def _sending(engine: Engine) -> int:
    with Session(engine) as session:
        return outbox.state_counts(session).get("sending", 0)


def _settled(engine: Engine) -> bool:
    with Session(engine) as session:
        counts = outbox.state_counts(session)
    return not any(counts.get(s, 0) for s in outbox.ACTIVE)


def _wait(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("soak: gave up waiting")
        time.sleep(0.1)


def _fill_report(report: SoakReport, engine: Engine, fake: FakeBotAPI, blocked: int) -> None:
    with Session(engine) as session:
        rows = session.exec(
            select(Notification).where(col(Notification.chat_id) >= FIRST_CHAT)
        ).all()
    expected_pairs = {(r.chat_id, r.change_id) for r in rows if r.chat_id != blocked}
    report.expected = len(expected_pairs)
    texts = Counter((m.chat_id, m.text) for m in fake.messages if m.chat_id >= FIRST_CHAT)
    per_chat_expected = Counter(chat for chat, _ in expected_pairs)
    per_chat_distinct = Counter(chat for chat, _ in texts)
    report.delivered = sum(per_chat_distinct.values())
    report.lost = sum(max(0, n - per_chat_distinct[c]) for c, n in per_chat_expected.items())
    report.duplicates = sum(n - 1 for n in texts.values())
    refusals = [c.at for c in fake.calls if c.chat_id == blocked and c.status == 403]
    if refusals:
        report.blocked_sends_after_403 = sum(
            1 for c in fake.calls if c.chat_id == blocked and c.at > refusals[0]
        )
    report.faults = Counter(
        f"{c.fault.status}" if c.fault.kind == "http" else "silence"
        for c in fake.calls
        if c.fault is not None and c.chat_id is not None and c.chat_id > blocked
    )
