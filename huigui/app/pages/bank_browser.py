"""Bank browser: every bank the server offers, each dimension, item, level, evidence, who
would know, when "not applicable" applies, trap levels, effort per step, rationale and
sources — for consultants and curious managers."""

from __future__ import annotations

import streamlit as st

from huigui.app.resources import archived_banks, library
from huigui.app.session import language
from huigui.app.widgets import md, sentence_list
from huigui.i18n import level_tag, t
from scoring import Bank, Dimension, Item, essay_index


def _field(b: Bank, label: str, text: dict[str, str] | None, lang: str) -> None:
    if text:
        st.markdown(f"**{t(label, lang)}** " + md(b.text(text, lang)))


def _levels(b: Bank, item: Item, lang: str) -> None:
    st.markdown(f"**{t('b.levels', lang)}**")
    for k, level in enumerate(item.levels):
        trap = f" — *{t('b.trap_level', lang)}*" if k in item.trap_answers else ""
        st.markdown(f"{level_tag(item, k, lang)}\\. " + md(b.text(level, lang)) + trap)
    if item.next_step:
        st.markdown(f"**{t('b.next_steps', lang)}**")
        for frm in range(len(item.levels)):
            step, to = item.step_advice(frm), item.step_target(frm)  # None at the ladder's top
            if step is None or to is None:
                continue
            effort = t(f"effort.{item.step_effort(frm, 2)}", lang) if item.effort else ""
            st.markdown(
                f"{level_tag(item, frm, lang)}→{to} "
                + md(b.text(step, lang))
                + (f" ({effort})" if effort else "")
            )


def _item(b: Bank, item: Item, lang: str) -> None:
    index = essay_index()
    title = b.text(item.title, lang) if item.title else b.text(item.prompt, lang)
    with st.expander(md(f"{item.id} · {title}")):
        if item.title:
            st.markdown(md(b.text(item.prompt, lang)))
        if item.is_trap:
            st.warning(t("b.trap", lang), icon=":material/warning:")
        _levels(b, item, lang)
        _field(b, "b.evidence", item.evidence, lang)
        _field(b, "b.ask", item.ask, lang)
        _field(b, "b.na_when", item.na_when, lang)
        _field(b, "b.rationale", item.rationale, lang)
        if item.source:
            st.caption(
                md(", ".join(f"{p} {index.headings[index.section_of(p)]}" for p in item.source))
            )


def _dimension(b: Bank, dim: Dimension, lang: str) -> None:
    st.markdown(md(b.text(dim.description, lang)))
    for item in dim.items:
        _item(b, item, lang)


def _stages(b: Bank, lang: str) -> None:
    for stage in b.stages:
        st.markdown(f"**{stage.id} · {md(b.text(stage.name, lang))}** (≥ {stage.min:g})")
        st.caption(md(b.text(stage.description, lang)))


def _choose(lang: str) -> Bank:
    banks = {b.digest: b for b in (*library(), *archived_banks())}
    digest = st.selectbox(
        t("b.choose", lang),
        list(banks),
        key="browse_bank",
        format_func=lambda d: f"{banks[d].text(banks[d].title, lang)} · v{banks[d].version}",
    )
    return banks[digest or next(iter(banks))]


def render() -> None:
    """Draw the chosen bank, one tab per dimension plus the stages."""
    lang = language()
    b = _choose(lang)
    st.title(md(b.text(b.title, lang)))
    st.caption(f"{b.id} · v{b.version} · {len(b.items)} · {b.digest[:12]}")
    st.write(t("b.intro", lang))
    if b.scope:
        st.info(sentence_list(b.text(b.scope, lang)), icon=":material/info:")
    if b.description:
        with st.expander(t("b.about", lang)):
            st.markdown(md(b.text(b.description, lang)))
    tabs = st.tabs(
        [md(f"{d.id} {b.text(d.name, lang)}") for d in b.dimensions] + [t("b.stages", lang)]
    )
    for tab, dim in zip(tabs, b.dimensions, strict=False):
        with tab:
            _dimension(b, dim, lang)
    with tabs[-1]:
        _stages(b, lang)


render()
