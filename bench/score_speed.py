"""How fast scoring is, against the floors it is judged by.

    .venv/bin/python bench/score_speed.py [--rows 1000000] [--bank PATH]

1. Writes ROWS random respondents for the bank as CSV (levels, ~4% na, ~4% dk, ~2% blank).
2. End to end: ``pandas.read_csv`` of that file alone, then ``huigui score FILE -o OUT``
   (a fresh process: start-up, reading, checking, scoring, writing). Goal: ratio ≤ 1.5.
3. In memory: the engine (``score_codes``) on the parsed answer codes against a plain numpy
   masked weighted mean over the same arrays. Goal: ratio ≤ 2.

All timings are the best of ``--repeat`` runs, measured in this one process run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from scoring import Bank, bundled_bank_path, load_bank, parse_answers, read_responses, score_codes

HUIGUI = str(Path(sys.executable).parent / "huigui")


def generate(bank: Bank, rows: int, path: Path, seed: int = 7) -> None:
    """Random answers for every item of ``bank``."""
    rng = np.random.default_rng(seed)
    columns: dict[str, pa.Array] = {
        "respondent": pa.array(np.char.add("r", np.arange(rows).astype(str)))}
    for item in bank.items:
        levels = rng.integers(0, len(item.levels), rows).astype(str).astype(object)
        roll = rng.random(rows)
        levels[roll < 0.04] = "na"
        levels[(roll >= 0.04) & (roll < 0.08)] = "dk"
        levels[(roll >= 0.08) & (roll < 0.10)] = ""
        columns[item.id] = pa.array(levels, type=pa.string())
    pacsv.write_csv(pa.table(columns), path,
                    write_options=pacsv.WriteOptions(quoting_style="none"))


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(codes: np.ndarray, layout) -> np.ndarray:  # type: ignore[no-untyped-def, type-arg]
    """The least any scorer must do: a masked weighted mean per dimension."""
    mask = codes >= 0
    values = np.where(mask, codes, 0) * (100.0 / (layout.n_levels - 1))
    return (values @ layout.weight_matrix) / (mask @ layout.weight_matrix)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--bank", type=Path, default=bundled_bank_path())
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bank = load_bank(args.bank)
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "responses.csv", Path(tmp) / "scores.csv"
        generate(bank, args.rows, data)
        size = data.stat().st_size / 1e6
        print(f"{args.rows:,} respondents × {len(bank.items)} items, {size:.0f} MB CSV")
        read = best(lambda: pd.read_csv(data), args.repeat)
        cmd = [HUIGUI, "score", "--bank", str(args.bank), str(data), "-o", str(out)]
        end_to_end = best(lambda: subprocess.run(cmd, check=True), args.repeat)
        print(f"pandas.read_csv alone     {read:7.2f} s")
        print(f"huigui score end to end   {end_to_end:7.2f} s")
        print(f"ratio                     {end_to_end / read:7.2f}   (goal ≤ 1.5)")
        answers = parse_answers(bank, read_responses(data))
    layout = bank.layout
    engine = best(lambda: score_codes(layout, answers.codes, bank.min_coverage), args.repeat)
    plain = best(lambda: floor(answers.codes, layout), args.repeat)
    print(f"numpy masked weighted mean {plain:6.3f} s")
    print(f"engine (score_codes)       {engine:6.3f} s")
    print(f"ratio                      {engine / plain:6.2f}   (goal ≤ 2)")


if __name__ == "__main__":
    main()
