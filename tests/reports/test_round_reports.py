"""Reports with evidence and with a second round: what one respondent backed each answer
with, and a workshop's round 2 beside round 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from huigui.records import Profile
from huigui.reports import build_context, render, render_html
from huigui.reports.inputs import from_record, from_snapshot
from huigui.store import Store, connect
from huigui.workshop import WorkshopSnapshot, snapshot
from scoring import Bank

from .test_reports import pdf_text

pytestmark = pytest.mark.slow

HOSTILE_NOTE = "<b>OEE</b> board & ERP"
CHINESE_NOTE = "每月交付報表"


def _squeezed(text: str) -> str:
    """Text without any whitespace: PDF lines break Chinese anywhere."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(connect(f"sqlite:///{tmp_path / 'huigui.db'}"))


def _assessment(store: Store, bank: Bank, lang: str) -> object:
    """Every item at level 2. The first dimension: every answer a guess, one with a note
    in HTML-looking text; the second: one note in Chinese, marked sure."""
    record, token = store.create(bank, Profile("Evidence Works"), lang)
    for item in bank.items:
        store.save_answer(record.id, item.id, "2")
    first, second = bank.dimensions[0], bank.dimensions[1]
    for k, item in enumerate(first.items):
        store.save_evidence(record.id, item.id, HOSTILE_NOTE if k == 0 else None, "guess")
    store.save_evidence(record.id, second.items[0].id, CHINESE_NOTE, "sure")
    return store.open(token)


@pytest.mark.parametrize(
    ("lang", "evidence", "sure", "guessed"),
    [
        ("en", "Evidence:", "Confidence: Sure", "Most answers here are guesses."),
        ("zh-Hant", "依據：", "把握：確定", "此構面多數答案是估計。"),
    ],
)
def test_single_report_shows_evidence(
    store: Store,
    bundled_bank: Bank,
    tmp_path: Path,
    lang: str,
    evidence: str,
    sure: str,
    guessed: str,
) -> None:
    """Each item shows its note and confidence; a dimension resting mostly on guesses says
    so, the others do not; notes are escaped in the HTML."""
    record = _assessment(store, bundled_bank, lang)
    inp = from_record(bundled_bank, record, lang)  # type: ignore[arg-type]
    text = _squeezed(pdf_text(render(inp, "pdf"), tmp_path))
    assert _squeezed(f"{evidence} {HOSTILE_NOTE}") in text
    assert _squeezed(f"{evidence} {CHINESE_NOTE}") in text
    assert _squeezed(sure) in text
    assert text.count(_squeezed(guessed)) == 1  # the first dimension only
    html = render_html(inp)
    assert "&lt;b&gt;OEE&lt;/b&gt; board &amp; ERP" in html and "<b>OEE</b>" not in html
    sections = build_context(inp)["dimensions"]
    assert [s["guessed"] for s in sections] == [True] + [False] * (len(sections) - 1)


# Six people, three per role (k = 3). Round 1, item A1 (five levels): executives 4, 4, 3,
# front line 1, 1, 2. Round 2 asks A1 and B1 again: the front line moves A1 to 3, with a
# reason; the executives keep their answers. Every other answer is level 1.
ROLES = {"executive": [4, 4, 3], "front_line": [1, 1, 2]}
NAME = "Mei-Ling Chang"
REASON = "we looked at the line data together"
NOTE = "the OEE board, read every morning"


def _workshop(store: Store, bank: Bank) -> tuple[str, list[str]]:
    workshop, _ = store.create_workshop(bank, "Delphi Works", ["en"], list(ROLES))
    people = []
    for role, levels in ROLES.items():
        for k, level in enumerate(levels):
            record, _ = store.join(bank, workshop.code, role, "en", name=f"{NAME} {role} {k}")
            for item in bank.items:
                store.save_answer(record.id, item.id, str(level) if item.id == "A1" else "1")
            people.append(record.id)
    store.save_evidence(people[3], "A1", NOTE, "fairly")  # a front-line person
    for person in people:
        store.submit(person)
    return workshop.id, people


def _round_two(store: Store, workshop_id: str, people: list[str]) -> None:
    store.open_round(workshop_id, ["A1", "B1"])
    for person in people[3:]:
        store.save_round_answer(person, "A1", "3", REASON)
    for person in people:
        store.submit_round(person)
    store.record_consensus(workshop_id, "A1", "3", "agreed in round 2")


def _snapshot(store: Store, bank: Bank, workshop_id: str, round_: int) -> WorkshopSnapshot:
    workshop = store.workshop(workshop_id)
    people, agreed = store.participants(workshop_id), store.consensus(workshop_id)
    return snapshot(bank, workshop, people, agreed, round_)


def test_round_two_report(store: Store, mini_bank: Bank, tmp_path: Path) -> None:
    """The round-2 report shows round 2's figures, the shift of the items asked again (short
    titles, answers changed, mean and agreement before → after in words), the agreement
    across the two roles, the consensus, and the evidence notes without name, role, number
    or the round-2 reasons."""
    workshop_id, people = _workshop(store, mini_bank)
    _round_two(store, workshop_id, people)
    inp = from_snapshot(_snapshot(store, mini_bank, workshop_id, 2), "en")
    text = pdf_text(render(inp, "pdf"), tmp_path)
    flat = " ".join(text.split())
    assert "Round 1 → round 2" in flat and "Round Round 2" in flat  # the section, the cover
    assert "6 of the 6 people who submitted round 1 submitted round 2" in flat
    # A1 before: 4, 4, 3, 1, 1, 2 → mean 2.5; sd² = (4 × 2.25 + 2 × 0.25)/5 = 1.9,
    #   rwg = 1 − 1.9/2 = 0.05 (low).
    # A1 after: 4, 4, 3, 3, 3, 3 → mean 10/3 ≈ 3.3; sd² = (2 × 4/9 + 4 × 1/9)/5 = 4/15,
    #   rwg = 1 − (4/15)/2 ≈ 0.87 (high). Changed: the three front-line answers.
    # (pdftotext may squeeze the spaces of a narrow column: "6→6")
    assert re.search(
        r"Q1 “Five levels” 3 6 ?→ ?6 2\.5 → 3\.3 low \(rwg 0\.05\) → high \(rwg 0\.87\)", flat
    )
    # B1 kept by everyone: 1 → 1, rwg 1 → 1.
    assert re.search(r"Q4 “Six levels” 0 6 ?→ ?6 1\.0 → 1\.0 high \(rwg 1\.00\) → high", flat)
    shift = flat[flat.index("Round 1 → round 2") : flat.index("Agreement across roles")]
    assert "Q2 “Three levels”" not in shift  # not asked again
    # Across roles, round 2 A1: median 3, every answer within one level:
    #   (3 + 1)/(3 + 2) per role, 0.8 × 0.8 = 0.64.
    assert "Agreement across roles" in flat and "Q1 “Five levels” 0.64" in flat
    assert "agreed in round 2" in flat  # the consensus note
    assert "Evidence behind the answers" in flat and f"{NOTE} (Fairly sure)" in flat
    assert REASON not in flat and NAME not in flat
    notes = flat[flat.index("Evidence behind the answers") : flat.index("Appendix")]
    assert not re.search(r"Executive|Front line|P0\d\d", notes)
    html = render_html(inp)
    assert NAME not in html and REASON not in html


def test_round_two_notes_count_only_round_two(store: Store, mini_bank: Bank) -> None:
    """Notes of people who did not submit round 2 are left out of the round-2 report; with
    one role group shown there is no cross-role table."""
    workshop_id, people = _workshop(store, mini_bank)
    store.open_round(workshop_id, ["A1"])
    for person in people[:3]:  # the executives only
        store.submit_round(person)
    snap = _snapshot(store, mini_bank, workshop_id, 2)
    rounds = build_context(from_snapshot(snap, "en"))["workshop"]["rounds"]
    assert rounds["submitted"] == 3 and rounds["counted"] == 3
    assert rounds["notes"] == []  # the note's author did not submit round 2
    assert rounds["cross_role"] == []  # only the executives are counted
    assert rounds["shift"][0]["changed"] == 0


def test_round_one_report_is_unchanged_by_round_two(store: Store, mini_bank: Bank) -> None:
    """A round-1 report made after round 2 opened and was answered is the same file as the
    one made before."""
    workshop_id, people = _workshop(store, mini_bank)
    store.record_consensus(workshop_id, "A2", "1", "agreed in round 1")

    def round_one() -> str:
        return render_html(from_snapshot(_snapshot(store, mini_bank, workshop_id, 1), "en"))

    before = round_one()
    store.open_round(workshop_id, ["A1", "B1"])
    for person in people[3:]:
        store.save_round_answer(person, "A1", "3", REASON)
    for person in people:
        store.submit_round(person)
    assert round_one() == before
    assert "Round 1 → round 2" not in before and "Evidence behind the answers" not in before
