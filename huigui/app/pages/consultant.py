"""Consultant login: one's own workshops, and a new facilitator link for a lost one.

Accounts are made by the operator (``huigui consultant add NAME``). A consultant sees only
the workshops created while logged in, and can replace a workshop's facilitator secret:
the old link stops working at once. Nothing of other consultants is shown.
"""

from __future__ import annotations

import streamlit as st

from huigui.app.resources import store
from huigui.app.session import action, language
from huigui.app.urls import app_url
from huigui.app.widgets import md
from huigui.i18n import t
from huigui.records import WorkshopRecord
from huigui.store.consultants import MAX_PASSWORD, LoginRefusedError


def _login() -> None:
    name = st.session_state.get("c_name", "")
    password = st.session_state.pop("c_password", "")
    try:
        account = store().login(name, password)
    except LoginRefusedError as exc:
        st.session_state["c_problem"] = str(exc)
        return
    st.session_state["consultant"] = account.id


def _logout() -> None:
    st.session_state.pop("consultant", None)


@action
def _new_link(workshop_id: str) -> None:
    secret = store().replace_secret(workshop_id, st.session_state["consultant"])
    st.session_state["c_new_link"] = (workshop_id, secret)
    st.session_state["facilitator"] = (workshop_id, secret)


def _form(lang: str) -> None:
    st.write(t("c.intro", lang))
    if problem := st.session_state.pop("c_problem", None):
        st.error(problem)
    with st.form("consultant"):
        st.text_input(t("c.name", lang), key="c_name", max_chars=64)
        st.text_input(
            t("c.password", lang), key="c_password", type="password", max_chars=MAX_PASSWORD
        )
        st.form_submit_button(t("c.login", lang), type="primary", on_click=_login)


def _workshop(workshop: WorkshopRecord, lang: str) -> None:
    status = "f.status.open" if workshop.is_open else "f.status.closed"
    with st.container(border=True):
        st.markdown(
            f"**{md(workshop.firm_name)}** · {workshop.code} · "
            f"{workshop.created_at:%Y-%m-%d} · {t(status, lang)}"
        )
        fresh = st.session_state.get("c_new_link")
        if fresh and fresh[0] == workshop.id:
            st.warning(t("c.new_link.done", lang), icon=":material/key:")
            st.code(
                app_url("facilitate", w=workshop.id, s=fresh[1]), language=None, wrap_lines=True
            )
        st.button(
            t("c.new_link", lang),
            key=f"c_link:{workshop.id}",
            on_click=_new_link,
            args=(workshop.id,),
        )


def render() -> None:
    """Log in, or list the consultant's own workshops."""
    lang = language()
    st.title(t("nav.consultant", lang))
    consultant_id = st.session_state.get("consultant")
    if not consultant_id:
        _form(lang)
        return
    account = store().consultant(consultant_id)
    st.success(md(t("c.hello", lang, name=account.name)))
    st.button(t("c.logout", lang), key="c_logout", on_click=_logout)
    st.subheader(t("c.workshops", lang))
    workshops = store().consultant_workshops(consultant_id)
    if not workshops:
        st.info(t("c.none", lang))
    for workshop in workshops:
        _workshop(workshop, lang)


render()
