"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL) through HUIGUI_DATABASE_URL.

The schema is created and upgraded by Alembic migrations (``migrations/``), so every saved
assessment survives an upgrade. The store hands out the typed records of
:mod:`huigui.records`; :class:`Store` is all of it in one object.
"""

from __future__ import annotations

from .assessments import AssessmentStore
from .banks import BankStore, BankVersionRecord
from .consultants import ConsultantStore
from .db import connect, database_url
from .firms import FirmStore
from .retention import RetentionStore
from .rounds import RoundStore
from .workshops import WorkshopOptions, WorkshopStore

__all__ = [
    "AssessmentStore",
    "BankStore",
    "BankVersionRecord",
    "ConsultantStore",
    "FirmStore",
    "RetentionStore",
    "RoundStore",
    "Store",
    "WorkshopOptions",
    "WorkshopStore",
    "connect",
    "database_url",
]


class Store(RoundStore, ConsultantStore, RetentionStore):
    """Assessments, firms, workshops and their rounds, consultants and retention on one
    database."""
