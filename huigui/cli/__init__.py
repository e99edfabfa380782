"""The ``huigui`` command line: one module per subcommand, each with ``register(sub)``.

Every command prints problems as plain lines (``file:line:column: message`` for banks,
``file: row R, column C: message`` for responses) and exits 1; usage mistakes exit 2;
no traceback ever reaches the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

# The engine multiplies blocks of 8,192 rows by a few dozen items: OpenBLAS threads only
# add spin-waiting there, up to seconds of CPU on a busy two-core machine. This must be set
# before numpy loads OpenBLAS, so before the imports below.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from scoring import HuiguiError

from .. import __version__
from . import accounts, aggregate, bank, report, score, serve, validate
from .common import Command

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["serve"] and not {"-h", "--help"} & set(words[1:]):
        # everything after ``serve`` is Streamlit's (``--server.port 8502``), which
        # argparse would refuse as unknown options
        return serve.start(words[1:])
    parser = build_parser()
    args = parser.parse_args(words)
    command: Command = args.command
    try:
        return command(args)
    except HuiguiError as exc:
        _print_error(str(exc))
        return 1
    except BrokenPipeError:  # `huigui score big.csv | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        _print_error(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise is: no traceback reaches the terminal
        if os.environ.get("HUIGUI_DEBUG"):
            raise
        _print_error(
            f"unexpected {type(exc).__name__}: {exc} "
            "(set HUIGUI_DEBUG=1 to see where; please report it)"
        )
        return 70


def _print_error(text: str, stream: TextIO | None = None) -> None:
    for line in text.splitlines() or [""]:
        print(f"error: {line}", file=stream or sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="huigui",
        description="Huigui (回歸): industrial-internet maturity self-assessment.",
        epilog="Example: huigui score docs/examples/responses.csv -o results.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"huigui {__version__}")
    sub = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for module in (validate, bank, score, aggregate, report, serve, accounts):
        module.register(sub)
    return parser
