"""Widgets more than one page draws: safe text, charts, downloads, prompts.

Everything a user typed and every bank text goes through :func:`md`, which shows it as
literal text (no links, emphasis, LaTeX or emoji shortcodes; Streamlit already escapes HTML).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import qrcode
import streamlit as st

from huigui.charts import ProfileLines, band_traces, profile_series, radar
from huigui.i18n import t
from huigui.records import AssessmentRecord
from huigui.reports import ReportInput, pdf_problem, render
from scoring import Bank

from .session import current_assessment, go_after, language
from .urls import app_url, public_url

__all__ = [
    "download",
    "draw",
    "md",
    "minutes_for",
    "profile_radar",
    "qr_png",
    "report_buttons",
    "required_assessment",
    "sentence_list",
    "sentences",
    "show_access",
    "warm_up_results",
]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_CONFIG = {"displaylogo": False, "displayModeBar": False}


def md(text: object) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it literally."""
    escaped = _MARKDOWN.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")


#: Where a sentence ends: after . ! or ? followed by a space and a capital, a digit or an opening
#: quote or bracket (so "e.g. the" and "80 % of" stay whole), or after 。！？ unless a closing
#: quote or bracket follows.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'\"‘“(])|(?<=[。！？])(?![”’」』）)])")


def sentences(text: str) -> list[str]:
    """``text`` cut into its sentences, in any of the bank's languages."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def sentence_list(text: str) -> str:
    """``text`` as a Markdown list of its sentences, each escaped; one sentence stays a line.
    Long rules (the bank's scope) are read far more easily a sentence at a time."""
    parts = sentences(text)
    if len(parts) < 2:
        return md(text)
    return "\n".join(f"- {md(s)}" for s in parts)


def draw(figure: go.Figure, key: str) -> None:
    """A plotly chart without plotly's logo and toolbar."""
    st.plotly_chart(figure, key=key, config=CHART_CONFIG)


#: Minutes per question, read and answered: the questions and their levels alone (the bank's
#: budget of 2,500 English words, about 15 minutes for 23 or 24 questions), and with the notes
#: under each question read too (a usability test counted about as many words again in the notes,
#: and people stop to decide): a range, not one figure, given to the nearest five minutes, since
#: reading speeds differ far more than one question's worth.
MINUTES_PER_ITEM = (0.625, 1.25)


def minutes_for(b: Bank) -> tuple[int, int]:
    """About how many minutes answering ``b`` takes, without and with reading the notes, to the
    nearest five minutes (at least five)."""
    low, high = (max(5, 5 * round(len(b.items) * m / 5)) for m in MINUTES_PER_ITEM)
    return low, high


WARM_STYLE = """<style>
.st-key-warm { position: absolute; height: 0; overflow: hidden; visibility: hidden; }
</style>"""


def warm_up_results() -> None:
    """A tiny radar and table nobody sees, so that the browser has fetched and compiled the
    chart and table code (about 6 MB) before the person asks for the results page."""
    st.markdown(WARM_STYLE, unsafe_allow_html=True)
    with st.container(key="warm"):
        figure = go.Figure(go.Scatterpolar(r=[1, 1, 1], theta=["a", "b", "c"]))
        figure.update_layout(height=60, width=60, margin={"l": 0, "r": 0, "t": 0, "b": 0})
        st.plotly_chart(figure, key="warm_chart", config=CHART_CONFIG, width="content")
        st.dataframe({"-": [1]}, key="warm_table", width="content")


def profile_radar(
    bank: Bank,
    lines: ProfileLines,
    key: str,
    band: tuple[Sequence[float | None], Sequence[float | None]] | None = None,
    title: str = "",
) -> None:
    """The profile radar with its outlines (and a min–max band for a group)."""
    lang = language()
    names = [bank.text(d.name, lang) for d in bank.dimensions]
    bands = (
        band_traces(names, band[0], band[1], t("f.trace.band", lang))
        if band is not None and any(v is not None for v in band[0])
        else []
    )
    draw(radar(names, profile_series(lines, lang), title, bands=bands), key)


def download(
    slot: st.delta_generator.DeltaGenerator,
    label: str,
    data: Callable[[], bytes],
    file_name: str,
    mime: str,
    key: str,
) -> None:
    """A download button whose file is made only when clicked."""
    slot.download_button(label, data, file_name, mime, key=key, on_click="ignore")


@st.cache_data(show_spinner=False, ttl=3600)
def _pdf_problem(lang: str) -> str | None:
    return pdf_problem(lang)


def report_buttons(
    pdf_slot: st.delta_generator.DeltaGenerator,
    html_slot: st.delta_generator.DeltaGenerator,
    stem: str,
    build: Callable[[], ReportInput],
    lang: str,
) -> None:
    """PDF and HTML report downloads; rendered only when clicked. Where PDF export cannot
    work on this machine the PDF button is replaced by what to install."""
    problem = _pdf_problem(lang)
    if problem is None:
        download(
            pdf_slot,
            "PDF",
            lambda: render(build(), "pdf"),
            f"{stem}-report.pdf",
            "application/pdf",
            "dl_pdf",
        )
    else:
        pdf_slot.caption(problem)
    download(
        html_slot,
        "HTML",
        lambda: render(build(), "html"),
        f"{stem}-report.html",
        "text/html",
        "dl_html",
    )


def required_assessment() -> AssessmentRecord | None:
    """The open assessment, or None after saying how to start or reopen one."""
    record = current_assessment()
    if record is None:
        st.info(t("need.assessment", language()))
        st.button(
            t("need.go_start", language()), key="need_start", on_click=go_after, args=("profile",)
        )
    return record


#: On a phone the page menu covers the page; Streamlit leaves it open after a page is chosen.
#: This closes it after a choice on narrow screens (a script in a zero-height component frame,
#: installed once per browser tab; nothing is fetched).
_CLOSE_MENU_ON_PHONES = """<script>
const host = window.parent;
if (!host.__huiguiMenu) {
  host.__huiguiMenu = true;
  host.document.addEventListener("click", (event) => {
    const link = event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || host.innerWidth >= 640) return;
    setTimeout(() => {
      const close = host.document.querySelector(
        '[data-testid="stSidebarCollapseButton"] button, [data-testid="stSidebarHeader"] button');
      if (close) close.click();
    }, 50);
  }, true);
  // A new page or step opens at its top: Streamlit keeps the scroll position of the page
  // before, so "Next" would land at the last question's height of the previous step.
  const place = () =>
    host.location.pathname + "|" + new URLSearchParams(host.location.search).get("step");
  let seen = place();
  host.setInterval(() => {
    const now = place();
    if (now === seen) return;
    seen = now;
    const main = host.document.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTo(0, 0);
    host.scrollTo(0, 0);
  }, 100);
}
</script>"""


def phone_menu() -> None:
    """Close the page menu after a choice on a phone, and open every new page or step at its
    top (see ``_CLOSE_MENU_ON_PHONES``)."""
    with st.sidebar:
        st.iframe(_CLOSE_MENU_ON_PHONES, height=1)


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG bytes (drawn locally; nothing is fetched)."""
    image = qrcode.make(url, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def show_access(code: str, secret: str | None, workshop_id: str) -> None:
    """The participant code, join link and QR code — and the secret link when just made."""
    lang = language()
    join, reachable = public_url("join", code=code)
    if not reachable:
        st.error(t("net.loopback", lang), icon=":material/wifi_off:")
    if secret:
        st.warning(t("w.secret_link", lang), icon=":material/key:")
        st.code(app_url("facilitate", w=workshop_id, s=secret), language=None, wrap_lines=True)
    left, right = st.columns([2, 1])
    with left:
        st.markdown(f"**{t('w.code', lang)}**")
        st.markdown(f"# `{code[:3]} {code[3:]}`")
        st.markdown(f"**{t('w.join_link', lang)}**")
        st.code(join, language=None, wrap_lines=True)
    with right:
        st.image(qr_png(join), caption=t("w.qr", lang), width=240)
