"""One question on screen: its label, hints, reasoning, answer and the evidence behind it.

Each question is its own fragment: a click reruns that question alone (a handful of
messages instead of the whole step's), and the answer is saved at once. The step's header
says how many were answered when the step opened (it cannot follow a question's rerun);
each question confirms its own save with the live count.
What a question folds away (evidence fields, reasoning) is sent only once opened.

The bank's notes refer to other questions by id (``see D1.10``); the label shows each
question's number beside its id, and every id in a note gets the number the respondent
sees (``see Q5 · D1.10``), so a reference can be followed while answering.
"""

from __future__ import annotations

import re
from functools import cache

import streamlit as st

from huigui.i18n import level_tag, t
from huigui.records import AssessmentRecord, Evidence
from huigui.store.fields import MAX_EVIDENCE
from scoring import Bank, Item, essay_index
from scoring.assess import assess
from scoring.evidence import CONFIDENCES

from .resources import store
from .session import action, language, pending_error
from .widgets import md

__all__ = ["item_box", "level_label", "numbered_refs", "options_of", "question_label", "why"]


def options_of(b: Bank, item: Item, saved: str | None = None) -> list[int | str]:
    """The answers offered: every level, then "not applicable" where the bank offers it
    (:meth:`Bank.offers_not_applicable`) or it is already the saved answer, then "don't know"."""
    na = saved == "na" or b.offers_not_applicable(item.id)
    return [*range(len(item.levels)), *(["na"] if na else []), "dk"]


def level_label(b: Bank, item: Item, lang: str, option: object) -> str:
    """An answer as the radio shows it: ``2 · <the level's text>``, or na / dk."""
    if isinstance(option, str):
        return t(f"q.{option}", lang)
    level = int(str(option))
    label = f"{level_tag(item, level, lang)} · {md(b.text(item.levels[level], lang))}"
    # the scope's rule where it is needed: the answer after the levels wins over a level
    return label + t("q.beside.rule", lang) if item.is_side_trap(level) else label


def question_label(b: Bank, item: Item, number: int, lang: str) -> str:
    """Number and id (``Q5 · D1.10``, as the results show them), short title in bold, then
    the question."""
    tag = md(t("q.tag", lang, n=number, id=item.id))
    prompt = md(b.text(item.prompt, lang))
    if item.title:
        return f"{tag} · **{md(b.text(item.title, lang))}** · {prompt}"
    return f"{tag} · {prompt}"


@cache
def _id_pattern(item_ids: tuple[str, ...]) -> re.Pattern[str]:
    """Any of these ids as a whole word (``D1.1`` is not found inside ``D1.10``); ASCII word
    characters only, so that an id right after a Chinese character (``见D1.10``) is found."""
    longest_first = sorted(item_ids, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, longest_first))
    return re.compile(rf"(?<![A-Za-z0-9_.])({alternatives})(?![A-Za-z0-9_]|\.\d)")


def numbered_refs(b: Bank, text: str, lang: str) -> str:
    """``text`` with every id of this bank's questions shown as in the labels, number first:
    ``see D1.10`` → ``see Q5 · D1.10`` (no brackets: ids often stand in brackets already).
    Ids the bank does not ask are left as they are."""
    index = b.layout.item_index

    def numbered(found: re.Match[str]) -> str:
        tag = t("q.tag", lang, n=index[found[1]] + 1, id=found[1])
        return tag.replace(" ", "\N{NO-BREAK SPACE}")  # one reference, never split by a line end

    return _id_pattern(tuple(index)).sub(numbered, text)


def _note(b: Bank, text: dict[str, str], lang: str) -> str:
    """A note of the bank in ``lang``, its references numbered, escaped for Markdown."""
    return md(numbered_refs(b, b.text(text, lang), lang))


def _sources(paragraphs: list[str], lang: str) -> str:
    index = essay_index()
    parts = [f"{p} ({index.headings[index.section_of(p)]})" for p in paragraphs]
    return f"{t('q.sources', lang)}: " + "; ".join(parts)


def why(b: Bank, item: Item, lang: str) -> None:
    """The reasoning and sources, folded away until asked for (and only sent once opened,
    so an answer click redraws a few elements, not every question's reasoning)."""
    if not (item.rationale or item.source):
        return
    with st.expander(t("q.why", lang), key=f"why:{item.id}", on_change="rerun") as box:
        if not box.open:
            return
        if item.rationale:
            st.markdown(_note(b, item.rationale, lang))
        if item.source:
            st.caption(md(_sources(item.source, lang)))


def _hints(b: Bank, item: Item, lang: str) -> None:
    """What would confirm the level, whom to ask (as the bank's rules say: "ask the
    colleague suggested under the question"), and when "not applicable" is right."""
    if item.evidence:
        st.caption(t("q.evidence", lang, text=_note(b, item.evidence, lang)))
    if item.ask:
        st.caption(t("q.ask", lang, text=_note(b, item.ask, lang)))
    if item.na_when:
        st.caption(t("q.na_when", lang, text=_note(b, item.na_when, lang)))


@action
def _save(assessment_id: str, item_id: str, rescore: str | None) -> None:
    """Store the clicked answer; a finished self-assessment keeps its scores current
    (``rescore`` is its bank's digest, None otherwise)."""
    value = st.session_state.get(f"ans:{item_id}")
    store().save_answer(assessment_id, item_id, None if value is None else str(value))
    st.session_state[f"saved:{item_id}"] = True
    answered = st.session_state.setdefault("answered_ids", set())
    (answered.discard if value is None else answered.add)(item_id)
    if rescore is not None:
        answers = store().get(assessment_id).answers
        store().rescore(assessment_id, assess(store().bank(rescore), answers).summary())


@action
def _save_evidence(assessment_id: str, item_id: str) -> None:
    state = st.session_state
    store().save_evidence(
        assessment_id, item_id, state.get(f"note:{item_id}"), state.get(f"sure:{item_id}")
    )
    state[f"saved:{item_id}"] = True
    note, sure = state.get(f"note:{item_id}"), state.get(f"sure:{item_id}")
    state[f"given:{item_id}"] = bool(note or sure)


def _evidence(record: AssessmentRecord, item: Item, disabled: bool, lang: str) -> None:
    """An optional note on what backs the answer, and how sure the respondent is.

    The expander's label never changes (a new label would be a new expander, closed
    mid-entry); a caption says when something was given. The fields are drawn from the
    store when opened: within this question's reruns ``record`` is the page's old copy."""
    given = st.session_state.get(f"given:{item.id}")
    if given is None:
        known = record.evidence.get(item.id, Evidence())
        given = bool(known.note or known.confidence)
    mark = st.empty()  # always a slot: what follows keeps its place (and an open expander)
    if given:
        mark.caption(t("q.ev.label.filled", lang))
    key = f"evidence:{item.id}"
    label = t("q.ev.label", lang)
    with st.expander(label, icon=":material/fact_check:", key=key, on_change="rerun") as box:
        if not box.open:  # drawn only once opened: an answer click stays small
            return
        saved = store().get(record.id).evidence.get(item.id, Evidence())
        answered = st.session_state.get(f"ans:{item.id}") is not None
        if not answered:
            st.caption(t("q.ev.first", lang))
        args = (record.id, item.id)
        st.text_input(
            t("q.ev.note", lang),
            value=saved.note or "",
            max_chars=MAX_EVIDENCE,
            key=f"note:{item.id}",
            placeholder=t("q.ev.placeholder", lang),
            on_change=_save_evidence,
            args=args,
            disabled=disabled or not answered,
        )
        st.segmented_control(
            t("q.ev.confidence", lang),
            CONFIDENCES,
            default=saved.confidence,
            key=f"sure:{item.id}",
            format_func=lambda c: t(f"q.sure.{c}", lang),
            on_change=_save_evidence,
            args=args,
            disabled=disabled or not answered,
        )


@st.fragment
def item_box(b: Bank, item: Item, number: int, record: AssessmentRecord, disabled: bool) -> None:
    """One question, rerun on its own when answered."""
    lang, saved = language(), record.answers.get(item.id)
    options = options_of(b, item, saved)
    current = None if saved is None else (int(saved) if saved.isdigit() else saved)
    rescore = b.digest if record.workshop_id is None and record.is_complete else None
    with st.container(border=True, key=f"item:{item.id}"):
        st.radio(
            question_label(b, item, number, lang),
            options,
            index=options.index(current) if current in options else None,
            key=f"ans:{item.id}",
            format_func=lambda o: level_label(b, item, lang, o),
            on_change=_save,
            args=(record.id, item.id, rescore),
            disabled=disabled,
        )
        status = st.empty()  # always a slot, so the fields below keep their place
        if message := pending_error():
            status.error(message)
        elif st.session_state.pop(f"saved:{item.id}", False):
            # the step's progress bar is redrawn on the next step; the count is live here
            answered = len(st.session_state.get("answered_ids", ()))
            status.caption(t("q.saved.count", lang, n=answered, total=len(b.items)))
        _hints(b, item, lang)
        _evidence(record, item, disabled, lang)
        why(b, item, lang)
