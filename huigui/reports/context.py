"""What a report says, gathered into plain values for the template (no rendering here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from huigui.i18n import (
    answer_label,
    join_list,
    language_name,
    one_answer_text,
    questions_text,
    raise_text,
    t,
    weakest_link_text,
)
from huigui.records import Benchmark, Evidence, Previous
from huigui.workshop import WorkshopSnapshot
from scoring import Bank, Dimension, essay_index
from scoring.assess import Assessment, ItemResult
from scoring.evidence import mostly_guessed

from .format import evidence_text, fmt
from .group import group_context

__all__ = ["ReportInput", "build_context", "dimension_scores"]


@dataclass(frozen=True)
class ReportInput:
    """Everything one report is made from."""

    bank: Bank
    lang: str
    firm: str
    date: datetime
    result: Assessment  # the respondent's, or the group profile for a workshop
    respondent: str | None = None
    targets: Mapping[str, float] = field(default_factory=dict)
    previous: Previous | None = None
    benchmark: Benchmark | None = None
    snapshot: WorkshopSnapshot | None = None
    by_role: bool = True
    evidence: Mapping[str, Evidence] = field(default_factory=dict)  # per item, one respondent


def _stage(bank: Bank, stage_id: str | None, lang: str) -> dict[str, str]:
    if stage_id is None:
        return {"id": "", "name": "–", "description": ""}
    stage = bank.stage(stage_id)
    return {
        "id": stage.id,
        "name": bank.text(stage.name, lang),
        "description": bank.text(stage.description, lang),
    }


def _top_steps(inp: ReportInput) -> list[dict[str, str]]:
    bank, lang = inp.bank, inp.lang
    candidates = []
    for plan in inp.result.plans:
        for rank, r in enumerate(plan.raises):
            candidates.append((rank, -r.gain / r.effort, plan.dimension_id, r))
    candidates.sort(key=lambda c: (c[0], c[1]))
    steps = []
    for _, _, dim_id, r in candidates[:3]:
        dim = next(d for d in bank.dimensions if d.id == dim_id)
        steps.append(
            {
                "dimension": bank.text(dim.name, lang),
                "what": raise_text(bank, r, lang),
                "question": bank.text(bank.item(r.item_id).prompt, lang),
                "advice": bank.text(r.next_step, lang) if r.next_step else "",
            }
        )
    return steps


def _guessed(inp: ReportInput) -> list[str]:
    """The dimensions of one respondent that rest mostly on guesses."""
    answers = {i.id: a for i in inp.result.items if (a := i.answer) is not None}
    confidences = {i: e.confidence for i, e in inp.evidence.items()}
    return mostly_guessed(inp.bank, answers, confidences)


def _dimension_sections(inp: ReportInput) -> list[dict[str, Any]]:
    guessed = _guessed(inp) if inp.snapshot is None else []
    return [_section(inp, dim, dim.id in guessed) for dim in inp.bank.dimensions]


def _section(inp: ReportInput, dim: Dimension, guessed: bool) -> dict[str, Any]:
    """One dimension: its score and stage, the gate, its questions and its next steps."""
    bank, lang = inp.bank, inp.lang
    r = inp.result.dimension(dim.id)
    return {
        "id": dim.id,
        "name": bank.text(dim.name, lang),
        "description": bank.text(dim.description, lang),
        "score": fmt(r.score),
        "stage": _stage(bank, r.stage, lang),
        "gated": weakest_link_text(bank, inp.result, dim.id, lang, key="rep.gated") or "",
        "gated_question": _weakest_prompt(inp, dim.id),
        "no_score": t("rep.no_score", lang, coverage=_percent(r.coverage))
        if r.score is None
        else "",
        "one_answer": one_answer_text(inp.result, dim.id, lang) or "",
        "items": [_item_row(inp, res) for res in inp.result.items if res.dimension == dim.id],
        "steps": [
            {
                "what": raise_text(bank, x, lang),
                "advice": bank.text(x.next_step, lang) if x.next_step else "",
            }
            for x in inp.result.plan(dim.id).raises
        ],
        "group": _group_figures(inp.snapshot, dim.id),
        "guessed": guessed,
    }


def _weakest_prompt(inp: ReportInput, dimension_id: str) -> str:
    """The full question of the dimension's weakest link, or nothing where it has none."""
    links = inp.result.weakest_links(dimension_id)
    return inp.bank.text(inp.bank.item(links[0]).prompt, inp.lang) if links else ""


def _item_row(inp: ReportInput, res: ItemResult) -> dict[str, Any]:
    """One question's answer and score, with the group's figures in a workshop report."""
    bank, lang = inp.bank, inp.lang
    item = bank.item(res.id)
    row: dict[str, Any] = {
        "id": item.id,
        "question": bank.text(item.prompt, lang),
        "answer": answer_label(bank, item.id, res.answer, lang),
        "score": fmt(res.score),
        "evidence": evidence_text(inp.evidence.get(item.id), lang),
    }
    if inp.snapshot is not None:
        s = inp.snapshot.stats.items[item.id]
        row.update(mean=fmt(s.mean, 1), sd=fmt(s.sd, 2), rwg=fmt(s.rwg, 2), n=s.n)
    return row


def _group_figures(snapshot: WorkshopSnapshot | None, dim_id: str) -> dict[str, Any] | None:
    """A dimension's head count, mean, spread and agreement in a workshop; None otherwise."""
    if snapshot is None:
        return None
    g = snapshot.stats.dimensions[dim_id]
    return {"n": g.n, "mean": fmt(g.mean, 1), "sd": fmt(g.sd, 1), "rwg_j": fmt(g.rwg_j, 2)}


def _percent(share: float | None) -> str:
    return fmt(None if share is None else 100 * share) + " %"


def _heading(section: int, lang: str) -> str:
    """An essay section's number and heading: the essay's own in zh-Hant, simplified in
    zh-Hans, an English gloss in English (never the essay's text)."""
    return f"§{section} {t(f'rep.essay.heading.{section}', lang)}"


def _sources(bank: Bank, lang: str) -> list[dict[str, Any]]:
    index = essay_index()
    rows = []
    for dim in bank.dimensions:
        ids = sorted(
            {p for item in dim.items for p in item.source},
            key=lambda p: tuple(int(x) for x in p.lstrip("§").split(".")),
        )
        sections = sorted({index.section_of(p) for p in ids})
        rows.append(
            {
                "name": bank.text(dim.name, lang),
                "paragraphs": join_list(ids, lang),
                "headings": [_heading(s, lang) for s in sections],
            }
        )
    return rows


def _overall(inp: ReportInput) -> tuple[float | None, str | None]:
    """The respondent's overall score, or for a workshop that of the group means."""
    if inp.snapshot is None:
        return inp.result.overall, inp.result.overall_stage
    return inp.snapshot.overall()


def dimension_scores(inp: ReportInput) -> list[float | None]:
    """The scores the profile charts show: the respondent's, or the group means."""
    if inp.snapshot is not None:
        return inp.snapshot.means()
    return inp.result.scores()


def _named(bank: Bank, pick: tuple[float, Dimension] | None, lang: str) -> dict[str, str] | None:
    if pick is None:
        return None
    return {"name": bank.text(pick[1].name, lang), "score": fmt(pick[0])}


def _extremes(
    inp: ReportInput,
) -> tuple[dict[str, str] | None, dict[str, str] | None]:
    """The strongest and the weakest scored dimension, named with their scores."""
    scores = dimension_scores(inp)
    dims = inp.bank.dimensions
    scored = [(s, d) for s, d in zip(scores, dims, strict=True) if s is not None]
    strongest = max(scored, key=lambda x: x[0]) if scored else None
    weakest = min(scored, key=lambda x: x[0]) if scored else None
    return _named(inp.bank, strongest, inp.lang), _named(inp.bank, weakest, inp.lang)


def _traps_text(inp: ReportInput) -> str:
    """The warning naming the questions answered the traffic way; empty if none."""
    traps = inp.result.traps
    if not traps:
        return ""
    key = "r.trap" if inp.snapshot is None else "r.trap.group"
    return t(key, inp.lang, n=len(traps), items=questions_text(inp.bank, traps, inp.lang))


def _coverage_rows(inp: ReportInput) -> list[dict[str, Any]]:
    """Per dimension: the share answered and the counts of each kind of non-answer."""
    bank = inp.bank
    return [
        {
            "name": bank.text(d.name, inp.lang),
            "coverage": _percent(r.coverage),
            "answered": r.answered,
            "dk": r.dk,
            "na": r.na,
            "blank": r.blank,
        }
        for d, r in zip(bank.dimensions, inp.result.dimensions, strict=True)
    ]


def build_context(inp: ReportInput) -> dict[str, Any]:
    """Every text and number the template shows (charts are added by the renderer)."""
    bank, lang = inp.bank, inp.lang
    overall, overall_stage = _overall(inp)
    strongest, weakest = _extremes(inp)

    def label(key: str, **values: Any) -> str:
        return t(key, lang, **values)

    return {
        "lang": lang,
        "t": label,
        "group": inp.snapshot is not None,
        "title": label("rep.title.group" if inp.snapshot is not None else "rep.title"),
        "firm": inp.firm,
        "date": inp.date.strftime("%Y-%m-%d"),
        "bank": {"title": bank.text(bank.title, lang), "id": bank.id, "version": bank.version},
        "language": language_name(lang),
        "respondent": inp.respondent,
        "overall": fmt(overall),
        "overall_stage": _stage(bank, overall_stage, lang),
        "strongest": strongest,
        "weakest": weakest,
        "top_steps": _top_steps(inp),
        "traps": _traps_text(inp),
        "dimensions": _dimension_sections(inp),
        "coverage": _coverage_rows(inp),
        "min_coverage": f"{bank.min_coverage:.0%}",
        "sources": _sources(bank, lang),
        "workshop": group_context(inp.snapshot, lang, inp.by_role)
        if inp.snapshot is not None
        else None,
        "stages": [
            {"id": s.id, "min": f"{s.min:g}", "name": bank.text(s.name, lang)} for s in bank.stages
        ],
    }
