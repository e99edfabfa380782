"""Taiwan usage for zh-Hant: OpenCC's s2twp (phrases and vocabulary, not only characters),
with the project's terms kept, and a glossary of mainland-only terms that must not appear."""

from __future__ import annotations

import functools
import re

import opencc

__all__ = ["MAINLAND_ONLY", "PATTERN_FIXES", "mainland_terms", "to_taiwan"]

#: s2twp output → what Huigui writes. The essay's own terms stay 互聯網 (產業互聯網 is the
#: name of the idea, not "the internet"), 回歸 means "return" (迴歸 is regression), and
#: Chinese quotation marks become 「」 and 『』.
FIXES = {
    "產業網際網路": "產業互聯網",
    "消費網際網路": "消費互聯網",
    "迴歸": "回歸",
    "數字化": "數位化",
    "鏈接": "連結",
    "賬": "帳",
    "“": "「",
    "”": "」",
    "‘": "『",
    "’": "』",
    # a join code, not source code
    "程式碼": "代碼",
    "二維碼": " QR Code ",
    "掃碼": "掃描 QR Code ",
    # what a Taiwanese manager says where the mainland text has 比较确定 / 拿不准 (UX1 §7)
    "比較確定": "大致確定",
    "拿不準": "不確定",
    # the bank's zh-Hant says 構面 for a dimension (Taiwan's term in assessment frameworks), and
    # 紀錄 is the noun "record" (記錄 the verb): the UI says the same as the questions it shows
    "維度": "構面",
    "歷史記錄": "歷史紀錄",
    "自評記錄": "自評紀錄",
}

#: Words that are mainland usage only: in Taiwan they are (or mean) something else.
MAINLAND_ONLY = (
    "數據",
    "數字化",
    "質量",
    "信息",
    "接口",
    "項目",
    "運營",
    "軟件",
    "網絡",
    "服務器",
    "鏈接",
    "默認",
    "視頻",
    "用戶名",
    "登錄",
    "菜單",
    "二維碼",
    "程式碼",
    "文件夾",
    "屏幕",
    "硬件",
    "激活",
    "賬",
    # from the question bank's review: Taiwan says 通路, 追蹤, 即時, 文件, 列印, 當機; 拉新 and
    # 一事一議 are mainland idiom. (Words Taiwan also uses, or that turn up inside Taiwan
    # phrases, such as 合同 in 配合同事 or 營銷 in 經營銷售, are checked by the bank's tests only.)
    "渠道",
    "跟蹤",
    "實時",
    "文檔",
    "打印",
    "宕機",
    "拉新",
    "一事一議",
    # the industry list (UX1 §7): 行業統計分類 writes 燃氣, 機車, 社會安全, 污染整治 (the
    # role list's terms are in PATTERN_FIXES below)
    "煤氣",
    "摩托車",
    "社會保障",
    "補救活動",
    "“",
    "”",
)

#: Mainland terms that are also part of Taiwan words (第一線員工, 合作方式), as patterns:
#: pattern → what Huigui writes. to_taiwan writes the Taiwan word; mainland_terms finds them.
#: (The profile's role names, UX1 §7, are here with them.)
PATTERN_FIXES = {
    "高層管理者": "高階主管",
    "中層管理者": "中階主管",
    r"(?<!第)一線員工": "第一線人員",
    r"合作方(?![式案法面向])": "合作夥伴",
}


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2twp")


def to_taiwan(simplified: str) -> str:
    """zh-Hant in Taiwan usage for a zh-Hans text."""
    text = _converter().convert(simplified)
    for mainland, taiwan in FIXES.items():
        text = text.replace(mainland, taiwan)
    for pattern, taiwan in PATTERN_FIXES.items():
        text = re.sub(pattern, taiwan, text)
    # no space where the Latin words above meet punctuation or the text's edges
    return re.sub(r" +(?=[，。：；、！？」』）]|$)|^ +|(?<=[，。：；、！？「『（]) +", "", text)


def mainland_terms(text: str) -> list[str]:
    """The mainland-only terms found in a zh-Hant text."""
    found = [term for term in MAINLAND_ONLY if term in text]
    return found + [m.group(0) for p in PATTERN_FIXES if (m := re.search(p, text))]
