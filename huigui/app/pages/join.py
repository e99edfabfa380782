"""Join: a participant opens the join link (or types the code), picks a role and starts."""

from __future__ import annotations

import time

import streamlit as st

from huigui.app.resources import bank_of, store
from huigui.app.session import action, go_after, language, open_token, use_language
from huigui.app.widgets import md
from huigui.i18n import LANGUAGE_NAMES, LANGUAGES, role_label, t
from huigui.records import WorkshopRecord
from huigui.store.fields import MAX_NAME
from scoring import NotFoundError

#: Wrong codes one session may try per minute before it is refused for a while.
WRONG_CODES_PER_MINUTE = 5


def _missed() -> None:
    st.session_state.setdefault("wrong_codes", []).append(time.monotonic())


def _guessing() -> bool:
    """Whether this session tried more than a few wrong codes in the last minute."""
    recent = [t for t in st.session_state.get("wrong_codes", []) if time.monotonic() - t < 60]
    st.session_state["wrong_codes"] = recent
    return len(recent) > WRONG_CODES_PER_MINUTE


def _find() -> None:
    typed = st.session_state.get("join_code", "").strip()
    if typed:
        st.query_params["code"] = typed.upper()


@action
def _join(code: str) -> None:
    role, lang = st.session_state.get("join_role"), language()
    if role is None:
        st.session_state["join_problem"] = t("j.need_role", lang)
        return
    workshop = store().by_code(code)
    _, token = store().join(bank_of(workshop), code, role, lang, st.session_state.get("join_name"))
    open_token(token)
    go_after("questionnaire")


def _ask_code(lang: str) -> None:
    st.write(t("j.intro", lang))
    st.text_input(t("j.code", lang), max_chars=20, key="join_code")
    st.button(t("j.find", lang), type="primary", key="find", on_click=_find)


def offered(workshop: WorkshopRecord) -> list[str]:
    """The languages the workshop offers, in the order the facilitator gave them."""
    return [x for x in workshop.languages if x in LANGUAGES] or list(LANGUAGES)


def _picked_here() -> None:
    use_language(st.session_state["join_lang"])


def _language_choice(workshop: WorkshopRecord, lang: str) -> None:
    """The workshop's languages on the page itself (a phone's sidebar is out of sight)."""
    choices = offered(workshop)
    if len(choices) == 1:
        st.caption(t("j.languages", lang, languages=LANGUAGE_NAMES[choices[0]]))
        return
    st.session_state["join_lang"] = lang
    st.radio(
        t("j.language", lang),
        choices,
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
        key="join_lang",
        on_change=_picked_here,
    )


def _form(workshop: WorkshopRecord, lang: str) -> None:
    _language_choice(workshop, lang)
    st.info(t("j.private", lang), icon=":material/lock:")
    if problem := st.session_state.pop("join_problem", None):
        st.error(problem)
    with st.form("join"):
        st.selectbox(
            t("j.role", lang),
            workshop.roles,
            index=None,
            format_func=lambda r: role_label(r, lang),
            placeholder=t("j.role.choose", lang),
            key="join_role",
        )
        st.text_input(t("j.name", lang), max_chars=MAX_NAME, key="join_name")
        st.form_submit_button(
            t("j.join", lang), type="primary", on_click=_join, args=(workshop.code,)
        )


def render() -> None:
    """Find the workshop by code, then join it."""
    lang = language()
    st.title(t("nav.join", lang))
    code = st.query_params.get("code", "")
    if not code:
        _ask_code(lang)
        return
    if _guessing():
        st.error(t("j.too_many", lang))
        return
    try:
        workshop = store().by_code(code)
    except NotFoundError:
        _missed()
        st.error(t("j.unknown", lang))
        return
    st.subheader(md(t("j.welcome", lang, firm=workshop.firm_name)))
    if not workshop.is_open:
        st.warning(t("j.closed", lang))
        return
    if lang not in offered(workshop):  # a phone set to a language the workshop does not offer
        use_language(offered(workshop)[0])
        st.rerun()
    _form(workshop, lang)


render()
