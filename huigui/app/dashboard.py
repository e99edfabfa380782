"""The facilitator dashboard's tabs: live picture, disagreement, role gaps, consensus, manage.

The page file (``pages/facilitate.py``) checks the facilitator's access and lays out the
tabs; each tab is drawn here from one :class:`huigui.workshop.WorkshopSnapshot`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import pandas as pd
import streamlit as st

from huigui.charts import ProfileLines, distribution_bars
from huigui.i18n import role_label, t
from huigui.reports.inputs import from_snapshot
from huigui.store.fields import MAX_NOTE
from huigui.workshop import WorkshopSnapshot, snapshot, snapshot_csv, snapshot_xlsx
from scoring import Bank, Item
from scoring.group import RoleGap

from .resources import bank, store
from .session import action, language
from .widgets import XLSX, download, md, profile_radar, report_buttons, show_access

__all__ = [
    "consensus_tab",
    "disagreement_tab",
    "live_tab",
    "manage_tab",
    "roles_tab",
    "workshop_snapshot",
]

TOP_DISTRIBUTIONS = 8


def workshop_snapshot(workshop_id: str) -> WorkshopSnapshot:
    """The group picture now (the caller has checked the facilitator's access)."""
    s = store()
    return snapshot(
        bank(), s.workshop(workshop_id), s.participants(workshop_id), s.consensus(workshop_id)
    )


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def group_radar(snap: WorkshopSnapshot, consensus: bool = False) -> None:
    """The group mean with its min–max band, and role outlines or the consensus."""
    b, targets = snap.bank, snap.workshop.targets
    lines = ProfileLines(
        scores=snap.means(),
        group=True,
        roles={} if consensus else {r: s.dimension_means(b) for r, s in snap.by_role.items()},
        consensus=snap.consensus_result.scores() if consensus else None,
        targets=[targets.get(d.id) for d in b.dimensions] if targets and not consensus else None,
    )
    profile_radar(b, lines, f"group_radar_{consensus}", band=snap.band())


def _dimension_table(snap: WorkshopSnapshot, lang: str) -> pd.DataFrame:
    b = snap.bank
    return pd.DataFrame(
        [
            {
                t("r.col.dimension", lang): b.text(d.name, lang),
                t("f.col.n", lang): s.n,
                t("f.col.mean", lang): s.mean,
                t("f.col.sd", lang): s.sd,
                t("f.col.rwg_j", lang): s.rwg_j,
                t("f.col.dk", lang): s.dk_share,
                t("f.col.na", lang): s.na_share,
            }
            for d in b.dimensions
            for s in [snap.stats.dimensions[d.id]]
        ]
    )


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
    group_radar(snap)
    st.dataframe(
        _dimension_table(snap, lang).style.format(precision=2, na_rep="–"),
        hide_index=True,
        key="dims",
    )
    st.caption(t("f.refresh", lang, seconds=refresh))


def _distribution(snap: WorkshopSnapshot, item_id: str, lang: str) -> None:
    s, item = snap.stats.items[item_id], snap.bank.item(item_id)
    labels = [*(str(k) for k in range(len(item.levels))), t("q.na", lang)[:14], t("q.dk", lang)]
    counts = [s.distribution[str(k)] for k in range(len(item.levels))]
    counts += [s.distribution["na"], s.distribution["dk"]]
    st.plotly_chart(
        distribution_bars(labels, counts),
        key=f"dist_{item_id}",
        config={"displaylogo": False, "staticPlot": True},
    )


def disagreement_tab(snap: WorkshopSnapshot) -> None:
    """Items ranked by disagreement, with the answer distributions of the top ones."""
    lang, b = language(), snap.bank
    st.caption(t("f.disagreement.intro", lang))
    order = snap.disagreement()
    rows = [
        {
            t("r.col.item", lang): i,
            t("r.col.question", lang): b.text(b.item(i).prompt, lang),
            t("f.col.n", lang): s.n,
            t("f.col.mean", lang): s.mean,
            t("f.col.sd", lang): s.sd,
            t("f.col.rwg", lang): s.rwg,
            t("f.col.polarized", lang): s.polarized,
        }
        for i in order
        for s in [snap.stats.items[i]]
    ]
    st.dataframe(
        pd.DataFrame(rows).style.format(precision=2, na_rep="–"),
        hide_index=True,
        key="disagreement",
    )
    for item_id in order[:TOP_DISTRIBUTIONS]:
        s = snap.stats.items[item_id]
        if not s.n:
            continue
        flag = f" · {t('f.polarized_flag', lang)}" if s.polarized else ""
        with st.container(border=True):
            st.markdown(f"**{item_id}** · {md(b.text(b.item(item_id).prompt, lang))}")
            st.caption(f"sd {_fmt(s.sd)} · rwg {_fmt(s.rwg)}{flag}")
            _distribution(snap, item_id, lang)


def _gap_rows(gaps: Mapping[str, RoleGap], names: dict[str, str], lang: str) -> pd.DataFrame:
    rows = []
    for key, gap in gaps.items():
        rows.append(
            {
                "": names[key],
                **{role_label(r, lang): m for r, m in gap.means.items()},
                t("f.col.gap", lang): gap.gap,
                t("f.col.highest", lang): role_label(gap.highest, lang),
                t("f.col.lowest", lang): role_label(gap.lowest, lang),
            }
        )
    return pd.DataFrame(rows).sort_values(t("f.col.gap", lang), ascending=False, na_position="last")


def roles_tab(snap: WorkshopSnapshot) -> None:
    """Where the roles see the firm differently: per dimension and per item."""
    lang, b = language(), snap.bank
    st.caption(t("f.roles.intro", lang))
    if len(snap.by_role) < 2:
        st.info(t("f.roles.none", lang))
        return
    dims = {d.id: b.text(d.name, lang) for d in b.dimensions}
    items = {i.id: f"{i.id} {b.text(i.prompt, lang)}" for i in b.items}
    st.dataframe(
        _gap_rows(snap.gaps.dimensions, dims, lang).style.format(precision=1, na_rep="–"),
        hide_index=True,
        key="role_dims",
    )
    st.dataframe(
        _gap_rows(snap.gaps.items, items, lang).style.format(precision=2, na_rep="–"),
        hide_index=True,
        key="role_items",
    )


@action
def _save_consensus(workshop_id: str, item_id: str) -> None:
    level = st.session_state.get(f"cons:{item_id}")
    store().record_consensus(
        workshop_id,
        item_id,
        None if level is None else str(level),
        st.session_state.get(f"note:{item_id}"),
    )


def _level_label(b: Bank, item: Item, lang: str, option: object) -> str:
    if option is None:
        return "–"
    if option in ("na", "dk"):
        return t(f"q.{option}", lang)
    return f"{option} · {b.text(item.levels[int(str(option))], lang)}"


def _consensus_item(snap: WorkshopSnapshot, item_id: str, lang: str) -> None:
    b, s = snap.bank, snap.stats.items[item_id]
    item, saved = b.item(item_id), snap.consensus.get(item_id)
    options: list[object] = [None, *range(len(item.levels)), "na", "dk"]
    current = (
        None if saved is None else (int(saved.answer) if saved.answer.isdigit() else saved.answer)
    )
    args = (snap.workshop.id, item_id)
    with st.expander(md(f"{item_id} · {b.text(item.prompt, lang)}" + (" ✓" if saved else ""))):
        st.caption(f"{t('f.col.mean', lang)} {_fmt(s.mean, 1)} · n {s.n} · rwg {_fmt(s.rwg)}")
        st.selectbox(
            t("f.consensus.level", lang),
            options,
            index=options.index(current) if current in options else 0,
            key=f"cons:{item_id}",
            on_change=_save_consensus,
            args=args,
            format_func=partial(_level_label, b, item, lang),
        )
        st.text_input(
            t("f.consensus.note", lang),
            value=(saved.note or "") if saved else "",
            max_chars=MAX_NOTE,
            key=f"note:{item_id}",
            on_change=_save_consensus,
            args=args,
        )


def consensus_tab(snap: WorkshopSnapshot) -> None:
    """Walk the items, most disputed first; record the agreed level and a note."""
    lang, total = language(), len(snap.bank.items)
    st.caption(t("f.consensus.intro", lang))
    st.progress(
        len(snap.consensus) / total,
        text=t("f.consensus.count", lang, done=len(snap.consensus), total=total),
    )
    for item_id in snap.disagreement():
        _consensus_item(snap, item_id, lang)
    st.subheader(t("f.consensus.profile", lang))
    group_radar(snap, consensus=True)


@action
def _set_status(workshop_id: str, status: str | None = None, released: bool | None = None) -> None:
    store().set_status(workshop_id, status=status, released=released)


def _status_buttons(snap: WorkshopSnapshot, lang: str) -> None:
    workshop, cols = snap.workshop, st.columns(2)
    if workshop.is_open:
        cols[0].button(
            t("f.close", lang),
            key="close",
            icon=":material/lock:",
            on_click=_set_status,
            args=(workshop.id, "closed"),
        )
    else:
        cols[0].button(
            t("f.reopen", lang),
            key="reopen",
            icon=":material/lock_open:",
            on_click=_set_status,
            args=(workshop.id, "open"),
        )
    key, released = ("withdraw", False) if workshop.released else ("release", True)
    cols[1].button(
        t(f"f.{key}", lang),
        key=key,
        on_click=_set_status,
        kwargs={"workshop_id": workshop.id, "released": released},
    )


def manage_tab(snap: WorkshopSnapshot) -> None:
    """Access, close or reopen, release, and the exports."""
    lang, workshop = language(), snap.workshop
    show_access(workshop.code, None, workshop.id)
    _status_buttons(snap, lang)
    st.subheader(t("f.export", lang))
    stem = f"huigui-workshop-{workshop.code}"
    dl = st.columns(4)
    report_buttons(
        dl[2], dl[3], stem, lambda: from_snapshot(workshop_snapshot(workshop.id), lang), lang
    )
    download(
        dl[0],
        "XLSX",
        lambda: snapshot_xlsx(workshop_snapshot(workshop.id)),
        f"{stem}.xlsx",
        XLSX,
        "dl_ws_xlsx",
    )
    download(
        dl[1],
        "CSV (ZIP)",
        lambda: snapshot_csv(workshop_snapshot(workshop.id)),
        f"{stem}-csv.zip",
        "application/zip",
        "dl_ws_csv",
    )
