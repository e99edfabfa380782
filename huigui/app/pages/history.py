"""History: the assessments of the firm whose firm link this session holds.

Nothing here is found by name: without the firm link the page only asks for it. The holder
may open any of the firm's assessments, rename the firm, delete an assessment, or delete
the whole history after downloading it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from huigui.app.links import assess_again, required_firm
from huigui.app.resources import bank_of, store
from huigui.app.session import action, go_after, language, open_in_firm
from huigui.app.widgets import XLSX, download, draw, md
from huigui.charts import trend
from huigui.i18n import t
from huigui.records import AssessmentRecord, FirmRecord, Profile
from huigui.store.fields import MAX_FIRM
from huigui.tables import xlsx_workbook
from scoring import Bank


def _version(b: Bank, lang: str) -> str:
    return f"{b.text(b.title, lang)} v{b.version}"


def _names(records: list[AssessmentRecord], lang: str) -> dict[str, str]:
    """Dimension id → name, over every bank version the records used (newest wins)."""
    names: dict[str, str] = {}
    for record in records:
        b = bank_of(record)
        names |= {d.id: b.text(d.name, lang) for d in b.dimensions}
    return names


def _row(record: AssessmentRecord, names: dict[str, str], lang: str) -> dict[str, object]:
    summary = record.summary
    when = record.completed_at or record.created_at
    return {
        t("h.date", lang): f"{when:%Y-%m-%d %H:%M}",
        t("h.col.status", lang): t(
            "h.status.done" if record.is_complete else "h.status.open", lang
        ),
        t("h.col.kind", lang): t(f"h.origin.{record.origin}", lang),
        t("h.col.bank", lang): _version(bank_of(record), lang),
        t("r.overall", lang): summary.overall if summary else None,
        **{name: (summary.dimensions.get(d) if summary else None) for d, name in names.items()},
    }


def _trend(done: list[AssessmentRecord], lang: str) -> None:
    """Each dimension's score over time, compared by dimension across bank versions; a
    dotted line marks where the version changed."""
    names = _names(done, lang)
    series = {
        name: [r.summary.dimensions.get(d) if r.summary else None for r in done]
        for d, name in names.items()
    }
    dates = [f"{r.completed_at:%Y-%m-%d %H:%M}" for r in done]
    marks = [
        (k, _version(bank_of(r), lang))
        for k, r in enumerate(done)
        if k > 0 and r.bank_digest != done[k - 1].bank_digest
    ]
    draw(trend(dates, series, t("h.trend", lang), marks), "trend")


def _open(assessment_id: str) -> None:
    open_in_firm(assessment_id)
    go_after("results")


@action
def _delete(assessment_id: str) -> None:
    store().delete_assessment(assessment_id)
    st.session_state["history_note"] = t("h.deleted", language())


def _entry(record: AssessmentRecord, lang: str) -> None:
    cols = st.columns([3, 1, 2])
    when = record.completed_at or record.created_at
    cols[0].markdown(f"**{when:%Y-%m-%d}** · {t(f'h.origin.{record.origin}', lang)}")
    cols[1].button(t("h.open", lang), key=f"open:{record.id}", on_click=_open, args=(record.id,))
    with cols[2].popover(t("h.delete", lang), icon=":material/delete:"):
        st.button(
            t("h.delete.confirm", lang),
            key=f"delete:{record.id}",
            type="primary",
            on_click=_delete,
            args=(record.id,),
        )


@action
def _rename(firm: FirmRecord) -> None:
    store().rename_firm(firm, st.session_state.get("firm_rename", ""))


@action
def _delete_all(firm: FirmRecord) -> None:
    if st.session_state.get("delete_all_ok"):
        store().delete_firm(firm)
        st.session_state.pop("firm_token", None)
        st.session_state["history_note"] = t("h.gone", language())


def _export(firm: FirmRecord, records: list[AssessmentRecord], lang: str) -> bytes:
    names = _names(records, lang)
    rows = pd.DataFrame([_row(r, names, lang) for r in records])
    answers = pd.DataFrame([{"assessment": r.id, **r.answers} for r in records])
    return xlsx_workbook({"history": rows, "answers": answers}, about={"firm": firm.name})


def _manage(firm: FirmRecord, records: list[AssessmentRecord], lang: str) -> None:
    with st.expander(t("h.rename", lang)):
        st.text_input(
            t("h.rename", lang),
            value=firm.name,
            max_chars=MAX_FIRM,
            key="firm_rename",
            label_visibility="collapsed",
        )
        st.button(t("h.rename.save", lang), key="rename", on_click=_rename, args=(firm,))
    with st.expander(t("h.danger", lang), icon=":material/warning:"):
        st.caption(md(t("h.danger.help", lang, firm=firm.name)))
        download(
            st.container(),
            t("h.export", lang),
            lambda: _export(firm, records, lang),
            "huigui-history.xlsx",
            XLSX,
            "dl_history",
        )
        st.checkbox(t("h.danger.confirm", lang), key="delete_all_ok")
        st.button(
            t("h.danger.button", lang),
            key="delete_all",
            type="primary",
            on_click=_delete_all,
            args=(firm,),
            disabled=not st.session_state.get("delete_all_ok"),
        )


def render() -> None:
    """Draw the held firm's history, or ask for its firm link."""
    lang = language()
    st.title(t("nav.history", lang))
    if note := st.session_state.pop("history_note", None):
        st.success(note)
    firm = required_firm("h.need_firm")
    if firm is None:
        return
    st.write(md(t("h.intro", lang, firm=firm.name)))
    records = store().firm_assessments(firm)
    st.button(
        md(t("firm.again", lang, firm=firm.name)),
        type="primary",
        key="history_again",
        icon=":material/add:",
        on_click=assess_again,
        args=(firm.id, records[-1].profile if records else Profile(firm.name)),
    )
    if not records:
        st.info(t("h.none", lang))
    st.dataframe(
        pd.DataFrame([_row(r, _names(records, lang), lang) for r in records]).style.format(
            precision=0, na_rep="–"
        ),
        hide_index=True,
        key="history",
    )
    for record in reversed(records):
        _entry(record, lang)
    done = store().history(firm)
    if len(done) >= 2:  # a trend needs two points
        _trend(done, lang)
        st.button(
            t("pr.compare", lang),
            key="compare",
            icon=":material/trending_up:",
            on_click=go_after,
            args=("progress",),
        )
    _manage(firm, records, lang)


render()
