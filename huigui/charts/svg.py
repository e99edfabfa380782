"""Vector charts for print: the radar, gap bars and answer distributions as plain SVG.

The same conventions as the app's plotly charts (dimensions in bank order clockwise from
the top, a fixed 0–100 axis, value labels, unfilled outlines), drawn as SVG text so the PDF
keeps them sharp at any zoom and their labels selectable. Every label is XML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from huigui.i18n import gap_text

from .series import Series
from .style import BAND_FILL, DASHES, PALETTE, wrap_label

__all__ = ["bars_svg", "distribution_svg", "radar_svg"]

FONT = "font-family:inherit"


def _point(
    cx: float, cy: float, radius: float, k: int, n: int, value: float
) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * k / n
    r = radius * max(0.0, min(100.0, value)) / 100
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def radar_svg(
    dimensions: Sequence[str],
    outlines: Sequence[Series],
    band: tuple[Sequence[float | None], Sequence[float | None]] | None = None,
    size: int = 420,
) -> str:
    """A radar with a 0–100 axis, optional min–max band and a legend."""
    n = len(dimensions)
    cx, cy, radius = size / 2, size / 2 + 10, size * 0.38
    height = size + 40 + 16 * len(outlines)
    pad = 110  # room for the left and right axis labels
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-pad} 0 {size + 2 * pad} '
        f'{height}" width="100%" style="{FONT}" font-size="11">'
    ]
    for level in (25, 50, 75, 100):
        ring = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(cx, cy, radius, k, n, level) for k in range(n))
        )
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#ccc" stroke-width="0.7"/>')
        x, y = _point(cx, cy, radius, 1, 2 * n, level)  # between the first two axes
        parts.append(f'<text x="{x + 2:.1f}" y="{y:.1f}" fill="#999" font-size="9">{level}</text>')
    for k, name in enumerate(dimensions):
        x, y = _point(cx, cy, radius, k, n, 100)
        parts.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#ccc" '
            'stroke-width="0.7"/>'
        )
        lx, ly = _point(cx, cy, radius * 1.12, k, n, 100)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        lines = wrap_label(name, 15)
        top = ly - 6 * (len(lines) - 1) + (4 if ly > cy else 0)
        for j, line in enumerate(lines):
            parts.append(
                f'<text x="{lx:.1f}" y="{top + 12 * j:.1f}" text-anchor="{anchor}" '
                f'fill="#333">{escape(line)}</text>'
            )
    if band is not None:
        low, high = band
        if all(v is not None for v in (*low, *high)):
            outer = [_point(cx, cy, radius, k, n, float(v)) for k, v in enumerate(high)]  # type: ignore[arg-type]
            inner = [_point(cx, cy, radius, k, n, float(v)) for k, v in enumerate(low)]  # type: ignore[arg-type]
            path = (
                "M"
                + " L".join(f"{x:.1f},{y:.1f}" for x, y in outer)
                + " Z M"
                + " L".join(f"{x:.1f},{y:.1f}" for x, y in reversed(inner))
                + " Z"
            )
            parts.append(f'<path d="{path}" fill="{BAND_FILL}" fill-rule="evenodd" stroke="none"/>')
    for outline in outlines:
        points = [
            (_point(cx, cy, radius, k, n, v), v)
            for k, v in enumerate(outline.values)
            if v is not None
        ]
        if len(points) == n:
            coords = " ".join(f"{x:.1f},{y:.1f}" for (x, y), _ in points)
            parts.append(
                f'<polygon points="{coords}" fill="none" stroke="{outline.color}" '
                f'stroke-width="2" stroke-dasharray="{DASHES[outline.dash]}"/>'
            )
        for (x, y), v in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{outline.color}"/>')
            if outline.labels:
                parts.append(
                    f'<text x="{x:.1f}" y="{y - 5:.1f}" text-anchor="middle" '
                    f'fill="{outline.color}" font-size="10">{v:.0f}</text>'
                )
    for j, outline in enumerate(outlines):
        y = size + 24 + 16 * j
        parts.append(
            f'<line x1="20" y1="{y - 4}" x2="44" y2="{y - 4}" stroke="{outline.color}" '
            f'stroke-width="2" stroke-dasharray="{DASHES[outline.dash]}"/>'
        )
        parts.append(f'<text x="50" y="{y}" fill="#333">{escape(outline.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(
    rows: Sequence[tuple[str, float | None]],
    width: int = 420,
    positive: str = PALETTE["you"],
    negative: str = PALETTE["target"],
    lang: str = "en",
) -> str:
    """Bars of target − score, in the order given, labelled in words ("22 below target")."""
    height = 24 * len(rows) + 10
    label_w = width * 0.55
    values = [abs(v) for _, v in rows if v is not None] or [1.0]
    scale = (width - label_w - 40) / max(*values, 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" style="{FONT}" font-size="10">'
    ]
    for j, (label, value) in enumerate(rows):
        y = 8 + 24 * j
        parts.append(
            f'<text x="{label_w - 6:.1f}" y="{y + 12}" text-anchor="end" fill="#333">'
            f"{escape(label[:40])}</text>"
        )
        if value is None:
            parts.append(f'<text x="{label_w + 4:.1f}" y="{y + 12}" fill="#999">–</text>')
            continue
        w = max(abs(value) * scale, 1.0)
        parts.append(
            f'<rect x="{label_w:.1f}" y="{y}" width="{w:.1f}" height="16" '
            f'fill="{positive if value > 0 else negative}"/>'
        )
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" fill="#333">'
            f"{escape(gap_text(value, lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


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
