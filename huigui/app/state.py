"""What every page shares: the bank, the store, the language and the open assessment.

The URL is the durable state. ``?lang=`` holds the language (bound to the picker) and
``?a=`` the resume token of the open assessment, so a refresh, a dropped phone connection
or a shared link lands on the same assessment in the same language.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from huigui.store import AssessmentRecord, WorkshopStore, connect
from scoring import Bank, NotFoundError, bundled_bank_path, load_bank

from .i18n import LANGUAGE_NAMES, LANGUAGES, language_from, t

__all__ = [
    "PAGES",
    "app_url",
    "bank",
    "current_assessment",
    "forget_assessment",
    "go",
    "language",
    "language_picker",
    "open_token",
    "store",
]

TOKEN = "a"  # the query parameter holding the resume token  # noqa: S105
#: Page builders by name, registered by ``nav.navigation`` (pages cannot import nav).
PAGES: dict[str, Callable[[], st.Page]] = {}


@st.cache_resource(show_spinner=False)
def bank() -> Bank:
    """The bank this server assesses with (``HUIGUI_BANK`` or the bundled one)."""
    return load_bank(Path(os.environ.get("HUIGUI_BANK") or bundled_bank_path()))


@st.cache_resource(show_spinner=False)
def store() -> WorkshopStore:
    """The store on ``HUIGUI_DATABASE_URL`` (default SQLite), migrated."""
    return WorkshopStore(connect())


def _picked() -> None:
    st.session_state["language"] = st.session_state["lang"]


def language_picker() -> str:
    """The language select box; the first visit follows ``?lang=``, then the browser.

    The choice lives in a plain session key (``language``): Streamlit drops a widget's own
    state when a page switches, and the URL carries it across refreshes and shared links.
    """
    if st.session_state.get("language") not in LANGUAGES:
        wanted = st.query_params.get("lang")
        st.session_state["language"] = wanted if wanted in LANGUAGES else language_from(
            st.context.locale, st.context.headers.get("Accept-Language"))
    st.session_state["lang"] = st.session_state["language"]
    st.sidebar.selectbox("Language · 语言 · 語言", LANGUAGES, key="lang", on_change=_picked,
                         format_func=LANGUAGE_NAMES.__getitem__)
    sync_url()
    return language()


def sync_url() -> None:
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


def open_token(token: str) -> None:
    """Make ``token`` the open assessment of this session and of the URL."""
    st.session_state["token"] = token
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
            reason = t("link.expired", language()) if "expired" in str(exc) else \
                t("link.unknown", language())
            st.error(t("link.invalid", language(), reason=reason))
        return None
    if st.query_params.get(TOKEN) != token:
        st.query_params[TOKEN] = token
    st.session_state["token"] = token
    return record


def resume_url(token: str) -> str:
    """The personal link that reopens an assessment."""
    base = st.context.url or ""
    base = base.split("?")[0]
    return f"{base}?{TOKEN}={token}&lang={language()}"


def go(name: str, **params: str) -> None:
    """Switch to page ``name`` keeping the open assessment in the URL (the language is bound
    to its widget and travels by itself)."""
    query = {"lang": language(), **params}
    token = st.session_state.get("token")
    if token:
        query[TOKEN] = token
    st.switch_page(PAGES[name](), query_params=query)


def app_url(page: str, **params: str) -> str:
    """An absolute link to ``page`` of this app, as the browser reached it."""
    current = (st.context.url or "").split("?")[0].rstrip("/")
    head, _, last = current.rpartition("/")
    base = head if last in PAGES else current  # drop the current page's own path
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}/{page}" + (f"?{query}" if query else "")


def required_assessment() -> AssessmentRecord | None:
    """The open assessment, or None after saying how to start or reopen one."""
    record = current_assessment()
    if record is None:
        st.info(t("need.assessment", language()))
        if st.button(t("need.go_start", language()), key="need_start"):
            go("profile")
    return record
