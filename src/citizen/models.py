"""Every table of the application, imported in one place for Alembic and `create_all`."""

from citizen.applications.audit import OperatorAudit  # noqa: F401  (the operators' audit log)
from citizen.applications.tables import *  # noqa: F403
from citizen.bot.updates import TelegramUpdateSeen  # noqa: F401
from citizen.catalogue.tables import *  # noqa: F403
from citizen.notifications.tables import *  # noqa: F403
