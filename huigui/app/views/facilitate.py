"""Facilitator dashboard: live group picture, disagreement, role gaps, consensus, export.

Only the facilitator link (workshop id + secret) opens it; the secret is checked on every
run, in constant time, before anything is read.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from huigui.charts import PALETTE, Series, band_traces, distribution_bars, radar
from huigui.reports.inputs import from_workshop
from huigui.store import WorkshopRecord
from huigui.workshop import WorkshopSnapshot, snapshot, snapshot_csv, snapshot_xlsx
from scoring import Bank, Item, NotFoundError, StoreError

from ..i18n import role_label, t
from ..reports import report_buttons
from ..state import bank, language, store
from ..text import md
from .workshop_new import show_access

REFRESH_SECONDS = 5
ROLE_COLOURS = ("#3b5b92", "#2f6f4f", "#8e44ad", "#c27c0e", "#16a085", "#7f8c8d")
TOP_DISTRIBUTIONS = 8


def _access() -> WorkshopRecord | None:
    """The workshop if the URL (or this session) holds its facilitator secret."""
    lang = language()
    workshop_id = st.query_params.get("w") or (st.session_state.get("facilitator") or ("",))[0]
    secret = st.query_params.get("s") or (st.session_state.get("facilitator") or ("", ""))[1]
    if not workshop_id or not secret:
        st.info(t("f.need_secret", lang))
        return None
    try:
        workshop = store().facilitate(workshop_id, secret)
    except NotFoundError:
        st.session_state.pop("facilitator", None)
        st.error(t("f.bad_secret", lang))
        return None
    st.session_state["facilitator"] = (workshop_id, secret)
    if st.query_params.get("w") != workshop_id or st.query_params.get("s") != secret:
        st.query_params.update({"w": workshop_id, "s": secret})
    return workshop


def _snapshot(workshop_id: str) -> WorkshopSnapshot:
    s = store()
    return snapshot(bank(), s.workshop(workshop_id), s.participants(workshop_id),
                    s.consensus(workshop_id))


def _value(v: object) -> object:
    return "–" if v is None else v


def _group_radar(snap: WorkshopSnapshot, lang: str, consensus: bool = False) -> None:
    b = snap.bank
    names = [b.text(d.name, lang) for d in b.dimensions]
    low, high = snap.band()
    means = [snap.stats.dimensions[d.id]["mean"] for d in b.dimensions]
    series = [Series(t("f.trace.mean", lang), means, PALETTE["you"])]
    if consensus:
        series.append(Series(t("f.trace.consensus", lang),
                             [snap.consensus_result.dimensions[d.id].score
                              for d in b.dimensions], PALETTE["target"], dash="dash"))
    else:
        for k, (role, stats) in enumerate(snap.by_role.items()):
            series.append(Series(role_label(role, lang),
                                 [stats.dimensions[d.id]["mean"] for d in b.dimensions],
                                 ROLE_COLOURS[k % len(ROLE_COLOURS)], dash="dot",
                                 labels=False))
        if snap.workshop.targets:
            series.append(Series(t("r.trace.target", lang),
                                 [snap.workshop.targets.get(d.id) for d in b.dimensions],
                                 PALETTE["target"], dash="dash", labels=False))
    bands = band_traces(names, low, high, t("f.trace.band", lang)) if any(
        v is not None for v in low) else []
    st.plotly_chart(radar(names, series, bands=bands), key=f"group_radar_{consensus}",
                    config={"displaylogo": False})


def _dimension_table(snap: WorkshopSnapshot, lang: str) -> pd.DataFrame:
    b = snap.bank
    return pd.DataFrame([{
        t("r.col.dimension", lang): b.text(d.name, lang),
        t("f.col.n", lang): s["n"], t("f.col.mean", lang): s["mean"],
        t("f.col.sd", lang): s["sd"], t("f.col.rwg_j", lang): s["rwg_j"],
        t("f.col.dk", lang): s["dk_share"], t("f.col.na", lang): s["na_share"]}
        for d in b.dimensions for s in [snap.stats.dimensions[d.id]]])


@st.fragment(run_every=timedelta(seconds=REFRESH_SECONDS))
def _live(workshop_id: str) -> None:
    """Counts, the group radar and dimension statistics; refreshes by itself."""
    lang = language()
    snap = _snapshot(workshop_id)
    counts = snap.counts_by_role()
    cols = st.columns(2)
    cols[0].metric(t("f.joined", lang), len(snap.participants))
    cols[1].metric(t("f.finished", lang), int(counts["submitted"].sum()) if len(counts) else 0)
    if not snap.participants:
        st.info(t("f.none_yet", lang, code=snap.workshop.code))
        return
    shown = counts.assign(role=[role_label(r, lang) for r in counts["role"]]).rename(columns={
        "role": t("f.role", lang), "joined": t("f.joined", lang),
        "submitted": t("f.finished", lang)})
    st.dataframe(shown, hide_index=True, key="counts")
    _group_radar(snap, lang)
    table = _dimension_table(snap, lang)
    st.dataframe(table.style.format(precision=2, na_rep="–"), hide_index=True, key="dims")
    st.caption(t("f.refresh", lang, seconds=REFRESH_SECONDS))


def _disagreement(snap: WorkshopSnapshot, lang: str) -> None:
    b = snap.bank
    st.caption(t("f.disagreement.intro", lang))
    order = snap.disagreement()
    rows = []
    for item_id in order:
        s = snap.stats.items[item_id]
        rows.append({t("r.col.item", lang): item_id,
                     t("r.col.question", lang): b.text(b.item(item_id).prompt, lang),
                     t("f.col.n", lang): s["n"], t("f.col.mean", lang): s["mean"],
                     t("f.col.sd", lang): s["sd"], t("f.col.rwg", lang): s["rwg"],
                     t("f.col.polarized", lang): s["polarized"]})
    st.dataframe(pd.DataFrame(rows).style.format(precision=2, na_rep="–"), hide_index=True,
                 key="disagreement")
    for item_id in order[:TOP_DISTRIBUTIONS]:
        s, item = snap.stats.items[item_id], b.item(item_id)
        if not s["n"]:
            continue
        flag = f" · {t('f.polarized_flag', lang)}" if s["polarized"] else ""
        with st.container(border=True):
            st.markdown(f"**{item_id}** · {md(b.text(item.prompt, lang))}")
            st.caption(f"sd {_value(s['sd'] and round(s['sd'], 2))} · rwg "
                       f"{_value(s['rwg'] if s['rwg'] is None else round(s['rwg'], 2))}{flag}")
            labels = [*(str(k) for k in range(len(item.levels))), t("q.na", lang)[:14],
                      t("q.dk", lang)]
            counts = [s["distribution"][str(k)] for k in range(len(item.levels))]
            counts += [s["distribution"]["na"], s["distribution"]["dk"]]
            st.plotly_chart(distribution_bars(labels, counts), key=f"dist_{item_id}",
                            config={"displaylogo": False, "staticPlot": True})


def _roles(snap: WorkshopSnapshot, lang: str) -> None:
    b = snap.bank
    st.caption(t("f.roles.intro", lang))
    if len(snap.by_role) < 2:
        st.info(t("f.roles.none", lang))
        return
    def rows(keys: list[str], name: dict[str, str]) -> pd.DataFrame:
        out = []
        for key in keys:
            gap = snap.gaps[key]
            out.append({"": name[key],
                        **{role_label(r, lang): m for r, m in gap["means"].items()},
                        t("f.col.gap", lang): gap["gap"],
                        t("f.col.highest", lang): role_label(gap["highest"], lang),
                        t("f.col.lowest", lang): role_label(gap["lowest"], lang)})
        frame = pd.DataFrame(out)
        return frame.sort_values(t("f.col.gap", lang), ascending=False, na_position="last")

    dims = {d.id: b.text(d.name, lang) for d in b.dimensions}
    st.dataframe(rows(list(dims), dims).style.format(precision=1, na_rep="–"),
                 hide_index=True, key="role_dims")
    items = {i.id: f"{i.id} {b.text(i.prompt, lang)}" for i in b.items}
    st.dataframe(rows(list(items), items).style.format(precision=2, na_rep="–"),
                 hide_index=True, key="role_items")


def _save_consensus(workshop_id: str, item_id: str) -> None:
    level = st.session_state.get(f"cons:{item_id}")
    note = st.session_state.get(f"note:{item_id}")
    try:
        store().record_consensus(workshop_id, item_id, None if level is None else str(level),
                                 note)
    except StoreError as exc:
        st.session_state["consensus_error"] = str(exc)


def _level_label(b: Bank, item: Item, lang: str, option: Any) -> str:
    if option is None:
        return "–"
    if option in ("na", "dk"):
        return t(f"q.{option}", lang)
    return f"{option} · {b.text(item.levels[int(option)], lang)}"


def _consensus(snap: WorkshopSnapshot, lang: str) -> None:
    b = snap.bank
    st.caption(t("f.consensus.intro", lang))
    if error := st.session_state.pop("consensus_error", None):
        st.error(t("error.store", lang, reason=error))
    st.progress(len(snap.consensus) / len(b.items), text=t(
        "f.consensus.count", lang, done=len(snap.consensus), total=len(b.items)))
    for item_id in snap.disagreement():
        item, s = b.item(item_id), snap.stats.items[item_id]
        saved = snap.consensus.get(item_id)
        options: list[Any] = [None, *range(len(item.levels)), "na", "dk"]
        current = None if saved is None else (int(saved[0]) if saved[0].isdigit() else saved[0])
        with st.expander(md(f"{item_id} · {b.text(item.prompt, lang)}"
                            + (" ✓" if saved else ""))):
            mean = "–" if s["mean"] is None else f"{s['mean']:.1f}"
            st.caption(f"{t('f.col.mean', lang)} {mean} · n {s['n']} · rwg "
                       f"{'–' if s['rwg'] is None else round(s['rwg'], 2)}")
            st.selectbox(t("f.consensus.level", lang), options,
                         index=options.index(current) if current in options else 0,
                         key=f"cons:{item_id}", on_change=_save_consensus,
                         args=(snap.workshop.id, item_id),
                         format_func=partial(_level_label, b, item, lang))
            st.text_input(t("f.consensus.note", lang), value=saved[1] or "" if saved else "",
                          max_chars=2000, key=f"note:{item_id}", on_change=_save_consensus,
                          args=(snap.workshop.id, item_id))
    st.subheader(t("f.consensus.profile", lang))
    _group_radar(snap, lang, consensus=True)


def _manage(snap: WorkshopSnapshot, lang: str) -> None:
    workshop = snap.workshop
    show_access(workshop.code, None, workshop.id)
    cols = st.columns(2)
    try:
        if workshop.is_open:
            if cols[0].button(t("f.close", lang), key="close", icon=":material/lock:"):
                store().set_status(workshop.id, status="closed")
                st.rerun()
        elif cols[0].button(t("f.reopen", lang), key="reopen", icon=":material/lock_open:"):
            store().set_status(workshop.id, status="open")
            st.rerun()
        if not workshop.released:
            if cols[1].button(t("f.release", lang), key="release"):
                store().set_status(workshop.id, released=True)
                st.rerun()
        elif cols[1].button(t("f.withdraw", lang), key="withdraw"):
            store().set_status(workshop.id, released=False)
            st.rerun()
    except StoreError as exc:
        st.error(t("error.store", lang, reason=str(exc)))
    st.subheader(t("f.export", lang))
    stem = f"huigui-workshop-{workshop.code}"
    dl = st.columns(4)
    report_buttons(dl[2], dl[3], stem,
                   lambda: from_workshop(bank(), store(), store().workshop(workshop.id), lang),
                   lang)
    dl[0].download_button("XLSX", lambda: snapshot_xlsx(_snapshot(workshop.id)),
                          f"{stem}.xlsx", "application/vnd.openxmlformats-officedocument."
                          "spreadsheetml.sheet", key="dl_ws_xlsx", on_click="ignore")
    dl[1].download_button("CSV (ZIP)", lambda: snapshot_csv(_snapshot(workshop.id)),
                          f"{stem}-csv.zip", "application/zip", key="dl_ws_csv",
                          on_click="ignore")


def render() -> None:
    """Draw the dashboard for the facilitator (and nothing for anyone else)."""
    lang = language()
    workshop = _access()
    if workshop is None:
        return
    b: Bank = bank()
    st.title(md(t("f.title", lang, firm=workshop.firm_name)))
    status = "f.status.open" if workshop.is_open else "f.status.closed"
    st.caption(f"{t(status, lang)} · {t('w.code', lang)} {workshop.code} · {b.id} v{b.version}")
    snap = _snapshot(workshop.id)
    tabs = st.tabs([t(f"f.tab.{k}", lang) for k in
                    ("live", "disagreement", "roles", "consensus", "manage")])
    with tabs[0]:
        _live(workshop.id)
    with tabs[1]:
        _disagreement(snap, lang)
    with tabs[2]:
        _roles(snap, lang)
    with tabs[3]:
        _consensus(snap, lang)
    with tabs[4]:
        _manage(snap, lang)
