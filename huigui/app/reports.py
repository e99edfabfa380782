"""Report download buttons shared by the results page and the facilitator dashboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from huigui.reports import ReportInput, pdf_problem, render

from .i18n import t

__all__ = ["report_buttons"]


@st.cache_data(show_spinner=False, ttl=3600)
def _pdf_problem(lang: str) -> str | None:
    return pdf_problem(lang)


def report_buttons(pdf_slot: Any, html_slot: Any, stem: str,
                   build: Callable[[], ReportInput], lang: str) -> None:
    """PDF and HTML report downloads; rendered only when clicked. Where PDF export cannot
    work on this machine the PDF button is replaced by what to install."""
    problem = _pdf_problem(lang)
    if problem is None:
        pdf_slot.download_button("PDF", lambda: render(build(), "pdf"), help=t("rep.title", lang),
                                 file_name=f"{stem}-report.pdf", mime="application/pdf",
                                 key="dl_pdf", on_click="ignore")
    else:
        pdf_slot.caption(problem)
    html_slot.download_button("HTML", lambda: render(build(), "html"), help=t("rep.title", lang),
                              file_name=f"{stem}-report.html", mime="text/html", key="dl_html",
                              on_click="ignore")
