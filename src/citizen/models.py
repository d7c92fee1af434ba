"""Every table of the application, imported in one place for Alembic and `create_all`."""

from citizen.catalogue.tables import *  # noqa: F403
