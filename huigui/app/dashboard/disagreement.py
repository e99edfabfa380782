"""Disagreement: items ranked by agreement, in words, with the most disputed distributions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from huigui.i18n import item_tag, t
from huigui.workshop import WorkshopSnapshot

from ..session import language
from ..widgets import md
from .common import agreement_help, agreement_text, distribution, fmt, group_notice

__all__ = ["disagreement_tab"]

TOP_DISTRIBUTIONS = 8


def _table(snap: WorkshopSnapshot, lang: str) -> pd.DataFrame:
    b = snap.bank
    return pd.DataFrame(
        [
            {
                t("r.col.item", lang): item_tag(b, i, lang),
                t("r.col.question", lang): b.text(b.item(i).prompt, lang),
                t("f.col.n", lang): s.n,
                t("f.col.mean", lang): fmt(s.mean, 1),
                t("f.col.sd", lang): fmt(s.sd),
                t("f.agreement", lang): agreement_text(s.rwg, lang),
                t("f.col.cross_role", lang): fmt(snap.cross_role.get(i)),
                t("f.col.polarized", lang): t("f.yes", lang) if s.polarized else "",
            }
            for i in snap.disagreement()
            for s in [snap.stats.items[i]]
        ]
    )


def disagreement_tab(snap: WorkshopSnapshot) -> None:
    """Items ranked by disagreement, with the answer distributions of the top ones."""
    lang, b = language(), snap.bank
    st.caption(t("f.disagreement.intro", lang), help=agreement_help(lang))
    if not group_notice(snap):
        return
    st.dataframe(_table(snap, lang), hide_index=True, key="disagreement")
    for item_id in snap.disagreement()[:TOP_DISTRIBUTIONS]:
        s = snap.stats.items[item_id]
        if not s.n:
            continue
        flag = f" · {t('f.polarized_flag', lang)}" if s.polarized else ""
        with st.container(border=True):
            tag = md(item_tag(b, item_id, lang))
            st.markdown(f"**{tag}** · {md(b.text(b.item(item_id).prompt, lang))}")
            st.caption(
                f"{t('f.agreement', lang)}: {agreement_text(s.rwg, lang)} · sd {fmt(s.sd)}{flag}"
            )
            distribution(snap, item_id, f"dist_{item_id}")
