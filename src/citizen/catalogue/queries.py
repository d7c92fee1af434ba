"""The one read of the stored catalogue that is not the snapshot: which version is loaded.

Every catalogue fact is read from the snapshot (`snapshot.build_snapshot` reads the tables once
per version); this probe is how a process learns that a reload made a new version.
"""

from __future__ import annotations

from sqlmodel import Session

from citizen.catalogue import tables as t


def catalogue_version(session: Session) -> str:
    """The digest of the loaded catalogue data; "" while nothing is loaded.

    It changes whenever the catalogue is reloaded with different data, by any process.
    """
    meta = session.get(t.CatalogueMeta, 1)
    return meta.version if meta else ""
