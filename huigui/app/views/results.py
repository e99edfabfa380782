"""Results: overall and per-dimension scores, radar with bars, items, next steps, downloads."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from huigui.charts import PALETTE, Series, band_traces, gap_bars, radar
from huigui.exports import export_csv, export_json, export_tables, export_xlsx
from huigui.reports.inputs import from_record
from huigui.results import (
    MIN_PEERS,
    AssessmentResult,
    evaluate,
    peer_medians,
    previous_scores,
)
from huigui.store import AssessmentRecord
from huigui.workshop import snapshot
from scoring import Bank, StoreError

from ..i18n import join_list, t
from ..reports import report_buttons
from ..state import bank, language, required_assessment, store
from ..text import md

LEVEL_COLOURS = ("#f4cccc", "#fce5cd", "#fff2cc", "#d9ead3", "#b6d7a8")


def _stage_name(b: Bank, stage_id: str | None, lang: str) -> str:
    return b.text(b.stage(stage_id).name, lang) if stage_id else "–"


def _overall(b: Bank, result: AssessmentResult, lang: str) -> None:
    left, right = st.columns([1, 2])
    if result.overall is None:
        missing = [b.text(d.name, lang) for d in b.dimensions
                   if result.dimensions[d.id].score is None]
        left.metric(t("r.overall", lang), "–")
        right.info(t("r.no_overall", lang, dims=join_list(missing, lang),
                     coverage=b.min_coverage))
        return
    stage = b.stage(result.overall_stage) if result.overall_stage else None
    left.metric(t("r.overall", lang), f"{result.overall:.0f}",
                help=t("r.stage", lang))
    if stage is not None:
        right.markdown(f"### {md(b.text(stage.name, lang))}")
        right.caption(md(b.text(stage.description, lang)))


def _dimension_cards(b: Bank, result: AssessmentResult, lang: str) -> None:
    columns = st.columns(len(b.dimensions))
    for col, dim in zip(columns, b.dimensions, strict=True):
        r = result.dimensions[dim.id]
        with col.container(border=True):
            value = f"{r.score:.0f}" if r.score is not None else "–"
            st.markdown(f"**{md(b.text(dim.name, lang))}**")
            st.metric(md(b.text(dim.name, lang)), value, label_visibility="collapsed")
            if r.score is None:
                st.caption(t("r.all_na" if r.flag == "all_na" else "r.not_enough", lang))
            else:
                st.markdown(f"**{md(_stage_name(b, r.stage, lang))}**")
            if r.gated_item:
                st.caption(md(t("r.gated_by", lang, item=r.gated_item,
                                stage=_stage_name(b, r.gated_stage, lang))),
                           help=b.text(b.item(r.gated_item).prompt, lang))
            coverage = f"{r.coverage:.0%}" if r.coverage is not None else "–"
            st.caption(f"{t('r.coverage', lang)}: {coverage} · {t('r.dk_count', lang)}: {r.dk}")


def _targets(b: Bank, record: AssessmentRecord, lang: str) -> dict[str, float]:
    with st.expander(t("r.targets", lang)):
        st.caption(t("r.targets.help", lang))
        columns = st.columns(len(b.dimensions))
        targets = {}
        for col, dim in zip(columns, b.dimensions, strict=True):
            saved = record.targets.get(dim.id)
            value = col.number_input(md(b.text(dim.name, lang)), 0.0, 100.0,
                                     value=float(saved) if saved is not None else None,
                                     step=5.0, key=f"target:{dim.id}")
            if value is not None:
                targets[dim.id] = float(value)
        if targets != record.targets:
            try:
                store().update(record.id, targets=targets)
            except StoreError as exc:
                st.error(t("error.store", lang, reason=str(exc)))
    return targets


def _charts(b: Bank, record: AssessmentRecord, result: AssessmentResult,
            targets: dict[str, float], lang: str) -> None:
    names = [b.text(d.name, lang) for d in b.dimensions]
    scores = [result.dimensions[d.id].score for d in b.dimensions]
    series = [Series(t("r.trace.you", lang), scores, PALETTE["you"])]
    if targets:
        series.append(Series(t("r.trace.target", lang),
                             [targets.get(d.id) for d in b.dimensions], PALETTE["target"],
                             dash="dash", labels=False))
    previous = previous_scores(store(), b, record)
    if previous is not None:
        date, dims = previous
        series.append(Series(t("r.trace.previous", lang, date=date),
                             [dims.get(d.id) for d in b.dimensions], PALETTE["previous"],
                             dash="dot", labels=False))
    peers, n_peers = peer_medians(store(), b, record)
    if n_peers >= MIN_PEERS:
        series.append(Series(t("r.trace.peers", lang, n=n_peers), peers, PALETTE["peers"],
                             dash="dashdot", labels=False))
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(radar(names, series, t("r.radar", lang)), key="radar",
                        config={"displaylogo": False, "displayModeBar": False})
        if n_peers < MIN_PEERS:
            st.caption(t("r.peers.few", lang, min=MIN_PEERS, n=n_peers))
    with right:
        if not targets:
            st.caption(t("r.targets.help", lang))
            return
        target_values = [targets.get(d.id) for d in b.dimensions]
        st.plotly_chart(gap_bars(names, scores, target_values, t("r.gaps", lang)), key="gaps",
                        config={"displaylogo": False, "displayModeBar": False})


def _item_table(result: AssessmentResult, lang: str) -> None:
    st.subheader(t("r.items", lang))
    table = result.item_table(lang)
    maxima = {i.id: i.max_level for i in result.bank.items}

    def colour(row: pd.Series) -> list[str]:
        level = row["level"]
        if level is None or level is pd.NA:
            return [""] * len(row)
        shade = LEVEL_COLOURS[round(int(level) / maxima[str(row["item"])] * 4)]
        return [f"background-color: {shade}; color: #222"] * len(row)

    shown = table.rename(columns={
        "item": t("r.col.item", lang), "dimension": t("r.col.dimension", lang),
        "question": t("r.col.question", lang), "answer": t("r.col.answer", lang),
        "level": t("r.col.level", lang), "score": t("r.score", lang)})
    styled = shown.style.apply(lambda row: colour(table.loc[row.name]), axis=1).format(
        {t("r.score", lang): _whole})
    st.dataframe(styled, hide_index=True, key="items")


def _whole(value: Any) -> str:
    return "" if value is None or math.isnan(value) else f"{value:.0f}"


def _next_steps(b: Bank, result: AssessmentResult, lang: str) -> None:
    st.subheader(t("r.next", lang))
    if result.traps:
        st.warning(t("r.trap", lang, n=len(result.traps), items=join_list(result.traps, lang)),
                   icon=":material/warning:")
    st.caption(t("r.next.intro", lang))
    for plan in result.plans:
        dim = next(d for d in b.dimensions if d.id == plan.dimension_id)
        name = b.text(dim.name, lang)
        if plan.unanswered:
            st.info(md(t("r.next.answer_first", lang, items=join_list(plan.unanswered, lang))))
        if plan.score is None:
            continue
        if plan.next_stage_id is None:
            st.success(md(t("r.next.top", lang, dim=name)))
            continue
        stage = b.stage(plan.next_stage_id)
        with st.expander(md(t("r.next.to", lang, dim=name, score=plan.score,
                                stage=b.text(stage.name, lang), min=stage.min,
                                n=len(plan.raises))), expanded=True):
            for r in plan.raises:
                st.markdown("- " + md(t("r.next.raise", lang, item=r.item_id, frm=r.from_level,
                                        to=r.to_level, gain=r.gain, effort=r.effort)))
                if r.next_step:
                    st.caption(md(b.text(r.next_step, lang)))
            if not plan.reachable:
                st.caption(t("r.next.unreachable", lang))


def _downloads(record: AssessmentRecord, result: AssessmentResult, lang: str) -> None:
    st.subheader(t("r.downloads", lang))
    stem = f"huigui-{record.created_at:%Y%m%d}-{record.id[:8]}"

    def tables() -> dict[str, Any]:
        return export_tables(record, result, lang)

    cols = st.columns(5)
    report_buttons(cols[3], cols[4], stem, lambda: from_record(bank(), store(), record, lang),
                   lang)
    cols[0].download_button("JSON", lambda: export_json(record, tables()), f"{stem}.json",
                            "application/json", key="dl_json", on_click="ignore")
    cols[1].download_button("CSV (ZIP)", lambda: export_csv(tables()), f"{stem}-csv.zip",
                            "application/zip", key="dl_csv", on_click="ignore")
    cols[2].download_button(
        "XLSX", lambda: export_xlsx(record, tables()), f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx",
        on_click="ignore")


def _group(b: Bank, workshop_id: str, lang: str) -> None:
    """A participant sees the group's result only once the facilitator releases it."""
    st.subheader(t("r.group", lang))
    workshop = store().workshop(workshop_id)
    if not workshop.released:
        st.info(t("r.group.wait", lang))
        return
    snap = snapshot(b, workshop, store().participants(workshop_id), {})
    names = [b.text(d.name, lang) for d in b.dimensions]
    low, high = snap.band()
    means = [snap.stats.dimensions[d.id]["mean"] for d in b.dimensions]
    bands = band_traces(names, low, high, t("f.trace.band", lang))
    st.plotly_chart(radar(names, [Series(t("f.trace.mean", lang), means, PALETTE["you"])],
                          bands=bands), key="group_radar", config={"displaylogo": False})


def render() -> None:
    """Draw the results of the open assessment."""
    lang, b = language(), bank()
    record = required_assessment()
    if record is None:
        return
    result = evaluate(b, record.answers)
    if (record.workshop_id is None and record.completed_at is not None
            and record.updated_at > record.completed_at):
        store().complete(record.id, result.summary())  # keep history and benchmarks current
    st.title(t("nav.results", lang))
    st.caption(md(record.profile.firm_name))
    _overall(b, result, lang)
    _dimension_cards(b, result, lang)
    if record.workshop_id is not None:
        _group(b, record.workshop_id, lang)
    targets = _targets(b, record, lang)
    _charts(b, record, result, targets, lang)
    _next_steps(b, result, lang)
    _item_table(result, lang)
    _downloads(record, result, lang)
