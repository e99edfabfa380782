"""`huigui aggregate` on a file with a `round` column: each round, and the shift between them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from .test_cli import MINI, run

# Items A1 (5 levels: σ²_EU = (5² − 1)/12 = 2) and A2 (3 levels: σ²_EU = (3² − 1)/12 = 2/3);
# the other items of the mini bank are missing (blank, with a warning).
# r3 answers round 1 only, r4 round 2 only: r1 and r2 are the pairs `changed` compares.
ROUNDS = """respondent,role,round,A1,A2
r1,boss,1,4,2
r2,boss,1,2,2
r3,line,1,3,dk
r1,boss,2,3,na
r2,boss,2,2,2
r4,boss,2,2,1
"""
ROUND_ONE = """respondent,role,A1,A2
r1,boss,4,2
r2,boss,2,2
r3,line,3,dk
"""
ROUND_TWO = """respondent,role,A1,A2
r1,boss,3,na
r2,boss,2,2
r4,boss,2,1
"""


def write(tmp_path: Path, text: str, name: str = "rounds.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def aggregate_json(path: Path, *args: str) -> dict[str, object]:
    result = run("aggregate", "--bank", MINI, str(path), "--json", *args)
    assert result.returncode == 0, result.stderr
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # A1 round 1: 4, 2, 3 → mean 3, var (1 + 1 + 0)/2 = 1, rwg 1 − 1/2 = 0.5.
        # A1 round 2: 3, 2, 2 → mean 7/3, var (4/9 + 1/9 + 1/9)/2 = 1/3, rwg 1 − (1/3)/2 = 5/6.
        # Pairs: r1 4 → 3 (changed), r2 2 → 2 (kept): 1 changed.
        (
            "A1",
            {
                "changed": 1,
                "n_before": 3,
                "n_after": 3,
                "mean_before": 3.0,
                "mean_after": 7 / 3,
                "mean_change": 7 / 3 - 3,
                "rwg_before": 0.5,
                "rwg_after": 5 / 6,
            },
        ),
        # A2 round 1: 2, 2 (r3 dk) → n 2, mean 2, var 0, rwg 1.
        # A2 round 2: 2, 1 (r1 na) → n 2, mean 1.5, var 0.5, rwg 1 − 0.5/(2/3) = 0.25.
        # Pairs: r1 2 → na (changed), r2 2 → 2 (kept): 1 changed.
        (
            "A2",
            {
                "changed": 1,
                "n_before": 2,
                "n_after": 2,
                "mean_before": 2.0,
                "mean_after": 1.5,
                "mean_change": -0.5,
                "rwg_before": 1.0,
                "rwg_after": 0.25,
            },
        ),
        # B1 is blank for everybody: nobody answered, nothing changed.
        (
            "B1",
            {
                "changed": 0,
                "n_before": 0,
                "n_after": 0,
                "mean_before": None,
                "mean_after": None,
                "mean_change": None,
                "rwg_before": None,
                "rwg_after": None,
            },
        ),
    ],
)
def test_shift_by_hand(tmp_path: Path, item: str, expected: dict[str, object]) -> None:
    """Per item: answers changed among the people of both rounds (paired by respondent id),
    and each round's n, mean (in levels) and rwg."""
    doc = aggregate_json(write(tmp_path, ROUNDS))
    assert set(doc) == {"rounds", "shift"}
    shift = doc["shift"]
    assert isinstance(shift, dict)
    assert list(shift[item]) == list(expected)  # the documented key order
    assert shift[item] == pytest.approx(expected)


@pytest.mark.parametrize("by_role", [[], ["--by", "role", "--min-group", "2"]])
def test_each_round_is_aggregated_as_a_file_of_its_own(tmp_path: Path, by_role: list[str]) -> None:
    """rounds["1"] and rounds["2"] are exactly what the file of that round's rows alone
    gives (the same JSON shape as without a round column)."""
    doc = aggregate_json(write(tmp_path, ROUNDS), *by_role)
    rounds = doc["rounds"]
    assert isinstance(rounds, dict) and list(rounds) == ["1", "2"]
    for key, text in (("1", ROUND_ONE), ("2", ROUND_TWO)):
        alone = aggregate_json(write(tmp_path, text, f"round{key}.csv"), *by_role)
        assert rounds[key] == alone
    assert rounds["1"]["respondents"] == 3 and rounds["2"]["respondents"] == 3


def test_min_group_applies_to_each_round(tmp_path: Path) -> None:
    """With k = 3: in round 1 boss (2) and line (1) reach 3 only together, so they show as
    other_roles; in round 2 the three bosses show under their own role. (Over the whole
    file boss would hold 5 rows and line 1.)"""
    doc = aggregate_json(write(tmp_path, ROUNDS), "--by", "role", "--min-group", "3")
    rounds = doc["rounds"]
    assert isinstance(rounds, dict)
    assert list(rounds["1"]["by_role"]) == ["other_roles"]
    assert rounds["1"]["small_roles"] == {
        "min_group": 3,
        "merged_into_other_roles": ["boss", "line"],
        "hidden": [],
    }
    assert list(rounds["2"]["by_role"]) == ["boss"]
    assert rounds["2"]["small_roles"]["merged_into_other_roles"] == []


def test_notes_name_the_round(tmp_path: Path) -> None:
    """What is merged or hidden is said per round on stderr."""
    path = write(tmp_path, ROUNDS)
    result = run("aggregate", "--bank", MINI, str(path), "--by", "role", "--min-group", "2")
    assert result.returncode == 0, result.stderr
    # round 1: line has 1 person (< 2), and everyone minus boss would be that one person,
    # so boss is merged with line; round 2: only boss, nothing to say
    assert "note: round 1: 2 role(s) are shown together as 'other_roles'" in result.stderr
    assert "boss, line" in result.stderr
    assert "note: round 2:" not in result.stderr


def test_text_prints_each_round_and_the_shift(tmp_path: Path) -> None:
    """Plain text: round 1's tables, round 2's, then the shift table."""
    result = run("aggregate", "--bank", MINI, str(write(tmp_path, ROUNDS)))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("Round 1\n") < out.index("Round 2\n") < out.index("Shift from round 1")
    assert "2 matched by id" in out
    shift = out[out.index("Shift from round 1") :].splitlines()
    assert shift[1].split() == [
        "item",
        "changed",
        "n_before",
        "n_after",
        "mean_before",
        "mean_after",
        "mean_change",
        "rwg_before",
        "rwg_after",
    ]
    # A1: 1 changed, n 3 → 3, mean 3 → 7/3 (change −2/3), rwg 0.5 → 5/6
    assert shift[2].split() == ["A1", "1", "3", "3", "3.00", "2.33", "-0.67", "0.50", "0.83"]


def test_without_shared_ids_changed_is_null(tmp_path: Path) -> None:
    """When no respondent id is in both rounds nothing can be paired: `changed` is null,
    and stderr says why; the rest of the shift stands."""
    text = "respondent,round,A1\na,1,4\nb,1,2\nc,2,3\nd,2,3\n"
    path = write(tmp_path, text)
    result = run("aggregate", "--bank", MINI, str(path), "--json")
    assert result.returncode == 0, result.stderr
    shift = json.loads(result.stdout)["shift"]["A1"]
    # before 4, 2: mean 3; after 3, 3: mean 3, rwg 1
    assert shift["changed"] is None
    assert (shift["mean_before"], shift["mean_after"], shift["rwg_after"]) == (3.0, 3.0, 1.0)
    assert "no respondent id appears in both rounds" in result.stderr
    assert "'changed' is null" in result.stderr


def test_one_round_only_has_no_shift(tmp_path: Path) -> None:
    """A file whose rows are all round 1 gives that round and an empty shift, with a note."""
    path = write(tmp_path, "respondent,round,A1\na,1,4\nb,1,2\n")
    result = run("aggregate", "--bank", MINI, str(path), "--json")
    doc = json.loads(result.stdout)
    assert list(doc["rounds"]) == ["1"] and doc["shift"] == {}
    assert "holds round 1 only" in result.stderr


def test_long_layout_with_rounds(tmp_path: Path) -> None:
    """A long file (respondent, item, answer, round) may answer an item once per round."""
    text = "respondent,item,answer,round\nr1,A1,4,1\nr1,A1,3,2\nr2,A1,2,1\nr2,A1,2,2\n"
    doc = aggregate_json(write(tmp_path, text))
    # before 4, 2: mean 3; after 3, 2: mean 2.5; r1 changed, r2 kept
    shift = doc["shift"]
    assert isinstance(shift, dict)
    assert shift["A1"]["changed"] == 1
    assert (shift["A1"]["mean_before"], shift["A1"]["mean_after"]) == (3.0, 2.5)


def test_xlsx_rounds_may_be_numbers(tmp_path: Path) -> None:
    """In a workbook the round is a number cell (1, 2.0) and reads like the CSV's."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["respondent", "round", "A1"], ["a", 1, 4], ["b", 1, 2], ["a", 2.0, 3]):
        sheet.append(row)
    path = tmp_path / "rounds.xlsx"
    book.save(path)
    doc = aggregate_json(path)
    assert doc["shift"]["A1"]["changed"] == 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("3", "row 3, column round: '3' is not a round (expected 1 or 2)"),
        ("0", "row 3, column round: '0' is not a round (expected 1 or 2)"),
        ("1.5", "row 3, column round: '1.5' is not a round (expected 1 or 2)"),
        ("second", "row 3, column round: 'second' is not a round (expected 1 or 2)"),
        ("", "row 3, column round: no round given (expected 1 or 2)"),
    ],
)
def test_a_bad_round_names_row_and_column(tmp_path: Path, cell: str, problem: str) -> None:
    """Anything but 1 or 2 is an error naming the row (header = row 1) and the column."""
    path = write(tmp_path, f"respondent,round,A1\na,1,4\nb,{cell},2\n")
    result = run("aggregate", "--bank", MINI, str(path))
    assert result.returncode == 1 and result.stdout == ""
    assert f"error: rounds.csv: {problem}" in result.stderr.splitlines()


def test_every_problem_names_the_files_row(tmp_path: Path) -> None:
    """Problems of both rounds come together, each by its row in the file; one id may
    answer once per round, not twice in one round."""
    text = (
        "respondent,round,A1,A2\n"
        "r1,1,4,2\n"  # row 2
        "r1,2,9,2\n"  # row 3: 9 is outside 0..4
        "r1,2,3,2\n"  # row 4: r1 twice in round 2
        "r2,1,x,2\n"  # row 5: not an answer
        "r2,7,1,1\n"  # row 6: no such round
    )
    result = run("aggregate", "--bank", MINI, str(write(tmp_path, text)))
    assert result.returncode == 1
    errors = set(result.stderr.splitlines())
    assert errors >= {
        "error: rounds.csv: row 6, column round: '7' is not a round (expected 1 or 2)",
        "error: rounds.csv: row 5, column A1: 'x' is not an answer (0..4, na, dk or blank)",
        "error: rounds.csv: row 3, column A1: 9 is outside 0..4",
        "error: rounds.csv: row 4, column respondent: duplicate respondent 'r1' (also row 3)",
    }
    assert not any("row 2," in line for line in errors)
