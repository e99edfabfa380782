"""Results: overall and per-dimension scores, radar with bars, items, next steps, downloads."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from huigui.app.links import holds_firm_of, links_panel
from huigui.app.resources import bank_of, store
from huigui.app.result_notes import (
    guessed_dimensions,
    marks_weakest,
    open_questions,
    trap_badge,
    trap_exits,
    weakest_link,
    weakest_link_note,
)
from huigui.app.session import action, language
from huigui.app.widgets import XLSX, download, draw, md, profile_radar, report_buttons
from huigui.app.widgets import required_assessment as _required
from huigui.charts import ProfileLines, gap_bars
from huigui.exports import export_csv, export_json, export_tables, export_xlsx, item_table
from huigui.i18n import (
    counted,
    item_tag,
    join_list,
    level_tag,
    one_answer_text,
    questions_text,
    raise_text,
    t,
    weakest_link_text,
)
from huigui.records import AssessmentRecord, Previous
from huigui.reports.inputs import from_record
from huigui.shown import latest_snapshot
from scoring import Bank
from scoring.assess import Assessment, assess
from scoring.recommend import DimensionPlan

LEVEL_COLOURS = ("#f4cccc", "#fce5cd", "#fff2cc", "#d9ead3", "#b6d7a8")
MIN_PEERS = 5  # a benchmark needs this many other firms of the industry


def _stage_name(b: Bank, stage_id: str | None, lang: str) -> str:
    return b.text(b.stage(stage_id).name, lang) if stage_id else "–"


def _overall(b: Bank, result: Assessment, lang: str) -> None:
    left, right = st.columns([1, 2])
    if result.overall is None:
        pairs = list(zip(b.dimensions, result.dimensions, strict=True))
        # no question of the dimension applies to the firm, or too few were answered
        none_apply = [b.text(d.name, lang) for d, r in pairs if r.coverage is None]
        # coverage 0: nothing answered yet, which needs answers as much as too few does
        missing = [
            b.text(d.name, lang) for d, r in pairs if r.score is None and r.coverage is not None
        ]
        left.metric(t("r.overall", lang), "–")
        if none_apply:
            right.info(t("r.no_overall.none_apply", lang, dims=join_list(none_apply, lang)))
        if missing or not none_apply:
            dims = join_list(missing, lang)
            right.info(t("r.no_overall", lang, dims=dims, coverage=b.min_coverage))
        return
    overall_help = t("r.overall.help", lang, n=len(b.dimensions))
    left.metric(t("r.overall", lang), f"{result.overall:.0f}", help=overall_help)
    if result.overall_stage is not None:
        stage = b.stage(result.overall_stage)
        right.markdown(f"### {md(b.text(stage.name, lang))}")
        with right:
            trap_badge(b, result, lang)
        right.caption(md(b.text(stage.description, lang)))


def _card(b: Bank, result: Assessment, dim_id: str, lang: str, guessed: bool) -> None:
    r, dim = result.dimension(dim_id), next(d for d in b.dimensions if d.id == dim_id)
    st.markdown(f"**{md(b.text(dim.name, lang))}**")
    st.metric(
        md(b.text(dim.name, lang)),
        "–" if r.score is None else f"{r.score:.0f}",
        label_visibility="collapsed",
    )
    if r.score is None:
        st.caption(t("r.all_na" if r.flag == "all_na" else "r.not_enough", lang))
    else:
        stage = f"**{md(_stage_name(b, r.stage, lang))}**"
        st.markdown(t("r.card.stage", lang, stage=stage))
        if caution := one_answer_text(result, dim_id, lang):
            st.caption(caution)
    weakest, line = weakest_link(result, dim_id), weakest_link_text(b, result, dim_id, lang)
    if weakest is not None and line is not None:
        prompt = md(b.text(b.item(weakest).prompt, lang))
        st.caption(md(line), help=f"{md(t('r.gated.help', lang))}\n\n{prompt}")
    coverage = "–" if r.coverage is None else f"{r.coverage:.0%}"
    # how many answers the score rests on, beside the weighted coverage the engine gates on
    scored_on = t("r.scored_on", lang, n=r.answered, m=r.answered + r.dk + r.blank)
    coverage_text = t("r.coverage.value", lang, value=coverage)
    st.caption(f"{scored_on} · {coverage_text} · {t('r.dk_count.value', lang, n=r.dk)}")
    if guessed:
        st.caption(t("r.guessed", lang), help=t("r.guessed.help", lang))


def _dimension_cards(b: Bank, record: AssessmentRecord, result: Assessment, lang: str) -> None:
    guessed = guessed_dimensions(b, record)
    for col, dim in zip(st.columns(len(b.dimensions)), b.dimensions, strict=True):
        with col.container(border=True):
            _card(b, result, dim.id, lang, dim.id in guessed)


@action
def _save_targets(assessment_id: str) -> None:
    targets = {
        d.id: float(v)
        for d in bank_of(store().get(assessment_id)).dimensions
        if (v := st.session_state.get(f"target:{d.id}")) is not None
    }
    store().update(assessment_id, targets=targets)


def _targets(b: Bank, record: AssessmentRecord, lang: str) -> None:
    with st.expander(t("r.targets", lang)):
        st.caption(t("r.targets.help", lang))
        for col, dim in zip(st.columns(len(b.dimensions)), b.dimensions, strict=True):
            saved = record.targets.get(dim.id)
            col.number_input(
                md(b.text(dim.name, lang)),
                0.0,
                100.0,
                value=None if saved is None else float(saved),
                step=5.0,
                format="%g",  # 50, not 50.00; 72.5 as typed
                key=f"target:{dim.id}",
                on_change=_save_targets,
                args=(record.id,),
            )


def _previous_label(b: Bank, previous: Previous) -> str:
    """The earlier assessment's date, with its bank version when that differs."""
    label = f"{previous.date:%Y-%m-%d}"
    if previous.bank_digest and previous.bank_digest != b.digest:
        other = store().bank(previous.bank_digest)
        label += f" · {other.id} v{other.version}"
    return label


def _lines(b: Bank, record: AssessmentRecord, result: Assessment) -> ProfileLines:
    dims = [d.id for d in b.dimensions]
    previous = store().previous(record, holds_firm_of(record))
    benchmark = store().benchmark(record, MIN_PEERS)
    return ProfileLines(
        scores=result.scores(),
        targets=[record.targets.get(d) for d in dims] if record.targets else None,
        previous=(_previous_label(b, previous), [previous.scores.get(d) for d in dims])
        if previous
        else None,
        peers=([benchmark.scores.get(d) for d in dims], benchmark.firms) if benchmark else None,
    )


def _charts(b: Bank, record: AssessmentRecord, result: Assessment, lang: str) -> None:
    left, right = st.columns([3, 2])
    with left:
        lines = _lines(b, record, result)
        profile_radar(b, lines, "radar", title=t("r.radar", lang))
        if lines.peers is None:
            st.caption(t("r.peers.few", lang, min=MIN_PEERS, n=store().peer_firms(record)))
    with right:
        if not record.targets:
            st.caption(t("r.targets.help", lang))
            return
        names = [b.text(d.name, lang) for d in b.dimensions]
        draw(
            gap_bars(
                names,
                result.scores(),
                [record.targets.get(d.id) for d in b.dimensions],
                t("r.gaps", lang),
                lang,
            ),
            "gaps",
        )


#: Item, level and score first and pinned, so that a phone (about 340 px of table) shows them
#: without sideways scrolling; the long texts follow and scroll beneath them.
ITEM_COLUMNS = ("item", "level", "score", "question", "answer", "dimension")
NARROW = {"item": 110, "level": 52, "score": 56}
WIDE = {"question": 300, "answer": 360}


def _item_table(b: Bank, result: Assessment, lang: str) -> None:
    st.subheader(t("r.items", lang))
    table = item_table(b, result, lang)
    table["item"] = [item_tag(b, i, lang) for i in table["item"]]  # as numbered when asked
    # a trap answer beside the ladder is "Or", as the questionnaire named it, not a number
    table["level"] = [
        "" if i.level is None else level_tag(b.item(i.id), i.level, lang) for i in result.items
    ]
    heads = {
        "item": t("r.col.item", lang),
        "dimension": t("r.col.dimension", lang),
        "question": t("r.col.question", lang),
        "answer": t("r.col.answer", lang),
        "level": t("r.col.level", lang),
        "score": t("r.score", lang),
    }
    shown = table[list(ITEM_COLUMNS)].rename(columns=heads)
    shades = [_shade(i.score) for i in result.items]
    styles = pd.DataFrame(
        [[shade] * len(shown.columns) for shade in shades], index=shown.index, columns=shown.columns
    )
    config = {heads[c]: st.column_config.Column(width=w, pinned=True) for c, w in NARROW.items()}
    config |= {heads[c]: st.column_config.TextColumn(width=w) for c, w in WIDE.items()}
    st.dataframe(
        shown.style.apply(lambda _: styles, axis=None).format({heads["score"]: _whole}),
        hide_index=True,
        column_config=config,
        height="content",  # every row at once: no second scroll box inside the page
        placeholder="–",
        key="items",
    )


def _shade(score: float | None) -> str:
    """The row colour of an answer by its score: light red (0, "not yet" or a trap answer)
    to green (100, the top of the ladder)."""
    if score is None or math.isnan(score):
        return ""
    return f"background-color: {LEVEL_COLOURS[round(score / 25)]}; color: #222"


def _whole(value: Any) -> str:
    return "" if value is None or math.isnan(value) else f"{value:.0f}"


def _plan(b: Bank, result: Assessment, plan: DimensionPlan, lang: str) -> None:
    name = b.text(next(d for d in b.dimensions if d.id == plan.dimension_id).name, lang)
    if plan.unanswered:
        st.info(md(t("r.next.answer_first", lang, items=questions_text(b, plan.unanswered, lang))))
    if plan.score is None:
        return
    if plan.next_stage_id is None:
        st.success(md(t("r.next.top", lang, dim=name)))
        return
    stage = b.stage(plan.next_stage_id)
    title = counted(
        "r.next.to",
        lang,
        len(plan.raises),
        dim=name,
        score=plan.score,
        min=stage.min,
        stage=b.text(stage.name, lang),
    )
    with st.expander(md(title), expanded=True):
        for k, r in enumerate(plan.raises):
            mark = t("r.next.is_weakest", lang) if marks_weakest(result, plan, k) else ""
            st.markdown("- " + md(raise_text(b, r, lang) + mark))
            if r.next_step:
                st.caption(md(b.text(r.next_step, lang)))
        if not plan.reachable:
            st.caption(t("r.next.unreachable", lang))
        weakest_link_note(b, result, plan, lang)


def _next_steps(b: Bank, result: Assessment, lang: str) -> None:
    st.subheader(t("r.next", lang))
    if result.traps:
        st.warning(
            t("r.trap", lang, n=len(result.traps), items=questions_text(b, result.traps, lang)),
            icon=":material/warning:",
        )
        trap_exits(b, result, lang)
    st.caption(t("r.next.intro", lang))
    for plan in result.plans:
        _plan(b, result, plan, lang)


def _downloads(b: Bank, record: AssessmentRecord, result: Assessment, lang: str) -> None:
    st.subheader(t("r.downloads", lang))
    stem = f"huigui-{record.created_at:%Y%m%d}-{record.id[:8]}"

    def tables() -> dict[str, pd.DataFrame]:
        return export_tables(b, record, result, lang)

    cols = st.columns(5)
    report_buttons(
        cols[3],
        cols[4],
        stem,
        lambda: from_record(
            b,
            record,
            lang,
            previous=store().previous(record, holds_firm_of(record)),
            benchmark=store().benchmark(record, MIN_PEERS),
        ),
        lang,
    )
    download(
        cols[0],
        "JSON",
        lambda: export_json(record, tables()),
        f"{stem}.json",
        "application/json",
        "dl_json",
    )
    download(
        cols[1],
        "CSV (ZIP)",
        lambda: export_csv(tables()),
        f"{stem}-csv.zip",
        "application/zip",
        "dl_csv",
    )
    download(
        cols[2], "XLSX", lambda: export_xlsx(record, tables()), f"{stem}.xlsx", XLSX, "dl_xlsx"
    )


def _group(b: Bank, workshop_id: str, lang: str) -> None:
    """A participant sees the group's result only once the facilitator releases it."""
    st.subheader(t("r.group", lang))
    workshop = store().workshop(workshop_id)
    if not workshop.released:
        st.info(t("r.group.wait", lang))
        return
    snap = latest_snapshot(b, workshop, store().participants(workshop_id))
    if not snap.enough:
        st.info(t("r.group.wait_k", lang, k=workshop.min_group))
        return
    st.caption(t("g.round_shown", lang, n=snap.round, people=snap.submitted))
    profile_radar(b, ProfileLines(scores=snap.means(), group=True), "group_radar", band=snap.band())


def render() -> None:
    """Draw the results of the open assessment."""
    lang, record = language(), _required()
    if record is None:
        return
    b = bank_of(record)
    result = assess(b, {**record.answers, **record.later})  # a participant's latest round
    st.title(t("nav.results", lang))
    st.caption(md(record.profile.firm_name))
    if record.submitted_at is not None:  # a workshop participant who has just submitted
        done = st.session_state.pop("round_two_done", False)
        st.success(t("r2.thanks" if done else "r.thanks", lang), icon=":material/check_circle:")
    links_panel(record)
    _overall(b, result, lang)
    _dimension_cards(b, record, result, lang)
    open_questions(b, record, result, lang)
    if record.workshop_id is not None:
        _group(b, record.workshop_id, lang)
    _targets(b, record, lang)
    _charts(b, record, result, lang)
    _next_steps(b, result, lang)
    _item_table(b, result, lang)
    _downloads(b, record, result, lang)


render()
