"""``huigui consultant add`` and ``huigui retention``: the operator's commands on the database
(``HUIGUI_DATABASE_URL``, or the default SQLite file)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from scoring import StoreError

from .common import SubParsers, subparser

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["register"]


def _store() -> Store:
    # the database stack (0.3 s to import) only for the commands that use it
    from ..settings import load_settings  # noqa: PLC0415
    from ..store import Store, connect  # noqa: PLC0415

    settings = load_settings()
    return Store(connect(settings.database_url), resume_days=settings.resume_days)


def register(sub: SubParsers) -> None:
    """Add ``consultant`` and ``retention``."""
    p = subparser(
        sub,
        "consultant",
        "Add a consultant account (a name and a password).",
        "huigui consultant add 'Li Wei'",
        _consultant,
    )
    p.add_argument("action", choices=["add"], help="what to do")
    p.add_argument("name", help="the name the consultant logs in with")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking twice",
    )
    r = subparser(
        sub,
        "retention",
        "Delete assessments and workshops unchanged for more than "
        "N days, from the database itself.",
        "huigui retention --days 365 --yes",
        _retention,
    )
    r.add_argument("--days", type=int, required=True, help="keep what changed within N days")
    r.add_argument("--yes", action="store_true", help="delete without asking")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (at least 10 characters): ")
    if first != getpass.getpass("The same password again: "):
        raise StoreError("the two passwords differ; nothing was saved")
    return first


def _consultant(args: argparse.Namespace) -> int:
    account = _store().add_consultant(args.name, _password(args))
    print(f"added consultant {account.name!r}; they log in on the app's Consultant login page")
    return 0


def _retention(args: argparse.Namespace) -> int:
    if not args.yes:
        answer = input(f"Delete everything unchanged for more than {args.days} days? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return 1
    purged = _store().purge(args.days)
    print(
        f"deleted {purged.assessments} assessment(s), {purged.workshops} workshop(s) and "
        f"{purged.firms} firm(s) left empty"
    )
    return 0
