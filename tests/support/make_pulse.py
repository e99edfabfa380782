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

#: min_coverage of the pulse. The full bank uses 0.6. 2.0's pulse used 1.0 (both applicable items
#: answered), but then one "don't know" among eight answers left its dimension, and with it the
#: overall score, empty: in a five-minute check, often answered by one person who cannot know
#: every answer, that is the common case, not the exception. 0.5 scores a dimension on one of its
#: two answers; the results page says so ("Scored on 1 of 2 applicable questions") and names the
#: unanswered question and who would know, so a one-answer score is never hidden. The engine divides
#: by the applicable weight, so "not applicable" shrinks the denominator: if one pulse item of a
#: dimension is answered "not applicable", the other answer alone carries the dimension. D1 and
#: D2 each have a pulse item without `na_when`, which every firm in scope can answer; in D3 that
#: item is D3.2 (a drop-ship trader answers it for its order desk, and D3.8 "not applicable"); in
#: D4 the two items' `na_when` cannot both hold (D4.7's: goods taken from stock on the spot, so
#: orders can be lost; D4.11's: all output to the group or under fixed long-term contracts), so
#: "not applicable" never empties a pulse dimension.
#: Every pulse item names who to `ask`, so "don't know" can be resolved.
PULSE_MIN_COVERAGE = 0.5

#: Two items per dimension: more would break the 5 minutes, fewer would make every dimension a
#: single-answer score. Without response data this is a judgement; once answers exist, replace it
#: by the two items per dimension with the highest item-rest correlation. The choice keeps, in each
#: dimension, the item that asks the essay's own contrast most directly, plus the core practice of
#: the dimension, and gives every dimension one item that applies to every firm in scope:
#:   D1: D1.1 (how digital projects are judged: success proved by outside sign-ups and connected
#:       devices, the industrial form of the trap the essay warns of first, §0.3-§0.5) and D1.11
#:       (improving the firm's own operations year on year: the production and operations work
#:       §1.4 and §1.6 name as neglected). D1.11 applies to every firm; D1.1 is "not applicable"
#:       without digital projects. A partner question (D1.7) was tried in D1.1's place; it left
#:       the pulse's D1 without the trap the essay names first. 2.1 asked D1.9 (where growth
#:       comes from), retired in 2.2.
#:   D2: D2.3 (capturing operating data as the work happens: what the basic layer of §2.4-§2.5
#:       carries; a unit whose work is all at desks answers "not applicable") and D2.11 (orders
#:       and documents between firms: whether they pass without re-keying or a portal only gathers
#:       sign-ups, §2.1-§2.5 and the trap of §0.3-§0.5; it applies to every firm). 2.0 to 2.4
#:       asked D2.2 (linked business systems) beside D2.11, but both grade re-keying, inside the
#:       firm and between firms; 2.3 asked D2.12 (master data) in D2.11's place, and then the pulse
#:       asked nothing between firms, although links along the chain are the essay's core. D2.5
#:       overlaps D4.2.
#:   D3: D3.2 (acting on operating data within the hour and the shift, §3.4 in daily work) and D3.8
#:       (stock records that match the physical stock: the virtual record and the real goods
#:       meeting, the most literal reading of §3.1-§3.4). Since 2.3 D3.2 has no `na_when` (a firm
#:       without plant, warehouse, fleet or field service answers for its order desk), so every
#:       firm's pulse D3 is scored. 2.0 paired D3.2 with D3.8 when both could be "not applicable"
#:       for a drop-ship trader; 2.1 and 2.2 asked D3.7 in D3.8's place only because it was D3's
#:       one item without `na_when`; D3.7 was retired in 2.11.
#:   D4: D4.7 (delivery on the date asked, in full: the D4 practice every firm in scope has, goods
#:       or services, and the one the full bank's reviews rank most reliable) and D4.11 (orders
#:       lost, declined or cut for order size, lead time or variant, and the way of supplying
#:       changed for the largest reason: the unupgraded supply that §4.4 and §4.6 name as the gap
#:       that remains). Their `na_when` cannot both hold (D4.11's since 2.13, D4.7's since
#:       2.16). 2.7 asked D4.1 (excess stock and its trap) beside
#:       D4.11, and 2.0 to 2.6 D4.1 beside D4.7; reviews of 2.7 and 2.8 found D4.1 "not
#:       applicable" for service and logistics firms without stock of their own, and the pulse's
#:       four trap items of eight (a half, against five of 23 in the full bank) over-sampling the
#:       trap. 2.0 used D4.9 (demand data from customers), retired in 2.1 because §4.3-§4.4 say
#:       information is no longer the problem.
#: Three trap items (D1.1, D2.11, D3.2) since 2.8: D1.1's can hide a real level (the masking rule
#: in `scope`), D2.11's and D3.2's only mark a firm that would otherwise answer 0. D4's trap
#: (excess loaded onto dealers) is asked only in the full bank. A firm with traffic habits can
#: score lower on the pulse than on the full bank, and the results page names every trap answer
#: whichever bank was used.
PULSE_ITEMS = {
    "D1": ["D1.1", "D1.11"],
    "D2": ["D2.3", "D2.11"],
    "D3": ["D3.2", "D3.8"],
    "D4": ["D4.7", "D4.11"],
}

TITLE = {
    "zh-Hans": "回归速测：产业互联网成熟度",
    "zh-Hant": "回歸速測：產業互聯網成熟度",
    "en": "Huigui Pulse: Industrial Internet Maturity",
}
#: The number of pulse items with a trap level, as each language writes it in DESCRIPTION.
COUNT_WORDS = {
    "zh-Hans": ("零", "一", "两", "三", "四", "五", "六", "七", "八"),
    "zh-Hant": ("零", "一", "兩", "三", "四", "五", "六", "七", "八"),
    "en": ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"),
}
#: Filled in by :func:`pulse` with the full bank's ``version`` and the count of trap items, so
#: neither goes stale when the edition or the pick changes.
DESCRIPTION = {
    "zh-Hans": (
        "这是完整题库“回归：产业互联网成熟度自评”（{version}版，{items}题）的5分钟速测版："
        "每个维度取两题，题目原文照录，阶段划分相同。适合快速了解现状，"
        "或在两次完整评估之间追踪变化；每个维度只有两题，得分远不如完整版精确，"
        "给出的行动建议也不完整；同一维度两题中答了一题即可计分（结果页会显示覆盖率，并列出未答的题和可以请教的人），"
        "改变一个答案也可能改变阶段。其中{traps}题在各级之后另有一个答案，描述按流量的老路去做："
        "它与“还没有”同样计0分，并会给出提醒；本速测不评判联网设备、加入或自建平台、接待参观本身是否明智。与完整版一样，不涉及网络安全、销售渠道策略（含线上销售）、环境与能源表现、"
        "财务与融资、数字化战略文件与领导风格、员工技能与培训、IT运维、产品研发工具，"
        "以及本题库所问做法以外的一般管理水平。"
    ),
    "zh-Hant": (
        "這是完整題庫「回歸：產業互聯網成熟度自評」（{version}版，{items}題）的5分鐘速測版："
        "每個構面取兩題，題目原文照錄，階段劃分相同。適合快速了解現況，"
        "或在兩次完整評估之間追蹤變化；每個構面只有兩題，分數遠不如完整版精確，"
        "提供的行動建議也不完整；同一構面兩題中答了一題即可計分（結果頁會顯示覆蓋率，並列出未答的題和可以請教的人），"
        "改變一個答案也可能改變階段。其中{traps}題在各等級之後另有一個答案，描述照流量的老路去做："
        "它與「還沒有」同樣計0分，並會顯示提醒；本速測不評判設備連網、加入或自建平台、接待參訪本身是否明智。與完整版一樣，不涉及資訊安全、銷售通路策略（含線上銷售）、環境與能源表現、"
        "財務與融資、數位化策略文件與領導風格、員工技能與訓練、資訊系統維運、產品研發工具，"
        "以及本題庫所問做法以外的一般管理水準。"
    ),
    "en": (
        "The 5-minute pulse of the full Huigui bank (Industrial Internet Maturity Self-Assessment,"
        " version {version}, {items} questions): two questions per dimension, word for word,"
        " with the same stages. Use it for a quick reading,"
        " or to follow change between full assessments;"
        " with two questions per dimension its scores are much less precise than the full bank's"
        " and its action plan is incomplete;"
        " one answer of a dimension's two is enough to score it (the results show its coverage"
        " and name the unanswered question and who would know), and one changed answer can"
        " change a stage."
        " {traps} questions each have an answer after the levels that describes the traffic way:"
        " it scores 0, like 'not yet', and is flagged;"
        " the pulse does not judge whether connecting devices, running or joining a platform"
        " or showing visitors round is wise as such."
        " Like the full bank it leaves out cybersecurity, sales-channel strategy (online selling"
        " included), environmental and energy performance,"
        " finance and funding, digital strategy documents and leadership style,"
        " staff skills and training, IT operations and support, product-development tools,"
        " and general management quality beyond the practices asked."
    ),
}

FIRST_LINE = (
    "# Huigui (回归 / 回歸) PULSE bank, version {version}:"
    " the 5-minute pulse of industrial-internet.yaml.\n"
)
HEADER = """\
#
# GENERATED from industrial-internet.yaml by `python -m tests.support.make_pulse` (run from the
# checkout root): do not edit by hand; edit the full bank and rerun the command. It writes these
# comments too. tests/test_bank_edition.py fails when this file is not what the command writes.
# Same languages, scope, stages and dimensions (ids, names, descriptions) as the full bank, but
# min_coverage 0.5 instead of 0.6 (below); two items per dimension copied verbatim (same ids and
# content), so a pulse answer can be compared with the same item in a full assessment. The design
# notes (levels, effort scale, trap_levels, stage cut-points) are in the full bank's header; why
# these items were chosen is in tests/support/make_pulse.py and docs/bank-2.0.md.
# Pulse items: {items}.
#
# min_coverage 0.5 (the full bank has 0.6): with two items per dimension, one answer with a
# level scores the dimension, and the results show its coverage; 1.0 (edition 2.0) let one
# "don't know" empty a dimension and the overall score. "Not applicable" shrinks the
# denominator. D1.11, D2.11 and D3.2 have no `na_when`, and D4.7's and D4.11's cannot both hold
# (goods taken from stock on the spot; all output under fixed contracts), so "not applicable"
# alone never leaves a firm without a pulse score.
# Pulse items are verbatim copies, so their rationales may point to items of the full bank that
# the pulse does not ask.
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


def _description(full: dict[str, Any]) -> dict[str, str]:
    """:data:`DESCRIPTION` for this full bank: its version and number of items, and how many picked
    items have a trap level."""
    by_id = {item["id"]: item for dim in full["dimensions"] for item in dim["items"]}
    traps = sum(1 for ids in PULSE_ITEMS.values() for i in ids if by_id[i].get("trap_levels"))
    return {
        lang: text.format(version=full["version"], items=len(by_id), traps=COUNT_WORDS[lang][traps])
        for lang, text in DESCRIPTION.items()
    }


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
        "description": _description(full),
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
    full = yaml.safe_load(full_text)
    items = ", ".join(i for ids in PULSE_ITEMS.values() for i in ids)
    body = yaml.dump(
        pulse(full),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        indent=2,
    )
    return (FIRST_LINE + HEADER).format(items=items, version=full["version"]) + body


def main() -> None:
    """Write the pulse file next to the full bank."""
    PULSE.write_text(render(FULL.read_text("utf-8")), encoding="utf-8")
    print(f"wrote {PULSE}")


if __name__ == "__main__":
    main()
