"""What every part of the store shares: sessions, one-transaction writes, tokens, time.

Secrets (resume tokens, firm links, facilitator secrets) are random, at least 128 bits,
handed out once and stored only as SHA-256 hashes; a lookup by hash is confirmed with a
constant-time comparison.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from scoring.errors import StoreError

from .db import WRITE_OPTION

__all__ = [
    "MAX_TOKEN",
    "RESUME_DAYS",
    "StoreBase",
    "aware",
    "hash_token",
    "new_token",
    "now",
    "same_hash",
]

#: Days after its last change that a resume link stops working, unless told otherwise.
RESUME_DAYS = 365
#: No token Huigui makes is longer; anything longer is refused before hashing.
MAX_TOKEN = 100


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_token(nbytes: int = 16) -> str:
    """A fresh secret of ``nbytes`` random bytes (128 bits by default), URL-safe."""
    return secrets.token_urlsafe(nbytes)


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_hash(stored: str | None, token: str) -> bool:
    """Whether ``token`` hashes to ``stored``, compared in constant time."""
    return stored is not None and secrets.compare_digest(stored, hash_token(token))


class StoreBase:
    """An engine and the sessions on it; every write is one transaction."""

    def __init__(self, engine: Engine, *, resume_days: int = RESUME_DAYS) -> None:
        self.engine = engine
        self.resume_days = resume_days
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _session(self) -> Session:
        return self._sessions()

    def _write(self, change: Callable[[Session], object]) -> None:
        """Run ``change(session)`` in one transaction; nothing half-written on failure."""
        try:
            with self._session() as s, s.begin():
                s.connection(execution_options={WRITE_OPTION: True})
                change(s)
        except SQLAlchemyError as exc:
            raise StoreError(f"the database refused the change: {exc.__class__.__name__}") from exc
