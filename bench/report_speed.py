"""Report speed: one PDF warm, and 100 reports with ``huigui report --all``.

    .venv/bin/python bench/report_speed.py [--reports 100] [--lang zh-Hans]

Goals: one PDF report warm ≤ 1 s (rendered once to warm fonts and imports, then timed as
the median of five); 100 reports end to end ≤ 60 s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from huigui.reports import ReportInput, render
from scoring import bundled_bank_path, load_bank
from scoring.assess import assess

HUIGUI = str(Path(sys.executable).parent / "huigui")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--lang", default="zh-Hans")
    args = parser.parse_args()
    bank = load_bank(bundled_bank_path())
    rng = np.random.default_rng(3)
    answers = {item.id: str(rng.integers(0, 5)) for item in bank.items}
    inp = ReportInput(
        bank=bank,
        lang=args.lang,
        firm="Bench Co",
        date=datetime(2026, 11, 25),
        result=assess(bank, answers),
        targets={"D1": 70.0, "D3": 60.0},
    )
    render(inp, "pdf")  # warm: imports, fonts, templates
    times = []
    for _ in range(5):
        start = time.perf_counter()
        render(inp, "pdf")
        times.append(time.perf_counter() - start)
    warm = statistics.median(times)
    print(f"one PDF report, warm      {warm:6.2f} s   (goal ≤ 1 s: {warm / 1.0:4.2f}× the goal)")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            {
                "respondent": f"r{k:03d}",
                "firm": "Bench Co",
                **{item.id: str(rng.integers(0, 5)) for item in bank.items},
            }
            for k in range(args.reports)
        ]
        data = Path(tmp) / "responses.csv"
        pd.DataFrame(rows).to_csv(data, index=False)
        start = time.perf_counter()
        subprocess.run(
            [
                HUIGUI,
                "report",
                str(data),
                "--all",
                "--lang",
                args.lang,
                "-o",
                str(Path(tmp) / "out"),
            ],
            check=True,
            capture_output=True,
        )
        total = time.perf_counter() - start
        written = len(list((Path(tmp) / "out").glob("*.pdf")))
    print(
        f"{written} PDF reports (--all) {total:6.2f} s   (goal ≤ 60 s: {total / 60:4.2f}× the goal)"
    )


if __name__ == "__main__":
    main()
