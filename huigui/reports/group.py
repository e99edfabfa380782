"""What a workshop report says beyond one profile: disagreement, role gaps, consensus and,
for round 2, the shift from round 1, agreement across roles and the evidence notes.

A round-1 report reads round 1 only, so it stays the same once round 2 opens. A round-2
report shows the round-2 figures (round-1 answers updated by round 2, counting the people
who submitted round 2) and, beside them, what moved. Evidence notes are shown per item
without any name, role or participant number, and only those of the people counted.
"""

from __future__ import annotations

from typing import Any

from huigui.i18n import (
    agreement_text,
    answer_label,
    level_tags,
    question_label,
    role_label,
    t,
)
from huigui.shown import role_counts
from huigui.workshop import WorkshopSnapshot, submitted_in

from .format import confidence_text, fmt

__all__ = ["group_context", "rounds_context"]


def _disagreement(snap: WorkshopSnapshot, lang: str) -> list[dict[str, Any]]:
    bank, rows = snap.bank, []
    for item_id in snap.disagreement()[:10]:
        s, item = snap.stats.items[item_id], bank.item(item_id)
        if not s.n:
            continue
        keys = [*(str(k) for k in range(len(item.levels))), "na", "dk"]
        labels = [*level_tags(item, lang), "na", "dk"]
        rows.append(
            {
                "id": item_id,
                "question": bank.text(item.prompt, lang),
                "n": s.n,
                "sd": fmt(s.sd, 2),
                "rwg": fmt(s.rwg, 2),
                "polarized": s.polarized,
                "labels": labels,
                "counts": [s.distribution[k] for k in keys],
            }
        )
    return rows


def _gaps(snap: WorkshopSnapshot, lang: str) -> list[dict[str, Any]]:
    roles = list(snap.by_role)
    return [
        {
            "name": snap.bank.text(dim.name, lang),
            "means": [fmt(g.means.get(r), 1) for r in roles],
            "gap": fmt(g.gap, 1),
        }
        for dim in snap.bank.dimensions
        for g in [snap.gaps.dimensions[dim.id]]
    ]


def _consensus(snap: WorkshopSnapshot, lang: str) -> list[dict[str, str]]:
    bank = snap.bank
    return [
        {
            "id": i,
            "question": bank.text(bank.item(i).prompt, lang),
            "answer": answer_label(bank, i, c.answer, lang),
            "note": c.note or "",
        }
        for i, c in snap.consensus.items()
    ]


def group_context(snap: WorkshopSnapshot, lang: str, by_role: bool) -> dict[str, Any]:
    """The workshop sections every group report has (and, in round 2, ``rounds``)."""
    bank, roles, table = snap.bank, list(snap.by_role), snap.counts_by_role()
    # a line per role only for roles of at least k people, as on the presenter screen
    counts = role_counts(
        {
            str(r): (int(j), int(s))
            for r, j, s in zip(table["role"], table["joined"], table["submitted"], strict=True)
        },
        snap.workshop.roles,
        snap.workshop.min_group,
    )
    return {
        "participants": len(snap.participants),
        "by_role": [
            *(
                {"role": role_label(r, lang), "joined": j, "submitted": s}
                for r, j, s in counts.roles
            ),
            {"role": t("f.total", lang), "joined": counts.joined, "submitted": counts.submitted},
        ],
        "disagreement": _disagreement(snap, lang),
        "roles": [role_label(r, lang) for r in roles],
        "gaps": _gaps(snap, lang) if len(roles) >= 2 and by_role else [],
        "consensus": _consensus(snap, lang),
        # the consensus profile the dashboard draws and "save to the client's history"
        # saves: the agreed level where one is recorded, the median answer elsewhere
        "consensus_scores": [
            *(
                {
                    "name": bank.text(d.name, lang),
                    "mean": fmt(snap.stats.dimensions[d.id].mean, 1),
                    "consensus": fmt(snap.profile.dimension(d.id).score, 1),
                }
                for d in bank.dimensions
            ),
            {
                "name": t("r.overall", lang),
                "mean": fmt(snap.overall()[0], 1),
                "consensus": fmt(snap.profile.overall, 1),
            },
        ],
        "rounds": rounds_context(snap, lang, by_role),
    }


def _shift(snap: WorkshopSnapshot, lang: str) -> list[dict[str, Any]]:
    """Per item asked again: changed answers, n, mean and agreement before → after."""
    return [
        {
            "question": question_label(snap.bank, i, lang),
            "changed": s.changed,
            "n": f"{s.n_before} → {s.n_after}",
            "mean": f"{fmt(s.mean_before, 1)} → {fmt(s.mean_after, 1)}",
            "agreement": f"{agreement_text(s.rwg_before, lang)} → "
            f"{agreement_text(s.rwg_after, lang)}",
        }
        for i, s in snap.shift.items()
        if snap.workshop.in_round(i)
    ]


def _cross_role(snap: WorkshopSnapshot, lang: str, by_role: bool) -> list[dict[str, str]]:
    """Cross-role consensus per item, when two or more role groups are shown."""
    if not by_role or len(snap.grouping.roles) < 2:
        return []
    return [
        {"question": question_label(snap.bank, i, lang), "value": fmt(value, 2)}
        for i, value in snap.cross_role.items()
        if value is not None
    ]


def _bracketed(text: str, lang: str) -> str:
    """``(text)``, with full-width brackets in Chinese; "" for no text."""
    if not text:
        return ""
    return f"（{text}）" if lang.startswith("zh") else f"({text})"


def _notes(snap: WorkshopSnapshot, lang: str) -> list[dict[str, Any]]:
    """The evidence notes of the counted participants, per item in bank order; sorted
    within an item so that their order gives away nobody's place in the group."""
    rows = []
    for item_id in snap.bank.layout.item_ids:
        notes = sorted(
            (ev.note, confidence_text(ev.confidence, lang))
            for p in snap.counted
            if (ev := p.evidence.get(item_id)) is not None and ev.note
        )
        if notes:
            rows.append(
                {
                    "question": question_label(snap.bank, item_id, lang),
                    "notes": [{"note": n, "confidence": _bracketed(c, lang)} for n, c in notes],
                }
            )
    return rows


def rounds_context(snap: WorkshopSnapshot, lang: str, by_role: bool) -> dict[str, Any] | None:
    """Round 1 → round 2 for a round-2 snapshot; None for round 1."""
    if snap.round != 2:
        return None
    return {
        "submitted": snap.submitted,
        "first": sum(1 for p in snap.participants if submitted_in(p, 1)),
        "counted": len(snap.counted),
        "k": snap.workshop.min_group,
        "shift": _shift(snap, lang),
        "cross_role": _cross_role(snap, lang, by_role),
        "notes": _notes(snap, lang),
    }
