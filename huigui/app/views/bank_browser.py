"""Bank browser: every dimension, item, level, rationale and source — for consultants."""

from __future__ import annotations

import streamlit as st

from scoring import essay_index

from ..i18n import t
from ..state import bank, language
from ..text import md


def render() -> None:
    """Draw the whole bank, one tab per dimension plus the stages."""
    lang, b = language(), bank()
    st.title(md(b.text(b.title, lang)))
    st.caption(f"{b.id} · v{b.version}")
    st.write(t("b.intro", lang))
    index = essay_index()
    tabs = st.tabs([md(f"{d.id} {b.text(d.name, lang)}") for d in b.dimensions]
                   + [t("b.stages", lang)])
    for tab, dim in zip(tabs, b.dimensions, strict=False):
        with tab:
            st.markdown(md(b.text(dim.description, lang)))
            for item in dim.items:
                title = f"{item.id} · {b.text(item.prompt, lang)}"
                with st.expander(md(title)):
                    if item.trap:
                        st.warning(t("b.trap", lang), icon=":material/warning:")
                    st.markdown(f"**{t('b.levels', lang)}**")
                    for k, level in enumerate(item.levels):
                        st.markdown(f"{k}\\. " + md(b.text(level, lang)))
                    if item.rationale:
                        st.markdown(f"**{t('b.rationale', lang)}** " +
                                    md(b.text(item.rationale, lang)))
                    if item.source:
                        st.caption(md(", ".join(
                            f"{p} {index.headings[index.section_of(p)]}" for p in item.source)))
                    if item.effort:
                        st.caption(t("b.effort", lang, effort=item.effort))
    with tabs[-1]:
        for stage in b.stages:
            st.markdown(f"**{stage.id} · {md(b.text(stage.name, lang))}** (≥ {stage.min:g})")
            st.caption(md(b.text(stage.description, lang)))
