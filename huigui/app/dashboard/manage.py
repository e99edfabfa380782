"""Manage: how people get in, the presenter screen, timer, closing, releasing, k, history,
exports. Closing, and lowering k once anyone joined, ask for confirmation; the facilitator
link can be copied again here (it is in this session, never in the address bar); a new
firm's link stays until the consultant says it was saved."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import streamlit as st

from huigui.i18n import role_label, t
from huigui.reports.inputs import from_snapshot
from huigui.store.base import now
from huigui.workshop import WorkshopSnapshot
from huigui.workshop_export import snapshot_csv, snapshot_xlsx

from ..resources import store
from ..session import action, language
from ..urls import app_url
from ..widgets import XLSX, download, md, report_buttons, show_access
from .common import workshop_snapshot

__all__ = ["manage_tab"]


@action
def _set_status(workshop_id: str, status: str | None = None, released: bool | None = None) -> None:
    store().set_status(workshop_id, status=status, released=released)


@action
def _timer(workshop_id: str, minutes: float | None) -> None:
    ends = None if minutes is None else now() + timedelta(minutes=minutes)
    store().set_timer(workshop_id, ends)


@action
def _min_group(workshop_id: str, current: int, joined: bool) -> None:
    """Raise k at once. Lowering it waits for an explicit confirmation once anyone has
    joined (they answered under the promise of the current k), and always below 2."""
    wanted = int(st.session_state["manage_k"])
    if wanted >= current or (not joined and wanted >= 2):
        st.session_state.pop("k_pending", None)
        store().set_min_group(workshop_id, wanted)
    else:
        st.session_state["k_pending"] = (workshop_id, wanted)


@action
def _confirm_k(workshop_id: str, wanted: int) -> None:
    st.session_state.pop("k_pending", None)
    store().set_min_group(workshop_id, wanted)


def _keep_k(current: int) -> None:
    st.session_state.pop("k_pending", None)
    st.session_state["manage_k"] = current


def exposed_roles(snap: WorkshopSnapshot, wanted: int) -> list[str]:
    """The roles (of those who joined) shown on their own at ``wanted`` but not at the
    current k."""
    counts = Counter(p.role for p in snap.participants if p.role)
    k = snap.workshop.min_group
    return sorted(role for role, n in counts.items() if wanted <= n < k)


@action
def _save_to_firm(snap: WorkshopSnapshot) -> None:
    """Save the result into the pasted firm's history, or a new firm's. A new firm's link
    is kept in the session until the consultant says it was saved (the tab refreshes every
    few seconds; the link is shown only this once)."""
    link = st.session_state.get("client_firm_link", "").strip()
    token = link.split("f=")[-1].split("&")[0] if link else None
    if token is None and store().workshop(snap.workshop.id).firm_id:
        return  # already in a firm's history: saving again needs that firm's link
    summary = snap.profile.summary().model_copy(
        update={
            "group_means": dict(
                zip([d.id for d in snap.bank.dimensions], snap.means(), strict=True)
            )
        }
    )
    record, new_link = store().save_to_firm(
        snap.workshop, snap.bank, snap.profile.answers(), summary, token
    )
    st.session_state[f"saved_to_firm:{snap.workshop.id}"] = (record.profile.firm_name, new_link)


def _saved_link_kept(workshop_id: str) -> None:
    key = f"saved_to_firm:{workshop_id}"
    firm, _ = st.session_state[key]
    st.session_state[key] = (firm, None)


def _status(snap: WorkshopSnapshot, lang: str) -> None:
    workshop, cols = snap.workshop, st.columns(3)
    if workshop.is_open:
        with cols[0].popover(t("f.close", lang), icon=":material/lock:"):
            st.write(t("f.close.confirm", lang))
            st.button(
                t("f.close.yes", lang),
                key="close",
                type="primary",
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
    cols[2].link_button(
        t("f.present", lang),
        app_url("present", code=workshop.code),
        icon=":material/present_to_all:",
    )


def _timer_controls(snap: WorkshopSnapshot, lang: str) -> None:
    cols = st.columns([2, 1, 1])
    cols[0].number_input(t("f.timer.minutes", lang), 1, 120, 10, key="timer_minutes")
    cols[1].button(
        t("f.timer.start", lang),
        key="timer_start",
        on_click=lambda: _timer(snap.workshop.id, st.session_state.get("timer_minutes")),
    )
    cols[2].button(
        t("f.timer.stop", lang), key="timer_stop", on_click=_timer, args=(snap.workshop.id, None)
    )


def _group_size(snap: WorkshopSnapshot, lang: str) -> None:
    workshop = snap.workshop
    st.number_input(
        t("w.new.min_group", lang),
        1,
        50,
        workshop.min_group,
        key="manage_k",
        help=t("w.new.min_group.help", lang),
        on_change=_min_group,
        args=(workshop.id, workshop.min_group, bool(snap.participants)),
    )
    pending = st.session_state.get("k_pending")
    if pending and pending[0] == workshop.id and pending[1] < workshop.min_group:
        wanted, roles = pending[1], exposed_roles(snap, pending[1])
        with st.container(border=True):
            st.warning(
                md(t("f.k.lower", lang, old=workshop.min_group, new=wanted))
                + (
                    " "
                    + md(
                        t(
                            "f.k.lower.roles",
                            lang,
                            roles=", ".join(role_label(r, lang) for r in roles),
                        )
                    )
                    if roles
                    else ""
                )
                + (" " + t("f.k.one", lang) if wanted < 2 else ""),
                icon=":material/warning:",
            )
            cols = st.columns(2)
            cols[0].button(
                t("f.k.lower.yes", lang, new=wanted),
                key="k_confirm",
                on_click=_confirm_k,
                args=(workshop.id, wanted),
            )
            cols[1].button(
                t("f.k.keep", lang, old=workshop.min_group),
                key="k_keep",
                type="primary",
                on_click=_keep_k,
                args=(workshop.min_group,),
            )
    if workshop.min_group < 2:
        st.warning(t("f.k.one", lang))


def _history(snap: WorkshopSnapshot, lang: str) -> None:
    held = st.session_state.get(f"saved_to_firm:{snap.workshop.id}")
    linked = bool(store().workshop(snap.workshop.id).firm_id)  # not in the snapshot's version
    with st.expander(t("f.save_firm", lang), icon=":material/history:", expanded=bool(held)):
        st.caption(t("f.save_firm.help", lang))
        if held:
            st.success(md(t("f.save_firm.done", lang, firm=held[0])))
        if held and held[1]:
            st.warning(md(t("f.save_firm.new_link", lang, firm=held[0])))
            st.code(app_url("history", f=held[1]), language=None, wrap_lines=True)
            st.button(
                t("f.save_firm.kept", lang),
                key="save_firm_kept",
                type="primary",
                icon=":material/check:",
                on_click=_saved_link_kept,
                args=(snap.workshop.id,),
            )
        elif linked:
            st.info(t("f.save_firm.again", lang), icon=":material/info:")
        st.text_input(t("f.save_firm.link", lang), key="client_firm_link", max_chars=400)
        pasted = st.session_state.get("client_firm_link", "").strip()
        st.button(
            t("f.save_firm.button", lang),
            key="save_firm",
            on_click=_save_to_firm,
            args=(snap,),
            disabled=not snap.enough or (linked and not pasted),
        )


def _exports(snap: WorkshopSnapshot, lang: str) -> None:
    workshop, round_ = snap.workshop, snap.round
    st.subheader(t("f.export", lang))
    if workshop.round > 1:
        st.caption(t("f.export.round", lang, n=round_))
    stem = f"huigui-workshop-{workshop.code}-round{round_}"
    dl = st.columns(4)
    report_buttons(
        dl[2],
        dl[3],
        stem,
        lambda: from_snapshot(workshop_snapshot(workshop.id, round_), lang),
        lang,
    )
    download(
        dl[0],
        "XLSX",
        lambda: snapshot_xlsx(workshop_snapshot(workshop.id, round_)),
        f"{stem}.xlsx",
        XLSX,
        "dl_ws_xlsx",
    )
    download(
        dl[1],
        "CSV (ZIP)",
        lambda: snapshot_csv(workshop_snapshot(workshop.id, round_)),
        f"{stem}-csv.zip",
        "application/zip",
        "dl_ws_csv",
    )


def _facilitator_link(snap: WorkshopSnapshot, lang: str) -> None:
    held = st.session_state.get("facilitator") or ("", "")
    if held[0] != snap.workshop.id:
        return
    with st.expander(t("f.link.copy", lang), icon=":material/key:"):
        st.caption(t("f.link.copy.help", lang))
        st.code(app_url("facilitate", w=held[0], s=held[1]), language=None, wrap_lines=True)


def manage_tab(snap: WorkshopSnapshot) -> None:
    """Access, presenter, timer, close or reopen, release, k, history and the exports."""
    lang = language()
    show_access(snap.workshop.code, None, snap.workshop.id)
    _status(snap, lang)
    _timer_controls(snap, lang)
    _group_size(snap, lang)
    _history(snap, lang)
    _facilitator_link(snap, lang)
    _exports(snap, lang)
