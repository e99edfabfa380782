"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL) through HUIGUI_DATABASE_URL.

The schema is created and upgraded by Alembic migrations (``migrations/``), so every saved
assessment survives an upgrade. The store hands out the typed records of
:mod:`huigui.records`.
"""

from __future__ import annotations

from .assessments import AssessmentStore
from .db import connect, database_url
from .workshops import WorkshopStore

__all__ = ["AssessmentStore", "WorkshopStore", "connect", "database_url"]
