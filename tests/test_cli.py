"""The `huigui` command through its installed entry point."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from scoring import Bank

from .conftest import DATA, ROOT

HUIGUI = str(Path(sys.executable).parent / "huigui")
MINI = str(DATA / "banks" / "mini.yaml")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HUIGUI, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_validate_ok_prints_one_summary_line_per_bank() -> None:
    """Exit 0 and a summary with dimensions, items and languages."""
    result = run("validate", MINI, "questions/industrial-internet.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "2 dimensions, 7 items, languages en, zh-Hans" in lines[0]
    assert "4 dimensions" in lines[1]


def test_validate_reports_every_problem_and_exits_1() -> None:
    """PATH:LINE:COLUMN lines for every problem of every file; no traceback."""
    broken = DATA / "banks" / "broken"
    result = run("validate", str(broken / "typo_key.yaml"), str(broken / "stages.yaml"), MINI)
    assert result.returncode == 1
    assert f"{broken / 'typo_key.yaml'}:14:9:" in result.stdout
    assert f"{broken / 'stages.yaml'}:8:19:" in result.stdout
    assert f"{broken / 'stages.yaml'}:10:19:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_schema_is_json_schema_naming_the_format_keys() -> None:
    """`huigui schema` prints a JSON Schema editors can use."""
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"id", "version", "languages", "stages", "dimensions"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def write(tmp_path: Path, text: str, name: str = "responses.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


RESPONSES = """respondent,role,A1,A2,A3,B1,B2,B3,B4
r1,CEO,4,1,0,4,4,4,4
r2,=HYPERLINK("x"),na,dk,NA,4,dk,na,4
"""


def test_score_csv_columns_and_values(tmp_path: Path) -> None:
    """The CSV contract: columns in order, scores to 2 decimals, empty where null."""
    result = run("score", "--bank", MINI, str(write(tmp_path, RESPONSES)))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "respondent",
        "role",
        "overall.score",
        "overall.stage",
        "A.score",
        "A.stage",
        "A.gated_stage",
        "A.coverage",
        "B.score",
        "B.stage",
        "B.gated_stage",
        "B.coverage",
    ]
    # r1: A = 75, B = 95, overall = 245/3 = 81.666… → 81.67
    assert (rows[0]["overall.score"], rows[0]["A.score"], rows[0]["B.score"]) == (
        "81.67",
        "75.00",
        "95.00",
    )
    assert rows[1]["A.score"] == "" and rows[1]["overall.stage"] == ""
    assert rows[1]["role"].startswith("'=")  # formula injection guarded


def test_score_json_lines_full_precision(tmp_path: Path) -> None:
    """--json: one object per respondent, full precision, null where empty."""
    result = run("score", "--bank", MINI, "--json", str(write(tmp_path, RESPONSES)))
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["overall"] == {"score": 245 / 3, "stage": "S3"}
    assert first["dimensions"]["A"] == {
        "score": 75.0,
        "stage": "S2",
        "gated_stage": "S2",
        "coverage": 1.0,
        "answered": 3,
        "na": 0,
        "dk": 0,
        "blank": 0,
    }
    assert second["dimensions"]["A"]["score"] is None
    assert second["dimensions"]["A"]["na"] == 2


def test_score_writes_output_atomically(tmp_path: Path) -> None:
    """-o writes the file and leaves no temporary file behind."""
    out = tmp_path / "out.csv"
    result = run("score", "--bank", MINI, str(write(tmp_path, RESPONSES)), "-o", str(out))
    assert result.returncode == 0
    assert out.read_text().startswith("respondent,") or out.read_text().startswith('"respondent"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "responses.csv"]


def test_score_bad_input_changes_nothing(tmp_path: Path) -> None:
    """Bad cells: exit 1, every problem named, the old output file untouched."""
    out = tmp_path / "out.csv"
    out.write_text("previous")
    bad = write(tmp_path, "respondent,A1,B1\nr1,5,x\n")
    result = run("score", "--bank", MINI, str(bad), "-o", str(out))
    assert result.returncode == 1
    assert "responses.csv: row 2, column A1: 5 is outside 0..4" in result.stderr
    assert "responses.csv: row 2, column B1: 'x' is not an answer" in result.stderr
    assert out.read_text() == "previous"
    assert "Traceback" not in result.stderr


def test_score_missing_column_warns(tmp_path: Path) -> None:
    """A missing item column is a warning on stderr, not an error."""
    result = run("score", "--bank", MINI, str(write(tmp_path, "respondent,A1\nr1,4\n")))
    assert result.returncode == 0
    assert "warning:" in result.stderr and "B4" in result.stderr


@pytest.mark.parametrize("args", [["score", "nope.csv"], ["score", "--bank", "nope.yaml", "x.csv"]])
def test_missing_files_are_clear_errors(args: list[str]) -> None:
    """A missing file is an error line, never a traceback."""
    result = run(*args)
    assert result.returncode == 1
    assert result.stderr.startswith("error:")
    assert "Traceback" not in result.stderr


def test_score_default_bank_is_bundled(tmp_path: Path) -> None:
    """Without --bank the bundled bank scores."""
    result = run("score", str(write(tmp_path, "respondent,D1.1\nr1,4\n")))
    assert result.returncode == 0, result.stderr
    assert "D4.score" in result.stdout.splitlines()[0]


def test_python_dash_m_works() -> None:
    """`python -m huigui` is the same command."""
    result = subprocess.run(
        [sys.executable, "-m", "huigui", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("huigui ")


def test_aggregate_json_by_role() -> None:
    """`huigui aggregate --by role --json` has items, dimensions, by_role and role_gaps
    (two people per role, shown with --min-group 2)."""
    data = DATA / "responses" / "workshop_mini.csv"
    result = run(
        "aggregate", "--bank", MINI, str(data), "--by", "role", "--json", "--min-group", "2"
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) >= {"items", "dimensions", "by_role", "role_gaps"}
    assert doc["items"]["A1"]["rwg"] == pytest.approx(5 / 6)
    assert set(doc["by_role"]) == {"boss", "line"}
    assert doc["by_role"]["boss"]["dimensions"]["A"]["rwg_j"] == pytest.approx(33 / 34)


@pytest.mark.parametrize(
    ("k", "shown", "merged", "hidden"),
    [
        ("3", {"other_roles"}, ["boss", "line"], []),  # 2 + 2 people: together they reach 3
        ("5", set(), [], ["boss", "line"]),  # 4 people: fewer than 5 even together
        ("2", {"boss", "line"}, [], []),
    ],
)
def test_aggregate_never_shows_a_role_of_fewer_than_k(
    k: str, shown: set[str], merged: list[str], hidden: list[str]
) -> None:
    """Roles of fewer than --min-group (default 3) people are merged into other_roles, or
    hidden when even together they are fewer; the note says so."""
    data = DATA / "responses" / "workshop_mini.csv"
    result = run("aggregate", "--bank", MINI, str(data), "--by", "role", "--json", "--min-group", k)
    doc = json.loads(result.stdout)
    assert set(doc["by_role"]) == shown
    assert doc["small_roles"] == {
        "min_group": int(k),
        "merged_into_other_roles": merged,
        "hidden": hidden,
    }
    assert ("shown together" in result.stderr) == bool(merged)


def test_aggregate_text_tables() -> None:
    """Without --json: readable tables."""
    data = DATA / "responses" / "workshop_mini.csv"
    result = run("aggregate", "--bank", MINI, str(data))
    assert result.returncode == 0
    assert "Dimensions" in result.stdout and "rwg_j" in result.stdout
    assert "None" not in result.stdout


def test_csv_columns_agree_with_score_answers(mini_bank: Bank) -> None:
    """`huigui score` reads the engine's arrays, not score_answers' frame: same values.

    The frame (the core's own result) is the oracle: scores to 2 decimals, coverage to 4,
    stage ids, empty where null, for a mix of levels, na, dk and blanks."""
    from huigui.cli.output import Scored, csv_table
    from scoring import parse_answers, read_responses, score_answers

    answers = parse_answers(mini_bank, read_responses(DATA / "responses" / "workshop_mini.csv"))
    frame = score_answers(mini_bank, answers)
    table = csv_table(Scored.of(mini_bank, answers)).to_pydict()
    assert table["respondent"] == list(frame["respondent"])
    for column in table:
        if column in ("respondent", "role"):
            continue
        expected = frame[column]
        if column.endswith((".score", ".coverage")):
            digits = 4 if column.endswith(".coverage") else 2
            want = [None if pd.isna(v) else f"{v:.{digits}f}" for v in expected]
        else:
            want = [None if pd.isna(v) else str(v) for v in expected.astype(object)]
        assert table[column] == want, column
