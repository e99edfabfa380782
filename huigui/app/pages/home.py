"""Home: what Huigui measures, how long it takes, start or continue."""

from __future__ import annotations

import streamlit as st

from huigui.app.links import assess_again, firm_link_box, start_new
from huigui.app.resources import bank, store
from huigui.app.session import current_assessment, go_after, held_firm, language, open_token
from huigui.app.widgets import md, minutes_for
from huigui.i18n import t
from huigui.records import Profile


def _resume() -> None:
    code = st.session_state.get("resume_code", "").strip()
    if code:
        open_token(code.split("a=")[-1].split("&")[0])
        go_after("questionnaire")


def _intro(lang: str) -> None:
    b = bank()
    st.title(t("app.title", lang))
    st.markdown(md(b.text(b.title, lang)))
    st.write(t("home.lead", lang, items=len(b.items)))
    st.caption(
        t(
            "home.time",
            lang,
            minutes="–".join(map(str, minutes_for(b))),
            items=len(b.items),
            dims=len(b.dimensions),
        )
    )


def _buttons(lang: str) -> None:
    cols = st.columns(3)
    firm = held_firm()
    if firm is not None:
        past = store().firm_assessments(firm)
        profile = past[-1].profile if past else Profile(firm.name)
        cols[0].button(
            md(t("firm.again", lang, firm=firm.name)),
            type="primary",
            key="again",
            on_click=assess_again,
            args=(firm.id, profile),
        )
    label = "firm.another" if firm is not None else "home.start"
    cols[1 if firm else 0].button(
        t(label, lang), type="secondary" if firm else "primary", key="start", on_click=start_new
    )
    if current_assessment() is not None:
        cols[2].button(
            t("home.continue", lang), key="continue", on_click=go_after, args=("questionnaire",)
        )
    st.caption(t("home.privacy", lang))


def _dimensions(lang: str) -> None:
    b = bank()
    st.subheader(t("home.dimensions", lang))
    for dim in b.dimensions:
        with st.container(border=True):
            st.markdown(f"**{md(b.text(dim.name, lang))}**")
            st.caption(md(b.text(dim.description, lang)))


def _resume_box(lang: str) -> None:
    with st.expander(t("home.resume.label", lang)):
        st.text_input(
            t("home.resume.label", lang),
            key="resume_code",
            label_visibility="collapsed",
            max_chars=400,
        )
        st.button(t("home.resume.button", lang), key="resume", on_click=_resume)
    with st.expander(t("firm.open.label", lang)):
        firm_link_box("home_firm_link")


def render() -> None:
    """Draw the home page."""
    lang = language()
    _intro(lang)
    _buttons(lang)
    _dimensions(lang)
    _resume_box(lang)


render()
