"""Vector charts for print: the radar, gap bars and answer distributions as plain SVG.

The same conventions as the app's plotly charts (dimensions in bank order clockwise from
the top, a fixed 0–100 axis, value labels, unfilled outlines), drawn as SVG text so the PDF
keeps them sharp at any zoom and their labels selectable. Every label is XML-escaped.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from huigui.i18n import gap_text

from .series import Series
from .style import BAND_FILL, DASHES, PALETTE, wrap_label

__all__ = ["bars_svg", "distribution_svg", "radar_svg"]

FONT = "font-family:inherit"
#: Widths in em of narrow characters, for :func:`_text_width`.
_EM = {" ": 0.32, ".": 0.32, ",": 0.32, "–": 0.5, "-": 0.36, "·": 0.32}
#: The least room a gap bar chart leaves for its longest bar, in SVG units.
_MIN_BAR = 150


@dataclass(frozen=True)
class _Frame:
    """Where a radar sits: its centre, its 100 ring's radius and its number of axes."""

    cx: float
    cy: float
    radius: float
    n: int

    def point(self, k: int, value: float, radius: float | None = None) -> tuple[float, float]:
        """Axis ``k``'s point at ``value`` (clamped to 0–100)."""
        return _point(self.cx, self.cy, self.radius if radius is None else radius, k, self.n, value)


def _point(
    cx: float, cy: float, radius: float, k: int, n: int, value: float
) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * k / n
    r = radius * max(0.0, min(100.0, value)) / 100
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _coords(points: Sequence[tuple[float, float]], sep: str) -> str:
    return sep.join(f"{x:.1f},{y:.1f}" for x, y in points)


def radar_svg(
    dimensions: Sequence[str],
    outlines: Sequence[Series],
    band: tuple[Sequence[float | None], Sequence[float | None]] | None = None,
    size: int = 420,
) -> str:
    """A radar with a 0–100 axis, optional min–max band and a legend."""
    frame = _Frame(size / 2, size / 2 + 10, size * 0.38, len(dimensions))
    height = size + 40 + 16 * len(outlines)
    pad = 110  # room for the left and right axis labels
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-pad} 0 {size + 2 * pad} '
        f'{height}" width="100%" style="{FONT}" font-size="11">',
        *_rings(frame),
        *_axes(frame, dimensions),
        *_band(frame, band),
    ]
    for outline in outlines:
        parts.extend(_outline(frame, outline))
    for j, outline in enumerate(outlines):
        parts.extend(_legend_entry(size + 24 + 16 * j, outline))
    parts.append("</svg>")
    return "".join(parts)


def _rings(frame: _Frame) -> list[str]:
    """The 25, 50, 75 and 100 rings, each labelled between the first two axes."""
    parts = []
    for level in (25, 50, 75, 100):
        ring = _coords([frame.point(k, level) for k in range(frame.n)], " ")
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#ccc" stroke-width="0.7"/>')
        x, y = _point(frame.cx, frame.cy, frame.radius, 1, 2 * frame.n, level)
        parts.append(f'<text x="{x + 2:.1f}" y="{y:.1f}" fill="#999" font-size="9">{level}</text>')
    return parts


def _axes(frame: _Frame, dimensions: Sequence[str]) -> list[str]:
    """One spoke per dimension, its name wrapped and anchored away from the centre."""
    parts = []
    for k, name in enumerate(dimensions):
        x, y = frame.point(k, 100)
        parts.append(
            f'<line x1="{frame.cx}" y1="{frame.cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#ccc" '
            'stroke-width="0.7"/>'
        )
        lx, ly = frame.point(k, 100, frame.radius * 1.12)
        anchor = "middle" if abs(lx - frame.cx) < 5 else ("start" if lx > frame.cx else "end")
        lines = wrap_label(name, 15)
        top = ly - 6 * (len(lines) - 1) + (4 if ly > frame.cy else 0)
        for j, line in enumerate(lines):
            parts.append(
                f'<text x="{lx:.1f}" y="{top + 12 * j:.1f}" text-anchor="{anchor}" '
                f'fill="#333">{escape(line)}</text>'
            )
    return parts


def _band(
    frame: _Frame, band: tuple[Sequence[float | None], Sequence[float | None]] | None
) -> list[str]:
    """The min–max band as a ring between two outlines; nothing unless every value is known."""
    if band is None:
        return []
    low, high = band
    if any(v is None for v in (*low, *high)):
        return []
    outer = [frame.point(k, float(v)) for k, v in enumerate(high) if v is not None]
    inner = [frame.point(k, float(v)) for k, v in enumerate(low) if v is not None]
    path = "M" + _coords(outer, " L") + " Z M" + _coords(inner[::-1], " L") + " Z"
    return [f'<path d="{path}" fill="{BAND_FILL}" fill-rule="evenodd" stroke="none"/>']


def _outline(frame: _Frame, outline: Series) -> list[str]:
    """One series: its polygon when every value is known, a dot (and label) per known value."""
    points = [(frame.point(k, v), v) for k, v in enumerate(outline.values) if v is not None]
    parts = []
    if len(points) == frame.n:
        parts.append(
            f'<polygon points="{_coords([p for p, _ in points], " ")}" fill="none" '
            f'stroke="{outline.color}" stroke-width="2" '
            f'stroke-dasharray="{DASHES[outline.dash]}"/>'
        )
    for (x, y), v in points:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{outline.color}"/>')
        if outline.labels:
            parts.append(
                f'<text x="{x:.1f}" y="{y - 5:.1f}" text-anchor="middle" '
                f'fill="{outline.color}" font-size="10">{v:.0f}</text>'
            )
    return parts


def _legend_entry(y: int, outline: Series) -> list[str]:
    """A short line in the series' colour and dash, then its name."""
    return [
        f'<line x1="20" y1="{y - 4}" x2="44" y2="{y - 4}" stroke="{outline.color}" '
        f'stroke-width="2" stroke-dasharray="{DASHES[outline.dash]}"/>',
        f'<text x="50" y="{y}" fill="#333">{escape(outline.name)}</text>',
    ]


def _text_width(text: str, size: float) -> float:
    """A generous estimate of how wide ``text`` runs at font size ``size``: Chinese
    characters are one em, Latin letters and digits at most about 0.62 em (DejaVu Sans)."""
    return size * sum(_EM.get(ch, _char_em(ch)) for ch in text)


def _char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    return 0.72 if ch.isupper() or ch in "mwMW" else 0.62


def bars_svg(
    rows: Sequence[tuple[str, float | None]],
    width: int = 420,
    positive: str = PALETTE["you"],
    negative: str = PALETTE["target"],
    lang: str = "en",
) -> str:
    """Bars of target − score, in the order given, labelled in words ("22 below target").

    The name column and the room right of the longest bar are as wide as their longest
    text, so no label is cut off at the chart's edge; the chart widens when the texts
    leave bars less than ``_MIN_BAR`` units."""
    size = 10
    bars = [(name[:40], value, gap_text(value, lang)) for name, value in rows]
    name_w = max((_text_width(name, size) for name, _, _ in bars), default=0.0) + 10
    value_w = max((_text_width(text, size) for _, _, text in bars), default=0.0) + 8
    bar_w = max(width - name_w - value_w, _MIN_BAR)
    values = [abs(v) for _, v, _ in bars if v is not None] or [1.0]
    scale = bar_w / max(*values, 1.0)
    height = 24 * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {name_w + bar_w + value_w:.0f} '
        f'{height}" width="100%" style="{FONT}" font-size="{size}">'
    ]
    for j, (name, value, text) in enumerate(bars):
        parts.extend(_bar(8 + 24 * j, (name, text), value, name_w, scale, (positive, negative)))
    parts.append("</svg>")
    return "".join(parts)


def _bar(
    y: int,
    texts: tuple[str, str],
    value: float | None,
    left: float,
    scale: float,
    colours: tuple[str, str],
) -> list[str]:
    """One row: the name right-aligned before ``left``, the bar, and its value in words."""
    name, text = texts
    parts = [
        f'<text x="{left - 6:.1f}" y="{y + 12}" text-anchor="end" fill="#333">{escape(name)}</text>'
    ]
    if value is None:
        return [*parts, f'<text x="{left + 4:.1f}" y="{y + 12}" fill="#999">–</text>']
    w = max(abs(value) * scale, 1.0)
    return [
        *parts,
        f'<rect x="{left:.1f}" y="{y}" width="{w:.1f}" height="16" '
        f'fill="{colours[0] if value > 0 else colours[1]}"/>',
        f'<text x="{left + w + 4:.1f}" y="{y + 12}" fill="#333">{escape(text)}</text>',
    ]


def distribution_svg(labels: Sequence[str], counts: Sequence[int], width: int = 300) -> str:
    """Small vertical bars: answers per level, then not applicable and don't know."""
    height = 70
    top = max(max(counts, default=0), 1)
    step = width / max(len(counts), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" style="{FONT}" font-size="9">'
    ]
    for j, (label, count) in enumerate(zip(labels, counts, strict=True)):
        h = 44 * count / top
        x = j * step + step * 0.15
        colour = PALETTE["you"] if j < len(counts) - 2 else PALETTE["muted"]
        parts.append(
            f'<rect x="{x:.1f}" y="{52 - h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{50 - h:.1f}" text-anchor="middle" '
            f'fill="#333">{count}</text>'
        )
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="64" text-anchor="middle" '
            f'fill="#555">{escape(label[:6])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
