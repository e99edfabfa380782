"""Reports for one assessment and for a workshop: self-contained HTML and A4 PDF."""

from __future__ import annotations

from .context import ReportInput, build_context
from .render import (
    FORMATS,
    check_fonts,
    pdf_problem,
    render,
    render_html,
    render_pdf,
    require_pdf,
)

__all__ = [
    "FORMATS",
    "ReportInput",
    "build_context",
    "check_fonts",
    "pdf_problem",
    "render",
    "render_html",
    "render_pdf",
    "require_pdf",
]
