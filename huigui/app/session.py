"""One browser session: its language, the links it holds, where it goes next.

The URL is the durable state for a respondent: ``?lang=`` holds the language and ``?a=``
the resume token of the open assessment, so a refresh, a dropped phone connection or a
shared link lands on the same assessment in the same language.

What opens more than one assessment never stays in the address bar: a firm link (``?f=``)
and a facilitator link (``?s=``) are read once into the session and removed from the URL,
so a projected or shared screen never shows them. An assessment opened through the firm
(from History) is held in the session by id.

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
from huigui.records import AssessmentRecord, FirmRecord
from scoring import HuiguiError, LinkExpiredError, NotFoundError
from scoring.errors import RoundClosedError, WorkshopClosedError, WorkshopFullError

from .resources import store

__all__ = [
    "PAGES",
    "action",
    "current_assessment",
    "forget_assessment",
    "go",
    "go_after",
    "held_firm",
    "hold_firm",
    "language",
    "language_picker",
    "open_in_firm",
    "open_token",
    "pending_error",
    "pending_page",
    "take_secret",
    "use_language",
]

TOKEN = "a"  # the query parameter holding the resume token  # noqa: S105
FIRM = "f"  # the query parameter a firm link carries (read once, then removed)
#: Page builders by name, registered by ``nav.navigation`` (pages cannot import nav).
PAGES: dict[str, Callable[[], st.Page]] = {}
P = ParamSpec("P")


# -- language ---------------------------------------------------------------------------------


def _picked() -> None:
    st.session_state["language"] = st.session_state["lang"]


def use_language(lang: str) -> None:
    """Switch this session to ``lang`` (the sidebar's picker follows on the next run)."""
    if lang in LANGUAGES:
        st.session_state["language"] = lang


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
    st.session_state.pop("granted", None)
    st.session_state.pop("new_assessment", None)
    st.query_params[TOKEN] = token


def open_in_firm(assessment_id: str) -> None:
    """Open one of the held firm's assessments (no resume token: the firm link grants it)."""
    forget_assessment()
    st.session_state["granted"] = assessment_id
    st.session_state.pop("new_assessment", None)


def forget_assessment() -> None:
    """Close the open assessment (the saved data stays)."""
    st.session_state.pop("token", None)
    st.session_state.pop("granted", None)
    if TOKEN in st.query_params:
        del st.query_params[TOKEN]


def _granted() -> AssessmentRecord | None:
    """The assessment opened through the held firm, while the firm is still held."""
    firm, granted = held_firm(), st.session_state.get("granted")
    if firm is None or not granted:
        return None
    try:
        return store().in_firm(firm, granted)
    except NotFoundError:
        st.session_state.pop("granted", None)
        return None


def current_assessment(*, show_error: bool = True) -> AssessmentRecord | None:
    """The assessment named by ``?a=`` (or this session), or None with a clear message."""
    token = st.query_params.get(TOKEN) or st.session_state.get("token")
    if not token:
        return _granted()
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


# -- the firm link ----------------------------------------------------------------------------


def hold_firm(token: str) -> FirmRecord:
    """Keep a firm link in this session (raises ``NotFoundError`` for a wrong link)."""
    firm = store().open_firm(token)
    st.session_state["firm_token"] = token
    return firm


def held_firm() -> FirmRecord | None:
    """The firm whose link this session holds (a ``?f=`` link is taken in and removed
    from the address bar first)."""
    if FIRM in st.query_params:
        token = st.query_params.get(FIRM, "")
        del st.query_params[FIRM]
        try:
            return hold_firm(token)
        except NotFoundError:
            st.error(t("firm.bad_link", language()))
            return None
    held: str | None = st.session_state.get("firm_token")
    if not held:
        return None
    try:
        return store().open_firm(held)
    except NotFoundError:  # the link was replaced or the firm deleted
        st.session_state.pop("firm_token", None)
        return None


def take_secret(name: str, key: str) -> str | None:
    """A secret from the URL parameter ``name`` into the session ``key``, the URL cleared."""
    if name in st.query_params:
        st.session_state[key] = st.query_params.get(name, "")
        del st.query_params[name]
    value: str | None = st.session_state.get(key)
    return value


# -- links and navigation ---------------------------------------------------------------------


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


#: Errors that are a rule, not a failure: said in the page's language, without "try again".
RULES = {
    WorkshopClosedError: "j.closed",
    WorkshopFullError: "j.full",
    RoundClosedError: "j.round_closed",
}


def action(callback: Callable[P, object]) -> Callable[P, None]:
    """Wrap a widget callback: a HuiguiError it raises becomes a message on the next run."""

    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except HuiguiError as exc:
            rule = next((key for kind, key in RULES.items() if isinstance(exc, kind)), None)
            st.session_state["_error"] = (
                t(rule, language()) if rule else t("error.store", language(), reason=str(exc))
            )

    return run


def pending_error() -> str | None:
    """The message a failed action left, once."""
    message: str | None = st.session_state.pop("_error", None)
    return message
