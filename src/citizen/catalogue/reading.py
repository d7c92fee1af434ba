"""Read and validate the catalogue data files, collecting every problem instead of stopping.

`read_catalogue` returns either a complete, cross-checked `CatalogueData` or a list of
`Problem`s, each naming the file, the field path and the reason. Nothing here touches the
database: loading (`loading.py`) only ever receives data that passed these checks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from citizen.catalogue.datafile import (
    ActsFile,
    CalendarFile,
    CurrentRecord,
    LegalActFile,
    OfficesFile,
    ReferenceFile,
    ServiceFile,
)

M = TypeVar("M", bound=BaseModel)


def default_data_dir() -> Path:
    """The shipped catalogue: package data, so it is found in a non-editable install too."""
    return Path(str(resources.files("citizen.catalogue") / "data"))


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '(file)'}: {self.reason}"


@dataclass
class CatalogueData:
    reference: ReferenceFile
    acts: list[LegalActFile]
    services: list[ServiceFile]
    offices: OfficesFile
    calendar: CalendarFile
    version: str  # digest of the files' bytes: changes whenever any reviewed file changes
    files: dict[str, str] = field(default_factory=dict)  # service id -> file name


class CatalogueInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the catalogue data")


def _loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


try:  # libyaml's parser: 4-5 times faster than the pure-Python one, which stays the fallback
    from yaml import CSafeLoader as _SafeBase
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeBase  # type: ignore[assignment]


class _Loader(_SafeBase):
    """Safe YAML that leaves dates as text, so the models parse them.

    PyYAML builds `datetime.date` objects itself and raises a bare ValueError on 2025-02-30,
    which names neither the field nor the file; pydantic reports it as `field.path: reason`.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeBase.yaml_implicit_resolvers.items()
}


def _parse(text: bytes, model: type[M], rel: str, problems: list[Problem]) -> M | None:
    try:
        raw = yaml.load(text.decode("utf-8"), Loader=_Loader)  # a safe loader
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(rel, "", f"cannot read YAML: {exc}"))
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(rel, _loc(err["loc"]), err["msg"]))
        return None


_FIXED_FILES = ("reference.yaml", "offices.yaml", "calendar.yaml")


def _data_files(root: Path) -> list[str]:
    """The data files (relative paths) in the order the version digests them."""
    acts = [f"acts/{p.name}" for p in sorted((root / "acts").glob("*.yaml"))]
    services = [f"services/{p.name}" for p in sorted((root / "services").glob("*.yaml"))]
    return [*_FIXED_FILES, *acts, *services]


def _digest_entry(rel: str, content: bytes) -> bytes:
    return rel.encode() + b"\0" + content


def data_version(data_dir: Path | None = None) -> str | None:
    """The version `read_catalogue` gives these files, from their bytes alone (no parsing).

    Cheap enough to run before anything else: a reload of unchanged files compares it with the
    stored version and stops there. None when a file is missing or unreadable (the full read
    then says what is wrong).
    """
    root = data_dir or default_data_dir()
    digest = hashlib.sha256()
    try:
        for rel in _data_files(root):
            digest.update(_digest_entry(rel, (root / rel).read_bytes()))
    except OSError:
        return None
    return digest.hexdigest()[:16]


def read_catalogue(data_dir: Path | None = None) -> CatalogueData:
    """Parse every data file and check the references between them; raise on any problem."""
    root = data_dir or default_data_dir()
    problems: list[Problem] = []
    digest = hashlib.sha256()

    def parse(rel: str, model: type[M]) -> M | None:
        try:
            content = (root / rel).read_bytes()
        except FileNotFoundError:
            problems.append(Problem(rel, "", "file is missing"))
            return None
        except OSError as exc:
            problems.append(Problem(rel, "", f"cannot read YAML: {exc}"))
            return None
        digest.update(_digest_entry(rel, content))
        return _parse(content, model, rel, problems)

    files = _data_files(root)
    reference = parse("reference.yaml", ReferenceFile)
    offices = parse("offices.yaml", OfficesFile)
    calendar = parse("calendar.yaml", CalendarFile)
    acts: list[LegalActFile] = []
    for rel in (f for f in files if f.startswith("acts/")):
        parsed = parse(rel, ActsFile)
        acts.extend(parsed.acts if parsed else [])
    services: list[ServiceFile] = []
    service_files: dict[str, str] = {}
    for rel in (f for f in files if f.startswith("services/")):
        svc = parse(rel, ServiceFile)
        if svc is not None:
            if Path(rel).stem != svc.id:
                problems.append(Problem(rel, "id", f"file name must be the id: {svc.id}.yaml"))
            services.append(svc)
            service_files[svc.id] = rel
    if reference and offices:
        problems += _cross_check(reference, acts, services, offices, service_files)
    if problems or reference is None or offices is None or calendar is None:
        raise CatalogueInvalid(problems)
    return CatalogueData(
        reference, acts, services, offices, calendar, digest.hexdigest()[:16], service_files
    )


def _cross_check(
    reference: ReferenceFile,
    acts: list[LegalActFile],
    services: list[ServiceFile],
    offices: OfficesFile,
    files: dict[str, str],
) -> list[Problem]:
    """References between files: ids exist and are unique, and what they point at fits."""
    problems: list[Problem] = []
    regions = {r.id for r in reference.regions}
    categories = {c.id for c in reference.categories}
    by_id: dict[str, LegalActFile] = {}
    for act in acts:
        if act.id in by_id:
            problems.append(Problem("acts/", act.id, "legal act id defined twice"))
        by_id[act.id] = act
    problems += _check_repeals(by_id)
    for svc in services:
        problems += _check_service(svc, files[svc.id], regions, categories, by_id)
    problems += _check_offices(offices, services, regions)
    return problems


def _check_repeals(acts: dict[str, LegalActFile]) -> list[Problem]:
    problems: list[Problem] = []
    for act in acts.values():
        if act.repeal is None:
            continue
        by = acts.get(act.repeal.by)
        if by is None:
            where = f"{act.id}.repeal.by"
            problems.append(Problem("acts/", where, f"unknown act {act.repeal.by!r}"))
            continue
        lost = act.repeal.lost_force_on
        if lost and by.date and lost < by.date:
            problems.append(
                Problem("acts/", f"{act.id}.repeal.lost_force_on", "is before the repealing act")
            )
        if act.date and by.date and by.date < act.date:
            problems.append(Problem("acts/", f"{act.id}.repeal.by", "is older than the act"))
    return problems


def _check_service(
    svc: ServiceFile,
    rel: str,
    regions: set[str],
    categories: set[str],
    acts: dict[str, LegalActFile],
) -> list[Problem]:
    problems: list[Problem] = []
    if svc.category not in categories:
        problems.append(Problem(rel, "category", f"unknown category {svc.category!r}"))
    if svc.standard and svc.standard not in acts:
        problems.append(Problem(rel, "standard", f"unknown legal act {svc.standard!r}"))
    for i, act_id in enumerate(svc.listed_in):
        if act_id not in acts:
            problems.append(Problem(rel, f"listed_in[{i}]", f"unknown legal act {act_id!r}"))
    for i, reg in enumerate(svc.regulations):
        if reg.region not in regions:
            problems.append(
                Problem(rel, f"regulations[{i}].region", f"unknown region {reg.region!r}")
            )
        if reg.act not in acts:
            problems.append(Problem(rel, f"regulations[{i}].act", f"unknown act {reg.act!r}"))
    covered = {r.region for r in svc.regulations}
    for i, dl in enumerate(svc.documents):
        for j, region in enumerate(dl.regions):
            if region not in covered:
                problems.append(
                    Problem(rel, f"documents[{i}].regions[{j}]", f"no regulation in {region!r}")
                )
    if svc.current is not None:
        problems += _check_current(svc.current, rel, acts)
    return problems


def _check_current(cur: CurrentRecord, rel: str, acts: dict[str, LegalActFile]) -> list[Problem]:
    problems: list[Problem] = []
    for field_name in ("act", "previous_act", "abolished_by"):
        act_id = getattr(cur, field_name)
        if act_id is not None and act_id not in acts:
            problems.append(Problem(rel, f"current.{field_name}", f"unknown legal act {act_id!r}"))
    act = acts.get(cur.act or "")
    if act is not None and act.status == "repealed":
        problems.append(Problem(rel, "current.act", f"{act.id!r} is repealed: not in force now"))
    previous = acts.get(cur.previous_act or "")
    if previous is not None and previous.status != "repealed":
        problems.append(Problem(rel, "current.previous_act", f"{previous.id!r} is not repealed"))
    if (
        previous is not None
        and previous.repeal is not None
        and cur.abolished_by is not None
        and previous.repeal.by != cur.abolished_by
    ):
        problems.append(
            Problem(rel, "current.abolished_by", "differs from the previous act's repeal.by")
        )
    return problems


def _check_offices(
    offices: OfficesFile, services: list[ServiceFile], regions: set[str]
) -> list[Problem]:
    """An office is shown only beside regulations that have its channel, so the data must agree.

    An office with an empty `services` list serves every service that has a regulation in its
    region; each of those regulations must then offer the office's channel.
    """
    problems: list[Problem] = []
    service_ids = {s.id for s in services}
    channels: dict[tuple[str, str], set[str]] = {
        (s.id, r.region): {c.channel.value for c in r.channels}
        for s in services
        for r in s.regulations
    }
    seen: set[str] = set()
    for i, office in enumerate(offices.offices):
        where = f"offices[{i}]"
        if office.id in seen:
            problems.append(Problem("offices.yaml", f"{where}.id", "office id defined twice"))
        seen.add(office.id)
        if office.region not in regions:
            problems.append(Problem("offices.yaml", f"{where}.region", "unknown region"))
        for j, sid in enumerate(office.services):
            if sid not in service_ids:
                problems.append(
                    Problem("offices.yaml", f"{where}.services[{j}]", f"unknown service {sid!r}")
                )
        served = office.services or sorted(
            sid for sid, region in channels if region == office.region
        )
        for sid in served:
            offered = channels.get((sid, office.region))
            if offered is not None and office.channel.value not in offered:
                problems.append(
                    Problem(
                        "offices.yaml",
                        f"{where}.channel",
                        f"the {office.region} regulation of {sid!r} has no "
                        f"{office.channel.value} channel; list the services this office serves",
                    )
                )
    return problems
