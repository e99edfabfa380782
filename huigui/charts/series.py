"""The outlines a profile radar draws, built once for the app and for print.

A radar shows one assessment (or a group mean) and, where known, the target, the previous
assessment, the industry median, one outline per role and the consensus. Both renderers
(:mod:`huigui.charts.figures` for plotly, :mod:`huigui.charts.svg` for PDF) draw the list
this module builds, so names, colours and dashes are the same on screen and on paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from huigui.i18n import role_label, t

from .style import PALETTE, role_colour

__all__ = ["ProfileLines", "Series", "profile_series"]


@dataclass(frozen=True)
class Series:
    """One outline on the radar: a name and a value (or None) per dimension."""

    name: str
    values: Sequence[float | None]
    color: str
    dash: str = "solid"
    labels: bool = True


@dataclass(frozen=True)
class ProfileLines:
    """What one profile radar can show, dimension values in bank order."""

    scores: Sequence[float | None]
    group: bool = False  # the scores are a group mean, not one respondent's
    targets: Sequence[float | None] | None = None
    previous: tuple[str, Sequence[float | None]] | None = None  # (date, scores)
    peers: tuple[Sequence[float | None], int] | None = None  # (median scores, firms)
    roles: Mapping[str, Sequence[float | None]] = field(default_factory=dict)
    consensus: Sequence[float | None] | None = None
    baseline: tuple[str, Sequence[float | None]] | None = None  # (date, scores)


def profile_series(lines: ProfileLines, lang: str) -> list[Series]:
    """The outlines in drawing order, named in ``lang``."""
    own = t("f.trace.mean" if lines.group else "r.trace.you", lang)
    out = [Series(own, lines.scores, PALETTE["you"])]
    if lines.baseline is not None:
        out.append(
            Series(
                t("p.trace.baseline", lang, date=lines.baseline[0]),
                lines.baseline[1],
                PALETTE["baseline"],
                "dot",
            )
        )
    for k, (role, values) in enumerate(lines.roles.items()):
        out.append(Series(role_label(role, lang), values, role_colour(k), "dot", labels=False))
    if lines.consensus is not None:
        out.append(
            Series(t("f.trace.consensus", lang), lines.consensus, PALETTE["consensus"], "dash")
        )
    if lines.targets is not None and any(v is not None for v in lines.targets):
        out.append(
            Series(
                t("r.trace.target", lang), lines.targets, PALETTE["target"], "dash", labels=False
            )
        )
    if lines.previous is not None:
        out.append(
            Series(
                t("r.trace.previous", lang, date=lines.previous[0]),
                lines.previous[1],
                PALETTE["previous"],
                "dot",
                labels=False,
            )
        )
    if lines.peers is not None:
        out.append(
            Series(
                t("r.trace.peers", lang, n=lines.peers[1]),
                lines.peers[0],
                PALETTE["peers"],
                "dashdot",
                labels=False,
            )
        )
    return out
