"""New workshop: the facilitator sets it up and gets the code, join link, QR and secret link."""

from __future__ import annotations

import streamlit as st

from huigui.app.resources import bank, store
from huigui.app.session import action, go_after, language
from huigui.app.widgets import md, show_access
from huigui.i18n import LANGUAGE_NAMES, LANGUAGES, t
from huigui.store import WorkshopOptions
from huigui.store.fields import MAX_FIRM, MAX_ROLE
from huigui.store.workshops import MAX_PARTICIPANTS, MIN_GROUP

ROLES = ("executive", "middle_manager", "front_line", "it_digital", "partner")


def _problems(lang: str) -> list[str]:
    state = st.session_state
    checks = (
        (state.get("w_firm", "").strip(), "profile.firm_required"),
        (_roles(), "w.new.need_role"),
        (state.get("w_langs"), "w.new.need_language"),
        (state.get("w_k", MIN_GROUP) >= 2 or state.get("w_k_ack"), "w.new.min_group.warn"),
    )
    return [t(key, lang) for ok, key in checks if not ok]


def _roles() -> list[str]:
    extra = st.session_state.get("w_extra", "")
    return [
        *st.session_state.get("w_roles", []),
        *(r.strip() for r in extra.split(",") if r.strip()),
    ]


@action
def _create() -> None:
    state = st.session_state
    problems = _problems(language())
    if problems:
        state["workshop_problems"] = problems
        return
    targets = {
        d.id: float(v)
        for d in bank().dimensions
        if (v := state.get(f"w_target:{d.id}")) is not None
    }
    options = WorkshopOptions(
        min_group=int(state.get("w_k", MIN_GROUP)),
        max_participants=int(state.get("w_cap", 60)),
        consultant_id=state.get("consultant"),
        targets=targets,
    )
    workshop, secret = store().create_workshop(
        bank(), state["w_firm"], state["w_langs"], _roles(), options=options
    )
    state["created_workshop"] = {"id": workshop.id, "code": workshop.code, "secret": secret}


def _open_dashboard() -> None:
    created = st.session_state.pop("created_workshop")
    st.session_state["facilitator"] = (created["id"], created["secret"])
    go_after("facilitate", w=created["id"])


def _created(created: dict[str, str], lang: str) -> None:
    st.success(t("w.created", lang))
    show_access(created["code"], created["secret"], created["id"])
    st.button(
        t("w.open_dashboard", lang), type="primary", key="open_dashboard", on_click=_open_dashboard
    )


def _group_rules(lang: str) -> None:
    left, right = st.columns(2)
    left.number_input(
        t("w.new.min_group", lang),
        1,
        50,
        MIN_GROUP,
        key="w_k",
        help=t("w.new.min_group.help", lang),
    )
    right.number_input(t("w.new.cap", lang), 1, MAX_PARTICIPANTS, 60, key="w_cap")
    st.checkbox(t("w.new.min_group.ack", lang), key="w_k_ack", help=t("w.new.min_group.warn", lang))


def _form(lang: str) -> None:
    b = bank()
    with st.form("workshop"):
        st.text_input(t("w.new.firm", lang), max_chars=MAX_FIRM, key="w_firm")
        st.multiselect(
            t("w.new.languages", lang),
            LANGUAGES,
            default=LANGUAGES,
            format_func=LANGUAGE_NAMES.__getitem__,
            key="w_langs",
        )
        st.multiselect(
            t("w.new.roles", lang),
            ROLES,
            default=ROLES,
            format_func=lambda r: t(f"role.{r}", lang),
            key="w_roles",
        )
        st.text_input(t("w.new.extra_roles", lang), max_chars=MAX_ROLE * 4, key="w_extra")
        _group_rules(lang)
        st.markdown(f"**{t('w.new.targets', lang)}**")
        for col, dim in zip(st.columns(len(b.dimensions)), b.dimensions, strict=True):
            col.number_input(
                md(b.text(dim.name, lang)),
                0.0,
                100.0,
                value=None,
                step=5.0,
                key=f"w_target:{dim.id}",
            )
        st.form_submit_button(t("w.new.create", lang), type="primary", on_click=_create)


def render() -> None:
    """Draw the form; after creating, show how participants and facilitator get in."""
    lang = language()
    st.title(t("nav.workshop_new", lang))
    created = st.session_state.get("created_workshop")
    if created:
        _created(created, lang)
        return
    st.write(t("w.new.intro", lang))
    for problem in st.session_state.pop("workshop_problems", []):
        st.error(problem)
    _form(lang)


render()
