"""The workshop report's consensus: the same profile the dashboard draws and "save to the
client's history" saves (the agreed level where one is recorded, the median elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

from huigui.reports import build_context, render_html
from huigui.reports.inputs import from_snapshot
from huigui.reports.render import _consensus_lines
from huigui.store import Store, connect
from huigui.workshop import snapshot
from scoring import Bank

from ..support.rooms import submitted_room


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(connect(f"sqlite:///{tmp_path / 'huigui.db'}"))


def test_report_consensus_is_the_saved_profile(store: Store, mini_bank: Bank) -> None:
    """Four people answer level 0 everywhere; round 2 is answered; consensus is recorded on
    two items only. Every dimension of the report's consensus table has a figure (none
    "–"), the overall row says what the client's history would save, and the consensus
    radar line is the dashboard's outline."""
    workshop, _ = store.create_workshop(mini_bank, "Consensus Works", ["en"], ["executive"])
    people = [i for i, _ in submitted_room(store, mini_bank, workshop.code, 4, "0")]
    store.open_round(workshop.id, ["A1"])
    for person in people:
        store.submit_round(person)
    first, second = mini_bank.dimensions[0].items[0].id, mini_bank.dimensions[1].items[0].id
    store.record_consensus(workshop.id, first, "2", "agreed")
    store.record_consensus(workshop.id, second, "1", None)
    snap = snapshot(
        mini_bank,
        store.workshop(workshop.id),
        store.participants(workshop.id),
        store.consensus(workshop.id),
        2,
    )
    inp = from_snapshot(snap, "en")
    rows = build_context(inp)["workshop"]["consensus_scores"]
    expected = [f"{s:.1f}" for s in snap.profile.scores() if s is not None]
    assert len(expected) == len(mini_bank.dimensions)  # the median fills every dimension
    assert [r["consensus"] for r in rows] == [*expected, f"{snap.profile.summary().overall:.1f}"]
    assert rows[-1]["name"] == "Overall"
    # the agreed levels lift the first two dimensions above the group mean (all level 0)
    assert [float(r["consensus"]) > float(r["mean"]) for r in rows[:2]] == [True, True]
    lines = _consensus_lines(inp)
    assert lines is not None and lines.consensus == snap.profile.scores()
    html = render_html(inp)
    assert "The consensus outline uses the agreed level" in html
