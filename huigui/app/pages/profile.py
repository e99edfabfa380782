"""Firm profile: name (required), industry, size band, the respondent's role."""

from __future__ import annotations

import streamlit as st

from huigui.app.resources import bank, library, store
from huigui.app.session import (
    action,
    current_assessment,
    go_after,
    held_firm,
    hold_firm,
    language,
    open_token,
)
from huigui.app.widgets import minutes_for
from huigui.i18n import industries, t
from huigui.records import Profile
from huigui.store.fields import MAX_FIRM

SIZE_BANDS = ("micro", "small", "medium", "large", "xlarge")
ROLES = ("executive", "middle_manager", "front_line", "it_digital", "partner", "other")


def _choice(
    label: str, options: tuple[str, ...], current: str | None, names: dict[str, str], key: str
) -> None:
    lang = language()
    choices: list[str | None] = [None, *options]
    st.selectbox(
        label,
        choices,
        index=choices.index(current) if current in choices else 0,
        key=key,
        format_func=lambda c: t("profile.none", lang) if c is None else names[c],
    )


@action
def _save(assessment_id: str | None) -> None:
    """Create the assessment, or update its profile; then on to the questions."""
    lang, state = language(), st.session_state
    if not state.get("firm_name", "").strip():
        state["profile_problem"] = t("profile.firm_required", lang)
        return
    profile = Profile(
        state["firm_name"], state.get("industry"), state.get("size_band"), state.get("role")
    )
    if assessment_id is None:
        _create(profile, lang)
    else:
        store().update(assessment_id, profile=profile, language=lang)
    go_after("questionnaire")


def _create(profile: Profile, lang: str) -> None:
    """A new assessment: in the held firm ("assess again"), or in a new firm whose link is
    made now and shown with the questions."""
    wanted, firm = st.session_state.get("new_assessment"), held_firm()
    same_firm = firm.id if firm is not None and wanted == firm.id else None
    chosen = st.session_state.get("bank_choice")
    b = next((x for x in library() if x.digest == chosen), bank())
    _, token = store().create(b, profile, lang, firm_id=same_firm)
    open_token(token)
    if same_firm is None:
        hold_firm(store().issue_firm_link(token))
        st.session_state["show_firm_link"] = True


FIELDS = ("firm_name", "industry", "size_band", "role", "bank_choice")


def _bank_choice(lang: str) -> None:
    """Full assessment or pulse (or whichever banks the server offers), with their length."""
    banks = {b.digest: b for b in library()}
    if len(banks) < 2:
        return

    def label(digest: str) -> str:
        b = banks[digest]
        minutes = "–".join(map(str, minutes_for(b)))
        return t(
            "profile.bank.option",
            lang,
            title=b.text(b.title, lang),
            items=len(b.items),
            minutes=minutes,
        )

    st.radio(t("profile.bank", lang), list(banks), key="bank_choice", format_func=label)


def _reset_when_switched(assessment_id: str | None) -> None:
    """Forget what the form held for another assessment (or for a new one)."""
    if st.session_state.get("profile_of", "") != assessment_id:
        for key in FIELDS:
            st.session_state.pop(key, None)
        st.session_state["profile_of"] = assessment_id


def _form(current: Profile, assessment_id: str | None, lang: str) -> None:
    _reset_when_switched(assessment_id)
    isic = {
        code: f"{code} · {names.get(lang) or names['en']}" for code, names in industries().items()
    }
    with st.form("profile"):
        st.text_input(
            t("profile.firm", lang), value=current.firm_name, max_chars=MAX_FIRM, key="firm_name"
        )
        _choice(t("profile.industry", lang), tuple(isic), current.industry, isic, "industry")
        _choice(
            t("profile.size", lang),
            SIZE_BANDS,
            current.size_band,
            {s: t(f"size.{s}", lang) for s in SIZE_BANDS},
            "size_band",
        )
        _choice(
            t("profile.role", lang),
            ROLES,
            current.role,
            {r: t(f"role.{r}", lang) for r in ROLES},
            "role",
        )
        if assessment_id is None:
            _bank_choice(lang)
        st.form_submit_button(
            t("profile.save", lang), type="primary", on_click=_save, args=(assessment_id,)
        )


def render() -> None:
    """Draw the profile form; saving creates the assessment or updates it."""
    lang = language()
    st.title(t("nav.profile", lang))
    linked = st.query_params.get("a") is not None  # a link opened wins over "start new"
    record = current_assessment() if linked or not st.session_state.get("new_assessment") else None
    st.write(t("profile.intro", lang))
    if problem := st.session_state.pop("profile_problem", None):
        st.error(problem)
    prefill = st.session_state.get("prefill") or Profile("")
    _form(record.profile if record else prefill, record.id if record else None, lang)


render()
