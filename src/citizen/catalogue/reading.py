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


def _parse(path: Path, model: type[M], rel: str, problems: list[Problem]) -> M | None:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(rel, "", f"cannot read YAML: {exc}"))
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(rel, _loc(err["loc"]), err["msg"]))
        return None


def read_catalogue(data_dir: Path | None = None) -> CatalogueData:
    """Parse every data file and check the references between them; raise on any problem."""
    root = data_dir or default_data_dir()
    problems: list[Problem] = []
    digest = hashlib.sha256()

    def parse(rel: str, model: type[M]) -> M | None:
        path = root / rel
        if not path.is_file():
            problems.append(Problem(rel, "", "file is missing"))
            return None
        digest.update(rel.encode() + b"\0" + path.read_bytes())
        return _parse(path, model, rel, problems)

    reference = parse("reference.yaml", ReferenceFile)
    offices = parse("offices.yaml", OfficesFile)
    calendar = parse("calendar.yaml", CalendarFile)
    acts: list[LegalActFile] = []
    for p in sorted((root / "acts").glob("*.yaml")):
        parsed = parse(f"acts/{p.name}", ActsFile)
        acts.extend(parsed.acts if parsed else [])
    services: list[ServiceFile] = []
    files: dict[str, str] = {}
    for p in sorted((root / "services").glob("*.yaml")):
        rel = f"services/{p.name}"
        svc = parse(rel, ServiceFile)
        if svc is not None:
            if p.stem != svc.id:
                problems.append(Problem(rel, "id", f"file name must be the id: {svc.id}.yaml"))
            services.append(svc)
            files[svc.id] = rel
    if reference and offices:
        problems += _cross_check(reference, acts, services, offices, files)
    if problems or reference is None or offices is None or calendar is None:
        raise CatalogueInvalid(problems)
    return CatalogueData(
        reference, acts, services, offices, calendar, digest.hexdigest()[:16], files
    )


def _cross_check(
    reference: ReferenceFile,
    acts: list[LegalActFile],
    services: list[ServiceFile],
    offices: OfficesFile,
    files: dict[str, str],
) -> list[Problem]:
    """References between files: ids exist and are unique."""
    problems: list[Problem] = []
    regions = {r.id for r in reference.regions}
    categories = {c.id for c in reference.categories}
    act_ids: set[str] = set()
    for act in acts:
        if act.id in act_ids:
            problems.append(Problem("acts/", act.id, "legal act id defined twice"))
        act_ids.add(act.id)
    service_ids = {s.id for s in services}
    for svc in services:
        rel = files[svc.id]
        if svc.category not in categories:
            problems.append(Problem(rel, "category", f"unknown category {svc.category!r}"))
        if svc.standard and svc.standard not in act_ids:
            problems.append(Problem(rel, "standard", f"unknown legal act {svc.standard!r}"))
        for i, act_id in enumerate(svc.listed_in):
            if act_id not in act_ids:
                problems.append(Problem(rel, f"listed_in[{i}]", f"unknown legal act {act_id!r}"))
        for i, reg in enumerate(svc.regulations):
            if reg.region not in regions:
                problems.append(
                    Problem(rel, f"regulations[{i}].region", f"unknown region {reg.region!r}")
                )
            if reg.act not in act_ids:
                problems.append(Problem(rel, f"regulations[{i}].act", f"unknown act {reg.act!r}"))
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
    return problems
