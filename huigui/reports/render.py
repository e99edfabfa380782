"""Render a report as a self-contained HTML file or an A4 PDF.

HTML: one file that opens offline — plotly.js inline, interactive charts, a print
stylesheet and a Content-Security-Policy that allows only the scripts Huigui wrote (by
hash) and no request to any host. PDF: WeasyPrint (selectable text, embedded subset
fonts, vector charts as SVG, page numbers); it needs Pango and, for Chinese, a CJK font
from the system — when either is missing the error says what to install.
"""

from __future__ import annotations

import base64
import glob
import hashlib
import importlib
import re
import shutil
import subprocess
from functools import cache
from typing import Any

import jinja2
import markupsafe
import plotly.io as pio
from plotly.offline import get_plotlyjs

from huigui import __version__
from huigui.charts import (
    ProfileLines,
    band_traces,
    bars_svg,
    distribution_svg,
    gap_bars,
    profile_series,
    radar,
    radar_svg,
)
from huigui.i18n import t
from huigui.workshop import WorkshopSnapshot
from scoring import ReportError

from .context import ReportInput, build_context, dimension_scores

__all__ = [
    "FORMATS",
    "check_fonts",
    "pdf_problem",
    "render",
    "render_html",
    "render_pdf",
    "require_pdf",
]

FORMATS = ("pdf", "html")
_FONTS = {
    "zh-Hans": '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", sans-serif',
    "zh-Hant": '"Noto Sans CJK TC", "Source Han Sans TC", "Noto Sans TC", sans-serif',
    "en": '"Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
}


def _font(lang: str) -> str:
    """The CSS font stack for ``lang`` (the English one for languages Huigui lacks)."""
    return _FONTS.get(lang, _FONTS["en"])


_SCRIPT = re.compile(r"<script[^>]*>(.*?)</script>", re.S)


def css_string(value: object) -> markupsafe.Markup:
    """Text for a CSS string literal: every character that could end the string, the
    declaration or the ``<style>`` element becomes a CSS escape."""
    out = []
    for ch in str(value):
        out.append(ch if ch.isalnum() or ch == " " or ord(ch) > 0x7F else f"\\{ord(ch):x} ")
    return markupsafe.Markup("".join(out))  # noqa: S704 - escaped above, character by character


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("huigui.reports", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["css_string"] = css_string
    return env


def _lines(inp: ReportInput) -> ProfileLines:
    """What the report's profile radar shows (the same builder as the app's)."""
    dims = [d.id for d in inp.bank.dimensions]
    snap = inp.snapshot
    roles = (
        {role: stats.dimension_means(inp.bank) for role, stats in snap.by_role.items()}
        if snap is not None and inp.by_role
        else {}
    )
    previous = inp.previous
    return ProfileLines(
        scores=dimension_scores(inp),
        group=snap is not None,
        targets=[inp.targets.get(d) for d in dims] if inp.targets else None,
        previous=(f"{previous.date:%Y-%m-%d}", [previous.scores.get(d) for d in dims])
        if previous is not None
        else None,
        peers=([inp.benchmark.scores.get(d) for d in dims], inp.benchmark.firms)
        if inp.benchmark is not None
        else None,
        roles=roles,
    )


def _consensus_lines(inp: ReportInput) -> ProfileLines | None:
    snap = inp.snapshot
    if snap is None or not snap.consensus:
        return None
    return ProfileLines(scores=snap.means(), group=True, consensus=snap.profile.scores())


def _band(snap: WorkshopSnapshot | None) -> tuple[list[float | None], list[float | None]] | None:
    return snap.band() if snap is not None and snap.participants else None


def _gap_rows(inp: ReportInput) -> list[tuple[str, float | None]]:
    rows = []
    for dim, score in zip(inp.bank.dimensions, dimension_scores(inp), strict=True):
        target = inp.targets.get(dim.id)
        gap = None if score is None or target is None else target - score
        rows.append((inp.bank.text(dim.name, inp.lang), gap))
    return sorted(rows, key=lambda r: -(r[1] if r[1] is not None else -1e9))


def _names(inp: ReportInput) -> list[str]:
    return [inp.bank.text(d.name, inp.lang) for d in inp.bank.dimensions]


def _svg_charts(inp: ReportInput) -> dict[str, Any]:
    names = _names(inp)
    consensus = _consensus_lines(inp)
    return {
        "radar": radar_svg(names, profile_series(_lines(inp), inp.lang), _band(inp.snapshot)),
        "gaps": bars_svg(_gap_rows(inp), lang=inp.lang) if inp.targets else "",
        "consensus": radar_svg(names, profile_series(consensus, inp.lang))
        if consensus is not None
        else "",
    }


def _plotly(figure: Any, hashes: list[str], name: str | None = None) -> str:
    """A chart's HTML; with a ``name`` its element id is fixed (``chart-<name>``), so that
    the same report renders to the same bytes."""
    html: str = pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        config={"displaylogo": False, "responsive": True},
        div_id=f"chart-{name}" if name else None,
    )
    hashes.extend(_hash(body) for body in _SCRIPT.findall(html))
    return html


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def _interactive_charts(inp: ReportInput, hashes: list[str]) -> dict[str, Any]:
    names = _names(inp)
    band = _band(inp.snapshot)
    bands = band_traces(names, band[0], band[1], t("f.trace.band", inp.lang)) if band else []
    consensus = _consensus_lines(inp)
    gaps = gap_bars(
        names,
        dimension_scores(inp),
        [inp.targets.get(d.id) for d in inp.bank.dimensions],
        lang=inp.lang,
    )
    return {
        "radar": _plotly(
            radar(names, profile_series(_lines(inp), inp.lang), bands=bands), hashes, "radar"
        ),
        "gaps": _plotly(gaps, hashes, "gaps") if inp.targets else "",
        "consensus": _plotly(radar(names, profile_series(consensus, inp.lang)), hashes, "consensus")
        if consensus is not None
        else "",
    }


def _distributions(context: dict[str, Any]) -> None:
    workshop = context["workshop"]
    if workshop:
        for row in workshop["disagreement"]:
            row["chart"] = distribution_svg(row["labels"], row["counts"])


def render_html(inp: ReportInput) -> str:
    """A single self-contained HTML file (no request to any other host)."""
    context = build_context(inp)
    hashes: list[str] = []
    plotly_js = get_plotlyjs()
    hashes.append(_hash(plotly_js))
    context.update(
        mode="html",
        charts=_interactive_charts(inp, hashes),
        font=_font(inp.lang),
        plotly_js=plotly_js,
        version=__version__,
    )
    _distributions(context)
    context["csp"] = (
        "default-src 'none'; img-src data:; font-src data:; "
        "style-src 'unsafe-inline'; script-src " + " ".join(hashes)
    )
    html: str = _environment().get_template("report.html.j2").render(**context)
    return html


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint may read inline data only: a report never fetches anything."""
    if url.startswith("data:"):
        return dict(_weasyprint().default_url_fetcher(url))
    raise ReportError(f"refused to fetch {url!r} while rendering a report")


def pdf_problem(lang: str) -> str | None:
    """Why a PDF in ``lang`` cannot be made here (what to install), or None."""
    try:
        require_pdf()
        check_fonts(lang)
    except ReportError as exc:
        return str(exc)
    return None


def require_pdf() -> Any:
    """WeasyPrint, or a ReportError saying what to install."""
    return _weasyprint()


def _weasyprint() -> Any:
    try:  # imported late: it takes a second, and fails without Pango
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as exc:
        raise ReportError(
            "PDF export needs the Pango text library, which this machine lacks "
            f"({exc.__class__.__name__}). On Debian/Ubuntu: sudo apt install libpango-1.0-0 "
            "libpangoft2-1.0-0 — or export HTML instead (--format html)."
        ) from None


def check_fonts(lang: str) -> None:
    """Chinese PDFs need a CJK font on the system; say which package when there is none."""
    if not lang.startswith("zh"):
        return
    found = False
    fc_list = shutil.which("fc-list")
    if fc_list:
        query = [fc_list, ":lang=zh", "family"]
        out = subprocess.run(query, capture_output=True, text=True, check=False).stdout  # noqa: S603
        found = bool(out.strip())
    else:
        found = bool(glob.glob("/usr/share/fonts/**/*CJK*", recursive=True))
    if not found:
        raise ReportError(
            "a Chinese PDF needs a CJK font, and none is installed. On "
            "Debian/Ubuntu: sudo apt install fonts-noto-cjk — or export HTML "
            "instead (--format html)."
        )


def render_pdf(inp: ReportInput) -> bytes:
    """An A4 PDF with page numbers, embedded fonts and vector charts."""
    weasyprint = _weasyprint()
    check_fonts(inp.lang)
    context = build_context(inp)
    context.update(
        mode="pdf",
        charts=_svg_charts(inp),
        font=_font(inp.lang),
        plotly_js="",
        csp="",
        version=__version__,
    )
    _distributions(context)
    html = _environment().get_template("report.html.j2").render(**context)
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    pdf: bytes = document.write_pdf()
    return pdf


def render(inp: ReportInput, fmt: str) -> bytes:
    """The report in ``fmt`` (``pdf`` or ``html``) as bytes."""
    if fmt == "html":
        return render_html(inp).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(inp)
    raise ReportError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
