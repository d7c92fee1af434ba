"""Stable identifiers for open data: the same catalogue id gives the same UUID in every export.

HSDS requires UUIDs, and CPSV-AP needs IRIs; Citizen owns no domain to mint HTTP IRIs under,
so both standards get name-based UUIDs (RFC 4122 version 5) of the catalogue's own ids, and
CPSV-AP uses them as `urn:uuid:` IRIs. A service therefore has the same identity in both.
"""

from __future__ import annotations

import uuid

# The project's own namespace for version-5 UUIDs; never change it (ids would all change).
NAMESPACE = uuid.UUID("2f6a1e4c-8d3b-5a7e-9c41-6b0d2e8f5a13")


def stable_uuid(kind: str, key: str) -> str:
    """The UUID of catalogue object `key` of `kind` (service, regulation, office, act, ...)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def iri(kind: str, key: str) -> str:
    return f"urn:uuid:{stable_uuid(kind, key)}"
