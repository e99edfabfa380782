"""One browser session: its language, the assessment it has open, where it goes next.

The URL is the durable state. ``?lang=`` holds the language and ``?a=`` the resume token of
the open assessment, so a refresh, a dropped phone connection or a shared link lands on the
same assessment in the same language.

Writes happen in widget callbacks, never while a page draws. A callback wrapped in
:func:`action` that raises a :class:`scoring.HuiguiError` leaves its message for the next
run (``app.py`` shows it), and a callback asks for a page switch with :func:`go_after`,
which ``app.py`` carries out before the next page draws.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st

from huigui.i18n import LANGUAGE_NAMES, LANGUAGES, language_from, t
from huigui.records import AssessmentRecord
from scoring import HuiguiError, LinkExpiredError, NotFoundError

from .resources import store

__all__ = [
    "PAGES",
    "action",
    "app_url",
    "current_assessment",
    "forget_assessment",
    "go",
    "go_after",
    "language",
    "language_picker",
    "open_token",
    "pending_error",
    "pending_page",
    "resume_url",
]

TOKEN = "a"  # the query parameter holding the resume token  # noqa: S105
#: Page builders by name, registered by ``nav.navigation`` (pages cannot import nav).
PAGES: dict[str, Callable[[], st.Page]] = {}
P = ParamSpec("P")


# -- language ---------------------------------------------------------------------------------


def _picked() -> None:
    st.session_state["language"] = st.session_state["lang"]


def language_picker() -> str:
    """The language select box; the first visit follows ``?lang=``, then the browser.

    The choice lives in a plain session key (``language``): Streamlit drops a widget's own
    state when a page switches, and the URL carries it across refreshes and shared links.
    """
    if st.session_state.get("language") not in LANGUAGES:
        wanted = st.query_params.get("lang")
        st.session_state["language"] = (
            wanted
            if wanted in LANGUAGES
            else language_from(st.context.locale, st.context.headers.get("Accept-Language"))
        )
    st.session_state["lang"] = st.session_state["language"]
    st.sidebar.selectbox(
        "Language · 语言 · 語言",
        LANGUAGES,
        key="lang",
        on_change=_picked,
        format_func=LANGUAGE_NAMES.__getitem__,
    )
    _sync_url()
    return language()


def _sync_url() -> None:
    """Put the language and the open assessment back into the URL (a page switch clears
    query parameters), so that a refresh or a copied link lands in the same place."""
    lang = st.session_state.get("language")
    if lang in LANGUAGES and st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    token = st.session_state.get("token")
    if token and st.query_params.get(TOKEN) is None:
        st.query_params[TOKEN] = token


def language() -> str:
    """The language chosen for this session."""
    lang = st.session_state.get("language")
    return lang if lang in LANGUAGES else "en"


# -- the open assessment ----------------------------------------------------------------------


def open_token(token: str) -> None:
    """Make ``token`` the open assessment of this session and of the URL."""
    st.session_state["token"] = token
    st.session_state.pop("new_assessment", None)
    st.query_params[TOKEN] = token


def forget_assessment() -> None:
    """Close the open assessment (the saved data stays)."""
    st.session_state.pop("token", None)
    if TOKEN in st.query_params:
        del st.query_params[TOKEN]


def current_assessment(*, show_error: bool = True) -> AssessmentRecord | None:
    """The assessment named by ``?a=`` (or this session), or None with a clear message."""
    token = st.query_params.get(TOKEN) or st.session_state.get("token")
    if not token:
        return None
    try:
        record = store().open(token)
    except NotFoundError as exc:
        forget_assessment()
        if show_error:
            why = "link.expired" if isinstance(exc, LinkExpiredError) else "link.unknown"
            st.error(t("link.invalid", language(), reason=t(why, language())))
        return None
    if st.session_state.get("token") != token:
        open_token(token)
    return record


# -- links and navigation ---------------------------------------------------------------------


def resume_url(token: str) -> str:
    """The personal link that reopens an assessment."""
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{TOKEN}={token}&lang={language()}"


def app_url(page: str, **params: str) -> str:
    """An absolute link to ``page`` of this app, as the browser reached it."""
    current = (st.context.url or "").split("?")[0].rstrip("/")
    head, _, last = current.rpartition("/")
    base = head if last in PAGES else current  # drop the current page's own path
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}/{page}" + (f"?{query}" if query else "")


def go(name: str, **params: str) -> None:
    """Switch to page ``name`` now, keeping the language and the open assessment."""
    query = {"lang": language(), **params}
    token = st.session_state.get("token")
    if token:
        query[TOKEN] = token
    st.switch_page(PAGES[name](), query_params=query)


def go_after(name: str, **params: str) -> None:
    """From a callback: switch to page ``name`` before the next page draws."""
    st.session_state["_goto"] = (name, params)


def pending_page() -> None:
    """Carry out a switch a callback asked for (``app.py`` calls this first)."""
    target = st.session_state.pop("_goto", None)
    if target is not None:
        go(target[0], **target[1])


# -- actions: callbacks that write ------------------------------------------------------------


def action(callback: Callable[P, object]) -> Callable[P, None]:
    """Wrap a widget callback: a HuiguiError it raises becomes a message on the next run."""

    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except HuiguiError as exc:
            st.session_state["_error"] = str(exc)

    return run


def pending_error() -> str | None:
    """The message a failed action left, once."""
    message: str | None = st.session_state.pop("_error", None)
    return message
