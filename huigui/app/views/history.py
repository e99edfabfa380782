"""History: the firm's completed assessments and the trend of its dimension scores."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from huigui.charts import trend

from ..i18n import t
from ..state import bank, language, required_assessment, store
from ..text import md


def render() -> None:
    """Draw the firm's history."""
    lang, b = language(), bank()
    st.title(t("nav.history", lang))
    record = required_assessment()
    if record is None:
        return
    st.write(md(t("h.intro", lang, firm=record.profile.firm_name)))
    past = store().history(record.profile.firm_name, b.id)
    if not past:
        st.info(t("h.none", lang))
        return
    names = {d.id: b.text(d.name, lang) for d in b.dimensions}
    rows = []
    for h in past:
        if h.completed_at is None:
            continue
        dims = h.scores.get("dimensions", {})
        overall = h.scores.get("overall")
        rows.append({t("h.date", lang): h.completed_at.strftime("%Y-%m-%d %H:%M"),
                     t("r.overall", lang): overall,
                     **{names[d]: dims.get(d) for d in names}})
    frame = pd.DataFrame(rows)
    for column in frame.columns[1:]:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    st.dataframe(frame.style.format(precision=0, na_rep="–"), hide_index=True, key="history")
    if len(rows) < 2:
        return  # a trend needs two points
    dates = list(frame[t("h.date", lang)])
    series = {names[d]: [r.get(names[d]) for r in rows] for d in names}
    st.plotly_chart(trend(dates, series, t("h.trend", lang)), key="trend",
                    config={"displaylogo": False, "displayModeBar": False})
