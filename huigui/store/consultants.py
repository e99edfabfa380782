"""Consultant accounts: a name and a password, for getting back into one's own workshops.

Passwords are stored only as scrypt hashes (RFC 7914; ``n = 2¹⁴, r = 8, p = 1``, 16 random
bytes of salt) and compared in constant time. Logins are rate-limited per account in the
database, so that every app process sees the same count: after ``MAX_FAILURES`` wrong
passwords the account is locked for ``LOCK_MINUTES`` minutes, right password or not.
Installations without accounts keep working: an account is needed only to recover a lost
facilitator link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from scoring.errors import NotFoundError, StoreError

from .base import StoreBase
from .base import aware as _aware
from .base import now as _now
from .fields import clean_text
from .models import Consultant

__all__ = [
    "ConsultantRecord",
    "ConsultantStore",
    "LoginRefusedError",
    "hash_password",
    "verify_password",
]

MAX_NAME = 60
MIN_PASSWORD = 10
MAX_PASSWORD = 200
MAX_FAILURES = 5
LOCK_MINUTES = 5
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class LoginRefusedError(StoreError):
    """A wrong name or password, or an account locked after too many wrong passwords."""


@dataclass(frozen=True)
class ConsultantRecord:
    """A consultant as the pages see them (never their password hash)."""

    id: str
    name: str
    created_at: datetime


def hash_password(password: str) -> str:
    """``scrypt$<salt>$<hash>`` (base64) of ``password`` with a fresh salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return "scrypt$" + "$".join(base64.b64encode(x).decode() for x in (salt, digest))


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` value (constant-time compare)."""
    try:
        scheme, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), **_SCRYPT)
    except (ValueError, TypeError):
        return False
    return scheme == "scrypt" and hmac.compare_digest(got, expected)


#: A hash to check against when the name is unknown, so both cases take as long.
_DUMMY = hash_password(secrets.token_urlsafe(16))


def _check(row: Consultant | None, password: str) -> ConsultantRecord | str:
    """The account, or why the login is refused (counting the failure on the row)."""
    now = _now()
    if row is None:
        verify_password(password, _DUMMY)
        return "wrong name or password"
    if row.locked_until is not None and _aware(row.locked_until) > now:
        return f"too many wrong passwords; try again after {_aware(row.locked_until):%H:%M} UTC"
    if not verify_password(password, row.password_hash):
        row.failed_logins += 1
        if row.failed_logins >= MAX_FAILURES:
            row.failed_logins = 0
            row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
        return "wrong name or password"
    row.failed_logins, row.locked_until = 0, None
    return ConsultantRecord(row.id, row.name, _aware(row.created_at))


class ConsultantStore(StoreBase):
    """Consultant accounts, in the same database as everything else."""

    def add_consultant(self, name: str, password: str) -> ConsultantRecord:
        """Create an account.

        Raises:
            StoreError: the name is taken or empty, or the password too short or too long.
        """
        clean = clean_text(name, MAX_NAME, "the name")
        if not clean:
            raise StoreError("a consultant needs a name")
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise StoreError(f"the password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters")
        row = Consultant(
            id=uuid.uuid4().hex,
            name=clean,
            password_hash=hash_password(password),
            failed_logins=0,
            locked_until=None,
            created_at=_now(),
        )
        try:
            self._write(lambda s: s.add(row))
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise StoreError(f"there is already a consultant called {clean!r}") from None
            raise
        return ConsultantRecord(row.id, row.name, row.created_at)

    def login(self, name: str, password: str) -> ConsultantRecord:
        """The account, if ``password`` is its password and it is not locked.

        Raises:
            LoginRefusedError: wrong name or password (one message for both), or locked.
        """
        with self._session() as s, s.begin():  # the failure count commits either way
            row = s.scalar(
                select(Consultant).where(Consultant.name == name.strip()).with_for_update()
            )
            outcome = _check(row, password)
        if isinstance(outcome, str):
            raise LoginRefusedError(outcome)
        return outcome

    def consultant(self, consultant_id: str) -> ConsultantRecord:
        """An account by id."""
        with self._session() as s:
            row = s.get(Consultant, consultant_id)
            if row is None:
                raise NotFoundError("no such consultant")
            return ConsultantRecord(row.id, row.name, _aware(row.created_at))
