"""Consensus: one item at a time, most disputed first, with its answers beside the picker.

The item's distribution, spread and agreement sit next to the level picker; choosing a
level saves it at once and leaves the item open; the note is the next field; "next most
disputed item" moves to the most disputed item still without a consensus. The consensus
outline is drawn on the radar beside the group mean, labelled.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from huigui.i18n import answer_label, item_tag, t
from huigui.store.fields import MAX_NOTE
from huigui.workshop import WorkshopSnapshot
from scoring import Bank, Item

from ..items import options_of
from ..resources import store
from ..session import action, language
from ..widgets import md
from .common import agreement_help, agreement_text, distribution, fmt, group_radar

__all__ = ["consensus_tab"]


@action
def _save(workshop_id: str, item_id: str) -> None:
    level = st.session_state.get(f"cons:{item_id}")
    store().record_consensus(
        workshop_id,
        item_id,
        None if level is None else str(level),
        st.session_state.get(f"note:{item_id}"),
    )


def _label(b: Bank, item: Item, lang: str, option: object) -> str:
    if option is None:
        return "–"
    if option in ("na", "dk"):
        return t(f"q.{option}", lang)
    return answer_label(b, item.id, str(option), lang)


def _next(snap: WorkshopSnapshot, current: str) -> None:
    """Move to the most disputed item after ``current`` that has no consensus yet."""
    order = snap.disagreement()
    later = order[order.index(current) + 1 :] + order[: order.index(current)]
    open_items = [i for i in later if i not in snap.consensus]
    st.session_state["cons_item"] = (open_items or later or [current])[0]


def _evidence(snap: WorkshopSnapshot, item_id: str, lang: str) -> None:
    s = snap.stats.items[item_id]
    if not snap.enough:
        st.caption(t("f.waiting", lang, k=snap.workshop.min_group, n=snap.submitted))
        return
    st.caption(
        f"n {s.n} · {t('f.col.mean', lang)} {fmt(s.mean, 1)} · sd {fmt(s.sd)} · "
        f"{t('f.agreement', lang)} {agreement_text(s.rwg, lang)}",
        help=agreement_help(lang),
    )
    distribution(snap, item_id, f"cons_dist_{item_id}")
    cross = snap.cross_role.get(item_id)
    if cross is not None and len(snap.grouping.roles) > 1:
        st.caption(t("f.cross_role", lang, value=cross), help=t("f.cross_role.help", lang))
    _notes(snap, item_id, lang)


def _notes(snap: WorkshopSnapshot, item_id: str, lang: str) -> None:
    """The evidence people gave for this item, without names or roles, in a fixed order."""
    notes = sorted(
        (p.evidence[item_id].note or "", p.evidence[item_id].confidence or "")
        for p in snap.counted
        if item_id in p.evidence and p.evidence[item_id].note
    )
    if not notes:
        return
    with st.expander(t("f.notes", lang, n=len(notes)), icon=":material/fact_check:"):
        for note, confidence in notes:
            sure = f" *({t(f'q.sure.{confidence}', lang)})*" if confidence else ""
            st.markdown(f"- {md(note)}{sure}")


def _picker(snap: WorkshopSnapshot, item_id: str, lang: str) -> None:
    b, item, saved = snap.bank, snap.bank.item(item_id), snap.consensus.get(item_id)
    current = (
        None if saved is None else (int(saved.answer) if saved.answer.isdigit() else saved.answer)
    )
    options: list[object] = [None, *options_of(b, item, None if saved is None else saved.answer)]
    args = (snap.workshop.id, item_id)
    st.radio(
        t("f.consensus.level", lang),
        options,
        index=options.index(current) if current in options else 0,
        key=f"cons:{item_id}",
        on_change=_save,
        args=args,
        format_func=partial(_label, b, item, lang),
    )
    st.text_input(
        t("f.consensus.note", lang),
        value=(saved.note or "") if saved else "",
        max_chars=MAX_NOTE,
        key=f"note:{item_id}",
        on_change=_save,
        args=args,
    )


def _choose(snap: WorkshopSnapshot, lang: str) -> str:
    order, b = snap.disagreement(), snap.bank
    if st.session_state.get("cons_item") not in order:
        st.session_state["cons_item"] = order[0]
    st.selectbox(
        t("f.consensus.item", lang),
        order,
        key="cons_item",
        format_func=lambda i: (
            ("✓ " if i in snap.consensus else "")
            + f"{item_tag(b, i, lang)} · {b.text(b.item(i).title or b.item(i).prompt, lang)}"
        ),
    )
    return str(st.session_state["cons_item"])


def consensus_tab(snap: WorkshopSnapshot) -> None:
    """Record the level the group agrees on, item by item."""
    lang, b, total = language(), snap.bank, len(snap.bank.items)
    st.caption(t("f.consensus.intro", lang))
    st.progress(
        len(snap.consensus) / total,
        text=t("f.consensus.count", lang, done=len(snap.consensus), total=total),
    )
    item_id = _choose(snap, lang)
    tag, prompt = item_tag(b, item_id, lang), b.text(b.item(item_id).prompt, lang)
    st.markdown(f"**{md(tag)}** · {md(prompt)}")
    left, right = st.columns([3, 2])
    with left:
        _evidence(snap, item_id, lang)
    with right:
        _picker(snap, item_id, lang)
        st.button(
            t("f.consensus.next", lang),
            key="cons_next",
            icon=":material/skip_next:",
            on_click=_next,
            args=(snap, item_id),
        )
    st.subheader(t("f.consensus.profile", lang))
    if snap.enough:
        st.caption(t("f.consensus.outline", lang))
        group_radar(snap, "group_radar_consensus", consensus=True)
