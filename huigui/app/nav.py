"""The app's pages, built per run so that their titles follow the language.

Each page is one file under ``pages/``: the file *is* the view (``st.navigation`` and
``AppTest.switch_page`` both take page files). Pages may not import each other; what two
pages share lives in :mod:`huigui.app.widgets` and :mod:`huigui.app.session`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from huigui.i18n import t

from . import session
from .session import language

__all__ = ["navigation", "page"]

PAGES_DIR = Path(__file__).resolve().parent / "pages"
ICON = Path(__file__).resolve().parent / "icon.png"
_PAGES: dict[str, tuple[str, str, str]] = {
    "home": ("home.py", "nav.home", ":material/home:"),
    "profile": ("profile.py", "nav.profile", ":material/business:"),
    "questionnaire": ("questionnaire.py", "nav.questionnaire", ":material/checklist:"),
    "results": ("results.py", "nav.results", ":material/radar:"),
    "history": ("history.py", "nav.history", ":material/timeline:"),
    "progress": ("progress.py", "nav.progress", ":material/trending_up:"),
    "bank": ("bank_browser.py", "nav.bank", ":material/menu_book:"),
    "workshop_new": ("workshop_new.py", "nav.workshop_new", ":material/groups:"),
    "join": ("join.py", "nav.join", ":material/qr_code_scanner:"),
    "facilitate": ("facilitate.py", "nav.facilitate", ":material/dashboard:"),
    "present": ("present.py", "nav.present", ":material/present_to_all:"),
    "consultant": ("consultant.py", "nav.consultant", ":material/badge:"),
}


def page(name: str) -> st.Page:
    """The page called ``name`` (a script under ``pages/``)."""
    script, title, icon = _PAGES[name]
    return st.Page(
        PAGES_DIR / script,
        title=t(title, language()),
        icon=icon,
        url_path=name,
        default=name == "home",
    )


def navigation() -> st.Page:
    """``st.navigation`` over every page, grouped."""
    lang = language()
    session.PAGES.update({name: partial(page, name) for name in _PAGES})
    return st.navigation(
        {
            t("nav.section.assessment", lang): [
                page(n)
                for n in ("home", "profile", "questionnaire", "results", "history", "progress")
            ],
            t("nav.section.workshop", lang): [
                page(n) for n in ("join", "workshop_new", "facilitate", "present", "consultant")
            ],
            t("nav.section.reference", lang): [page("bank")],
        }
    )
