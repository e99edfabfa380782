"""What one workshop under load measured: as plain data (``--json``) and as the table."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from bench.realserver.output import latency
from bench.realserver.people import Dashboard, Tab
from bench.realserver.workshop import Config, Counts


@dataclass
class Load:
    """The crowd's tabs, the dashboard, and what the servers spent on them."""

    tabs: list[Tab]
    board: Dashboard
    cpu: list[float]
    db_cpu: float | None
    wall: float
    client_cpu: float
    load_avg: tuple[float, float]  # the machine's 1-minute load average before and after


@dataclass
class Measured:
    """What one workshop under load gave."""

    load: Load
    cold: Tab  # the first participant on a fresh process
    solo: Tab  # one participant alone on a warm process
    floor: Sequence[float]
    counts: Counts
    problems: Sequence[str]


def _all(tabs: Sequence[Tab], name: str) -> list[float]:
    values: list[float] = []
    for tab in tabs:
        value = getattr(tab, name)
        if isinstance(value, list):
            values += value
        elif value is not None:
            values.append(value)
    return values


def report_data(config: Config, m: Measured) -> dict[str, Any]:
    """Everything measured, as plain data (``--json`` prints it as is)."""
    tabs, board = m.load.tabs, m.load.board
    clicks = _all(tabs, "answer_clicks") + _all(tabs, "next_clicks") + _all(tabs, "submit")
    return {
        "config": {**asdict(config), "pace": [config.pace.low, config.pace.high]},
        "latency": _crowd_latency(tabs, board),
        "floor": _floor_latency(m),
        "server_cpu_s": [round(c, 2) for c in m.load.cpu],
        "postgres_cpu_s": None if m.load.db_cpu is None else round(m.load.db_cpu, 2),
        "wall_s": round(m.load.wall, 1),
        "client_cpu_s": round(m.load.client_cpu, 1),
        "load_avg_1min": [round(x, 2) for x in m.load.load_avg],
        "clicks": len(clicks),
        "received_mb": round(sum(t.received_bytes for t in tabs) / 1e6, 1),
        "counts": asdict(m.counts) | {"agree": m.counts.agree},
        "dashboard": {
            "refreshes": len(board.refreshes),
            "late_ticks": board.late,
            "shown": board.metrics,
            "failure": board.failure,
        },
        "exceptions": sorted({*(e for t in tabs for e in t.exceptions), *board.exceptions}),
        "st_errors": sorted({*(e for t in tabs for e in t.errors), *board.errors}),
        "failures": [f"{t.name}: {t.failure}" for t in tabs if t.failure],
        "server_log_problems": list(m.problems)[:20],
    }


def _crowd_latency(tabs: Sequence[Tab], board: Dashboard) -> dict[str, Any]:
    """The crowd's and the dashboard's latencies, step by step."""
    return {
        "answer_click": latency(_all(tabs, "answer_clicks")),
        "next_step_drawn": latency(_all(tabs, "next_clicks")),
        "submit_results_drawn": latency(_all(tabs, "submit")),
        "join_to_first_question": latency(_all(tabs, "join_to_question")),
        "join_page_drawn": latency(_all(tabs, "join_page")),
        "dashboard_refresh": latency(board.refreshes),
        "dashboard_open": latency([board.open_page] if board.open_page else []),
    }


def _floor_latency(m: Measured) -> dict[str, Any]:
    """The floors: the empty page, one participant alone, and the first on a cold process."""
    return {
        "empty_page_click": latency(m.floor),
        "solo_answer_click": latency(m.solo.answer_clicks),
        "solo_next_step_drawn": latency(m.solo.next_clicks),
        "solo_submit_results_drawn": latency([m.solo.submit] if m.solo.submit else []),
        "solo_join_to_first_question": latency(
            [m.solo.join_to_question] if m.solo.join_to_question else []
        ),
        "cold_answer_click": latency(m.cold.answer_clicks[:1]),
        "cold_submit_results_drawn": latency([m.cold.submit] if m.cold.submit else []),
    }


ROWS = {
    "answer_click": ("answer click → saved", "solo_answer_click"),
    "next_step_drawn": ("Next → next step drawn", "solo_next_step_drawn"),
    "submit_results_drawn": ("submit → results drawn", "solo_submit_results_drawn"),
    "join_to_first_question": ("join → 1st question drawn", "solo_join_to_first_question"),
    "join_page_drawn": ("join link → form drawn", None),
    "dashboard_open": ("dashboard opened", None),
    "dashboard_refresh": ("dashboard refresh (timers)", None),
}


def _ratio(value: float | int | None, floor: float | int | None) -> str:
    if not value or not floor:
        return ""
    return f"{value / floor:.1f}×"


def table(data: dict[str, Any]) -> str:
    """The compact table."""
    c, lat, floor = data["config"], data["latency"], data["floor"]
    servers = c["processes"] + (1 if c["processes"] > 1 else 0)
    lines = [
        f"Huigui under load: {c['db']}, {servers} server process(es), {c['participants']} "
        f"participants + 1 dashboard, pace {c['pace'][0]}–{c['pace'][1]} s, "
        f"arrivals over {c['arrival']} s" + (", TCP_NODELAY hook" if c["tcp_nodelay"] else ""),
        f"{'':29s}{'n':>6s}{'p50 ms':>9s}{'p95 ms':>9s}{'max ms':>9s}{'p50/floor':>11s}"
        f"{'p50/solo':>10s}",
    ]
    empty = floor["empty_page_click"].get("p50_ms")
    for key, (label, solo_key) in ROWS.items():
        row = lat[key]
        if not row.get("n"):
            lines.append(f"{label:29s}{0:6d}")
            continue
        solo = floor[solo_key].get("p50_ms") if solo_key else None
        lines.append(
            f"{label:29s}{row['n']:6d}{row['p50_ms']:9.1f}{row['p95_ms']:9.1f}"
            f"{row['max_ms']:9.1f}{_ratio(row['p50_ms'], empty):>11s}"
            f"{_ratio(row['p50_ms'], solo):>10s}"
        )
    lines += _footer(data, empty)
    return "\n".join(lines)


def _footer(data: dict[str, Any], empty: float | None) -> list[str]:
    floor, counts, board = data["floor"], data["counts"], data["dashboard"]
    solo = ", ".join(
        f"{name} {floor[key].get('p50_ms', '–')}"
        for name, key in [
            ("answer", "solo_answer_click"),
            ("Next", "solo_next_step_drawn"),
            ("results", "solo_submit_results_drawn"),
            ("join", "solo_join_to_first_question"),
        ]
    )
    verdict = "AGREE" if counts["agree"] else f"DISAGREE (mismatched: {counts['mismatched']})"
    cold = (
        f"first answer {floor['cold_answer_click'].get('p50_ms')} ms, results "
        f"{floor['cold_submit_results_drawn'].get('p50_ms')} ms"
    )
    return [
        f"floors (same run, idle server): empty page click p50 {empty} ms "
        f"(n={floor['empty_page_click'].get('n')}); one participant alone, p50 ms: {solo}",
        f"the first participant on a freshly started process: {cold}",
        _cpu_line(data),
        f"counts: {counts['stored']} stored / {counts['expected']} joined, "
        f"{counts['submitted']} submitted, {counts['equal']} answer sets equal, "
        f"{counts['duplicates']} duplicates → {verdict}",
        f"dashboard shows {board['shown']} after {board['refreshes']} refreshes "
        f"({board['late_ticks']} timer ticks found the last refresh unfinished)"
        + (f"; FAILED: {board['failure']}" if board["failure"] else ""),
        f"exceptions: {data['exceptions'] or 'none'}; st.error: {data['st_errors'] or 'none'}; "
        f"failures: {data['failures'] or 'none'}; "
        f"server log: {data['server_log_problems'] or 'clean'}",
    ]


def _cpu_line(data: dict[str, Any]) -> str:
    """What the servers, PostgreSQL and the bench client spent, and what went over the wire."""
    cpu, wall = sum(data["server_cpu_s"]), data["wall_s"]
    return (
        f"server CPU {cpu:.1f} s {data['server_cpu_s']} in {wall:.1f} s wall "
        f"({cpu / wall:.0%} of one core of {os.cpu_count()}; machine load average "
        f"{data['load_avg_1min'][0]} → {data['load_avg_1min'][1]}), "
        f"{1000 * cpu / max(1, data['clicks']):.1f} ms per click"
        + (
            f"; PostgreSQL CPU {data['postgres_cpu_s']} s"
            if data.get("postgres_cpu_s") is not None
            else ""
        )
        + f"; bench client CPU {data['client_cpu_s']} s; "
        f"{data['received_mb']} MB over the participants' WebSockets"
    )
