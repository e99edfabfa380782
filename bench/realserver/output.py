"""What both benches print besides their tables: latency figures and progress lines."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def latency(values: Sequence[float]) -> dict[str, float | int]:
    """n, p50, p95 and max in milliseconds."""
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.50) * 1000, 1),
        "p95_ms": round(percentile(values, 0.95) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


def say(text: str) -> None:
    """Progress, on stderr (stdout is the table or the JSON)."""
    print(f"ws_load: {text}", file=sys.stderr, flush=True)
