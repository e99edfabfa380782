"""The k rule in a workshop's figures and exports, attacked the ways a usability test did
(UX2 finding 3): a one-person role's raw row, subtraction of the shown role groups from the
whole group, respondent labels in join order, and the round-2 shift with one person fewer.

The room: 3 executives, 3 middle managers, 3 front line and 1 IT manager, k = 3; round 2
asks two items again and one executive skips it.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from huigui.records import Participant, WorkshopRecord
from huigui.workshop import WorkshopSnapshot, snapshot
from huigui.workshop_export import snapshot_csv, snapshot_tables
from scoring import Bank
from scoring.group import OTHER_ROLES

K = 3
ROLES = ["executive"] * 3 + ["middle"] * 3 + ["front_line"] * 3 + ["it"]
START = datetime(2026, 1, 1, tzinfo=UTC)
RE_ASKED = ["A1", "B1"]


def _people(bank: Bank) -> list[Participant]:
    """Joined in the order of ROLES; answers differ from person to person; the third
    executive skips round 2."""
    out = []
    for n, role in enumerate(ROLES):
        answers = {
            i: str((n + j) % len(bank.item(i).levels)) for j, i in enumerate(bank.layout.item_ids)
        }
        skips = n == 2
        out.append(
            Participant(
                id=f"person-{n:02d}",
                role=role,
                name=None,
                joined_at=START + timedelta(minutes=n),
                submitted_at=START + timedelta(hours=1),
                answers=answers,
                later={} if skips else {i: "1" for i in RE_ASKED},
                round_submitted_at=None if skips else START + timedelta(hours=2),
            )
        )
    return out


def _workshop(bank: Bank, round_: int) -> WorkshopRecord:
    return WorkshopRecord(
        id="ws-privacy",
        code="ABCD",
        firm_name="firm",
        bank_id=bank.id,
        bank_version=bank.version,
        languages=["en"],
        roles=sorted(set(ROLES)),
        targets={},
        status="open",
        released=True,
        created_at=START,
        min_group=K,
        round=round_,
        round_items=RE_ASKED if round_ == 2 else None,
    )


def _snap(bank: Bank, round_: int) -> WorkshopSnapshot:
    return snapshot(bank, _workshop(bank, round_), _people(bank), {}, round_)


def _csv(snap: WorkshopSnapshot) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(snapshot_csv(snap))) as z:
        out: dict[str, object] = {}
        for name in z.namelist():
            text = z.read(name).decode("utf-8-sig")
            out[name] = (
                json.loads(text)
                if name.endswith(".json")
                else list(csv.DictReader(io.StringIO(text)))
            )
        return out


@pytest.mark.parametrize("round_", [1, 2])
def test_no_raw_row_singles_out_a_small_role(mini_bank: Bank, round_: int) -> None:
    """Every role label in a raw answer file names a group of at least k rows; nobody's
    role is left blank beside people whose role shows."""
    files = _csv(_snap(mini_bank, round_))
    names = ["answers.csv"] + (["answers_round_1.csv"] if round_ == 2 else [])
    for name in names:
        rows = files[name]
        assert isinstance(rows, list) and rows
        labels = [r["role"] for r in rows]
        assert "" not in labels and "it" not in labels, name
        for label in set(labels):
            assert labels.count(label) >= K, (name, label)


def test_both_rounds_use_one_grouping(mini_bank: Bank) -> None:
    """In a round-2 export a respondent carries the same role label in round 1's file as in
    round 2's, so one file cannot pick the members of "other roles" out of the other."""
    files = _csv(_snap(mini_bank, 2))
    first = {r["respondent"]: r["role"] for r in files["answers_round_1.csv"]}  # type: ignore[union-attr]
    second = {r["respondent"]: r["role"] for r in files["answers.csv"]}  # type: ignore[union-attr]
    assert len(first) == 10 and len(second) == 9
    assert all(first[p] == role for p, role in second.items())
    assert OTHER_ROLES in second.values()


@pytest.mark.parametrize("round_", [1, 2])
def test_subtraction_recovers_no_small_group(mini_bank: Bank, round_: int) -> None:
    """statistics.json: per item, the whole group's distribution minus every shown role's
    leaves nobody or at least k people (the attack that recovered the IT answers)."""
    doc = _csv(_snap(mini_bank, round_))["statistics.json"]
    assert isinstance(doc, dict)
    for item_id, whole in doc["items"].items():
        rest = {
            level: count
            - sum(
                role["items"][item_id]["distribution"].get(level, 0)
                for role in doc["by_role"].values()
            )
            for level, count in whole["distribution"].items()
        }
        left = sum(rest.values())
        assert left == 0 or left >= K, (item_id, rest)


def test_labels_do_not_follow_join_order(mini_bank: Bank) -> None:
    """Respondent labels owe nothing to join order and stay the same in every export of
    the workshop; rows come in label order."""
    one, two = _snap(mini_bank, 1), _snap(mini_bank, 2)
    people = list(one.participants)
    labels = [one.number(p) for p in people]
    assert len(set(labels)) == len(labels)
    assert labels != sorted(labels)  # join order is not label order
    assert labels != [f"P{n:03d}" for n in range(1, len(people) + 1)]
    assert [two.number(p) for p in two.participants] == labels
    answers = snapshot_tables(one)["answers"]
    assert list(answers["respondent"]) == sorted(labels)


def test_shift_compares_the_same_people_on_re_asked_items(mini_bank: Bank) -> None:
    """Round 2's shift lists only the items asked again, over the people of both rounds:
    n before = n after, so 10·mean before − 9·mean after gives nobody away."""
    snap = _snap(mini_bank, 2)
    assert sorted(snap.shift) == sorted(RE_ASKED)
    assert all(s.n_before == s.n_after == 9 for s in snap.shift.values())
    rows = _csv(snap)["shift.csv"]
    assert isinstance(rows, list)
    assert sorted(r["item"] for r in rows) == sorted(RE_ASKED)
