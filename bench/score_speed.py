"""How fast scoring is, against the floors it is judged by.

    .venv/bin/python bench/score_speed.py [--rows 1000000] [--bank PATH] [--repeat 5]

1. Writes ROWS random respondents for the bank as CSV (levels, ~4% na, ~4% dk, ~2% blank).
2. End to end, each a fresh process as a user runs it: ``huigui score FILE -o OUT``
   (start-up, bank, reading, checking, scoring, writing) against the floor, a fresh Python
   that reads the same CSV with pyarrow and writes a result of the same shape (respondent
   and 18 numeric columns, two decimals) with pyarrow. Goal: ratio ≤ 1.5.
3. In memory: the engine (``score_codes``) on the parsed answer codes against a plain numpy
   masked weighted mean over the same arrays. Goal: ratio ≤ 2.

Timings are the best of ``--repeat`` runs, the two commands of step 2 taking turns, all in
this one run, so that both see the same machine.
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
import pyarrow as pa
import pyarrow.csv as pacsv

from scoring import Bank, bundled_bank_path, load_bank, parse_answers, read_responses, score_codes

HUIGUI = str(Path(sys.executable).parent / "huigui")

#: The floor: what any scorer that reads this CSV and writes one row per respondent pays.
FLOOR = """
import sys
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

table = pacsv.read_csv(sys.argv[1])
rows = table.num_rows
columns = {"respondent": table.column(0)}
values = np.round(np.random.default_rng(0).random(rows) * 100, 2)
for k in range(18):
    columns[f"c{k}"] = pa.array(values)
pacsv.write_csv(pa.table(columns), sys.argv[2])
"""


def generate(bank: Bank, rows: int, path: Path, seed: int = 7) -> None:
    """Random answers for every item of ``bank``."""
    rng = np.random.default_rng(seed)
    columns: dict[str, pa.Array] = {
        "respondent": pa.array(np.char.add("r", np.arange(rows).astype(str)))
    }
    for item in bank.items:
        levels = rng.integers(0, len(item.levels), rows).astype(str).astype(object)
        roll = rng.random(rows)
        levels[roll < 0.04] = "na"
        levels[(roll >= 0.04) & (roll < 0.08)] = "dk"
        levels[(roll >= 0.08) & (roll < 0.10)] = ""
        columns[item.id] = pa.array(levels, type=pa.string())
    pacsv.write_csv(pa.table(columns), path, write_options=pacsv.WriteOptions(quoting_style="none"))


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def taking_turns(commands: list[list[str]], repeat: int) -> list[float]:
    """Best wall time of each command, run alternately ``repeat`` times."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for k, cmd in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(cmd, check=True)
            times[k].append(time.perf_counter() - start)
    return [min(t) for t in times]


def floor(codes: np.ndarray, layout) -> np.ndarray:  # type: ignore[no-untyped-def, type-arg]
    """The least any scorer must do: a masked weighted mean per dimension."""
    mask = codes >= 0
    values = np.where(mask, codes, 0) * (100.0 / (layout.n_levels - 1))
    return (values @ layout.weight_matrix) / (mask @ layout.weight_matrix)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--bank",
        type=Path,
        default=None,
        help="default: the bundled bank, as `huigui score` uses it",
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bank = load_bank(args.bank or bundled_bank_path())
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "responses.csv", Path(tmp) / "scores.csv"
        generate(bank, args.rows, data)
        size = data.stat().st_size / 1e6
        print(f"{args.rows:,} respondents × {len(bank.items)} items, {size:.0f} MB CSV")
        bank_option = ["--bank", str(args.bank)] if args.bank else []
        score = [HUIGUI, "score", *bank_option, str(data), "-o", str(out)]
        plain = [sys.executable, "-c", FLOOR, str(data), str(Path(tmp) / "floor.csv")]
        floor_time, end_to_end = taking_turns([plain, score], args.repeat)
        print(f"floor: pyarrow read + write  {floor_time:6.2f} s   (a fresh python -c FLOOR)")
        print(f"huigui score FILE -o OUT     {end_to_end:6.2f} s   (a fresh process)")
        print(f"ratio                        {end_to_end / floor_time:6.2f}   (goal ≤ 1.5)")
        answers = parse_answers(bank, read_responses(data))
    layout = bank.layout
    engine = best(lambda: score_codes(layout, answers.codes, bank.min_coverage), args.repeat)
    plain_mean = best(lambda: floor(answers.codes, layout), args.repeat)
    print(f"numpy masked weighted mean   {plain_mean:6.3f} s")
    print(f"engine (score_codes)         {engine:6.3f} s")
    print(f"ratio                        {engine / plain_mean:6.2f}   (goal ≤ 2)")


if __name__ == "__main__":
    main()
