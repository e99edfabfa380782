"""What one person waited for in the browser: as plain data (``--json``) and as the table."""

from __future__ import annotations

import argparse
from typing import Any

from bench.realserver.output import latency, percentile
from bench.realserver.page import Timing
from bench.realserver.questionnaire import Round
from bench.realserver.server_hook import ServerSide

GOAL_ANSWER_RATIO = 2.0
GOAL_RESULTS_S = 1.0


def _split(timings: list[Timing]) -> dict[str, Any]:
    """Latency of the whole step, with the p50 of its wire and browser parts."""
    whole = latency([x.total for x in timings])
    if timings:
        whole["wire_p50_ms"] = round(percentile([x.wire for x in timings], 0.5) * 1000, 1)
        whole["browser_p50_ms"] = round(percentile([x.browser for x in timings], 0.5) * 1000, 1)
        whole["messages_p50"] = percentile([x.messages for x in timings], 0.5)
    return whole


#: Which of the server's script runs (by cause, see SERVER_HOOK) each step waits for.
CAUSES = {
    "floor_click": ("floor", "change"),
    "answer_click_saved": ("app", "change"),
    "next_step_drawn": ("app", "press next"),
    "results_drawn": ("app", "press finish"),
    "results_again_drawn": ("app", "press finish"),
}


def report_data(
    args: argparse.Namespace,
    before: list[Timing],
    after: list[Timing],
    done: list[Round],
    app_side: ServerSide,
    floor_side: ServerSide,
) -> dict[str, Any]:
    """Everything measured, as plain data."""
    steps = _steps(before, after, done)
    floor_p50 = percentile([x.total for x in steps["floor_click"]], 0.5)
    ratios = {
        k: round(percentile([x.total for x in v], 0.5) / floor_p50, 2) for k, v in steps.items()
    }
    return {
        "config": {"rounds": args.rounds, "tcp_nodelay": args.tcp_nodelay},
        **{k: _split(v) for k, v in steps.items()},
        "server_run_p50_ms": {
            step: _p50_ms({"app": app_side, "floor": floor_side}[side].times.get(cause, []))
            for step, (side, cause) in CAUSES.items()
        },
        "floor_before": latency([x.total for x in before]),
        "floor_after": latency([x.total for x in after]),
        "ratios_p50": ratios,
        "goals": {
            "answer_click_le_2x_floor": ratios["answer_click_saved"] <= GOAL_ANSWER_RATIO,
            "results_le_1s": max(x.total for x in steps["results_drawn"]) <= GOAL_RESULTS_S,
        },
        "results_browser_work": [b for r in done for b in r.results_busy],
        "unsaved_answers": [i for r in done for i in r.unsaved],
        "profiles": app_side.profiles,
    }


def _steps(before: list[Timing], after: list[Timing], done: list[Round]) -> dict[str, list[Timing]]:
    """Every timed click, by step (the floor's before and after the rounds together)."""
    return {
        "floor_click": before + after,
        "answer_click_saved": [x for r in done for x in r.answers],
        "next_step_drawn": [x for r in done for x in r.nexts],
        "results_drawn": [x for r in done for x in r.results],
        "results_again_drawn": [x for r in done for x in r.results_again],
    }


def _p50_ms(values: list[float]) -> float | None:
    return round(percentile(values, 0.5) * 1000, 1) if values else None


ROWS = {
    "floor_click": "empty page click → drawn",
    "answer_click_saved": "answer click → saved",
    "next_step_drawn": "Next → next step drawn",
    "results_drawn": "See results → radar drawn",
    "results_again_drawn": "… again, chart code loaded",
}


def table(data: dict[str, Any]) -> str:
    """The compact table."""
    floor = data["floor_click"]["p50_ms"]
    lines = [
        "One person in headless Chromium, SQLite"
        + (", TCP_NODELAY hook" if data["config"]["tcp_nodelay"] else ""),
        f"{'':30s}{'n':>5s}{'p50 ms':>9s}{'p95 ms':>9s}{'max ms':>9s}{'p50/floor':>11s}"
        f"{'wire p50':>10s}{'server run':>12s}{'browser p50':>13s}{'messages':>10s}",
    ]
    for key, label in ROWS.items():
        row = data[key]
        lines.append(
            f"{label:30s}{row['n']:5d}{row['p50_ms']:9.1f}{row['p95_ms']:9.1f}"
            f"{row['max_ms']:9.1f}{row['p50_ms'] / floor:10.1f}×"
            f"{row['wire_p50_ms']:10.1f}{_cell(data['server_run_p50_ms'][key]):>12s}"
            f"{row['browser_p50_ms']:13.1f}{row['messages_p50']:10.0f}"
        )
    goals = data["goals"]
    lines += [
        f"floor p50 before {data['floor_before']['p50_ms']} ms, after "
        f"{data['floor_after']['p50_ms']} ms",
        f"goal answer click ≤ {GOAL_ANSWER_RATIO:.0f}× floor: "
        f"{'met' if goals['answer_click_le_2x_floor'] else 'MISSED'} "
        f"({data['ratios_p50']['answer_click_saved']}×); "
        f"goal results ≤ {GOAL_RESULTS_S:.0f} s (max): "
        f"{'met' if goals['results_le_1s'] else 'MISSED'}",
        f"answers not in the store after their click: {data['unsaved_answers'] or 'none'}",
    ]
    lines += _browser_work(data["results_browser_work"])
    for cause, text in data["profiles"].items():
        lines += ["", f"-- server profile: {cause} --", _head(text, 60)]
    return "\n".join(lines)


def _browser_work(work: list[dict[str, Any]]) -> list[str]:
    """A line per results step: the browser's long tasks and the biggest files it fetched."""
    lines = []
    for busy in work:
        files = ", ".join(
            f"{f['file']} {f['kb']} kB ({f['sent_kb']} kB sent) {f['ms']} ms"
            for f in busy["files"][:3]
        )
        lines.append(
            f"results step in the browser: {busy['long_tasks']} long tasks, "
            f"{busy['long_task_ms']} ms; biggest files: {files or 'none'}"
        )
    return lines


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _head(text: str, count: int) -> str:
    return "\n".join(text.splitlines()[:count])
