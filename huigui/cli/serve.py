"""``huigui serve``: start the web app (what ``python3 tasks.py run`` does)."""

from __future__ import annotations

import argparse

from .common import SubParsers, subparser

__all__ = ["register", "start"]


def register(sub: SubParsers) -> None:
    """Add ``serve``; arguments after it go to Streamlit (e.g. ``--server.port 8502``)."""
    p = subparser(
        sub,
        "serve",
        "Start the web app on this machine (SQLite unless HUIGUI_DATABASE_URL says otherwise).",
        "huigui serve --server.port 8502",
        _serve,
    )
    p.add_argument(
        "streamlit", nargs=argparse.REMAINDER, help="options for Streamlit, e.g. --server.port 8502"
    )


def _serve(args: argparse.Namespace) -> int:
    return start(args.streamlit)


def start(streamlit_args: list[str]) -> int:
    """Start the app with these options for Streamlit (a leading ``--`` is dropped)."""
    from .. import serve

    options = streamlit_args[1:] if streamlit_args[:1] == ["--"] else streamlit_args
    return serve.main(options)
