"""New workshop: the facilitator sets it up and gets the code, join link, QR and secret link."""

from __future__ import annotations

import streamlit as st

from huigui.app.resources import archived_banks, bank, library, store
from huigui.app.session import action, go_after, language
from huigui.app.urls import app_url
from huigui.app.widgets import md, show_access
from huigui.i18n import LANGUAGE_NAMES, LANGUAGES, t
from huigui.store import WorkshopOptions
from huigui.store.fields import MAX_FIRM, MAX_ROLE
from huigui.store.workshops import MAX_PARTICIPANTS, MIN_GROUP
from scoring import Bank, check_bank_bytes
from scoring.yamlsource import MAX_BYTES

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


def _choices() -> dict[str, Bank]:
    """Banks a workshop may use: the server's, the bundled editions (current, then earlier
    ones) and any bank uploaded in this session."""
    uploaded: dict[str, Bank] = st.session_state.setdefault("uploaded_banks", {})
    banks = [*library(), *archived_banks(), *uploaded.values()]
    return {b.digest: b for b in banks}


def _chosen() -> Bank:
    return _choices().get(st.session_state.get("w_bank", ""), bank())


def _upload() -> None:
    """Check an uploaded bank; keep it for this session and choose it, or list its problems
    (``file:line:column: message``) and change nothing."""
    file = st.session_state.get("w_upload")
    if file is None:
        return
    if file.size > MAX_BYTES:
        st.session_state["bank_problems"] = [
            f"{file.name}: file is {file.size:,} bytes; banks are limited to {MAX_BYTES:,}"
        ]
        return
    uploaded, problems = check_bank_bytes(file.getvalue(), file.name)
    if uploaded is None:
        st.session_state["bank_problems"] = [str(p) for p in problems]
        return
    st.session_state.setdefault("uploaded_banks", {})[uploaded.digest] = uploaded
    st.session_state["w_bank"] = uploaded.digest


def _bank_picker(lang: str) -> None:
    choices = _choices()
    if st.session_state.get("w_bank") not in choices:
        st.session_state["w_bank"] = bank().digest

    def label(digest: str) -> str:
        b = choices[digest]
        return t(
            "w.new.bank.option",
            lang,
            title=b.text(b.title, lang),
            version=b.version,
            items=len(b.items),
            digest=digest[:8],
        )

    st.selectbox(t("w.new.bank", lang), list(choices), key="w_bank", format_func=label)
    with st.expander(t("w.new.bank.upload", lang), icon=":material/upload_file:"):
        st.caption(t("w.new.bank.upload.help", lang))
        st.file_uploader(
            t("w.new.bank.upload", lang),
            type=["yaml", "yml"],
            key="w_upload",
            on_change=_upload,
            label_visibility="collapsed",
        )
    problems = st.session_state.pop("bank_problems", [])
    if problems:
        st.error(t("w.new.bank.problems", lang, n=len(problems)))
        st.code("\n".join(problems), language=None, wrap_lines=True)


@action
def _create() -> None:
    state = st.session_state
    problems = _problems(language())
    if problems:
        state["workshop_problems"] = problems
        return
    chosen = _chosen()
    targets = {
        d.id: float(v)
        for d in chosen.dimensions
        if (v := state.get(f"w_target:{d.id}")) is not None
    }
    options = WorkshopOptions(
        min_group=int(state.get("w_k", MIN_GROUP)),
        max_participants=int(state.get("w_cap", 60)),
        consultant_id=state.get("consultant"),
        targets=targets,
    )
    workshop, secret = store().create_workshop(
        chosen, state["w_firm"], state["w_langs"], _roles(), options=options
    )
    state["created_workshop"] = {"id": workshop.id, "code": workshop.code, "secret": secret}


def _open_dashboard() -> None:
    created = st.session_state.pop("created_workshop")
    st.session_state["facilitator"] = (created["id"], created["secret"])
    go_after("facilitate", w=created["id"])


def _created(created: dict[str, str], lang: str) -> None:
    """The code, join link and QR, with the way to project them — the presenter view, which
    holds no secret — and the secret link folded away, labelled not to project: this page
    is often made on a laptop already mirrored to the projector."""
    st.success(t("w.created", lang))
    st.info(t("w.created.project", lang), icon=":material/present_to_all:")
    st.link_button(
        t("f.present", lang),
        app_url("present", code=created["code"]),
        icon=":material/present_to_all:",
    )
    show_access(created["code"], None, created["id"])
    st.warning(t("w.secret_link", lang), icon=":material/key:")
    with st.expander(t("w.secret_link.open", lang), icon=":material/visibility_off:"):
        st.code(
            app_url("facilitate", w=created["id"], s=created["secret"]),
            language=None,
            wrap_lines=True,
        )
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
    b = _chosen()
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
                format="%g",  # 50, not 50.00; 72.5 as typed
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
    _bank_picker(lang)
    _form(lang)


render()
