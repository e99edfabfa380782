"""The progress report: two assessments of one firm side by side (T0 → T1), HTML and PDF.

Every number is :func:`scoring.progress.compare`'s (each assessment scored on the bank
version it was answered on); this module only says them in words and draws them, with the
single-assessment report's Jinja environment, styles, fonts, SVG radar and rendering rules
(self-contained HTML under a Content-Security-Policy, PDF that never fetches anything).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any

import markupsafe
from plotly.offline import get_plotlyjs

from huigui import __version__
from huigui.charts import ProfileLines, Series, profile_series, radar, radar_svg
from huigui.i18n import language_name, question_label, questions_text, raise_text, t
from huigui.records import AssessmentRecord
from scoring import Bank, ReportError
from scoring.progress import DimensionChange, ItemChange, Progress, StepProgress, compare

from .render import _environment, _font, _hash, _plotly, _refuse_fetch, _weasyprint, check_fonts

__all__ = [
    "ProgressInput",
    "Side",
    "crossed_text",
    "from_records",
    "progress_context",
    "radar_outlines",
    "render_progress",
    "render_progress_html",
    "render_progress_pdf",
    "stages_text",
    "step_status",
    "version_notes",
]

_STYLE = re.compile(r"<style>.*?</style>", re.S)


@dataclass(frozen=True)
class Side:
    """One of the two assessments: the bank version it was answered on, when, and how."""

    bank: Bank
    date: datetime
    origin: str = "self"  # "self", or "workshop" for a workshop result saved into the firm


@dataclass(frozen=True)
class ProgressInput:
    """Everything a progress report is made from."""

    lang: str
    firm: str
    baseline: Side
    current: Side
    progress: Progress


def from_records(
    baseline: tuple[Bank, AssessmentRecord], current: tuple[Bank, AssessmentRecord], lang: str
) -> ProgressInput:
    """Two saved assessments of one firm, each with the bank version it was answered on."""

    def side(bank: Bank, record: AssessmentRecord) -> Side:
        return Side(bank, record.completed_at or record.updated_at, record.origin)

    (bank0, record0), (bank1, record1) = baseline, current
    return ProgressInput(
        lang=lang,
        firm=record1.profile.firm_name,
        baseline=side(bank0, record0),
        current=side(bank1, record1),
        progress=compare(bank0, record0.answers, bank1, record1.answers),
    )


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    """A change with its sign: ``+37.5``, ``−6.3`` (a true minus), ``0.0``."""
    if value is None:
        return "–"
    if round(value, 1) == 0:
        return "0.0"
    return f"+{value:.1f}" if value > 0 else f"−{-value:.1f}"


def _tone(value: float | None) -> str:
    """The CSS class of a change: ``up``, ``down``, or none when (about) zero."""
    if value is None or round(value, 1) == 0:
        return ""
    return "up" if value > 0 else "down"


def stages_text(inp: ProgressInput, before: str | None, after: str | None) -> str:
    """A stage at the baseline and now, by name: ``before → after``, or the one stage when
    it did not change."""
    old, new, lang = inp.baseline.bank, inp.current.bank, inp.lang
    names = [b.text(b.stage(s).name, lang) if s else "–" for b, s in ((old, before), (new, after))]
    return names[1] if names[0] == names[1] else " → ".join(names)


def crossed_text(steps: int, lang: str) -> str:
    """Stage positions moved, in words (``▲ up 1``, ``same stage``)."""
    if steps == 0:
        return t("pr.crossed.none", lang)
    return t("pr.crossed.up" if steps > 0 else "pr.crossed.down", lang, n=abs(steps))


def _side(side: Side, lang: str) -> dict[str, str]:
    bank = side.bank
    return {
        "date": f"{side.date:%Y-%m-%d}",
        "kind": t(f"h.origin.{side.origin}", lang),
        "bank": f"{bank.text(bank.title, lang)} ({bank.id} v{bank.version})",
    }


def version_notes(inp: ProgressInput) -> list[str]:
    """What the reader must know when the two bank versions differ (empty when they don't)."""
    p, lang = inp.progress, inp.lang
    if p.same_bank:
        return []
    old, new = inp.baseline.bank, inp.current.bank
    names = [f"{old.id} v{old.version}", f"{new.id} v{new.version}"]
    if names[0] == names[1]:
        names = [f"{n} ({b.digest[:8]})" for n, b in zip(names, (old, new), strict=True)]
    notes = [t("pr.versions", lang, before=names[0], after=names[1])]
    lists = [("pr.not_comparable", new, p.not_comparable), ("pr.added", new, p.added)]
    lists.append(("pr.removed", old, p.removed))
    notes += [
        t(key, lang, items=questions_text(bank, ids, lang)) for key, bank, ids in lists if ids
    ]
    return notes


def _item(bank: Bank, item: ItemChange, lang: str) -> dict[str, str]:
    return {
        "question": question_label(bank, item.item_id, lang),
        "levels": f"{item.level_before} → {item.level_after}",
        "change": _signed(item.change),
        "contribution": _signed(item.contribution),
    }


def _dimension(inp: ProgressInput, dim: DimensionChange) -> dict[str, Any]:
    bank, lang = inp.current.bank, inp.lang
    return {
        "name": bank.text(next(d for d in bank.dimensions if d.id == dim.dimension_id).name, lang),
        "before": _score(dim.before),
        "after": _score(dim.after),
        "change": _signed(dim.change),
        "tone": _tone(dim.change),
        "stages": stages_text(inp, dim.stage_before, dim.stage_after),
        "crossed": crossed_text(dim.stages_crossed, lang),
        "direction": dim.direction or "",
        "rose": [_item(bank, i, lang) for i in dim.rose],
        "fell": [_item(bank, i, lang) for i in dim.fell],
    }


def step_status(step: StepProgress, lang: str) -> str:
    """Whether a next step of the baseline was reached, in words."""
    if step.reached is None:
        return t("pr.step.unknown", lang)
    if step.reached:
        return t("pr.step.reached", lang)
    if step.level_now is None:
        return t("pr.step.unanswered", lang)
    return t("pr.step.not_yet", lang, level=step.level_now)


def _step(inp: ProgressInput, step: StepProgress) -> dict[str, Any]:
    old, lang = inp.baseline.bank, inp.lang
    dim = next(d for d in old.dimensions if d.id == step.dimension_id)
    return {
        "dimension": old.text(dim.name, lang),
        "what": raise_text(old, step.step, lang),
        "status": step_status(step, lang),
        "reached": bool(step.reached),
    }


def progress_context(inp: ProgressInput) -> dict[str, Any]:
    """Every text and number the template shows (charts are added by the renderer)."""
    p, lang = inp.progress, inp.lang

    def label(key: str, **values: Any) -> str:
        return t(key, lang, **values)

    return {
        "lang": lang,
        "t": label,
        "title": label("pr.rep.title"),
        "firm": inp.firm,
        "language": language_name(lang),
        "baseline": _side(inp.baseline, lang),
        "current": _side(inp.current, lang),
        "same_bank": p.same_bank,
        "versions": version_notes(inp),
        "overall": {
            "before": _score(p.overall_before),
            "after": _score(p.overall_after),
            "change": _signed(p.overall_change),
            "tone": _tone(p.overall_change),
            "stages": stages_text(inp, p.overall_stage_before, p.overall_stage_after),
            "crossed": crossed_text(p.overall_stages_crossed, lang),
            "direction": _tone(float(p.overall_stages_crossed)),
        },
        "dimensions": [_dimension(inp, d) for d in p.dimensions],
        "steps": [_step(inp, s) for s in p.steps],
        "reached": label("pr.steps.count", reached=len(p.reached), n=len(p.steps)),
    }


def radar_outlines(inp: ProgressInput) -> tuple[list[str], list[Series]]:
    """The radar's axes (dimensions in both, current bank order) and its two outlines."""
    p, lang, bank = inp.progress, inp.lang, inp.current.bank
    names = {d.id: bank.text(d.name, lang) for d in bank.dimensions}
    # two assessments of one day are told apart by their time
    when = "%Y-%m-%d %H:%M" if inp.baseline.date.date() == inp.current.date.date() else "%Y-%m-%d"
    lines = ProfileLines(
        scores=[d.after for d in p.dimensions],
        baseline=(f"{inp.baseline.date:{when}}", [d.before for d in p.dimensions]),
    )
    outlines = profile_series(lines, lang)
    current = t("pr.trace.current", lang, date=f"{inp.current.date:{when}}")
    # only the current outline carries value labels: two sets of numbers would overlap
    outlines = [replace(outlines[0], name=current), replace(outlines[1], labels=False)]
    return [names[d.dimension_id] for d in p.dimensions], outlines


@cache
def _base_style_source() -> str:
    """The single-assessment report's ``<style>`` element, as template source: the progress
    report looks the same (fonts, tables, cover, page numbers) without a copy of its CSS."""
    env = _environment()
    source = env.loader.get_source(env, "report.html.j2")[0] if env.loader else ""
    match = _STYLE.search(source)
    if match is None:
        raise ReportError("the report template has no <style> element")
    return match.group(0)


def _page(inp: ProgressInput, mode: str, charts: dict[str, str], **extra: str) -> str:
    context = progress_context(inp)
    env = _environment()
    font = _font(inp.lang)
    base = env.from_string(_base_style_source()).render(
        font=font, mode=mode, t=context["t"], firm=inp.firm
    )
    context.update(
        mode=mode,
        charts=charts,
        base_style=markupsafe.Markup(base),  # noqa: S704 - our own template, rendered escaped
        version=__version__,
        **extra,
    )
    html: str = env.get_template("progress.html.j2").render(**context)
    return html


def render_progress_html(inp: ProgressInput) -> str:
    """A single self-contained HTML file (interactive radar; no request to any other host)."""
    names, outlines = radar_outlines(inp)
    plotly_js = get_plotlyjs()
    hashes = [_hash(plotly_js)]
    chart = _plotly(radar(names, outlines), hashes)
    csp = (
        "default-src 'none'; img-src data:; font-src data:; "
        "style-src 'unsafe-inline'; script-src " + " ".join(hashes)
    )
    return _page(inp, "html", {"radar": chart}, plotly_js=plotly_js, csp=csp)


def render_progress_pdf(inp: ProgressInput) -> bytes:
    """An A4 PDF with page numbers, embedded fonts and a vector radar."""
    weasyprint = _weasyprint()
    check_fonts(inp.lang)
    names, outlines = radar_outlines(inp)
    html = _page(inp, "pdf", {"radar": radar_svg(names, outlines)}, plotly_js="", csp="")
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    return pdf


def render_progress(inp: ProgressInput, fmt: str) -> bytes:
    """The progress report in ``fmt`` (``pdf`` or ``html``) as bytes."""
    if fmt == "html":
        return render_progress_html(inp).encode("utf-8")
    if fmt == "pdf":
        return render_progress_pdf(inp)
    raise ReportError(f"unknown report format {fmt!r}; use pdf or html")
