"""Join: a participant opens the join link (or types the code), picks a role and starts."""

from __future__ import annotations

import streamlit as st

from scoring import NotFoundError, StoreError

from ..i18n import LANGUAGE_NAMES, role_label, t
from ..state import bank, go, language, open_token, store
from ..text import md

MAX_NAME = 100


def render() -> None:
    """Find the workshop by code, then join it."""
    lang = language()
    st.title(t("nav.join", lang))
    code = st.query_params.get("code", "")
    if not code:
        st.write(t("j.intro", lang))
        typed = st.text_input(t("j.code", lang), max_chars=20, key="join_code")
        if st.button(t("j.find", lang), type="primary", key="find") and typed.strip():
            st.query_params["code"] = typed.strip().upper()
            st.rerun()
        return
    try:
        workshop = store().by_code(code)
    except NotFoundError:
        st.error(t("j.unknown", lang))
        return
    st.subheader(md(t("j.welcome", lang, firm=workshop.firm_name)))
    if not workshop.is_open:
        st.warning(t("j.closed", lang))
        return
    st.caption(t("j.languages", lang, languages=", ".join(
        LANGUAGE_NAMES.get(x, x) for x in workshop.languages)))
    st.info(t("j.private", lang), icon=":material/lock:")
    with st.form("join"):
        role = st.selectbox(t("j.role", lang), workshop.roles, index=None,
                            format_func=lambda r: role_label(r, lang), key="join_role")
        name = st.text_input(t("j.name", lang), max_chars=MAX_NAME, key="join_name")
        submitted = st.form_submit_button(t("j.join", lang), type="primary")
    if not submitted:
        return
    if role is None:
        st.error(t("j.need_role", lang))
        return
    try:
        _, token = store().join(bank(), workshop.code, role, lang, name)
    except (StoreError, NotFoundError) as exc:
        st.error(t("error.store", lang, reason=str(exc)))
        return
    open_token(token)
    go("questionnaire")
