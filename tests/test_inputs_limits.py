"""Bad input, class 4: sizes and odd files end in `error: …` and exit 1, never a hang."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from huigui.cli.output import Scored, json_lines
from scoring import Bank, parse_answers, score_answers

from .conftest import DATA
from .test_cli import HUIGUI, MINI, run

BIG = 200_000  # characters: past the csv module's default field limit of 131,072


def score(path: Path | str, *more: str) -> subprocess.CompletedProcess[str]:
    return run("score", "--bank", MINI, str(path), *more)


def refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 1, result.stderr
    assert message in result.stderr, result.stderr
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f"respondent,A1\nr1,{'x' * BIG}\n",
            f"row 2, column A1: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… ({BIG:,} characters) "
            "is not an answer",
        ),
        (f"respondent,A1,{'x' * BIG}\nr1,1,2\n", "row 1, column xxxxxxxxxx"),
        (f"respondent,A1\nr1,1\nr2,{'x' * BIG},3\n", "row 3: 3 fields where the header has 2"),
        ("", "the file is empty; row 1 must be a header"),
        ("\n\n  \n", "the file is empty; row 1 must be a header"),
        ("respondent,A1\n", "no respondents: row 1 is the header and no answer row follows"),
        ("respondent,A1\n,\n , \n", "no respondents"),  # empty rows at the end are dropped
        ('respondent,A1\nr1,"a"b",1\n', "row 2: 3 fields where the header has 2"),
        (
            'respondent,A1\nr1,"never closed\n',
            "row 2, column A1: 'never closed\\n' is not an answer",
        ),
        ("\nrespondent,A1\nr1,1\n", "row 1 is empty; it must be the header"),
        ("x" * (2 << 20), "row 1 is longer than 1 MiB"),
    ],
)
def test_odd_csv_files(tmp_path: Path, text: str, message: str) -> None:
    """Huge cells (in an answer, the header, a ragged row), empty and header-only files."""
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    refused(score(path), message)


def test_a_huge_cell_where_text_is_allowed_is_fine(tmp_path: Path) -> None:
    """A 200,000-character role is a role: scored, passed through."""
    path = tmp_path / "r.csv"
    path.write_text(f"respondent,role,A1\nr1,{'x' * BIG},4\n", encoding="utf-8")
    result = score(path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > BIG


def test_many_bad_cells_are_counted_not_listed(tmp_path: Path) -> None:
    """200,000 bad cells: 20 listed for the column, the rest counted, in seconds."""
    rows = 200_000
    path = tmp_path / "r.csv"
    path.write_text("respondent,A1\n" + "".join(f"r{k},x{k}\n" for k in range(rows)))
    start = time.monotonic()
    result = score(path)
    # 20 are listed (LISTED_PER_COLUMN); data row k is file row k + 1 below the header
    refused(result, f"column A1: {rows - 20:,} more such cells, the last in row {rows + 1}")
    assert time.monotonic() - start < 60


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused_at_once(device: str) -> None:
    """A character device is never read (reading /dev/zero would never end)."""
    start = time.monotonic()
    refused(score(device), f"{device}: a device or socket, not a file")
    assert time.monotonic() - start < 30  # start-up only; reading would not end at all


def test_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder given as the responses file."""
    refused(score(tmp_path), "is a folder; give a CSV or XLSX file")


def test_a_fifo_is_read(tmp_path: Path) -> None:
    """A named pipe with a finite writer is read like the file it carries."""
    fifo = tmp_path / "answers.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as fh:
            fh.write((DATA / "responses" / "workshop_mini.csv").read_text())

    writer = threading.Thread(target=feed)
    writer.start()
    result = score(fifo)
    writer.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5  # header + r1..r4


def test_a_pipe_is_read_up_to_a_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the cap (lowered to 1,000 bytes here) a pipe is refused, not read on and on."""
    from scoring import ResponsesError, read_responses, sources

    monkeypatch.setattr(sources, "MAX_PIPE_BYTES", 1000)
    fifo = tmp_path / "endless.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as fh:
            fh.write(b"respondent,A1\n" + b"r,1\n" * 100_000)  # 400 kB: past the cap

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(ResponsesError, match="more than 1,000 bytes from a pipe"):
        read_responses(fifo)
    writer.join(timeout=30)


@pytest.mark.parametrize("name", ["/dev/stdin", "-"])
def test_standard_input_is_read(name: str) -> None:
    """`cat file | huigui score /dev/stdin` (or ``-``): a pipe, read to its end."""
    data = (DATA / "responses" / "workshop_mini.csv").read_bytes()
    result = subprocess.run(
        [HUIGUI, "score", "--bank", MINI, name],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"\n") == 5


def test_an_empty_pipe_is_an_empty_file() -> None:
    """Nothing on standard input: the empty-file message, not a hang."""
    result = subprocess.run(
        [HUIGUI, "score", "--bank", MINI, "-"],
        input=b"",
        capture_output=True,
        text=False,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert b"stdin: the file is empty" in result.stderr


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_odd_workbooks(tmp_path: Path) -> None:
    """A ZIP of something else, a truncated workbook, a binary file: each its own message."""
    other = zip_of(tmp_path / "photos.xlsx", {"a.jpg": b"\xff\xd8"})
    refused(score(other), "photos.xlsx: a ZIP archive but not an XLSX workbook")
    good = tmp_path / "good.xlsx"
    pd.DataFrame({"respondent": ["r1"], "A1": [1]}).to_excel(good, index=False)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    refused(score(truncated), "truncated.xlsx: a damaged or truncated XLSX workbook")
    binary = tmp_path / "data.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    refused(score(binary), "data.csv: a binary file, not CSV text or an XLSX workbook")
    broken = zip_of(tmp_path / "broken.xlsx", {"xl/workbook.xml": b"<not xml"})
    refused(score(broken), "broken.xlsx: not a readable XLSX workbook")


def test_a_workbook_that_unpacks_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unpacked size is checked before anything is unpacked (cap lowered to 1 kB here)."""
    from scoring import ResponsesError, read_responses, sources

    monkeypatch.setattr(sources, "MAX_XLSX_BYTES", 1000)
    bomb = zip_of(
        tmp_path / "bomb.xlsx",
        {"xl/workbook.xml": b"<a/>", "xl/worksheets/sheet1.xml": bytes(2000)},
    )
    with pytest.raises(ResponsesError, match=r"bomb\.xlsx: unpacks to more than"):
        read_responses(bomb)


ODD_TEXT = [
    "plain",
    'quote " inside',
    "back\\slash",
    "new\nline",
    "tab\there",
    "工厂 ✓",
    "=formula",
    "\x01control",
]


def reference_lines(bank: Bank, results: pd.DataFrame) -> list[str]:
    """What json.dumps writes, object by object: the oracle for the vectorised writer."""

    def number(value: object) -> object:
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, float) and np.isnan(value):
            return None
        return value

    records = results.astype(object).where(results.notna(), None).to_dict("records")
    lines = []
    for row in records:
        obj = {
            "respondent": row["respondent"],
            "role": row["role"],
            "overall": {"score": number(row["overall.score"]), "stage": row["overall.stage"]},
            "dimensions": {
                d: {
                    f: number(row[f"{d}.{f}"])
                    for f in (
                        "score",
                        "stage",
                        "gated_stage",
                        "coverage",
                        "answered",
                        "na",
                        "dk",
                        "blank",
                    )
                }
                for d in bank.layout.dim_ids
            },
        }
        lines.append(json.dumps(obj, ensure_ascii=False))
    return lines


def test_json_lines_equal_json_dumps_across_blocks(mini_bank: Bank) -> None:
    """Odd text, nulls, whole and fractional scores; blocks of 3 rows so 40 rows make 14."""
    rng = np.random.default_rng(3)
    rows = 40
    cells = rng.choice(["0", "1", "2", "na", "dk", ""], size=(rows, 7))
    frame = pd.DataFrame(cells, columns=mini_bank.layout.item_ids)
    frame.insert(0, "respondent", [ODD_TEXT[k % len(ODD_TEXT)] + str(k) for k in range(rows)])
    frame.insert(1, "role", [None if k % 3 else ODD_TEXT[k % len(ODD_TEXT)] for k in range(rows)])
    answers = parse_answers(mini_bank, frame)
    blocks = list(json_lines(Scored.of(mini_bank, answers), block_rows=3))
    assert len(blocks) == 14  # ⌈40 / 3⌉
    text = b"".join(blocks).decode("utf-8")
    assert text.splitlines() == reference_lines(mini_bank, score_answers(mini_bank, answers))


def test_json_output_is_written_in_blocks(tmp_path: Path) -> None:
    """150,000 respondents to --json: every line parses; the writer never holds them all.

    (Blocks of 65,536 lines, so three blocks here.)"""
    rows = 150_000
    path = tmp_path / "r.csv"
    path.write_text("respondent,A1,B1\n" + "".join(f"r{k},{k % 5},na\n" for k in range(rows)))
    out = tmp_path / "out.jsonl"
    result = score(path, "--json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8") as fh:
        lines = fh.readlines()
    assert len(lines) == rows
    assert json.loads(lines[-1])["respondent"] == f"r{rows - 1}"
