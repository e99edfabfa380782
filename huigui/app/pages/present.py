"""Presenter view: the screen to project in the room. It needs no secret and shows only
what may be projected: the code (large, with a space in the middle), the QR code (at least
half the screen's height), joined and submitted counts (by role only for roles at least k
people joined, in the configured order), the facilitator's countdown, one line about
anonymity, and the group result of the latest round (labelled) only once it is released
and at least k people have submitted that round. It refreshes itself."""

from __future__ import annotations

import html
from datetime import timedelta

import plotly.graph_objects as go
import streamlit as st

from huigui.app.resources import bank_of, store
from huigui.app.session import language
from huigui.app.urls import public_url
from huigui.app.widgets import profile_radar, qr_png
from huigui.charts import ProfileLines, distribution_bars
from huigui.i18n import level_tags, question_label, role_label, t
from huigui.records import WorkshopRecord
from huigui.shown import latest_snapshot, role_counts
from huigui.store.base import now
from huigui.workshop import WorkshopSnapshot, snapshot
from scoring import NotFoundError

REFRESH_SECONDS = 3
SPOT_HEIGHT = 600  # px: most of a 1080-pixel projector screen
STATIC = {"staticPlot": True, "displaylogo": False}
#: Large type for the back of the room; the QR image is sized by the page's height.
STYLE = """<style>
[data-testid="stMarkdownContainer"] p.hg-code{font-size:9vh;font-weight:700;
  letter-spacing:.12em;line-height:1.1;margin:0}
[data-testid="stMarkdownContainer"] p.hg-big{font-size:4.2vh;line-height:1.3;margin:.3em 0}
[data-testid="stMarkdownContainer"] p.hg-mid{font-size:2.6vh;line-height:1.35;margin:.2em 0}
[data-testid="stMarkdownContainer"] p.hg-timer{font-size:8vh;font-weight:700;
  font-variant-numeric:tabular-nums;margin:0}
[data-testid="stImage"] img{height:60vh !important;width:auto !important}
[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"]{display:none}
</style>"""


def _countdown(workshop: WorkshopRecord, lang: str) -> None:
    if workshop.timer_ends_at is None:
        return
    left = int((workshop.timer_ends_at - now()).total_seconds())
    if left <= 0:
        st.markdown(f'<p class="hg-timer">{t("p.time_up", lang)}</p>', unsafe_allow_html=True)
        return
    st.caption(t("p.time_left", lang))
    st.markdown(f'<p class="hg-timer">{left // 60:02d}:{left % 60:02d}</p>', unsafe_allow_html=True)


def _counts(workshop: WorkshopRecord, lang: str) -> None:
    counts = role_counts(store().counts(workshop.id), workshop.roles, workshop.min_group)
    line = t("p.counts", lang, joined=counts.joined, submitted=counts.submitted)
    st.markdown(f'<p class="hg-big">{line}</p>', unsafe_allow_html=True)
    for role, j, s in counts.roles:
        name = html.escape(role_label(role, lang))
        line = t("p.role_counts", lang, role=name, joined=j, submitted=s)
        st.markdown(f'<p class="hg-mid">{line}</p>', unsafe_allow_html=True)


def _group(workshop: WorkshopRecord, lang: str) -> None:
    b = bank_of(workshop)
    snap = latest_snapshot(b, workshop, store().participants(workshop.id))
    if not (workshop.released and snap.enough):
        return
    st.subheader(t("p.group", lang))
    st.caption(t("g.round_shown", lang, n=snap.round, people=snap.submitted))
    profile_radar(
        b, ProfileLines(scores=snap.means(), group=True), "present_radar", band=snap.band()
    )


def _spot(workshop: WorkshopRecord, round_: int, item_id: str, lang: str) -> bool:
    """One item's answers in one round, for discussion, when k people submitted that
    round; whether anything was shown."""
    b = bank_of(workshop)
    if item_id not in b.layout.item_index:
        return False
    people = store().participants(workshop.id)
    snap = snapshot(b, workshop, people, {}, min(round_, workshop.round))
    title = f"{t('f.round.n', lang, n=snap.round)} · {question_label(b, item_id, lang, 200)}"
    st.markdown(f'<p class="hg-mid">{html.escape(title)}</p>', unsafe_allow_html=True)
    if not snap.enough:
        wait = t("f.waiting", lang, k=workshop.min_group, n=snap.submitted)
        st.markdown(f'<p class="hg-big">{html.escape(wait)}</p>', unsafe_allow_html=True)
        return True
    st.plotly_chart(spot_bars(snap, item_id, lang), key="spot", config=STATIC)
    st.caption(f"{t('w.code', lang)} {workshop.code[:3]} {workshop.code[3:]}")
    return True


def spot_bars(snap: WorkshopSnapshot, item_id: str, lang: str) -> go.Figure:
    """The item's distribution, big enough for the back of the room."""
    item = snap.bank.item(item_id)
    s, levels = snap.stats.items[item_id], len(item.levels)
    labels = [*level_tags(item, lang), t("q.na", lang), t("q.dk", lang)]
    counts = [s.distribution[key] for key in [*(str(k) for k in range(levels)), "na", "dk"]]
    fig = distribution_bars(labels, counts, height=SPOT_HEIGHT)
    fig.update_layout(font={"size": 28})
    return fig


@st.fragment(run_every=timedelta(seconds=REFRESH_SECONDS))
def _screen(code: str) -> None:
    lang = language()
    workshop = store().by_code(code)
    if not workshop.is_open:
        st.markdown(f'<p class="hg-big">{t("p.closed", lang)}</p>', unsafe_allow_html=True)
        _group(workshop, lang)
        return
    if workshop.spotlight and _spot(workshop, *workshop.spotlight, lang):
        return
    join, reachable = public_url("join", code=workshop.code)
    if not reachable:
        st.error(t("net.loopback", lang), icon=":material/wifi_off:")
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        st.image(qr_png(join))
    with right:
        _side(workshop, join, lang)
    _group(workshop, lang)


def _side(workshop: WorkshopRecord, join: str, lang: str) -> None:
    st.markdown(f'<p class="hg-big">{t("p.join", lang)}</p>', unsafe_allow_html=True)
    st.caption(t("p.code", lang))
    spaced = f"{workshop.code[:3]} {workshop.code[3:]}"
    st.markdown(f'<p class="hg-code">{spaced}</p>', unsafe_allow_html=True)
    url = f"<b>{html.escape(join.split('?', maxsplit=1)[0])}</b>"
    st.markdown(f'<p class="hg-mid">{t("p.scan", lang, url=url)}</p>', unsafe_allow_html=True)
    _countdown(workshop, lang)
    _counts(workshop, lang)
    st.markdown(
        f'<p class="hg-mid">🔒 {html.escape(t("p.anon", lang, k=workshop.min_group))}</p>',
        unsafe_allow_html=True,
    )


def render() -> None:
    """Draw the presenter view of the workshop named by ``?code=``."""
    lang = language()
    st.markdown(STYLE, unsafe_allow_html=True)
    code = st.query_params.get("code", "")
    try:
        store().by_code(code)
    except NotFoundError:
        st.info(t("p.need_code", lang))
        return
    _screen(code)


render()
