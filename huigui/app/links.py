"""The links a respondent keeps: the personal resume link and the firm link.

An assessment belongs to whoever holds its link; a firm's assessments, history and trend to
whoever holds the firm link. This module shows each where it is needed and says which to
keep; nothing here reveals a firm to a visitor who holds neither.
"""

from __future__ import annotations

import streamlit as st

from huigui.i18n import t
from huigui.records import AssessmentRecord, FirmRecord, Profile
from scoring import NotFoundError

from .resources import store
from .session import action, go_after, held_firm, hold_firm, language
from .urls import firm_url, resume_url
from .widgets import md

__all__ = [
    "assess_again",
    "firm_link_box",
    "holds_firm_of",
    "links_panel",
    "required_firm",
    "start_new",
]


def holds_firm_of(record: AssessmentRecord) -> FirmRecord | None:
    """The held firm, when it is this assessment's firm."""
    firm = held_firm()
    return firm if firm is not None and firm.id == record.firm_id else None


@action
def _make_link(token: str) -> None:
    firm_token = store().issue_firm_link(token)
    hold_firm(firm_token)
    st.session_state["show_firm_link"] = True


def start_new() -> None:
    """Start an assessment of a new firm."""
    st.session_state.pop("token", None)
    st.session_state.pop("granted", None)
    st.session_state["new_assessment"] = True
    st.session_state.pop("prefill", None)
    go_after("profile")


def assess_again(firm_id: str, profile: Profile) -> None:
    """Start the next assessment of the held firm, the profile filled in from this one."""
    st.session_state.pop("token", None)
    st.session_state.pop("granted", None)
    st.session_state["new_assessment"] = firm_id
    st.session_state["prefill"] = profile
    go_after("profile")


def _is_done(record: AssessmentRecord) -> bool:
    """Finished (a self-assessment) or submitted (a workshop participant's answers)."""
    return record.is_complete or record.submitted_at is not None


def _firm_part(record: AssessmentRecord, lang: str) -> None:
    firm = holds_firm_of(record)
    if firm is not None:
        token = st.session_state["firm_token"]  # (the expander around says what it is)
        st.code(firm_url(token), language=None, wrap_lines=True)
        st.caption(md(t("firm.link.keep", lang, firm=firm.name)))
        if _is_done(record):  # while it is being answered, assessing again means nothing
            st.button(
                md(t("firm.again", lang, firm=firm.name)),
                key="assess_again",
                on_click=assess_again,
                args=(firm.id, record.profile),
            )
        return
    own = store().firm_of(record)
    token = st.session_state.get("token")
    if own is not None and not own.has_link and token:
        st.caption(t("firm.link.none", lang))
        st.button(
            t("firm.link.make", lang), key="make_firm_link", on_click=_make_link, args=(token,)
        )
    elif own is not None:
        st.caption(t("firm.link.other", lang))


#: A link box's copy button shows only on hover, which a phone has not: there it is always
#: shown, and the link wraps clear of it.
LINK_STYLE = """<style>
.st-key-links [data-testid="stCode"] pre { padding-right: 3rem; }
@media (hover: none) {
  .st-key-links [data-testid="stCode"] > div:has([data-testid="stElementToolbarButton"]) {
    opacity: 1; visibility: visible;
  }
}
</style>"""


def links_panel(record: AssessmentRecord, *, expanded: bool = False) -> None:
    """The personal resume link (when the visitor holds it) and the firm link."""
    st.html(LINK_STYLE)
    with st.container(key="links"):
        _links(record, expanded)


def _links(record: AssessmentRecord, expanded: bool) -> None:
    lang = language()
    token = st.session_state.get("token")
    if token:
        with st.expander(t("link.yours", lang), expanded=expanded):
            st.code(resume_url(token), language=None, wrap_lines=True)
            st.caption(t("q.resume_hint", lang))
    if record.firm_id is None:
        return
    fresh = st.session_state.pop("show_firm_link", False)
    with st.expander(t("firm.link.title", lang), expanded=fresh, icon=":material/key:"):
        _firm_part(record, lang)


@action
def _open_firm(key: str) -> None:
    raw = st.session_state.get(key, "").strip()
    token = raw.split("f=")[-1].split("&")[0]
    try:
        hold_firm(token)
    except NotFoundError:
        st.session_state["firm_problem"] = t("firm.bad_link", language())
        return
    go_after("history")


def required_firm(need: str) -> FirmRecord | None:
    """The firm whose link this session holds; without one, the ``need`` text and a box to
    paste the link (and None)."""
    firm = held_firm()
    if firm is None:
        st.write(t(need, language()))
        firm_link_box()
    return firm


def firm_link_box(key: str = "firm_link") -> None:
    """Paste a firm link to open the firm's history."""
    lang = language()
    if problem := st.session_state.pop("firm_problem", None):
        st.error(problem)
    st.text_input(t("firm.open.label", lang), key=key, max_chars=400)
    st.button(t("firm.open.button", lang), key=f"{key}_open", on_click=_open_firm, args=(key,))
