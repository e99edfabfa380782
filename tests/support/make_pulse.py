"""Generate questions/industrial-internet-pulse.yaml from questions/industrial-internet.yaml.

The pulse is the 5-minute version of the full bank: the same stages and dimensions, and two
items per dimension copied verbatim (same ids, same content), so that the two banks cannot
drift apart. Rerun after every change to the full bank, from the checkout root:

    python -m tests.support.make_pulse

``tests/test_bank_edition.py`` fails when the committed pulse is not what this script writes.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

__all__ = ["FULL", "PULSE", "PULSE_ITEMS", "PULSE_MIN_COVERAGE", "main", "pulse", "render"]

QUESTIONS = Path(__file__).resolve().parents[2] / "questions"
FULL = QUESTIONS / "industrial-internet.yaml"
PULSE = QUESTIONS / "industrial-internet-pulse.yaml"

#: min_coverage of the pulse. The full bank uses 0.6. With two items per dimension 0.6 (or 0.5)
#: would let one answer, out of five possible values, carry a dimension score and its stage; 1.0
#: scores a dimension only when both APPLICABLE items are answered with a level. The engine divides
#: by the applicable weight, so "not applicable" shrinks the denominator: if one pulse item of a
#: dimension is answered "not applicable", the other answer alone carries the dimension. Two pulse
#: items have `na_when`, for firms where they cannot apply: D3.8 (no stock held) and D4.9 (sales
#: only to consumers, directly); such a firm's D3 or D4 rests on D3.2 or D4.7 alone, which the
#: description says. Every pulse item names who to `ask`, so "don't know" can be resolved.
PULSE_MIN_COVERAGE = 1.0

#: Two items per dimension: more would break the 5 minutes, fewer would make min_coverage 1.0 a
#: single-answer score. Without response data this is a judgement; once answers exist, replace it
#: by the two items per dimension with the highest item-rest correlation. The choice keeps, in each
#: dimension, the item that asks the essay's own contrast most directly, plus the core practice of
#: the dimension, and avoids items that look back further than the 12-month scope (a pulse follows
#: change between full assessments):
#:   D1: D1.1 (how projects are judged: success measured in sign-ups and connected devices, the
#:       industrial form of the trap the essay warns of first, §0.3-§0.5) and D1.9 (where growth
#:       comes from: bought or lasting, §1.5, the core of the dimension). An earlier pair, D1.1 +
#:       D1.8, was two trap items about digital-project governance: it left out what D1 is about
#:       (growth driven by industry), and a firm without digital projects got D1 = 0 twice over.
#:   D2: D2.2 (linked business systems: the infrastructure core inside the firm, §2.5) and D2.11
#:       (the internet between firms: only matchmaking, the trap, or infrastructure that carries the
#:       work, §2.1-§2.5). D2.5 overlaps D3.2.
#:   D3: D3.2 (acting on operating data within the hour and the shift, §3.4 in daily work) and D3.8
#:       (stock records that match the goods: the plainest test of real and virtual kept together).
#:       D3.5 looks back 24 months, past the 12-month scope; D3.9, the D3 trap, does not apply to
#:       firms without both online selling and dealers.
#:   D4: D4.9 (demand data from customers: how far demand reaches supply across the firm's
#:       boundary, §4.4-§4.6) and D4.7 (delivery measured against what customers asked for, §4.6).
#:       An earlier pair, D4.2 + D4.7, was internal only; "reconnecting" supply and demand crosses
#:       the firm's boundary, which D4.9 asks and D4.2 does not. D4.1 (trap) and D4.8 can be not
#:       applicable; D4.10 (lead times) is new and unproven.
#: Two trap items (D1.1, D2.11): the industrial form of the trap in D1, the matchmaking form in D2.
PULSE_ITEMS = {
    "D1": ["D1.1", "D1.9"],
    "D2": ["D2.2", "D2.11"],
    "D3": ["D3.2", "D3.8"],
    "D4": ["D4.9", "D4.7"],
}

TITLE = {
    "zh-Hans": "回归速测：产业互联网成熟度",
    "zh-Hant": "回歸速測：產業互聯網成熟度",
    "en": "Huigui Pulse: Industrial Internet Maturity",
}
DESCRIPTION = {
    "zh-Hans": (
        "这是完整题库“回归：产业互联网成熟度自评”（2.0版，24题）的5分钟速测版："
        "每个维度取两题，题目原文照录，阶段划分相同。适合快速了解现状，"
        "或在两次完整评估之间追踪变化；每个维度只有两题，得分远不如完整版精确，"
        "给出的行动建议也不完整；同一维度的两题都须作答（或不适用）才会计分；若一题不适用，"
        "该维度只凭另一题计分。本题库不评判线上销售、申请补贴或加入平台本身是否明智，"
        "只提醒按流量老路去做的情形。与完整版一样，不涉及网络安全、环境与能源表现、"
        "财务与融资、数字化战略文件与领导风格、员工技能与培训、IT运维、产品研发工具，"
        "以及一般管理水平。"
    ),
    "zh-Hant": (
        "這是完整題庫「回歸：產業互聯網成熟度自評」（2.0版，24題）的5分鐘速測版："
        "每個構面取兩題，題目原文照錄，階段劃分相同。適合快速了解現況，"
        "或在兩次完整評估之間追蹤變化；每個構面只有兩題，分數遠不如完整版精確，"
        "提供的行動建議也不完整；同一構面的兩題都須作答（或不適用）才會計分；若一題不適用，"
        "該構面只憑另一題計分。本題庫不評判線上銷售、申請補助或加入平台本身是否明智，"
        "只提醒照流量老路去做的情形。與完整版一樣，不涉及資訊安全、環境與能源表現、"
        "財務與融資、數位化策略文件與領導風格、員工技能與訓練、資訊系統維運、產品研發工具，"
        "以及一般管理水準。"
    ),
    "en": (
        "The 5-minute pulse of the full Huigui bank (Industrial Internet Maturity Self-Assessment,"
        " version 2.0, 24 questions): two questions per dimension, word for word,"
        " with the same stages. Use it for a quick reading,"
        " or to follow change between full assessments;"
        " with two questions per dimension its scores are much less precise than the full bank's"
        " and its action plan is incomplete;"
        " a dimension is scored only when both its questions are answered (or not applicable);"
        " if one is not applicable, the other alone carries the dimension."
        " The bank does not judge whether selling online,"
        " applying for subsidies or joining platforms is wise;"
        " it flags only doing them the traffic way."
        " Like the full bank it leaves out cybersecurity, environmental and energy performance,"
        " finance and funding, digital strategy documents and leadership style,"
        " staff skills and training, IT operations and support, product-development tools,"
        " and general management quality."
    ),
}

HEADER = """\
# Huigui (回归 / 回歸) PULSE bank, version 2.0: the 5-minute pulse of industrial-internet.yaml.
#
# GENERATED from industrial-internet.yaml by `python -m tests.support.make_pulse` (run from the
# checkout root): do not edit by hand; edit the full bank and rerun the command. It writes these
# comments too. tests/test_bank_edition.py fails when this file is not what the command writes.
# Same languages, scope, stages and dimensions (ids, names, descriptions) as the full bank, but
# min_coverage 1.0 instead of 0.6 (below); two items per dimension copied verbatim (same ids and
# content), so a pulse answer can be compared with the same item in a full assessment. The design
# notes (levels, effort scale, trap_levels, stage cut-points) are in the full bank's header; why
# these items were chosen is in tests/support/make_pulse.py and docs/bank-2.0.md.
# Pulse items: {items}.
#
# min_coverage 1.0 (the full bank has 0.6): with two items per dimension, a dimension is scored
# only when both applicable items are answered with a level. "Not applicable" shrinks the
# denominator, so if one item of a dimension is answered "not applicable" the other answer alone
# carries the dimension. Two pulse items have `na_when`: D3.8 (a firm that holds no stock) and
# D4.9 (a firm that sells only to consumers, directly); for such a firm D3.2 or D4.7 alone
# carries the dimension, as the description says. Pulse items are verbatim copies, so their
# rationales may point to items of the full bank that the pulse does not ask.
#
"""


class _Dumper(yaml.SafeDumper):
    """Block style, with paragraph ids quoted and short lists of numbers or ids on one line."""


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if re.fullmatch(r"§\d+\.\d+", data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    flow = bool(data) and all(
        isinstance(x, int) or (isinstance(x, str) and x.startswith("§")) for x in data
    )
    if data and all(isinstance(x, str) and not x.startswith("§") for x in data):
        flow = len(data) <= 3 and all(len(x) < 10 for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def pulse(full: dict[str, Any]) -> dict[str, Any]:
    """The pulse bank built from the parsed full bank.

    Raises:
        ValueError: the full bank's dimensions are not those :data:`PULSE_ITEMS` picks from.
    """
    if [d["id"] for d in full["dimensions"]] != list(PULSE_ITEMS):
        raise ValueError(f"the full bank's dimensions are not {list(PULSE_ITEMS)}")
    out: dict[str, Any] = {
        "id": "industrial-internet-pulse",
        "version": full["version"],
        "languages": list(full["languages"]),
        "title": TITLE,
        "description": DESCRIPTION,
        "scope": copy.deepcopy(full["scope"]),
        "min_coverage": PULSE_MIN_COVERAGE,
        "stages": copy.deepcopy(full["stages"]),
        "dimensions": [],
    }
    for dim in full["dimensions"]:
        by_id = {item["id"]: item for item in dim["items"]}
        out["dimensions"].append(
            {
                "id": dim["id"],
                "name": copy.deepcopy(dim["name"]),
                "description": copy.deepcopy(dim["description"]),
                "items": [copy.deepcopy(by_id[i]) for i in PULSE_ITEMS[dim["id"]]],
            }
        )
    return out


def render(full_text: str) -> str:
    """The text of the pulse file for the text of the full bank's file."""
    items = ", ".join(i for ids in PULSE_ITEMS.values() for i in ids)
    body = yaml.dump(
        pulse(yaml.safe_load(full_text)),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        indent=2,
    )
    return HEADER.format(items=items) + body


def main() -> None:
    """Write the pulse file next to the full bank."""
    PULSE.write_text(render(FULL.read_text("utf-8")), encoding="utf-8")
    print(f"wrote {PULSE}")


if __name__ == "__main__":
    main()
