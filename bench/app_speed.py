"""Server-side time of the app's reruns, against an empty Streamlit page run the same way.

    .venv/bin/python bench/app_speed.py [--runs 30]

Every figure is the median over ``--runs`` reruns through Streamlit's AppTest (the script
runs in this process, no browser), on a fresh SQLite database:

* floor: an empty page (``import streamlit``);
* answer click: the questionnaire rerun after choosing an answer (the answer is saved);
* results: the results page of a completed assessment, with targets, a previous
  assessment and five peers in the benchmark. Goals: ≤ 100 ms and ≤ 250 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from huigui.records import Profile
from huigui.store import AssessmentStore, connect
from scoring import bundled_bank_path, load_bank
from scoring.assess import Summary

ROOT = Path(__file__).resolve().parent.parent


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ["HUIGUI_DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
    bank = load_bank(bundled_bank_path())
    store = AssessmentStore(connect())
    for k in range(5):
        peer, _ = store.create(bank, Profile(f"Peer {k}", "C"), "en")
        store.complete(peer.id, Summary(dimensions={d.id: 20.0 * k for d in bank.dimensions}))
    earlier, _ = store.create(bank, Profile("Bench Co", "C"), "en")
    store.complete(earlier.id, Summary(dimensions={d.id: 30.0 for d in bank.dimensions}))
    record, token = store.create(bank, Profile("Bench Co", "C"), "en")
    for item in bank.items:
        store.save_answer(record.id, item.id, "2")
    store.update(record.id, targets={d.id: 75.0 for d in bank.dimensions})

    empty = AppTest.from_string("import streamlit as st\n", default_timeout=60).run()
    floor = median_ms(empty.run, args.runs)

    app = str(ROOT / "app.py")
    questionnaire = AppTest.from_file(app, default_timeout=60)
    questionnaire.query_params.update({"a": token, "lang": "en"})
    questionnaire.run()
    questionnaire.switch_page("huigui/app/pages/questionnaire.py").run()
    levels = iter(range(10**6))
    click = median_ms(
        lambda: questionnaire.radio(key="ans:D1.1").set_value(next(levels) % 5).run(), args.runs
    )

    results = AppTest.from_file(app, default_timeout=60)
    results.query_params.update({"a": token, "lang": "en"})
    results.run()
    results.switch_page("huigui/app/pages/results.py").run()
    if len(results.get("plotly_chart")) != 2:
        raise SystemExit("the results page did not draw its charts")
    result_ms = median_ms(results.run, args.runs)

    print(f"empty page (floor)      {floor:7.1f} ms")
    print(f"answer click rerun      {click:7.1f} ms   ({click / floor:5.1f}× floor; goal ≤ 100 ms)")
    print(
        f"results page            {result_ms:7.1f} ms   ({result_ms / floor:5.1f}× floor;"
        " goal ≤ 250 ms)"
    )


if __name__ == "__main__":
    main()
