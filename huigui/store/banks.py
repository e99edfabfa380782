"""Bank versions: each one any assessment or workshop was answered on, kept whole by digest.

Scoring a saved assessment always uses the version it was given on (``bank_digest``), never
the server's current bank, so shipping a new edition re-scores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scoring import Bank
from scoring.errors import NotFoundError, StoreError

from .base import StoreBase, aware, now
from .models import Assessment, BankVersion, Workshop

__all__ = ["BankStore", "BankVersionRecord", "keep_bank"]


@dataclass(frozen=True)
class BankVersionRecord:
    """A kept bank version, for a library listing."""

    digest: str
    bank_id: str
    version: str
    origin: str
    created_at: datetime


def keep_bank(s: Session, bank: Bank, origin: str) -> str:
    """Store ``bank`` in this transaction unless that version is already kept; its digest.

    Two writers keeping the same version at once both succeed (insert or nothing)."""
    values = {
        "digest": bank.digest,
        "bank_id": bank.id,
        "version": bank.version,
        "content": bank.content,
        "origin": origin,
        "created_at": now(),
    }
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        s.execute(postgresql.insert(BankVersion).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        s.execute(sqlite.insert(BankVersion).values(values).on_conflict_do_nothing())
    elif s.get(BankVersion, bank.digest) is None:
        s.add(BankVersion(**values))
        s.flush()
    return bank.digest


class BankStore(StoreBase):
    """The bank versions in one database; each read once per process."""

    _banks: dict[str, Bank]

    def bank(self, digest: str | None) -> Bank:
        """The bank version with this digest.

        Raises:
            NotFoundError: no such version is kept (an assessment from before versions were
                kept, of a bank this server was never started with).
        """
        cache: dict[str, Bank] = self.__dict__.setdefault("_banks", {})
        if digest in cache:
            return cache[digest]
        with self._session() as s:
            row = s.get(BankVersion, digest) if digest else None
        if row is None:
            raise NotFoundError(
                "the question bank version this was answered on is not kept on this server; "
                "start the server once with that bank as HUIGUI_BANK"
            )
        try:
            bank = Bank.from_content(row.content)
        except ValueError as exc:
            raise StoreError(f"the kept bank {row.bank_id} v{row.version} is damaged") from exc
        cache[row.digest] = bank
        return bank

    def keep(self, bank: Bank, origin: str = "server") -> str:
        """Keep ``bank`` (if it is not kept yet); its digest."""
        self._write(lambda s: keep_bank(s, bank, origin))
        return bank.digest

    def adopt(self, bank: Bank, origin: str = "server") -> int:
        """Point rows from before versions were kept that name ``bank``'s id and version at
        it (the server was started with that bank); how many rows changed."""
        changed = 0

        def change(s: Session) -> None:
            nonlocal changed
            for table in (Assessment, Workshop):
                legacy = (
                    table.bank_digest.is_(None),
                    table.bank_id == bank.id,
                    table.bank_version == bank.version,
                )
                if s.scalar(select(func.count()).select_from(table).where(*legacy)):
                    keep_bank(s, bank, origin)
                    result = s.execute(update(table).where(*legacy).values(bank_digest=bank.digest))
                    changed += result.rowcount  # type: ignore[attr-defined]

        self._write(change)
        return changed

    def bank_versions(self) -> list[BankVersionRecord]:
        """Every kept version, newest first."""
        with self._session() as s:
            rows = s.scalars(select(BankVersion).order_by(BankVersion.created_at.desc())).all()
        return [
            BankVersionRecord(r.digest, r.bank_id, r.version, r.origin, aware(r.created_at))
            for r in rows
        ]
