"""Role gaps: where roles of at least k people see the firm differently."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from huigui.i18n import role_label, t
from huigui.workshop import WorkshopSnapshot
from scoring.group import RoleGap

from ..session import language
from .common import fmt, group_notice

__all__ = ["roles_tab"]


def _rows(
    gaps: Mapping[str, RoleGap], names: dict[str, str], lang: str, digits: int
) -> pd.DataFrame:
    rows = [
        {
            "": names[key],
            **{role_label(r, lang): fmt(m, digits) for r, m in gap.means.items()},
            t("f.col.gap", lang): gap.gap,
            t("f.col.highest", lang): role_label(gap.highest, lang),
            t("f.col.lowest", lang): role_label(gap.lowest, lang),
        }
        for key, gap in gaps.items()
    ]
    frame = pd.DataFrame(rows).sort_values(
        t("f.col.gap", lang), ascending=False, na_position="last"
    )
    frame[t("f.col.gap", lang)] = [fmt(v, digits) for v in frame[t("f.col.gap", lang)]]
    return frame


def roles_tab(snap: WorkshopSnapshot) -> None:
    """Where the roles see the firm differently: per dimension and per item."""
    lang, b = language(), snap.bank
    st.caption(t("f.roles.intro", lang))
    if not group_notice(snap):
        return
    if len(snap.by_role) < 2:
        st.info(t("f.roles.none", lang))
        return
    dims = {d.id: b.text(d.name, lang) for d in b.dimensions}
    items = {i.id: f"{i.id} {b.text(i.prompt, lang)}" for i in b.items}
    st.dataframe(_rows(snap.gaps.dimensions, dims, lang, 1), hide_index=True, key="role_dims")
    st.dataframe(_rows(snap.gaps.items, items, lang, 2), hide_index=True, key="role_items")
