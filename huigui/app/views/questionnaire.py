"""Questionnaire: one step per dimension; every click is saved at once."""

from __future__ import annotations

import streamlit as st

from huigui.results import evaluate
from huigui.store import AssessmentRecord
from scoring import Item, StoreError, essay_index

from ..i18n import t
from ..state import bank, go, language, required_assessment, resume_url, store
from ..text import md

SPECIAL = ("na", "dk")


def _options(item: Item) -> list[int | str]:
    return [*range(len(item.levels)), *SPECIAL]


def _save(assessment_id: str, item_id: str, key: str) -> None:
    value = st.session_state.get(key)
    try:
        store().save_answer(assessment_id, item_id, None if value is None else str(value))
    except StoreError as exc:
        st.session_state["save_error"] = str(exc)


def _step() -> int:
    raw = st.query_params.get("step", "1")
    steps = len(bank().dimensions)
    return min(max(int(raw), 1), steps) if raw.isdigit() else 1


def _sources(paragraphs: list[str], lang: str) -> str:
    index = essay_index()
    parts = [f"{p} ({index.headings[index.section_of(p)]})" for p in paragraphs]
    return f"{t('q.sources', lang)}: " + "; ".join(parts)


def _item(item: Item, number: int, assessment_id: str, saved: str | None, lang: str,
          disabled: bool = False) -> None:
    b = bank()
    options = _options(item)
    current = None if saved is None else (int(saved) if saved.isdigit() else saved)
    labels = {"na": t("q.na", lang), "dk": t("q.dk", lang)}
    key = f"ans:{item.id}"
    with st.container(border=True):
        st.radio(
            f"{number}\\. {md(b.text(item.prompt, lang))}", options,
            index=options.index(current) if current in options else None, key=key,
            format_func=lambda o: labels[o] if isinstance(o, str)
            else f"{o} · {md(b.text(item.levels[o], lang))}",
            on_change=_save, args=(assessment_id, item.id, key), disabled=disabled)
        if item.rationale or item.source:
            with st.expander(t("q.why", lang)):
                if item.rationale:
                    st.markdown(md(b.text(item.rationale, lang)))
                if item.source:
                    st.caption(md(_sources(item.source, lang)))


def _workshop_state(record: AssessmentRecord, lang: str) -> bool:
    """Show the workshop banner; whether answers may still change."""
    if record.workshop_id is None:
        return True
    workshop = store().workshop(record.workshop_id)
    st.caption(md(t("q.workshop_banner", lang, firm=workshop.firm_name, code=workshop.code)))
    if not workshop.is_open:
        st.warning(t("j.closed", lang))
    elif record.submitted_at is not None:
        st.success(t("q.submitted", lang))
    return workshop.is_open


def _finish(record: AssessmentRecord, lang: str) -> None:
    """Score the saved answers; a workshop participant submits them (once, however often)."""
    b = bank()
    fresh = store().get(record.id)
    summary = evaluate(b, fresh.answers).summary()
    try:
        if record.workshop_id is not None:
            store().submit(record.id, fresh.answers, summary)
        else:
            store().complete(record.id, summary)
    except StoreError as exc:
        st.error(t("error.store", lang, reason=str(exc)))
        return
    go("results")


def _buttons(record: AssessmentRecord, step: int, is_open: bool, lang: str) -> None:
    back, forward = st.columns(2)
    if step > 1 and back.button(t("q.back", lang), key="back", icon=":material/arrow_back:"):
        st.query_params["step"] = str(step - 1)
        st.rerun()
    if step < len(bank().dimensions):
        if forward.button(t("q.next", lang), key="next", type="primary",
                          icon=":material/arrow_forward:"):
            st.query_params["step"] = str(step + 1)
            st.rerun()
        return
    label = "q.submit" if record.workshop_id is not None else "q.finish"
    if forward.button(t(label, lang), key="finish", type="primary", disabled=not is_open):
        _finish(record, lang)


def render() -> None:
    """Draw the current step of the questionnaire."""
    lang, b = language(), bank()
    st.title(t("nav.questionnaire", lang))
    record = required_assessment()
    if record is None:
        return
    if error := st.session_state.pop("save_error", None):
        st.error(t("error.store", lang, reason=error))
    is_open = _workshop_state(record, lang)
    step = _step()
    dim = b.dimensions[step - 1]
    total = len(b.items)
    answered = sum(1 for i in b.items if i.id in record.answers)
    st.progress(answered / total, text=f"{t('q.step', lang, step=step, steps=len(b.dimensions))}"
                f" · {t('q.answered', lang, answered=answered, total=total)}")
    with st.expander(t("link.yours", lang), expanded=answered == 0):
        st.code(resume_url(st.session_state["token"]), language=None, wrap_lines=True)
        st.caption(t("q.resume_hint", lang))
    st.header(f"{dim.id} · {md(b.text(dim.name, lang))}")
    st.caption(md(b.text(dim.description, lang)))
    first = sum(len(d.items) for d in b.dimensions[: step - 1])
    for k, item in enumerate(dim.items, start=first + 1):
        _item(item, k, record.id, record.answers.get(item.id), lang, disabled=not is_open)
    st.caption(t("q.saved", lang))
    _buttons(record, step, is_open, lang)
