"""Facilitator dashboard: live group picture, disagreement, role gaps, consensus, export.

Only the facilitator link (workshop id + secret) opens it; the secret is checked on every
run, in constant time, before anything is read. The tabs are drawn by
:mod:`huigui.app.dashboard`.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from huigui.app.dashboard import (
    REFRESH_SECONDS,
    consensus_tab,
    disagreement_tab,
    live_tab,
    manage_tab,
    roles_tab,
    rounds_tab,
    workshop_snapshot,
)
from huigui.app.resources import bank_of, store
from huigui.app.session import language
from huigui.app.widgets import md
from huigui.i18n import t
from huigui.records import WorkshopRecord
from scoring import NotFoundError


def _access() -> WorkshopRecord | None:
    """The workshop if this session holds its facilitator secret.

    The secret arrives once in the facilitator link (``?w=…&s=…``); it is checked, kept in
    the session and taken out of the address bar at once, so a projected dashboard never
    shows it. The workshop id stays in the URL: it opens nothing by itself.
    """
    lang = language()
    held = st.session_state.get("facilitator") or ("", "")
    workshop_id = st.query_params.get("w") or held[0]
    secret = st.query_params.get("s") or (held[1] if held[0] == workshop_id else "")
    if "s" in st.query_params:
        del st.query_params["s"]
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
    if st.query_params.get("w") != workshop_id:
        st.query_params["w"] = workshop_id
    return workshop


TABS = {
    "live": lambda snap: live_tab(snap, REFRESH_SECONDS),
    "disagreement": disagreement_tab,
    "roles": roles_tab,
    "consensus": consensus_tab,
    "rounds": rounds_tab,
    "manage": manage_tab,
}


@st.fragment(run_every=timedelta(seconds=REFRESH_SECONDS))
def _tab(name: str, workshop_id: str) -> None:
    """One tab, refreshing by itself (its widgets keep their state across refreshes).

    When the workshop was closed, reopened or given a second round since the header was
    drawn (here or from another device) the whole page is redrawn so the header says so
    too."""
    snap = workshop_snapshot(workshop_id)
    shown = (snap.workshop.status, snap.workshop.round)
    if shown != st.session_state.get("facilitate_status"):
        st.rerun()
    TABS[name](snap)


def _header(workshop: WorkshopRecord, lang: str) -> None:
    b = bank_of(workshop)
    st.title(md(t("f.title", lang, firm=workshop.firm_name)))
    status = "f.status.open" if workshop.is_open else "f.status.closed"
    st.session_state["facilitate_status"] = (workshop.status, workshop.round)
    st.caption(
        f"{t(status, lang)} · {t('w.code', lang)} {workshop.code} · {b.id} v{b.version}"
        f" · k = {workshop.min_group}"
    )
    if workshop.round > 1:  # both rounds are kept: the facilitator looks at either
        st.segmented_control(
            t("f.round.view", lang),
            [1, 2],
            default=2,
            key="view_round",
            format_func=lambda r: t("f.round.n", lang, n=r),
        )


def render() -> None:
    """Draw the dashboard for the facilitator (and nothing for anyone else)."""
    lang = language()
    workshop = _access()
    if workshop is None:
        return
    _header(workshop, lang)
    # keyed, so the open tab stays open when the page is redrawn (a second round, a close)
    tabs = st.tabs([t(f"f.tab.{k}", lang) for k in TABS], key="dashboard_tab", on_change="rerun")
    for tab, name in zip(tabs, TABS, strict=True):
        with tab:
            _tab(name, workshop.id)


render()
