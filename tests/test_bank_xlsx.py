"""Bank authoring in a spreadsheet: `huigui bank export` / `huigui bank import` round trips."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from huigui.bankxlsx import WorkbookError, bank_workbook, bank_yaml, read_bank_workbook
from huigui.bankxlsx.cells import escape, put, read, unescape
from huigui.bankxlsx.layout import KINDS, field_kind, text_fields, value_fields
from scoring import Bank, essay_index, load_bank
from scoring.loader import reserved_reason

from .conftest import DATA, ROOT
from .test_cli import HUIGUI, run

MINI = DATA / "banks" / "mini.yaml"
#: Texts a spreadsheet or YAML 1.1 would read as something else, or that a workbook's XML
#: cannot hold as they are.
# fmt: off
AWKWARD = [
    "=SUM(A1:A9)", '=HYPERLINK("http://x")', "+1", "-", "@here", "1.10", "007", "yes", "no",
    "null", "~", "2024-01-01", "TRUE", "1e5", ".inf", "[a, b]", "{a: 1}", "key: value",
    "# not a comment", "'quoted'", '"double"', "&anchor *alias !tag", "  padded  ",
    "line one\nline two", "windows\r\nline", "old mac\rline", "tab\there", "trailing newline\n",
    "\nleading newline", "control \x01\x1f chars", "_x000D_ looks escaped", "__x0041_ twice",
    "non-chars \ufffe\uffff", "\ufeffbyte order mark", "line\u2028separator\x85next",
    "emoji 😀 and 回歸", "x" * 3000,
]
# fmt: on


def dump(bank: Bank) -> dict[str, Any]:
    return bank.model_dump(exclude_unset=True)


def full_bank_data() -> dict[str, Any]:
    """Every field the format has, set, explicitly defaulted, null or empty, and every
    awkward text; a stage and a dimension share the id D1, and a dimension is called bank."""
    langs = ["zh-Hans", "zh-Hant", "en", "no"]
    awkward = itertools.cycle(AWKWARD)

    def odd() -> dict[str, str]:
        return {lang: next(awkward) for lang in langs}

    return {
        "id": "2024-01-01",
        "version": "1.10",
        "languages": langs,
        "title": odd(),
        "description": None,
        "scope": odd(),
        "min_coverage": 0.75,
        "stages": [
            {"id": "S1", "min": 0, "name": odd(), "description": odd()},
            {"id": "D1", "min": 50.5, "name": odd(), "description": None},
        ],
        "dimensions": [
            {
                "id": "D1",
                "weight": 2.5,
                "name": odd(),
                "description": odd(),
                "items": [
                    {
                        "id": "1.10",
                        "weight": 1.0,
                        "reverse": False,
                        "trap": True,
                        "trap_levels": [0, 1],
                        "effort": [1, 2, 3],
                        "source": ["§1.2", "§0.3"],
                        "title": odd(),
                        "prompt": odd(),
                        "levels": [odd() for _ in range(4)],
                        "evidence": odd(),
                        "ask": odd(),
                        "na_when": odd(),
                        "rationale": odd(),
                        "next_step": [odd() for _ in range(3)],
                    },
                    {
                        "id": "I2",
                        "reverse": True,
                        "trap": False,
                        "trap_levels": [],
                        "source": [],
                        "effort": [3],
                        "title": None,
                        "prompt": odd(),
                        "levels": [odd(), odd()],
                        "next_step": None,
                    },
                ],
            },
            {
                "id": "bank",
                "name": odd(),
                "items": [
                    {"id": "I3", "effort": None, "prompt": odd(), "levels": [odd(), odd()]},
                    {
                        "id": "I4",
                        "weight": 0.1,
                        "effort": 2,
                        "prompt": odd(),
                        "levels": [odd()] * 3,
                    },
                ],
            },
        ],
    }


def write_bank(folder: Path, data: dict[str, Any], name: str = "full.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def round_trip(bank: Bank, folder: Path) -> tuple[Bank, Bank]:
    """The bank read back from its workbook, and from the YAML written of that."""
    book = folder / "bank.xlsx"
    book.write_bytes(bank_workbook(bank))
    from_book = read_bank_workbook(book)
    again = folder / "again.yaml"
    again.write_text(bank_yaml(from_book, str(book)), encoding="utf-8")
    return from_book, load_bank(again)


def test_bundled_bank_round_trips(bundled_bank: Bank, tmp_path: Path) -> None:
    """The bundled bank comes back identical from the workbook and from the YAML."""
    from_book, from_yaml = round_trip(bundled_bank, tmp_path)
    assert dump(from_book) == dump(bundled_bank)
    assert dump(from_yaml) == dump(bundled_bank)


def test_full_bank_round_trips_through_the_command_line(tmp_path: Path) -> None:
    """Every field, null and empty list and every awkward text survives export → import;
    what the bank leaves out stays out."""
    source = write_bank(tmp_path, full_bank_data())
    original = load_bank(source)
    assert run("bank", "export", str(source), "-o", str(tmp_path / "b.xlsx")).returncode == 0
    done = run("bank", "import", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "b.yaml"))
    assert done.returncode == 0, done.stderr
    assert "bank 2024-01-01 1.10: 2 stages, 2 dimensions, 4 items" in done.stderr
    again = load_bank(tmp_path / "b.yaml")
    assert dump(again) == dump(original)
    assert "weight" not in dump(again)["dimensions"][1]
    assert dump(again)["description"] is None


def test_written_yaml_reads_like_the_bundled_bank(tmp_path: Path) -> None:
    """Block style, keys in the bundled order, ids and versions that look like numbers
    quoted, multi-line texts as literal blocks."""
    written = bank_yaml(load_bank(write_bank(tmp_path, full_bank_data())), "b.xlsx")
    assert written.startswith("# Question bank 2024-01-01 1.10, imported from b.xlsx")
    assert '\nid: "2024-01-01"\nversion: "1.10"\nlanguages:\n- zh-Hans\n' in written
    assert '\n  - id: "1.10"\n    weight: 1\n    reverse: false\n    trap: true\n' in written
    assert "|-\n      line one\n      line two\n" in written  # a literal block
    assert '\n    zh-Hant: "1e5"\n' in written  # a number to YAML 1.2 readers
    assert "{" not in written.split("\n", 1)[1].replace("{a: 1}", "")


LANGUAGE_TAGS = ["en", "zh-Hans", "zh-Hant", "ja", "no", "yes", "de-CH"]
TEXTS = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12),
    st.tuples(st.sampled_from(AWKWARD), st.text(max_size=5)).map("".join),
).filter(str.strip)
IDS = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,6}\Z").filter(
    lambda s: reserved_reason(s) is None
)
WEIGHTS = st.one_of(st.integers(1, 9), st.floats(1e-9, 1e9, allow_nan=False))


@st.composite
def banks(draw: st.DrawFn) -> dict[str, Any]:
    """Valid bank data in which each optional field is left out, null or set at random."""
    langs = draw(st.lists(st.sampled_from(LANGUAGE_TAGS), min_size=1, max_size=3, unique=True))

    def texts() -> dict[str, str]:
        return {lang: draw(TEXTS) for lang in langs}

    def optional(entry: dict[str, Any], key: str, value: Callable[[], object]) -> None:
        choice = draw(st.sampled_from(["omit", "null", "set"]))
        if choice != "omit":
            entry[key] = None if choice == "null" else value()

    ids = draw(st.lists(IDS, min_size=6, max_size=6, unique_by=str.casefold))
    mins = sorted(draw(st.sets(st.floats(0.5, 99.5), max_size=2)))
    stages: list[dict[str, Any]] = []
    for k, low in enumerate([0.0, *mins]):
        stages.append({"id": ids[k], "min": low, "name": texts()})  # ids shared with others
        optional(stages[-1], "description", texts)
    dims: list[dict[str, Any]] = []
    for d in range(draw(st.integers(1, 2))):
        dim: dict[str, Any] = {"id": ids[d], "name": texts(), "items": []}
        optional(dim, "description", texts)
        if draw(st.booleans()):
            dim["weight"] = draw(WEIGHTS)
        for i in range(draw(st.integers(1, 2))):
            dim["items"].append(draw(items(ids[2 + 2 * d + i], texts)))
        dims.append(dim)
    bank: dict[str, Any] = {"id": ids[0], "version": draw(TEXTS), "languages": langs}
    bank |= {"title": texts(), "stages": stages, "dimensions": dims}
    optional(bank, "description", texts)
    optional(bank, "scope", texts)
    if draw(st.booleans()):
        bank["min_coverage"] = draw(st.floats(0.01, 1.0))
    return bank


@st.composite
def items(draw: st.DrawFn, ident: str, texts: Callable[[], dict[str, str]]) -> dict[str, Any]:
    """One item with 2–4 levels and any of its optional fields."""
    count = draw(st.integers(2, 4))
    item: dict[str, Any] = {
        "id": ident,
        "prompt": texts(),
        "levels": [texts() for _ in range(count)],
    }
    extras: dict[str, Callable[[], object]] = {
        "weight": lambda: draw(WEIGHTS),
        "reverse": lambda: draw(st.booleans()),
        "trap": lambda: draw(st.booleans()),
        "trap_levels": lambda: draw(st.lists(st.integers(0, count - 1), max_size=3)),
        "source": lambda: draw(st.lists(st.sampled_from(essay_index().paragraph_ids), max_size=3)),
        "effort": lambda: draw(
            st.one_of(
                st.integers(1, 3),
                st.lists(st.integers(1, 3), min_size=count - 1, max_size=count - 1),
            )
        ),
        "next_step": lambda: [texts() for _ in range(count - 1)],
    }
    for key in ("title", "evidence", "ask", "na_when", "rationale"):
        extras[key] = texts
    for key, value in extras.items():
        choice = draw(st.sampled_from(["omit", "set", "null"]))
        if choice == "set":
            item[key] = value()
        elif choice == "null" and key in ("next_step", "effort", *text_fields("item")):
            item[key] = None
    return item


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=banks())
def test_any_bank_round_trips(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Property: workbook → bank and bank → YAML → bank give back the very bank."""
    bank = Bank.from_data(data)
    from_book, from_yaml = round_trip(bank, tmp_path_factory.mktemp("bank"))
    assert dump(from_book) == dump(bank)
    assert dump(from_yaml) == dump(bank)


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_escaping_is_undone_exactly(value: str) -> None:
    """Property: unescape(escape(t)) == t, and no control character is left to the XML."""
    escaped = escape(value)
    assert unescape(escaped) == value
    assert not any((ch < " " and ch not in "\t\n") or ch in "\ufffe\uffff" for ch in escaped)


def test_every_model_field_has_a_place() -> None:
    """Each field of the bank models is a text or a column with a known cell format, so
    a field added to the models is noticed here (it would fall back to YAML in a cell)."""
    for kind, model in KINDS.items():
        children = {"stages", "dimensions", "items"}
        placed = set(text_fields(kind)) | set(value_fields(kind)) | children
        assert set(model.model_fields) <= placed, kind
        assert all(field_kind(f) != "yaml" for f in value_fields(kind)), kind


@pytest.fixture(scope="module")
def mini_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini bank's workbook. Its items sheet has A1 in row 2, A2 in row 3 (columns:
    dimension A, id B, weight C, reverse D, trap E, trap_levels F, effort G, source H); its
    texts sheet (kind A, where B, field C, index D, en E, zh-Hans F) has the bank's title in
    row 2, the stage names in rows 3–5, dimension A's name in row 6, A1's prompt in row 7
    and A1's levels 0–4 in rows 8–12."""
    path = tmp_path_factory.mktemp("mini") / "mini.xlsx"
    path.write_bytes(bank_workbook(load_bank(MINI)))
    return path


def edited(book_path: Path, folder: Path, edit: Callable[[Workbook], object]) -> Path:
    book = load_workbook(book_path)
    edit(book)
    out = folder / "edited.xlsx"
    book.save(out)
    return out


def cell(sheet: str, coordinate: str, value: object) -> Callable[[Workbook], object]:
    return lambda book: book[sheet].__setitem__(coordinate, value)


def add_row(sheet: str, values: list[object]) -> Callable[[Workbook], object]:
    return lambda book: book[sheet].append(values)


E = "mini.xlsx: "
WHERE = "; name the item's id"
# One case a line reads best as a table: (what, edit, the problems expected in order).
# fmt: off
ERRORS = [
    ("weight not a number", cell("items", "C3", "heavy"),
     ['sheet "items", row 3, column C (weight): not a number']),
    ("weight out of range", cell("items", "C3", -1),
     ['sheet "items", row 3, column C (weight): Input should be greater than 0 (got -1)']),
    ("flag", cell("items", "D3", "maybe"),
     ['sheet "items", row 3, column D (reverse): not TRUE or FALSE']),
    ("effort", cell("items", "G2", "fast"),
     ['sheet "items", row 2, column G (effort): '
      "not a whole number, or one per step such as 1, 2, 3"]),
    ("trap level beyond the levels", cell("items", "F2", "0, 7"),  # A1 has levels 0..4
     ['sheet "items", row 2, column F (trap_levels): level 7 does not exist (levels are 0..4)']),
    ("unknown dimension", cell("items", "A2", "C"),
     ['sheet "items", row 2, column A (dimension): no dimension "C" in sheet "dimensions"; '
      "name the item's dimension"]),
    ("duplicate item id", cell("items", "B3", "A1"),  # A2's four text rows now point nowhere
     ['sheet "items", row 3, column B (id): '
      'duplicate item id \'A1\' (also sheet "items", row 2)',
      *[f'sheet "texts", row {r}, column B (where): no item "A2" in sheet "items"{WHERE}'
        for r in (13, 14, 15, 16)]]),
    ("stages not rising", cell("stages", "B4", 30),  # S3 at 30 after S2 at 40
     ['sheet "stages", row 4, column B (min): stage minimums must rise strictly (30 after 40)']),
    ("empty required value", cell("bank", "B3", None),  # row 3 is the version
     ['sheet "bank", row 3, column B (value): empty; a value is needed']),
    ("unknown bank field", cell("bank", "A5", "min_coverge"),
     ['sheet "bank", row 5, column A (field): unknown field "min_coverge"; '
      'did you mean "min_coverage"?']),
    ("missing sheet", lambda book: book.remove(book["stages"]),
     ['sheet "stages": missing; keep every sheet the export wrote']),
    ("unknown sheet", lambda book: book.create_sheet("Sheet1"),
     ['sheet "Sheet1": unknown sheet '
      "(a bank has README, bank, stages, dimensions, items, texts)"]),
    ("renamed header", cell("items", "C1", "weigth"),
     ['sheet "items", row 1: no column "weight"',
      'sheet "items", row 1, column C (weigth): unknown column (the sheet has dimension, id, '
      "weight, reverse, trap, trap_levels, effort, source)"]),
    ("value without a header", cell("items", "K5", "x"),
     ['sheet "items", row 5, column K: a value in a column without a name in row 1']),
    ("undeclared language column", cell("texts", "F1", "fr"),
     ['sheet "texts", row 1: no column for language "zh-Hans"',
      'sheet "texts", row 1, column F (fr): language "fr" is not declared in sheet "bank" '
      "(languages: en, zh-Hans)"]),
    ("text of an item that does not exist", cell("texts", "B7", "Z9"),  # row 7: A1's prompt
     ['sheet "items", row 2: no "prompt" text: add a row to sheet "texts" (item, A1, prompt)',
      f'sheet "texts", row 7, column B (where): no item "Z9" in sheet "items"{WHERE}']),
    ("duplicate text row", add_row("texts", ["item", "A1", "prompt", None, "Again", "再"]),
     ['sheet "texts", row 49, column C (field): row 7 holds this text too']),  # 48 rows before
    ("unknown text field", cell("texts", "C7", "prompts"),
     ['sheet "items", row 2: no "prompt" text: add a row to sheet "texts" (item, A1, prompt)',
      'sheet "texts", row 7, column C (field): item has no text "prompts"; '
      'did you mean "prompt"?']),
    ("unknown kind", cell("texts", "A7", "question"),
     ['sheet "items", row 2: no "prompt" text: add a row to sheet "texts" (item, A1, prompt)',
      'sheet "texts", row 7, column A (kind): unknown kind "question"; '
      "expected bank, stage, dimension, item"]),
    ("missing translation", cell("texts", "F7", None),
     ['sheet "texts", row 7, column F (zh-Hans): empty text for language \'zh-Hans\'']),
    ("empty in every language", lambda b: [b["texts"].__setitem__(c, None) for c in ("E7", "F7")],
     ['sheet "texts", row 7: empty in every language']),
    ("skipped index", cell("texts", "D10", 5),  # A1's level 2 renumbered 5: 0, 1, 3, 4, 5
     ['sheet "texts", row 11, column D (index): index 3, but no row has index 2']),
    ("index on a single text", cell("texts", "D7", 0),
     ['sheet "texts", row 7, column D (index): "prompt" is a single text: leave index empty']),
    ("formula", cell("texts", "E7", "=1+1"),
     ['sheet "texts", row 7, column E (en): a formula (=1+1); write the value itself']),
    ("number typed over a text", cell("texts", "E7", 1.1),
     ['sheet "texts", row 7, column E (en): a number (1.1), not text: '
      "format the cell as Text and type the text again"]),
    ("date typed over a text", cell("texts", "E7", dt.datetime(2024, 1, 1)),
     ['sheet "texts", row 7, column E (en): a date (2024-01-01 00:00:00), not text: '
      "format the cell as Text and type the text again"]),
]
# fmt: on


@pytest.mark.parametrize(
    ("edit", "expected"), [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS]
)
def test_every_problem_is_named_by_sheet_row_and_column(
    mini_book: Path, tmp_path: Path, edit: Callable[[Workbook], object], expected: list[str]
) -> None:
    """Each broken workbook gives exactly the expected problems, in workbook order."""
    with pytest.raises(WorkbookError) as info:
        read_bank_workbook(edited(mini_book, tmp_path, edit), "mini.xlsx")
    assert str(info.value).splitlines() == [E + line for line in expected]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    """A CSV or YAML named .xlsx is refused in one line."""
    path = tmp_path / "mini.xlsx"
    path.write_text("id: mini\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"^mini.xlsx: not an XLSX workbook \(BadZipFile\)"):
        read_bank_workbook(path, "mini.xlsx")


def test_import_with_problems_exits_1_and_writes_nothing(mini_book: Path, tmp_path: Path) -> None:
    """Every problem on stderr as `error: …`, exit 1, and no output or temporary file."""
    broken = edited(mini_book, tmp_path, cell("items", "C3", "heavy"))
    done = run("bank", "import", str(broken), "-o", str(tmp_path / "mini.yaml"))
    assert done.returncode == 1
    assert (
        done.stderr == f'error: {broken}: sheet "items", row 3, column C (weight): not a number\n'
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited.xlsx"]


def test_translator_edit_changes_only_that_text(bundled_bank: Bank, tmp_path: Path) -> None:
    """A zh-Hant cell changed in the workbook is the only change in the bank."""
    path = tmp_path / "bank.xlsx"
    path.write_bytes(bank_workbook(bundled_bank))
    book = load_workbook(path)
    texts = book["texts"]
    header = [c.value for c in texts[1]]
    row = next(
        r for r in texts.iter_rows(min_row=2) if [c.value for c in r[1:4]] == ["D2.3", "levels", 2]
    )
    row[header.index("zh-Hant")].value = "（已修訂）\n第二行"
    book.save(path)
    expected = dump(bundled_bank)
    item = expected["dimensions"][1]["items"][2]  # D2.3: the third item of the second dimension
    assert item["id"] == "D2.3"
    item["levels"][2]["zh-Hant"] = "（已修訂）\n第二行"
    assert dump(read_bank_workbook(path)) == expected


def test_texts_are_typed_strings_never_formulas(tmp_path: Path) -> None:
    """A text starting with = is a string cell formatted as Text; the workbook holds no
    formula at all."""
    path = tmp_path / "full.xlsx"
    path.write_bytes(bank_workbook(load_bank(write_bank(tmp_path, full_bank_data()))))
    texts = load_workbook(path)["texts"]
    formula_like = [c for row in texts.iter_rows() for c in row if c.value == "=SUM(A1:A9)"]
    assert formula_like and all(c.data_type == "s" and c.number_format == "@" for c in formula_like)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)


def test_workbook_layout_for_people(mini_book: Path) -> None:
    """README first; every sheet's header row frozen; texts keep their ids in view and
    wrap; a column per language in the bank's order."""
    book = load_workbook(mini_book)
    assert book.sheetnames == ["README", "bank", "stages", "dimensions", "items", "texts"]
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames[1:5])
    texts: Worksheet = book["texts"]
    assert texts.freeze_panes == "E2"
    assert [c.value for c in texts[1]] == ["kind", "where", "field", "index", "en", "zh-Hans"]
    assert texts["E7"].alignment.wrap_text and texts.column_dimensions["E"].width == 60


def test_yaml_to_standard_output(mini_book: Path) -> None:
    """`-o -` prints the bank YAML, which loads as the mini bank."""
    done = run("bank", "import", str(mini_book), "-o", "-")
    assert done.returncode == 0 and done.stderr == ""
    assert Bank.from_data(yaml.safe_load(done.stdout)) == load_bank(MINI)


@pytest.mark.parametrize("command", ["export", "import"])
def test_refuses_to_overwrite_its_input(mini_book: Path, tmp_path: Path, command: str) -> None:
    """-o naming the input is a usage error (exit 2); the file is untouched."""
    source = mini_book if command == "import" else MINI
    before = source.read_bytes()
    done = run("bank", command, str(source), "-o", str(source))
    assert done.returncode == 2
    assert done.stderr == f"error: {source} is the input file; write to another file\n"
    assert source.read_bytes() == before


def test_export_of_a_broken_bank_lists_its_problems(tmp_path: Path) -> None:
    """A bank that does not load is not exported: its problems as `huigui validate` shows them."""
    broken = DATA / "banks" / "broken" / "stages.yaml"
    done = run("bank", "export", str(broken), "-o", str(tmp_path / "b.xlsx"))
    assert done.returncode == 1
    assert f"error: {broken}:8:19:" in done.stderr
    assert not (tmp_path / "b.xlsx").exists()


def test_bundled_bank_command_line_round_trip_is_exact(tmp_path: Path) -> None:
    """export then import of the bundled bank gives a file that loads as the same bank."""
    bundled = ROOT / "questions" / "industrial-internet.yaml"
    assert run("bank", "export", str(bundled), "-o", str(tmp_path / "b.xlsx")).returncode == 0
    assert (
        run("bank", "import", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "b.yaml")).returncode
        == 0
    )
    assert dump(load_bank(tmp_path / "b.yaml")) == dump(load_bank(bundled))


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        ("number", 2.0, 2),  # a whole number is shown without decimals
        ("number", 0.1, 0.1),
        ("number", 0.37922332671374054, "0.37922332671374054"),  # 17 digits: kept as text
        ("flag", False, False),
        ("words", ["§1.2", "§3.4"], "§1.2, §3.4"),
        ("words", ["§1.2"], "§1.2"),
        ("words", [], "[]"),
        ("numbers", [0, 1], "0, 1"),
        ("numbers", [2], "2"),
        ("effort", 2, "2"),
        ("effort", [1, 2, 3], "1, 2, 3"),
        ("effort", [3], "[3]"),  # a list of one is not the number 3
        ("effort", None, "null"),
        ("yaml", {"a": [1, "b"]}, "{a: [1, b]}"),  # a field added to the models later
    ],
)
def test_cell_formats_read_back(kind: str, value: object, shown: object) -> None:
    """Each kind of field is shown as documented in the README sheet and reads back."""
    sheet = Workbook().create_sheet("t")
    put(sheet["A1"], value, kind)
    assert sheet["A1"].value == shown
    assert read(sheet["A1"], kind) == value


def test_workbook_to_standard_output(tmp_path: Path) -> None:
    """`bank export -o -` writes the workbook to a pipe; it imports as the bank."""
    done = subprocess.run(
        [HUIGUI, "bank", "export", str(MINI), "-o", "-"], capture_output=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith(b"PK")
    (tmp_path / "piped.xlsx").write_bytes(done.stdout)
    assert read_bank_workbook(tmp_path / "piped.xlsx") == load_bank(MINI)
