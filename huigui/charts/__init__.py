"""Charts, a service every shell may use: one style, one series builder, two renderers.

* :mod:`.style` — colours, dashes, fonts, axis-label wrapping;
* :mod:`.series` — the outlines of a profile radar (:func:`profile_series`);
* :mod:`.figures` — plotly figures for the app and the HTML report;
* :mod:`.svg` — the same charts as SVG for the PDF.
"""

from __future__ import annotations

from .figures import axis_label, band_traces, distribution_bars, gap_bars, radar, trend
from .series import ProfileLines, Series, profile_series
from .style import PALETTE, ROLE_COLOURS, role_colour, wrap_label
from .svg import bars_svg, distribution_svg, radar_svg

__all__ = [
    "PALETTE",
    "ROLE_COLOURS",
    "ProfileLines",
    "Series",
    "axis_label",
    "band_traces",
    "bars_svg",
    "distribution_bars",
    "distribution_svg",
    "gap_bars",
    "profile_series",
    "radar",
    "radar_svg",
    "role_colour",
    "trend",
    "wrap_label",
]
