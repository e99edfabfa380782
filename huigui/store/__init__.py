"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL) through HUIGUI_DATABASE_URL.

The schema is created and upgraded by Alembic migrations (``migrations/``), so every saved
assessment survives an upgrade.
"""

from __future__ import annotations

from .assessments import AssessmentRecord, AssessmentStore, Profile
from .db import DEFAULT_URL, connect, database_url
from .workshops import Participant, WorkshopRecord, WorkshopStore

__all__ = ["DEFAULT_URL", "AssessmentRecord", "AssessmentStore", "Participant", "Profile",
           "WorkshopRecord", "WorkshopStore", "connect", "database_url"]
