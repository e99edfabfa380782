"""Facilitator dashboard: live group picture, disagreement, role gaps, consensus, export.

Only the facilitator link (workshop id + secret) opens it; the secret is checked on every
run, in constant time, before anything is read. The tabs are drawn by
:mod:`huigui.app.dashboard`.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from huigui.app.dashboard import (
    consensus_tab,
    disagreement_tab,
    live_tab,
    manage_tab,
    roles_tab,
    workshop_snapshot,
)
from huigui.app.resources import bank, store
from huigui.app.session import language
from huigui.app.widgets import md
from huigui.i18n import t
from huigui.records import WorkshopRecord
from scoring import NotFoundError

REFRESH_SECONDS = 5


def _access() -> WorkshopRecord | None:
    """The workshop if the URL (or this session) holds its facilitator secret."""
    lang = language()
    held = st.session_state.get("facilitator") or ("", "")
    workshop_id = st.query_params.get("w") or held[0]
    secret = st.query_params.get("s") or held[1]
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


@st.fragment(run_every=timedelta(seconds=REFRESH_SECONDS))
def _live(workshop_id: str) -> None:
    """The live tab refreshes by itself."""
    live_tab(workshop_snapshot(workshop_id), REFRESH_SECONDS)


def _header(workshop: WorkshopRecord, lang: str) -> None:
    b = bank()
    st.title(md(t("f.title", lang, firm=workshop.firm_name)))
    status = "f.status.open" if workshop.is_open else "f.status.closed"
    st.caption(f"{t(status, lang)} · {t('w.code', lang)} {workshop.code} · {b.id} v{b.version}")


def render() -> None:
    """Draw the dashboard for the facilitator (and nothing for anyone else)."""
    lang = language()
    workshop = _access()
    if workshop is None:
        return
    _header(workshop, lang)
    snap = workshop_snapshot(workshop.id)
    tabs = st.tabs(
        [t(f"f.tab.{k}", lang) for k in ("live", "disagreement", "roles", "consensus", "manage")]
    )
    with tabs[0]:
        _live(workshop.id)
    for tab, draw_tab in zip(
        tabs[1:], (disagreement_tab, roles_tab, consensus_tab, manage_tab), strict=True
    ):
        with tab:
            draw_tab(snap)


render()
