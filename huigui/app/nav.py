"""The app's pages, built per run so that their titles follow the language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from . import state
from .i18n import t
from .state import language
from .views import bank_browser, history, home, profile, questionnaire, results

__all__ = ["navigation", "page"]

_PAGES: dict[str, tuple[Callable[[], None], str, str]] = {
    "home": (home.render, "nav.home", ":material/home:"),
    "profile": (profile.render, "nav.profile", ":material/business:"),
    "questionnaire": (questionnaire.render, "nav.questionnaire", ":material/checklist:"),
    "results": (results.render, "nav.results", ":material/radar:"),
    "history": (history.render, "nav.history", ":material/timeline:"),
    "bank": (bank_browser.render, "nav.bank", ":material/menu_book:"),
}


def page(name: str) -> st.Page:
    """The page called ``name``."""
    render, title, icon = _PAGES[name]
    return st.Page(render, title=t(title, language()), icon=icon, url_path=name,
                   default=name == "home")


def navigation() -> st.Page:
    """``st.navigation`` over every page, grouped."""
    lang = language()
    state.PAGES.update({name: partial(page, name) for name in _PAGES})
    return st.navigation({
        t("nav.section.assessment", lang): [page(n) for n in
                                            ("home", "profile", "questionnaire", "results",
                                             "history")],
        t("nav.section.reference", lang): [page("bank")],
    })
