"""Plotly figures for the app and the HTML report (same conventions as the SVG ones).

Radar: dimensions in bank order, a fixed 0–100 radial axis, value labels, unfilled
outlines. A radar alone misleads (area grows with the square, order changes the shape),
so it always comes with bars sorted by gap to target.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from huigui.i18n import gap_text

from .series import Series
from .style import BAND_FILL, FONT, PALETTE, wrap_label

__all__ = ["axis_label", "band_traces", "distribution_bars", "gap_bars", "radar", "trend"]


def _closed(values: Sequence[Any]) -> list[Any]:
    return [*values, values[0]] if values else []


def axis_label(text: str, width: int = 14) -> str:
    """A dimension name as a radar axis label: HTML-escaped, wrapped onto short lines."""
    return "<br>".join(html.escape(line, quote=False) for line in wrap_label(text, width))


def radar(
    dimensions: Sequence[str],
    series: Sequence[Series],
    title: str = "",
    bands: Sequence[go.Scatterpolar] = (),
) -> go.Figure:
    """The radar chart: one unfilled, labelled outline per series."""
    theta = _closed([axis_label(d) for d in dimensions])
    fig = go.Figure(list(bands))
    for s in series:
        values = [
            None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in s.values
        ]
        fig.add_trace(
            go.Scatterpolar(
                r=_closed(values),
                theta=theta,
                name=s.name,
                fill="none",
                mode="lines+markers+text" if s.labels else "lines+markers",
                text=_closed([f"{v:.0f}" if v is not None else "" for v in values]),
                textposition="top center",
                line={"color": s.color, "dash": s.dash, "width": 2.5},
                marker={"size": 6},
                connectgaps=False,
                hovertemplate="%{theta}: %{r:.1f}<extra>"
                + html.escape(s.name, quote=False)
                + "</extra>",
            )
        )
    fig.update_layout(
        title=title or None,
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [0, 25, 50, 75, 100],
                # between the first two axes, clear of the value labels
                "angle": 90 - 180 / max(len(dimensions), 1),
                "tickfont": {"size": 9, "color": "#999"},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
            # room for the side labels as a share of the width (fixed margins left a phone's
            # radar 140 px wide)
            "domain": {"x": [0.24, 0.76]},
        },
        showlegend=True,
        # below the bottom axis label (up to three lines), never over it
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0.5, "xanchor": "center"},
        margin={"l": 10, "r": 10, "t": 70 if title else 50, "b": 120},
        font={"family": FONT},
        height=540,
    )
    return fig


def band_traces(
    dimensions: Sequence[str], low: Sequence[float | None], high: Sequence[float | None], name: str
) -> list[go.Scatterpolar]:
    """A shaded min–max band (for a group); the only filled shape on a radar."""
    theta = _closed([axis_label(d) for d in dimensions])
    return [
        go.Scatterpolar(
            r=_closed(list(high)),
            theta=theta,
            mode="lines",
            line={"width": 0},
            fill="none",
            showlegend=False,
            hoverinfo="skip",
            name=name,
        ),
        go.Scatterpolar(
            r=_closed(list(low)),
            theta=theta,
            mode="lines",
            line={"width": 0},
            fill="tonext",
            fillcolor=BAND_FILL,
            name=name,
        ),
    ]


#: Pixels right of the plot for the label beside the longest gap bar.
GAP_LABEL_ROOM = 120


def _room_for_labels(rows: Sequence[tuple[str, float | None, object, object]]) -> list[float]:
    """The x range of the gap bars: a label beyond a bar above target needs room inside the
    plot on the left (one beyond a bar below target goes into the right margin)."""
    gaps = [r[1] for r in rows if r[1] is not None]
    low, high = min([0.0, *gaps]), max([0.0, *gaps])
    span = (high - low) or 1.0
    return [low - span if low < 0 else 0.0, high if high > 0 else 0.0 if low < 0 else 1.0]


def gap_bars(
    dimensions: Sequence[str],
    scores: Sequence[float | None],
    targets: Sequence[float | None],
    title: str = "",
    lang: str = "en",
) -> go.Figure:
    """Horizontal bars of target − score, largest gap on top, labelled in words
    ("22 below target")."""
    rows = [
        (d, (t - s) if s is not None and t is not None else None, s, t)
        for d, s, t in zip(dimensions, scores, targets, strict=True)
    ]
    rows.sort(key=lambda r: -(r[1] if r[1] is not None else -math.inf))
    fig = go.Figure(
        go.Bar(
            x=[r[1] if r[1] is not None else 0 for r in rows],
            y=[axis_label(r[0], 18) for r in rows],  # wrapped: a phone's column is narrow
            orientation="h",
            marker={
                "color": [PALETTE["you"] if (r[1] or 0) > 0 else PALETTE["target"] for r in rows]
            },
            text=[html.escape(gap_text(r[1], lang), quote=False) for r in rows],
            # beside the bar, never inside it or cut off at the plot's edge ("16 be…")
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:+.1f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=title or None,
        xaxis={"title": None, "zeroline": True, "range": _room_for_labels(rows)},
        yaxis={"autorange": "reversed"},
        height=80 + 48 * len(rows),
        # the right margin holds the label beside the longest bar ("24 below target")
        margin={"l": 10, "r": GAP_LABEL_ROOM, "t": 40 if title else 10, "b": 30},
        font={"family": FONT},
    )
    return fig


def trend(
    dates: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    title: str = "",
    marks: Sequence[tuple[int, str]] = (),
) -> go.Figure:
    """Lines of each dimension's score across assessments, fixed 0–100 axis; ``marks``
    draws a dotted line before the assessment at each index with its label (where the
    question bank changed version)."""
    fig = go.Figure(
        [
            go.Scatter(
                x=[str(d) for d in dates],
                y=list(values),
                name=name,
                mode="lines+markers+text",
                text=[f"{v:.0f}" if v is not None else "" for v in values],
                textposition="top center",
            )
            for name, values in series.items()
        ]
    )
    fig.update_layout(
        title=title or None,
        yaxis={"range": [0, 105]},
        height=380,
        xaxis={"type": "category"},
        legend={"orientation": "h", "y": -0.2},
        font={"family": FONT},
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 30},
    )
    for index, label in marks:
        fig.add_vline(x=index - 0.5, line={"dash": "dot", "color": "#888", "width": 1})
        fig.add_annotation(
            x=index - 0.5,
            y=104,
            text=html.escape(label, quote=False),
            showarrow=False,
            xanchor="left",
            font={"size": 11, "color": "#666"},
        )
    return fig


def distribution_bars(
    labels: Sequence[str], counts: Sequence[int], title: str = "", height: int = 180
) -> go.Figure:
    """Answers per level (then not applicable, don't know) as small vertical bars."""
    colours = [*["#b5473a"] * (len(labels) - 2), "#9e9e9e", "#bdbdbd"]
    fig = go.Figure(
        go.Bar(
            x=[html.escape(label, quote=False) for label in labels],
            y=list(counts),
            marker={"color": colours},
            text=list(counts),
            textposition="auto",
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_layout(
        title=title or None,
        height=height,
        font={"family": FONT},
        margin={"l": 10, "r": 10, "t": 30 if title else 5, "b": 30},
        yaxis={"visible": False},
        # level numbers are names here: on a numeric axis the two word labels would vanish
        xaxis={"type": "category"},
        bargap=0.25,
    )
    return fig
