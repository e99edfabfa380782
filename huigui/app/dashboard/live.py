"""Live: who joined and submitted, per role, and the group picture once k have submitted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from huigui.i18n import role_label, t
from huigui.workshop import WorkshopSnapshot

from ..session import language
from .common import fmt, group_notice, group_radar, percent

__all__ = ["live_tab"]


def _counts(snap: WorkshopSnapshot, lang: str) -> None:
    counts = snap.counts_by_role()
    shown = counts.assign(role=[role_label(r, lang) for r in counts["role"]]).rename(
        columns={
            "role": t("f.role", lang),
            "joined": t("f.joined", lang),
            "submitted": t("f.finished", lang),
        }
    )
    st.dataframe(shown, hide_index=True, key="counts")


def _dimension_table(snap: WorkshopSnapshot, lang: str) -> pd.DataFrame:
    b = snap.bank
    return pd.DataFrame(
        [
            {
                t("r.col.dimension", lang): b.text(d.name, lang),
                t("f.col.n", lang): s.n,
                t("f.col.mean", lang): fmt(s.mean, 1),
                t("f.col.sd", lang): fmt(s.sd, 1),
                t("f.col.rwg_j", lang): fmt(s.rwg_j),
                t("f.col.dk", lang): percent(s.dk_share),
                t("f.col.na", lang): percent(s.na_share),
            }
            for d in b.dimensions
            for s in [snap.stats.dimensions[d.id]]
        ]
    )


def live_tab(snap: WorkshopSnapshot, refresh: int) -> None:
    """Counts, the group radar and dimension statistics."""
    lang = language()
    cols = st.columns(2)
    cols[0].metric(t("f.joined", lang), len(snap.participants))
    cols[1].metric(t("f.finished", lang), snap.submitted)
    if not snap.participants:
        st.info(t("f.none_yet", lang, code=snap.workshop.code))
        return
    _counts(snap, lang)
    if group_notice(snap):
        group_radar(snap, "group_radar_live")
        st.dataframe(_dimension_table(snap, lang), hide_index=True, key="dims")
    st.caption(t("f.refresh", lang, seconds=refresh))
