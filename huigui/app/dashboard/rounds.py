"""Rounds: open a second round for all items or the most disputed ones; once open, the
shift of each item from round 1 to round 2, and what the presenter screen shows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from huigui.i18n import question_label, t
from huigui.workshop import WorkshopSnapshot

from ..resources import store
from ..session import action, language
from .common import agreement_text, fmt, workshop_snapshot

__all__ = ["rounds_tab"]

DEFAULT_DISPUTED = 6


@action
def _open(workshop_id: str, items: list[str] | None) -> None:
    store().open_round(workshop_id, items)


@action
def _spotlight(workshop_id: str, spot: tuple[int, str] | None) -> None:
    store().set_spotlight(workshop_id, spot)


def _chosen(snap: WorkshopSnapshot) -> list[str] | None:
    scope = st.session_state.get("r2_scope", "disputed")
    if scope == "all":
        return None
    if scope == "disputed":
        return snap.disagreement()[: int(st.session_state.get("r2_n", DEFAULT_DISPUTED))]
    return list(st.session_state.get("r2_items", []))


def _opener(snap: WorkshopSnapshot, lang: str) -> None:
    """Round 1 is on: choose the items of round 2 and open it."""
    b = snap.bank
    st.caption(t("f.r2.intro", lang))
    st.radio(
        t("f.r2.scope", lang),
        ["disputed", "all", "chosen"],
        key="r2_scope",
        format_func=lambda s: t(f"f.r2.scope.{s}", lang),
        horizontal=True,
    )
    scope = st.session_state.get("r2_scope", "disputed")
    if scope == "disputed":
        st.number_input(t("f.r2.n", lang), 1, len(b.items), DEFAULT_DISPUTED, key="r2_n")
    elif scope == "chosen":
        st.multiselect(
            t("f.r2.items", lang),
            snap.disagreement(),
            key="r2_items",
            format_func=lambda i: question_label(b, i, lang),
        )
    chosen = _chosen(snap)
    if chosen is not None:
        st.caption(", ".join(question_label(b, i, lang, width=30) for i in chosen) or "–")
    with st.popover(t("f.r2.open", lang), icon=":material/replay:", disabled=chosen == []):
        st.write(t("f.r2.confirm", lang))
        st.button(
            t("f.r2.open.yes", lang),
            key="r2_open",
            type="primary",
            on_click=_open,
            args=(snap.workshop.id, chosen),
        )


def _shift_table(snap: WorkshopSnapshot, lang: str) -> pd.DataFrame:
    b = snap.bank

    def arrow(before: str, after: str) -> str:
        return f"{before} → {after}"

    return pd.DataFrame(
        [
            {
                t("r.col.question", lang): question_label(b, i, lang),
                t("f.r2.changed", lang): s.changed,
                t("f.col.n", lang): arrow(str(s.n_before), str(s.n_after)),
                t("f.col.mean", lang): arrow(fmt(s.mean_before, 1), fmt(s.mean_after, 1)),
                t("f.agreement", lang): arrow(
                    agreement_text(s.rwg_before, lang), agreement_text(s.rwg_after, lang)
                ),
            }
            for i, s in snap.shift.items()
            if snap.workshop.in_round(i)
        ]
    )


def _presenter(snap: WorkshopSnapshot, lang: str) -> None:
    """Put one item's distribution of one round on the presenter screen."""
    b, workshop = snap.bank, snap.workshop
    st.subheader(t("f.r2.present", lang))
    cols = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
    item = cols[0].selectbox(
        t("f.consensus.item", lang),
        snap.disagreement(),
        key="spot_item",
        format_func=lambda i: question_label(b, i, lang),
    )
    round_ = cols[1].selectbox(t("f.round", lang), [1, 2], key="spot_round")
    cols[2].button(
        t("f.r2.show", lang),
        key="spot_show",
        on_click=_spotlight,
        args=(workshop.id, (int(round_), str(item))),
    )
    cols[3].button(
        t("f.r2.hide", lang), key="spot_hide", on_click=_spotlight, args=(workshop.id, None)
    )
    if workshop.spotlight:
        shown = question_label(b, workshop.spotlight[1], lang)
        st.caption(t("f.r2.showing", lang, item=shown, round=workshop.spotlight[0]))


def rounds_tab(snap: WorkshopSnapshot) -> None:
    """Open round 2, or follow its shift."""
    lang, workshop = language(), snap.workshop
    if workshop.round < 2:
        _opener(snap, lang)
    else:
        second = snap if snap.round == 2 else workshop_snapshot(workshop.id, 2)
        first = sum(1 for p in snap.participants if p.submitted_at is not None)
        st.metric(t("f.r2.submitted", lang), f"{second.submitted} / {first}")
        if second.shift:
            st.dataframe(_shift_table(second, lang), hide_index=True, key="shift")
        else:
            st.info(t("f.r2.waiting", lang, k=workshop.min_group), icon=":material/group:")
    _presenter(snap, lang)
