"""Home: what Huigui measures, how long it takes, start or continue."""

from __future__ import annotations

import streamlit as st

from ..i18n import t
from ..state import bank, current_assessment, go, language, open_token
from ..text import md

MINUTES_PER_ITEM = 0.5


def render() -> None:
    """Draw the home page."""
    lang, b = language(), bank()
    st.title(t("app.title", lang))
    st.markdown(md(b.text(b.title, lang)))
    st.write(t("home.lead", lang, items=len(b.items)))
    st.caption(t("home.time", lang, minutes=round(len(b.items) * MINUTES_PER_ITEM),
                 items=len(b.items), dims=len(b.dimensions)))
    record = current_assessment()
    cols = st.columns(2)
    if cols[0].button(t("home.start", lang), type="primary", key="start"):
        st.session_state.pop("token", None)
        st.session_state["new_assessment"] = True
        go("profile")
    if record is not None and cols[1].button(t("home.continue", lang), key="continue"):
        go("questionnaire")
    st.subheader(t("home.dimensions", lang))
    for dim in b.dimensions:
        with st.container(border=True):
            st.markdown(f"**{md(b.text(dim.name, lang))}**")
            st.caption(md(b.text(dim.description, lang)))
    with st.expander(t("home.resume.label", lang)):
        code = st.text_input(t("home.resume.label", lang), key="resume_code",
                             label_visibility="collapsed", max_chars=400)
        if st.button(t("home.resume.button", lang), key="resume") and code.strip():
            token = code.strip().split("a=")[-1].split("&")[0]
            open_token(token)
            if current_assessment() is not None:
                go("questionnaire")
