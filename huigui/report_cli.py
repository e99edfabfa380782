"""``huigui report``: PDF or HTML reports from a responses file, one, all, or as a group."""

from __future__ import annotations

import argparse
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from scoring import Answers, Bank, ReportError

from .app.i18n import LANGUAGES
from .files import atomic_write

__all__ = ["add_report", "safe_filename"]


def add_report(sub: Any, add_bank_option: Any, subparser: Any, command: Any) -> None:
    """Register the ``report`` subcommand."""
    p = subparser(sub, "report",
                  "Write a PDF or HTML report for one respondent, every respondent, or the "
                  "whole file as a workshop.",
                  "huigui report answers.csv --respondent r7 --lang zh-Hans -o r7.pdf\n"
                  "  huigui report answers.csv --all --format html -o reports/\n"
                  "  huigui report workshop.xlsx --group --by role -o workshop.pdf")
    add_bank_option(p)
    p.add_argument("responses", metavar="RESPONSES", type=Path,
                   help="the same CSV or XLSX files as `huigui score` reads")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--respondent", metavar="ID", help="the respondent to report on")
    which.add_argument("--group", action="store_true", help="the whole file as one workshop")
    which.add_argument("--all", action="store_true",
                       help="one report per respondent, written into the -o folder")
    p.add_argument("--by", choices=["role"], help="with --group: role traces and role gaps")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="report language")
    p.add_argument("--format", choices=["pdf", "html"], default=None, dest="fmt",
                   help="default: from the -o file name, else pdf")
    p.add_argument("-o", "--output", metavar="FILE|DIR", type=Path, required=True,
                   help="the report file (a folder with --all)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="with --all: reports rendered in parallel (default: one per core)")
    p.set_defaults(command=command)


def safe_filename(name: str) -> str:
    """A respondent id as a file name: no path separators, no leading dots."""
    cleaned = re.sub(r"[^\w.\-]+", "_", name, flags=re.UNICODE).strip("._")
    return cleaned[:100] or "respondent"


def _format(args: argparse.Namespace) -> str:
    if args.fmt:
        return str(args.fmt)
    suffix = args.output.suffix.lower().lstrip(".")
    return suffix if suffix in ("pdf", "html") else "pdf"


def run_report(args: argparse.Namespace, bank: Bank, answers: Answers) -> int:
    """Write the report(s) asked for."""
    from .reports import check_fonts, render, require_pdf
    from .reports.inputs import from_responses, group_from_responses

    fmt = _format(args)
    if fmt == "pdf":  # fail at once, with what to install, before any work
        require_pdf()
        check_fonts(args.lang)
    fallback = args.responses.stem
    if args.all:
        return _all(args, bank, answers, fmt, fallback)
    if args.group:
        inp = group_from_responses(bank, answers, args.lang, fallback, args.by == "role")
    else:
        ids = list(answers.respondents)
        if args.respondent not in ids:
            raise ReportError(f"{args.responses}: no respondent {args.respondent!r} "
                              f"(the file has {len(ids)}: {', '.join(ids[:5])}…)")
        inp = from_responses(bank, answers, ids.index(args.respondent), args.lang, fallback)
    data = render(inp, fmt)
    with atomic_write(args.output) as fh:
        fh.write(data)
    print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    return 0


# -- --all: one report per respondent, in parallel ----------------------------------------------

_WORKER: dict[str, Any] = {}


def _init(bank_path: str, responses: str, lang: str, fmt: str, fallback: str) -> None:
    from scoring import load_bank, parse_answers, read_responses

    bank = load_bank(bank_path)
    _WORKER.update(bank=bank, answers=parse_answers(bank, read_responses(responses)),
                   lang=lang, fmt=fmt, fallback=fallback)


def _one(job: tuple[int, str]) -> str:
    from .reports import render
    from .reports.inputs import from_responses

    row, path = job
    w = _WORKER
    data = render(from_responses(w["bank"], w["answers"], row, w["lang"], w["fallback"]),
                  w["fmt"])
    with atomic_write(path) as fh:
        fh.write(data)
    return path


def _all(args: argparse.Namespace, bank: Bank, answers: Answers, fmt: str, fallback: str
         ) -> int:
    from scoring import bundled_bank_path

    folder: Path = args.output
    folder.mkdir(parents=True, exist_ok=True)
    names: dict[str, int] = {}
    jobs = []
    for row, respondent in enumerate(answers.respondents):
        stem = safe_filename(str(respondent))
        names[stem] = names.get(stem, 0) + 1
        if names[stem] > 1:
            stem = f"{stem}-{names[stem]}"
        jobs.append((row, str(folder / f"{stem}.{fmt}")))
    bank_path = str(args.bank or bundled_bank_path())
    init = (bank_path, str(args.responses), args.lang, fmt, fallback)
    if args.jobs <= 1 or len(jobs) < 4:
        _init(*init)
        written = [_one(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=_init,
                                 initargs=init) as pool:
            written = list(pool.map(_one, jobs, chunksize=4))
    print(f"wrote {len(written)} reports into {folder}", file=sys.stderr)
    return 0
