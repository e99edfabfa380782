"""50 participants submitting at the same moment, on SQLite and on PostgreSQL.

    .venv/bin/python bench/workshop_load.py [--participants 50] [--postgres URL]

Each participant (a thread) joins the workshop, then all submit their 28 answers at once
behind a barrier. Prints p50/p95/max submit latency per database and checks that every
answer set was stored exactly once. Without ``--postgres`` a temporary PostgreSQL cluster
is started when Debian's ``postgresql`` is installed.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator

from huigui.store import WorkshopStore, connect
from scoring import bundled_bank_path, load_bank
from tests.support.pgtemp import postgres_bindir, temporary_cluster

ROLES = ["executive", "middle_manager", "front_line", "it_digital", "partner"]


def run(url: str, participants: int) -> list[float]:
    bank = load_bank(bundled_bank_path())
    engine = connect(url)
    store = WorkshopStore(engine)
    workshop, _ = store.create_workshop(bank, "Load Co", ["en"], ROLES)
    answers = {item.id: str(k % 5) for k, item in enumerate(bank.items)}
    joined = [
        store.join(bank, workshop.code, ROLES[k % 5], "en")[0].id for k in range(participants)
    ]
    barrier = threading.Barrier(participants)
    latencies: list[float] = []

    def submit(assessment_id: str) -> None:
        barrier.wait()
        start = time.perf_counter()
        store.submit(assessment_id, answers)
        latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=submit, args=(a,)) for a in joined]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    people = store.participants(workshop.id)
    stored = sum(1 for p in people if p.answers == answers and p.submitted_at)
    if stored != participants or len(people) != participants:
        raise SystemExit(f"lost answers: {stored} of {participants} stored")
    engine.dispose()
    return latencies


def report(name: str, latencies: list[float]) -> None:
    ms = sorted(x * 1000 for x in latencies)
    p95 = statistics.quantiles(ms, n=20)[-1]
    print(
        f"{name:10s} n={len(ms)}  p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {ms[-1]:7.1f} ms  (all {len(ms)} answer sets stored once)"
    )


@contextlib.contextmanager
def postgres(url: str | None) -> Iterator[str | None]:
    if url:
        yield url
    elif postgres_bindir() is not None:
        with temporary_cluster() as started:
            yield started
    else:
        yield None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--postgres", metavar="URL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite", run(f"sqlite:///{tmp}/load.db", args.participants))
    with postgres(args.postgres) as url:
        if url is None:
            print("PostgreSQL   not installed; skipped")
        else:
            report("PostgreSQL", run(url, args.participants))


if __name__ == "__main__":
    main()
