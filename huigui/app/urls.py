"""Links the app hands out: to this browser, and to other people's phones and screens."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from huigui.net import is_loopback_host, lan_address

from .resources import settings
from .session import FIRM, PAGES, TOKEN, language

__all__ = ["app_url", "firm_url", "public_url", "resume_url"]


def resume_url(token: str) -> str:
    """The personal link that reopens an assessment."""
    return app_url("questionnaire", **{TOKEN: token, "lang": language()})


def firm_url(token: str) -> str:
    """The firm link: it opens the firm's history on any device."""
    return app_url("history", **{FIRM: token, "lang": language()})


def app_url(page: str, **params: str) -> str:
    """An absolute link to ``page`` of this app, as the browser reached it."""
    current = (st.context.url or "").split("?")[0].rstrip("/")
    head, _, last = current.rpartition("/")
    base = head if last in PAGES else current  # drop the current page's own path
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}/{page}" + (f"?{query}" if query else "")


def public_url(page: str, **params: str) -> tuple[str, bool]:
    """A link to ``page`` for other people's devices, and whether they can reach it.

    ``HUIGUI_PUBLIC_URL`` wins (a server behind a proxy). When this browser reached the
    server on a loopback address, the machine's LAN address (read from its interfaces,
    without sending a packet) takes its place, on the same port. With no LAN address the
    link still works here, and the second value is False: say so loudly.
    """
    query = ("?" + urlencode(params)) if params else ""
    configured = settings().public_url
    if configured:
        return f"{configured}/{page}{query}", True
    current = urlsplit(st.context.url or "http://localhost:8501/")
    host = current.hostname or "localhost"
    if not is_loopback_host(host):
        return f"{current.scheme}://{current.netloc}/{page}{query}", True
    lan = lan_address()
    port = f":{current.port}" if current.port else ""
    if lan is None:
        return f"{current.scheme}://{current.netloc}/{page}{query}", False
    return f"{current.scheme}://{lan}{port}/{page}{query}", True
