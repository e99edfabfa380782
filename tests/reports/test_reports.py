"""Reports: PDF and HTML, one respondent and a workshop, in every language."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from html import unescape
from pathlib import Path

import pytest

from huigui.records import Benchmark, Previous
from huigui.reports import ReportInput, render, render_html
from huigui.reports.inputs import group_from_responses
from scoring import Bank, ReportError, parse_answers, read_responses
from scoring.assess import assess

from ..conftest import DATA, need
from ..test_cli import run

HOSTILE = 'ACME </style><script>alert(1)</script> "工厂"'
LANGS = ["en", "zh-Hans", "zh-Hant"]
pytestmark = pytest.mark.slow


def single(bank: Bank, lang: str, firm: str = HOSTILE) -> ReportInput:
    answers = {item.id: str(k % 5) for k, item in enumerate(bank.items)}
    answers[bank.items[1].id] = "dk"  # the second question, whatever the bank calls it
    return ReportInput(
        bank=bank,
        lang=lang,
        firm=firm,
        date=datetime(2026, 11, 25),
        result=assess(bank, answers),
        respondent="r1",
        targets={"D1": 70.0, "D2": 60.0},
        benchmark=Benchmark({"D1": 40.0, "D2": 45.0, "D3": 50.0, "D4": 42.0}, 7),
        previous=Previous(datetime(2025, 11, 1), {"D1": 30.0, "D2": 40.0, "D3": 20.0, "D4": 35.0}),
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"[ \t]+", " ", out)


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text_is_extractable(bundled_bank: Bank, lang: str, tmp_path: Path) -> None:
    """The PDF is A4, and its text holds the firm, the dimension names and the scores."""
    inp = single(bundled_bank, lang)
    pdf = render(inp, "pdf")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "(A4)" in info
    assert "工厂" in text and "ACME" in text
    for dim in bundled_bank.dimensions:
        name = bundled_bank.text(dim.name, lang)
        assert name.replace(" ", "") in text.replace(" ", "").replace("\n", ""), name
        score = inp.result.dimension(dim.id).score
        if score is not None:
            assert f"{score:.0f}" in text


@pytest.mark.parametrize("lang", LANGS)
def test_html_is_self_contained_and_escaped(bundled_bank: Bank, lang: str) -> None:
    """One file: plotly inline, a CSP that allows only our scripts, user text escaped."""
    html = render_html(single(bundled_bank, lang))
    assert "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', unescape(html))
    assert (
        csp
        and "default-src 'none'" in csp.group(1)
        and "unsafe-inline" not in csp.group(1).split("script-src")[1]
    )
    outside_scripts = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    assert not re.search(r'(src|href)="https?://', outside_scripts)
    assert html.count("Plotly.newPlot") == 2  # radar and gap bars
    assert f'lang="{lang}"' in html


def test_group_report(mini_bank: Bank, tmp_path: Path) -> None:
    """A workshop report has the group picture, disagreement, role gaps and consensus."""
    answers = parse_answers(mini_bank, read_responses(DATA / "responses" / "workshop_mini.csv"))
    inp = group_from_responses(mini_bank, answers, "en", "workshop", by_role=True, min_group=2)
    text = pdf_text(render(inp, "pdf"), tmp_path)
    for heading in (
        "Participants by role",
        "The group picture",
        "Where people disagree",
        "How roles see the firm",
        "Consensus beside the group mean",
    ):
        assert heading in text
    assert "96.9" in text  # boss mean on A: (100 + 93.75)/2 = 96.875
    html = render_html(inp)
    assert "boss" in html and "line" in html


def test_group_report_hides_roles_smaller_than_k(mini_bank: Bank) -> None:
    """With k = 3 the two-person roles appear only together, as "Other roles": their names
    appear nowhere, not even in the head count ("Participants by role"), which counts them
    only in its total line (as the presenter screen does)."""
    answers = parse_answers(mini_bank, read_responses(DATA / "responses" / "workshop_mini.csv"))
    html = render_html(group_from_responses(mini_bank, answers, "en", "w", by_role=True))
    assert '"name":"Other roles"' in html
    assert html.count("boss") == 0 and html.count("<td>line</td>") == 0
    assert f'<tr><td>All</td><td class="num">{len(answers)}</td>' in html
    assert '"name":"boss"' not in html and '"name":"line"' not in html


def test_missing_pango_says_what_to_install(
    bundled_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without Pango the error names the Debian packages (and the HTML way out)."""
    import importlib

    real = importlib.import_module

    def broken(name: str, *args: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", broken)
    with pytest.raises(ReportError, match=r"apt install libpango-1\.0-0 libpangoft2-1\.0-0"):
        render(single(bundled_bank, "en"), "pdf")


def test_missing_cjk_font_says_what_to_install(
    bundled_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a CJK font a Chinese PDF is refused with the package to install."""
    import importlib

    module = importlib.import_module("huigui.reports.render")
    monkeypatch.setattr(module.shutil, "which", lambda name: None)
    monkeypatch.setattr(module.glob, "glob", lambda *a, **k: [])
    with pytest.raises(ReportError, match="apt install fonts-noto-cjk"):
        render(single(bundled_bank, "zh-Hans"), "pdf")


def test_cli_single_group_all(tmp_path: Path) -> None:
    """huigui report: one respondent, the group, and one file per respondent."""
    data = DATA / "responses" / "workshop_mini.csv"
    bank = str(DATA / "banks" / "mini.yaml")
    one = tmp_path / "r1.html"
    result = run("report", "--bank", bank, str(data), "--respondent", "r1", "-o", str(one))
    assert result.returncode == 0, result.stderr
    assert one.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    group = tmp_path / "group.pdf"
    result = run(
        "report",
        "--bank",
        bank,
        str(data),
        "--group",
        "--by",
        "role",
        "--lang",
        "zh-Hant",
        "-o",
        str(group),
    )
    assert result.returncode == 0, result.stderr
    assert group.read_bytes().startswith(b"%PDF")
    folder = tmp_path / "all"
    result = run(
        "report",
        "--bank",
        bank,
        str(data),
        "--all",
        "--format",
        "html",
        "-o",
        str(folder),
        "--jobs",
        "2",
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["r1.html", "r2.html", "r3.html", "r4.html"]


def test_cli_errors(tmp_path: Path) -> None:
    """An unknown respondent is an error line; nothing is written."""
    data = DATA / "responses" / "workshop_mini.csv"
    out = tmp_path / "x.pdf"
    result = run(
        "report",
        "--bank",
        str(DATA / "banks" / "mini.yaml"),
        str(data),
        "--respondent",
        "nobody",
        "-o",
        str(out),
    )
    assert result.returncode == 1 and "no respondent 'nobody'" in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
    result = run("report", str(data), "-o", str(out))
    assert result.returncode == 2  # one of --respondent, --group, --all is required


def test_group_report_warns_when_the_group_answer_is_the_traffic_way(
    bundled_bank: Bank, tmp_path: Path
) -> None:
    """The group profile (median, no consensus here) at a trap level gets the group's trap
    warning beside the stage; the same people one level higher get none."""
    from huigui.reports.context import build_context

    def report(trap_answer: str) -> str:
        rows = ["respondent,role," + ",".join(i.id for i in bundled_bank.items)]
        for k in range(3):
            levels = [trap_answer if i.id == "D1.1" else "2" for i in bundled_bank.items]
            rows.append(f"p{k},staff," + ",".join(levels))
        path = tmp_path / f"group-{trap_answer}.csv"
        path.write_text("\n".join(rows) + "\n", "utf-8")
        answers = parse_answers(bundled_bank, read_responses(path))
        inp = group_from_responses(bundled_bank, answers, "en", "w", by_role=False)
        return str(build_context(inp)["traps"])

    warned = report("5")  # the trap answer, after D1.1's five levels
    assert warned.startswith("Traffic trap: on 1 question(s) the group's answer")
    title = bundled_bank.item("D1.1").title
    assert title is not None
    assert f"(Q1 “{title['en']}”)" in warned
    assert report("2") == ""


def test_report_names_each_weakest_link_as_the_page_does(bundled_bank: Bank) -> None:
    """Each dimension's weakest link in the report reads as on the results card, without the
    card's "Weakest link:" (the report's card has it as its label), with the full question;
    a dimension whose answers all score the same names none."""
    from huigui.i18n import weakest_link_text
    from huigui.reports.context import build_context

    inp = single(bundled_bank, "en")
    sections = build_context(inp)["dimensions"]
    named = 0
    for dim, section in zip(bundled_bank.dimensions, sections, strict=True):
        card = weakest_link_text(bundled_bank, inp.result, dim.id, "en")
        if card is None:
            assert (section["gated"], section["gated_question"]) == ("", "")
            continue
        named += 1
        assert card == "Weakest link: " + section["gated"]
        first = inp.result.weakest_links(dim.id)[0]
        assert section["gated_question"] == bundled_bank.text(bundled_bank.item(first).prompt, "en")
    assert named > 0
    levels = {i.id: "2" for i in bundled_bank.items}
    even = build_context(ReportInput(**{**inp.__dict__, "result": assess(bundled_bank, levels)}))
    assert all(s["gated"] == "" for s in even["dimensions"])


def test_report_marks_a_dimension_scored_on_one_answer(bundled_bank: Bank) -> None:
    """A dimension scored on one answer (the rest "not applicable") is marked indicative in the
    report, in the words of the results card, and shown once in the HTML; a dimension scored on
    more answers, or not scored, is not marked."""
    from huigui.reports.context import build_context

    inp = single(bundled_bank, "en")
    rest = bundled_bank.dimensions[0].items[1:]  # D1 rests on its first question alone
    answers = {i.id: "2" for i in bundled_bank.items} | {i.id: "na" for i in rest}
    one = ReportInput(**{**inp.__dict__, "result": assess(bundled_bank, answers)})
    marks = [s["one_answer"] for s in build_context(one)["dimensions"]]
    mark = "Indicative only: this dimension's score and stage rest on one answer."
    assert marks == [mark, "", "", ""]
    assert render_html(one).count("Indicative only") == 1
    none = {i.id: "dk" for i in bundled_bank.items}
    unscored = ReportInput(**{**inp.__dict__, "result": assess(bundled_bank, none)})
    assert all(s["one_answer"] == "" for s in build_context(unscored)["dimensions"])
