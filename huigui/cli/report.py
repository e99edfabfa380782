"""``huigui report``: PDF or HTML reports from a responses file, one, all, or as a group."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scoring import Answers, Bank, ReportError

from ..files import atomic_write, check_target
from ..i18n import LANGUAGES
from .common import SubParsers, add_bank_option, open_bank, read_answers, subparser

__all__ = ["register", "report_filenames", "safe_filename"]


def register(sub: SubParsers) -> None:
    """Add ``report``."""
    p = subparser(
        sub,
        "report",
        "Write a PDF or HTML report for one respondent, every respondent, or the "
        "whole file as a workshop.",
        "huigui report docs/examples/responses.csv --respondent r7 --lang zh-Hans "
        "-o r7.pdf\n"
        "  huigui report docs/examples/responses.csv --all --format html -o reports/\n"
        "  huigui report docs/examples/responses.csv --group --by role -o group.pdf",
        _report,
    )
    add_bank_option(p)
    p.add_argument(
        "responses",
        metavar="RESPONSES",
        type=Path,
        help="the same CSV or XLSX files as `huigui score` reads",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--respondent", metavar="ID", help="the respondent to report on")
    which.add_argument("--group", action="store_true", help="the whole file as one workshop")
    which.add_argument(
        "--all", action="store_true", help="one report per respondent, written into the -o folder"
    )
    p.add_argument("--by", choices=["role"], help="with --group: role traces and role gaps")
    p.add_argument(
        "--min-group",
        type=int,
        default=3,
        metavar="K",
        help="with --group: no figure of fewer than K respondents (default 3)",
    )
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="report language")
    p.add_argument(
        "--format",
        choices=["pdf", "html"],
        default=None,
        dest="fmt",
        help="default: from the -o file name, else pdf",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        type=Path,
        required=True,
        help="the report file (a folder with --all)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="with --all: reports rendered in parallel (default: one per core)",
    )


def _report(args: argparse.Namespace) -> int:
    bank = open_bank(args)
    return run_report(args, bank, read_answers(args, bank))


#: File names stay well under the 255 bytes most file systems allow, suffix included.
MAX_STEM_BYTES = 150


def safe_filename(name: str) -> str:
    """A respondent id as a file name: no path separators, no leading dots, not too long."""
    cleaned = re.sub(r"[^\w.\-]+", "_", name, flags=re.UNICODE).strip("._")
    cleaned = cleaned.encode()[:MAX_STEM_BYTES].decode(errors="ignore").rstrip("._")
    return cleaned or "respondent"


def report_filenames(respondents: Sequence[str], suffix: str) -> list[str]:
    """One file name per respondent, distinct even to a file system that ignores case.

    An id that is already a safe name keeps it; every other id gets its cleaned name or,
    when that is taken, ``-2``, ``-3`` … skipping any name that some respondent's own
    cleaned id would claim, so a generated name never takes another respondent's.
    """
    stems = [safe_filename(r) for r in respondents]
    claimed = {stem.casefold() for stem in stems}
    taken: set[str] = set()
    names = [""] * len(stems)
    for k in sorted(range(len(stems)), key=lambda k: (stems[k] != respondents[k], k)):
        name, n = stems[k], 1
        while name.casefold() in taken or (n > 1 and name.casefold() in claimed):
            n += 1
            name = f"{stems[k]}-{n}"
        taken.add(name.casefold())
        names[k] = name
    return [f"{name}.{suffix}" for name in names]


def _format(args: argparse.Namespace) -> str:
    if args.fmt:
        return str(args.fmt)
    suffix = args.output.suffix.lower().lstrip(".")
    return suffix if suffix in ("pdf", "html") else "pdf"


def run_report(args: argparse.Namespace, bank: Bank, answers: Answers) -> int:
    """Write the report(s) asked for."""
    from ..reports import check_fonts, render, require_pdf
    from ..reports.inputs import from_responses, group_from_responses

    fmt = _format(args)
    if not args.all:
        check_target(args.output)
    if fmt == "pdf":  # fail at once, with what to install, before any work
        require_pdf()
        check_fonts(args.lang)
    fallback = args.responses.stem
    if args.all:
        return _all(args, bank, answers, fmt, fallback)
    if args.group:
        inp = group_from_responses(
            bank, answers, args.lang, fallback, args.by == "role", max(1, args.min_group)
        )
    else:
        ids = list(answers.respondents)
        wanted = args.respondent.strip()
        if wanted not in ids:
            raise ReportError(
                f"{args.responses}: no respondent {wanted!r} "
                f"(the file has {len(ids)}: {', '.join(ids[:5])}…)"
            )
        inp = from_responses(bank, answers, ids.index(wanted), args.lang, fallback)
    data = render(inp, fmt)
    with atomic_write(args.output) as fh:
        fh.write(data)
    print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    return 0


# -- --all: one report per respondent, in parallel ----------------------------------------------


@dataclass(frozen=True)
class _Job:
    """What every worker of ``--all`` renders from (sent once per worker process)."""

    bank: Bank
    answers: Answers
    lang: str
    fmt: str
    fallback: str


_WORKER: list[_Job] = []


def _init(bank_path: str, answers: Answers, lang: str, fmt: str, fallback: str) -> None:
    from scoring import load_bank

    # The answers travel to the workers; the file may have been a pipe, read only once.
    _WORKER[:] = [_Job(load_bank(bank_path), answers, lang, fmt, fallback)]


def _one(job: tuple[int, str]) -> str:
    from ..reports import render
    from ..reports.inputs import from_responses

    row, path = job
    w = _WORKER[0]
    data = render(from_responses(w.bank, w.answers, row, w.lang, w.fallback), w.fmt)
    with atomic_write(path) as fh:
        fh.write(data)
    return path


def _folder(path: Path) -> Path:
    """The ``--all`` output folder, made if missing.

    Raises:
        NotADirectoryError: ``path`` is a file.
    """
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR,
            "is a file; --all writes one report per respondent into a folder",
            str(path),
        )
    path.mkdir(parents=True, exist_ok=True)
    return path


def _all(args: argparse.Namespace, bank: Bank, answers: Answers, fmt: str, fallback: str) -> int:
    from concurrent.futures import ProcessPoolExecutor

    from scoring import bundled_bank_path

    folder = _folder(args.output)
    ids = [str(r) for r in answers.respondents]
    names = report_filenames(ids, fmt)
    renamed = [f"{r!r} → {n}" for r, n in zip(ids, names, strict=True) if n != f"{r}.{fmt}"]
    if renamed:
        print(
            f"note: {len(renamed)} respondent id(s) are not file names as they stand: "
            f"{', '.join(renamed[:5])}{' …' if len(renamed) > 5 else ''}",
            file=sys.stderr,
        )
    jobs = [(row, str(folder / name)) for row, name in enumerate(names)]
    bank_path = str(args.bank or bundled_bank_path())
    init = (bank_path, answers, args.lang, fmt, fallback)
    if args.jobs <= 1 or len(jobs) < 4:
        _init(*init)
        written = [_one(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=_init, initargs=init) as pool:
            written = list(pool.map(_one, jobs, chunksize=4))
    print(f"wrote {len(written)} reports into {folder}", file=sys.stderr)
    return 0
