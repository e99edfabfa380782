"""Firm profile: name (required), industry, size band, the respondent's role."""

from __future__ import annotations

import streamlit as st

from huigui.store import Profile
from scoring import StoreError

from ..i18n import industries, t
from ..state import bank, current_assessment, go, language, open_token, store

SIZE_BANDS = ("micro", "small", "medium", "large", "xlarge")
ROLES = ("executive", "middle_manager", "front_line", "it_digital", "partner", "other")
MAX_NAME = 200


def _choice(label: str, options: tuple[str, ...], current: str | None, names: dict[str, str],
            key: str) -> str | None:
    lang = language()
    choices: list[str | None] = [None, *options]
    return st.selectbox(label, choices, index=choices.index(current) if current in choices
                        else 0, key=key,
                        format_func=lambda c: t("profile.none", lang) if c is None
                        else names[c])


def render() -> None:
    """Draw the profile form; saving creates the assessment or updates it."""
    lang = language()
    st.title(t("nav.profile", lang))
    record = None if st.session_state.get("new_assessment") else current_assessment()
    current = record.profile if record else Profile("")
    st.write(t("profile.intro", lang))
    isic = {code: f"{code} · {names[lang]}" for code, names in industries().items()}
    with st.form("profile"):
        name = st.text_input(t("profile.firm", lang), value=current.firm_name,
                             max_chars=MAX_NAME, key="firm_name")
        industry = _choice(t("profile.industry", lang), tuple(isic), current.industry, isic,
                           "industry")
        size = _choice(t("profile.size", lang), SIZE_BANDS, current.size_band,
                       {s: t(f"size.{s}", lang) for s in SIZE_BANDS}, "size_band")
        role = _choice(t("profile.role", lang), ROLES, current.role,
                       {r: t(f"role.{r}", lang) for r in ROLES}, "role")
        submitted = st.form_submit_button(t("profile.save", lang), type="primary")
    if not submitted:
        return
    if not name.strip():
        st.error(t("profile.firm_required", lang))
        return
    profile = Profile(name.strip(), industry, size, role)
    try:
        if record is None:
            record, token = store().create(bank(), profile, lang)
            open_token(token)
            st.session_state.pop("new_assessment", None)
        else:
            store().update(record.id, profile=profile, language=lang)
    except StoreError as exc:
        st.error(t("error.store", lang, reason=str(exc)))
        return
    go("questionnaire")
