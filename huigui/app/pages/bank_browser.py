"""Bank browser: every dimension, item, level, rationale and source — for consultants."""

from __future__ import annotations

import streamlit as st

from huigui.app.resources import bank
from huigui.app.session import language
from huigui.app.widgets import md
from huigui.i18n import t
from scoring import Dimension, Item, essay_index


def _item(item: Item, lang: str) -> None:
    b, index = bank(), essay_index()
    with st.expander(md(f"{item.id} · {b.text(item.prompt, lang)}")):
        if item.is_trap:
            st.warning(t("b.trap", lang), icon=":material/warning:")
        st.markdown(f"**{t('b.levels', lang)}**")
        for k, level in enumerate(item.levels):
            st.markdown(f"{k}\\. " + md(b.text(level, lang)))
        if item.rationale:
            st.markdown(f"**{t('b.rationale', lang)}** " + md(b.text(item.rationale, lang)))
        if item.source:
            st.caption(
                md(", ".join(f"{p} {index.headings[index.section_of(p)]}" for p in item.source))
            )
        if item.effort:
            st.caption(t("b.effort", lang, effort=item.effort))


def _dimension(dim: Dimension, lang: str) -> None:
    st.markdown(md(bank().text(dim.description, lang)))
    for item in dim.items:
        _item(item, lang)


def _stages(lang: str) -> None:
    b = bank()
    for stage in b.stages:
        st.markdown(f"**{stage.id} · {md(b.text(stage.name, lang))}** (≥ {stage.min:g})")
        st.caption(md(b.text(stage.description, lang)))


def render() -> None:
    """Draw the whole bank, one tab per dimension plus the stages."""
    lang, b = language(), bank()
    st.title(md(b.text(b.title, lang)))
    st.caption(f"{b.id} · v{b.version}")
    st.write(t("b.intro", lang))
    tabs = st.tabs(
        [md(f"{d.id} {b.text(d.name, lang)}") for d in b.dimensions] + [t("b.stages", lang)]
    )
    for tab, dim in zip(tabs, b.dimensions, strict=False):
        with tab:
            _dimension(dim, lang)
    with tabs[-1]:
        _stages(lang)


render()
