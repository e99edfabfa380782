"""History: the firm's completed assessments and the trend of its dimension scores."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from huigui.app.resources import bank, store
from huigui.app.session import language
from huigui.app.widgets import draw, md, required_assessment
from huigui.charts import trend
from huigui.i18n import t
from huigui.records import AssessmentRecord


def _table(past: list[AssessmentRecord], lang: str) -> pd.DataFrame:
    b = bank()
    names = {d.id: b.text(d.name, lang) for d in b.dimensions}
    rows = [
        {
            t("h.date", lang): f"{h.completed_at:%Y-%m-%d %H:%M}",
            t("r.overall", lang): h.summary.overall,
            **{names[d]: h.summary.dimensions.get(d) for d in names},
        }
        for h in past
        if h.summary is not None
    ]
    return pd.DataFrame(rows)


def _trend(frame: pd.DataFrame, lang: str) -> None:
    names = [bank().text(d.name, lang) for d in bank().dimensions]
    series = {n: list(frame[n]) for n in names}
    draw(trend(list(frame[t("h.date", lang)]), series, t("h.trend", lang)), "trend")


def render() -> None:
    """Draw the firm's history."""
    lang = language()
    st.title(t("nav.history", lang))
    record = required_assessment()
    if record is None:
        return
    st.write(md(t("h.intro", lang, firm=record.profile.firm_name)))
    frame = _table(store().history(record), lang)
    if frame.empty:
        st.info(t("h.none", lang))
        return
    st.dataframe(frame.style.format(precision=0, na_rep="–"), hide_index=True, key="history")
    if len(frame) >= 2:  # a trend needs two points
        _trend(frame, lang)


render()
