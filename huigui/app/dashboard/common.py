"""What the dashboard's tabs share: the snapshot, words for numbers, the k notices."""

from __future__ import annotations

import streamlit as st

from huigui.charts import ProfileLines, distribution_bars
from huigui.i18n import agreement_text, level_tags, t
from huigui.workshop import WorkshopSnapshot, snapshot
from scoring.group import AGREEMENT_HIGH, AGREEMENT_MODERATE, ItemStats

from ..resources import bank_of, store
from ..session import language
from ..widgets import profile_radar

__all__ = [
    "REFRESH_SECONDS",
    "agreement_text",
    "distribution",
    "fmt",
    "group_notice",
    "group_radar",
    "percent",
    "workshop_snapshot",
]

REFRESH_SECONDS = 5


@st.cache_resource(show_spinner=False)
def _snapshots() -> dict[tuple[str, int], tuple[tuple[object, ...], WorkshopSnapshot]]:
    """The latest snapshot of each workshop with the version it was computed at, shared
    by the dashboard's tabs (each refreshes on its own) and by every facilitator."""
    return {}


def workshop_snapshot(workshop_id: str, round_: int | None = None) -> WorkshopSnapshot:
    """The group picture of a round now (the caller has checked the facilitator's
    access): by default the round the facilitator is viewing, else the latest one.
    Computed again only when something in the workshop changed since the last one."""
    s, cache = store(), _snapshots()
    version = s.workshop_version(workshop_id)
    wanted = round_ or st.session_state.get("view_round") or 2
    key = (workshop_id, int(wanted))
    hit = cache.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    workshop = s.workshop(workshop_id)
    people, agreed = s.participants(workshop_id), s.consensus(workshop_id)
    snap = snapshot(bank_of(workshop), workshop, people, agreed, min(key[1], workshop.round))
    if len(cache) >= MAX_CACHED:
        cache.clear()
    cache[key] = (version, snap)
    return snap


#: Workshops whose snapshot is kept at once (a server runs a handful at a time).
MAX_CACHED = 32


def fmt(value: float | None, digits: int = 2) -> str:
    """A number for a table, or "–"."""
    return "–" if value is None else f"{value:.{digits}f}"


def percent(share: float | None) -> str:
    """A share as a whole percentage, or "–"."""
    return "–" if share is None else f"{share:.0%}"


def agreement_help(lang: str) -> str:
    """The rule behind the words, for a tooltip."""
    return t("f.agree.help", lang, high=AGREEMENT_HIGH, moderate=AGREEMENT_MODERATE)


def group_notice(snap: WorkshopSnapshot) -> bool:
    """Say when figures wait for k submissions, or which small roles are merged or hidden;
    whether group figures may be shown."""
    lang, k, grouping = language(), snap.workshop.min_group, snap.grouping
    if not snap.enough:
        st.info(t("f.waiting", lang, k=k, n=snap.submitted), icon=":material/group:")
        return False
    if grouping.merged:
        st.caption(t("f.small_groups", lang, n=len(grouping.merged), k=k))
    if grouping.hidden:
        st.caption(t("f.hidden_groups", lang, n=len(grouping.hidden), k=k))
    return True


def group_radar(snap: WorkshopSnapshot, key: str, consensus: bool = False) -> None:
    """The group mean with its min–max band, and role outlines or the labelled consensus."""
    b, targets = snap.bank, snap.workshop.targets
    lines = ProfileLines(
        scores=snap.means(),
        group=True,
        roles={} if consensus else {r: s.dimension_means(b) for r, s in snap.by_role.items()},
        # the agreed level where one is recorded, the median answer elsewhere: an outline
        # from the first agreed item on, not only once whole dimensions are agreed
        consensus=snap.profile.scores() if consensus else None,
        targets=[targets.get(d.id) for d in b.dimensions] if targets else None,
    )
    profile_radar(b, lines, key, band=snap.band())


def distribution(snap: WorkshopSnapshot, item_id: str, key: str) -> None:
    """Answers per level, then not applicable and don't know."""
    lang, s, item = language(), snap.stats.items[item_id], snap.bank.item(item_id)
    labels = [*level_tags(item, lang), t("q.na", lang)[:14], t("q.dk", lang)]
    counts = [*_levels(s, len(item.levels)), s.distribution["na"], s.distribution["dk"]]
    st.plotly_chart(
        distribution_bars(labels, counts),
        key=key,
        config={"displaylogo": False, "staticPlot": True},
    )


def _levels(s: ItemStats, n_levels: int) -> list[int]:
    return [s.distribution[str(k)] for k in range(n_levels)]
