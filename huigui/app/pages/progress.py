"""Progress: two assessments of the held firm side by side (T0 → T1), with the report.

Like History, nothing here is found by name: without the firm link the page only asks for
it. Each assessment is scored on the bank version it was answered on; the numbers are
:func:`scoring.progress.compare`'s, the same the report prints.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from huigui.app.links import required_firm
from huigui.app.resources import bank_of, store
from huigui.app.session import language
from huigui.app.widgets import _pdf_problem, download, draw, md
from huigui.charts import radar
from huigui.i18n import question_label, raise_text, t
from huigui.records import AssessmentRecord
from huigui.reports.progress import (
    ProgressInput,
    crossed_text,
    from_records,
    radar_outlines,
    render_progress,
    stages_text,
    step_status,
    version_notes,
)
from scoring.progress import ItemChange, Progress

#: A next step of the baseline: reached, not yet, or no longer comparable.
ICONS = {
    True: ":material/check_circle:",
    False: ":material/radio_button_unchecked:",
    None: ":material/help:",
}


def _label(record: AssessmentRecord, lang: str) -> str:
    """An assessment as the select boxes list it: date, kind and bank version."""
    bank = bank_of(record)
    when = record.completed_at or record.created_at
    kind = t(f"h.origin.{record.origin}", lang)
    return f"{when:%Y-%m-%d %H:%M} · {kind} · {bank.text(bank.title, lang)} v{bank.version}"


def _choose(done: list[AssessmentRecord], lang: str) -> tuple[AssessmentRecord, AssessmentRecord]:
    """The baseline (the oldest by default) and the current assessment (the newest)."""
    by_id = {r.id: r for r in done}
    ids = list(by_id)
    left, right = st.columns(2)
    baseline = left.selectbox(
        t("pr.baseline", lang),
        ids,
        index=0,
        format_func=lambda i: _label(by_id[i], lang),
        key="pr_baseline",
    )
    current = right.selectbox(
        t("pr.current", lang),
        ids,
        index=len(ids) - 1,
        format_func=lambda i: _label(by_id[i], lang),
        key="pr_current",
    )
    return by_id[baseline or ids[0]], by_id[current or ids[-1]]


def _metric(slot: DeltaGenerator, label: str, value: float | None, change: float | None) -> None:
    """A score now, with its change since the baseline (grey and without an arrow when it
    did not move)."""
    shown = "–" if value is None else f"{value:.1f}"
    if change is None or round(change, 1) == 0:
        delta = None if change is None else "0.0"
        slot.metric(label, shown, delta, delta_color="off", delta_arrow="off")
    else:
        slot.metric(label, shown, f"{change:+.1f}")


def _metrics(inp: ProgressInput, lang: str) -> None:
    """The overall score and each dimension's, now, with the change since the baseline."""
    p, bank = inp.progress, inp.current.bank
    names = {d.id: bank.text(d.name, lang) for d in bank.dimensions}
    cols = st.columns(len(p.dimensions) + 1)
    _metric(cols[0], t("r.overall", lang), p.overall_after, p.overall_change)
    for col, dim in zip(cols[1:], p.dimensions, strict=True):
        _metric(col, md(names[dim.dimension_id]), dim.after, dim.change)
        stages = stages_text(inp, dim.stage_before, dim.stage_after)
        col.caption(md(f"{stages} · {crossed_text(dim.stages_crossed, lang)}"))


def _item_line(inp: ProgressInput, item: ItemChange, lang: str) -> str:
    return t(
        "pr.item.line",
        lang,
        item=question_label(inp.current.bank, item.item_id, lang),
        frm=item.level_before,
        to=item.level_after,
        change=f"{item.change:+.1f}" if item.change is not None else "–",
        contribution=f"{item.contribution:+.1f}" if item.contribution is not None else "–",
    )


def _movers(inp: ProgressInput, lang: str) -> None:
    """One expander per dimension: the questions that rose, then those that fell."""
    st.subheader(t("pr.rep.items", lang))
    bank = inp.current.bank
    names = {d.id: bank.text(d.name, lang) for d in bank.dimensions}
    for dim in inp.progress.dimensions:
        label = t(
            "pr.expander", lang, dim=names[dim.dimension_id], rose=len(dim.rose), fell=len(dim.fell)
        )
        with st.expander(md(label)):
            for item in dim.rose:
                st.markdown(":material/arrow_upward: " + md(_item_line(inp, item, lang)))
            for item in dim.fell:
                st.markdown(":material/arrow_downward: " + md(_item_line(inp, item, lang)))
            if not dim.rose and not dim.fell:
                st.caption(t("pr.moved_none", lang))


def _steps(inp: ProgressInput, lang: str) -> None:
    """The baseline's next steps, each reached or not yet."""
    p: Progress = inp.progress
    st.subheader(t("pr.steps", lang))
    st.caption(
        t("pr.steps.intro", lang)
        + " "
        + t("pr.steps.count", lang, reached=len(p.reached), n=len(p.steps))
    )
    if not p.steps:
        st.caption(t("pr.steps.none", lang))
    for step in p.steps:
        icon = ICONS[step.reached]
        status = md(step_status(step, lang))
        status = f"**{status}**" if step.reached else status
        st.markdown(f"{icon} {status} · {md(raise_text(inp.baseline.bank, step.step, lang))}")


def _downloads(
    inp: ProgressInput, baseline: AssessmentRecord, current: AssessmentRecord, lang: str
) -> None:
    """PDF and HTML of the progress report, made only when clicked."""
    st.subheader(t("r.downloads", lang))
    stem = f"huigui-progress-{baseline.id[:6]}-{current.id[:6]}"
    pdf_slot, html_slot = st.columns(2)
    problem = _pdf_problem(lang)
    if problem is None:
        download(
            pdf_slot,
            "PDF",
            lambda: render_progress(inp, "pdf"),
            f"{stem}.pdf",
            "application/pdf",
            "dl_progress_pdf",
        )
    else:
        pdf_slot.caption(problem)
    download(
        html_slot,
        "HTML",
        lambda: render_progress(inp, "html"),
        f"{stem}.html",
        "text/html",
        "dl_progress_html",
    )


def _notes(inp: ProgressInput) -> None:
    """Say when the two bank versions differ, and what could not be compared."""
    notes = version_notes(inp)
    if notes:
        st.info("\n\n".join(md(note) for note in notes), icon=":material/info:")


def render() -> None:
    """Compare two of the held firm's assessments, or ask for its firm link."""
    lang = language()
    st.title(t("nav.progress", lang))
    firm = required_firm("pr.need_firm")
    if firm is None:
        return
    st.write(md(t("pr.intro", lang, firm=firm.name)))
    done = store().history(firm)
    if len(done) < 2:
        st.info(t("pr.need_two", lang, n=len(done)))
        return
    baseline, current = _choose(done, lang)
    if baseline.id == current.id:
        st.warning(t("pr.same", lang))
        return
    if (baseline.completed_at or baseline.created_at) > (
        current.completed_at or current.created_at
    ):
        st.caption(t("pr.backwards", lang))
    inp = from_records((bank_of(baseline), baseline), (bank_of(current), current), lang)
    _notes(inp)
    _metrics(inp, lang)
    names, outlines = radar_outlines(inp)
    draw(radar(names, outlines), "progress_radar")
    _movers(inp, lang)
    _steps(inp, lang)
    _downloads(inp, baseline, current, lang)


render()
