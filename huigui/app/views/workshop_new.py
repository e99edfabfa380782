"""New workshop: the facilitator sets it up and gets the code, join link, QR and secret link."""

from __future__ import annotations

import io

import qrcode
import streamlit as st

from scoring import StoreError

from ..i18n import LANGUAGE_NAMES, LANGUAGES, t
from ..state import app_url, bank, go, language, store
from ..text import md
from .profile import ROLES

MAX_NAME = 200


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG bytes (drawn locally; nothing is fetched)."""
    image = qrcode.make(url, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def show_access(code: str, secret: str | None, workshop_id: str) -> None:
    """The participant code, join link and QR code — and the secret link when just made."""
    lang = language()
    join = app_url("join", code=code)
    if secret:
        st.warning(t("w.secret_link", lang), icon=":material/key:")
        st.code(app_url("facilitate", w=workshop_id, s=secret), language=None, wrap_lines=True)
    left, right = st.columns([2, 1])
    with left:
        st.markdown(f"**{t('w.code', lang)}**")
        st.markdown(f"# `{code[:3]} {code[3:]}`")
        st.markdown(f"**{t('w.join_link', lang)}**")
        st.code(join, language=None, wrap_lines=True)
    with right:
        st.image(qr_png(join), caption=t("w.qr", lang), width=240)


def render() -> None:
    """Draw the form; after creating, show how participants and facilitator get in."""
    lang, b = language(), bank()
    st.title(t("nav.workshop_new", lang))
    created = st.session_state.get("created_workshop")
    if created:
        st.success(t("w.created", lang))
        show_access(created["code"], created["secret"], created["id"])
        if st.button(t("w.open_dashboard", lang), type="primary", key="open_dashboard"):
            st.session_state["facilitator"] = (created["id"], created["secret"])
            st.session_state.pop("created_workshop", None)
            go("facilitate", w=created["id"], s=created["secret"])
        return
    st.write(t("w.new.intro", lang))
    with st.form("workshop"):
        firm = st.text_input(t("w.new.firm", lang), max_chars=MAX_NAME, key="w_firm")
        languages = st.multiselect(t("w.new.languages", lang), LANGUAGES, default=LANGUAGES,
                                   format_func=LANGUAGE_NAMES.__getitem__, key="w_langs")
        roles = st.multiselect(t("w.new.roles", lang), ROLES[:-1], default=ROLES[:-1],
                               format_func=lambda r: t(f"role.{r}", lang), key="w_roles")
        extra = st.text_input(t("w.new.extra_roles", lang), max_chars=300, key="w_extra")
        st.markdown(f"**{t('w.new.targets', lang)}**")
        columns = st.columns(len(b.dimensions))
        targets = {}
        for col, dim in zip(columns, b.dimensions, strict=True):
            value = col.number_input(md(b.text(dim.name, lang)), 0.0, 100.0, value=None,
                                     step=5.0, key=f"w_target:{dim.id}")
            if value is not None:
                targets[dim.id] = float(value)
        submitted = st.form_submit_button(t("w.new.create", lang), type="primary")
    if not submitted:
        return
    all_roles = [*roles, *(r.strip() for r in extra.split(",") if r.strip())]
    problems = [t(key, lang) for ok, key in ((firm.strip(), "profile.firm_required"),
                                             (all_roles, "w.new.need_role"),
                                             (languages, "w.new.need_language")) if not ok]
    if problems:
        for problem in problems:
            st.error(problem)
        return
    try:
        workshop, secret = store().create_workshop(b, firm, languages, all_roles, targets)
    except StoreError as exc:
        st.error(t("error.store", lang, reason=str(exc)))
        return
    st.session_state["created_workshop"] = {"id": workshop.id, "code": workshop.code,
                                            "secret": secret}
    st.rerun()
