"""A bank as YAML for people: block style, keys in the bundled bank's order, texts as typed.

Long texts are plain scalars folded at 100 columns, texts with line breaks literal blocks
(``|``), and a string YAML 1.1 would read as something else (``"1.10"``, ``"yes"``,
``"2024-01-01"``), or YAML 1.2 would (``"1e5"``), is double-quoted. The result is read back
before it is returned; should PyYAML have written a text wrongly in those styles, every
string is double-quoted instead, so what is written loads as the very bank it came from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from scoring import Bank

from .errors import WorkbookError
from .layout import key_order, text_fields

__all__ = ["bank_yaml"]

_STR = "tag:yaml.org,2002:str"
#: Plain scalars YAML 1.2 reads as numbers where YAML 1.1 (PyYAML) reads strings.
_YAML12_TYPED = re.compile(r"[-+]?(\.\d+|\d+\.?\d*)([eE][-+]?\d+)?|0o[0-7]+|[-+]?\.inf|\.nan", re.I)
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")
_CHILD_KIND = {"stages": "stage", "dimensions": "dimension", "items": "item"}


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper with the styles above."""

    literal_blocks = True


def _represent_str(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    style = None
    if not dumper.literal_blocks or _UNICODE_BREAKS.intersection(text):
        style = '"'  # PyYAML folds these breaks wrongly in every other style
    elif "\n" in text:
        style = "|"
    elif _resolved(dumper, text) != _STR or _YAML12_TYPED.fullmatch(text):
        style = '"'
    return dumper.represent_scalar(_STR, text, style=style)


def _resolved(dumper: _Dumper, text: str) -> str:
    """The tag YAML 1.1 gives ``text`` written plain (``1.10``: a float)."""
    tag: str = dumper.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _represent_float(dumper: _Dumper, value: float) -> yaml.ScalarNode:
    if value.is_integer() and abs(value) < 2**53:
        return dumper.represent_int(int(value))  # `weight: 2` reads as 2.0 all the same
    return dumper.represent_float(value)


class _QuotingDumper(_Dumper):
    """The fallback: every string double-quoted, with escapes."""

    literal_blocks = False


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(float, _represent_float)


def bank_yaml(bank: Bank, source: str | None = None) -> str:
    """``bank`` as a YAML bank file (the fields it sets, none that it leaves out).

    Args:
        bank: the bank.
        source: the file it was read from, named in the first comment line.

    Raises:
        WorkbookError: no style PyYAML writes reads back as the same bank (a PyYAML flaw;
            never seen, but checked rather than written wrong).
    """
    expected = bank.model_dump(exclude_unset=True)
    data = _ordered("bank", expected, bank.languages)
    header = f"# Question bank {_printable(bank.id)} {_printable(bank.version)}".rstrip()
    name = _printable(Path(source).name) if source else ""
    header += f", imported from {name} by `huigui bank import`.\n" if name else ".\n"
    for dumper in (_Dumper, _QuotingDumper):
        body = yaml.dump(
            data,
            Dumper=dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=100,
        )
        if _reads_as(body, expected):
            return header + body
    raise WorkbookError(source or bank.id, ["cannot be written as YAML exactly; please report it"])


def _printable(text: str) -> str:
    """``text`` for a comment line: left out when it would break or garble the line."""
    return text if text.isprintable() and len(text) <= 80 else ""


def _reads_as(body: str, expected: dict[str, Any]) -> bool:
    try:
        again = Bank.from_data(yaml.safe_load(body))
    except ValueError:
        return False
    return again.model_dump(exclude_unset=True) == expected


def _ordered(kind: str, fields: dict[str, Any], languages: list[str]) -> dict[str, Any]:
    """``fields`` with keys in bank-file order, texts in the order of ``languages``."""
    texts = set(text_fields(kind))
    out: dict[str, Any] = {}
    for key in key_order(kind):
        if key not in fields:
            continue
        value = fields[key]
        if key in _CHILD_KIND:
            value = [_ordered(_CHILD_KIND[key], child, languages) for child in value]
        elif key in texts and isinstance(value, list):
            value = [_in_order(text, languages) for text in value]
        elif key in texts:
            value = _in_order(value, languages)
        out[key] = value
    return out


def _in_order(text: dict[str, str] | None, languages: list[str]) -> dict[str, str] | None:
    if text is None:
        return None
    return {lang: text[lang] for lang in languages if lang in text} | text
