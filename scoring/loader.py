"""Load a bank file and say exactly what is wrong with it.

Checking runs in two passes that both report every problem they find:
the structure (keys, types, ranges, texts per language) through pydantic, and the rules
across entries (unique ids, ascending stages, ``next_step`` length, paragraph ids) over
the raw data, so that both kinds are listed even when the other fails.
"""

from __future__ import annotations

import difflib
import itertools
import os
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from .bank import (
    MAX_ITEMS_PER_DIMENSION,
    RESERVED_NAMES,
    RESULT_FIELDS,
    Bank,
    Dimension,
    Item,
    Stage,
    declared_languages,
)
from .errors import BankError, BankSchemaError, Problem
from .essay import essay_index
from .yamlsource import Located, Position, parse_yaml, read_yaml

__all__ = [
    "check_bank_bytes",
    "check_bank_file",
    "is_text",
    "load_bank",
    "load_bank_bytes",
    "reserved_reason",
    "rule_findings",
    "structure_findings",
]

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str, bool]  # (where, message, point at the key rather than the value)


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Read, check and build the bank at ``path``.

    Raises:
        BankSyntaxError: the file cannot be read as safe YAML.
        BankSchemaError: it is YAML but not a valid bank; every problem is listed.
    """
    return _build(read_yaml(path, is_text))


def load_bank_bytes(raw: bytes, name: str) -> Bank:
    """Like :func:`load_bank` for a bank already in memory (an upload); problems name
    ``name`` with line and column."""
    return _build(parse_yaml(raw, name, is_text))


def _build(located: Located) -> Bank:
    problems: list[Problem] = []
    bank: Bank | None = None
    try:
        bank = Bank.from_data(located.data)
    except ValidationError as exc:
        problems += [_problem(located, *f) for f in structure_findings(exc)]
    problems += [_problem(located, *f) for f in rule_findings(located.data)]
    if problems or bank is None:
        raise BankSchemaError(problems)
    return bank


#: Keys whose value is a language map ({en: …, zh-Hans: …}), and keys holding a list of them.
TEXT_KEYS = frozenset(
    {"title", "description", "scope", "name", "prompt", "evidence", "ask", "na_when", "rationale"}
)
TEXT_LIST_KEYS = frozenset({"levels", "next_step"})
#: Keys whose value is a plain string however it looks (``version: 1.10`` is "1.10").
STRING_KEYS = frozenset({"id", "version"})


def is_text(loc: Loc) -> bool:
    """Whether the bank format expects text at ``loc`` (so ``en: no`` means the word "no")."""
    if len(loc) >= 1 and loc[-1] in STRING_KEYS:
        return True
    if len(loc) >= 2 and isinstance(loc[-1], str) and loc[-2] in TEXT_KEYS:
        return True
    return (
        len(loc) >= 3
        and isinstance(loc[-1], str)
        and isinstance(loc[-2], int)
        and loc[-3] in TEXT_LIST_KEYS
    )


def check_bank_file(path: str | os.PathLike[str]) -> tuple[Bank | None, list[Problem]]:
    """Like :func:`load_bank` but returns the problems instead of raising."""
    try:
        return load_bank(path), []
    except BankError as exc:
        return None, list(exc.problems)


def check_bank_bytes(raw: bytes, name: str) -> tuple[Bank | None, list[Problem]]:
    """Like :func:`load_bank_bytes` but returns the problems instead of raising."""
    try:
        return load_bank_bytes(raw, name), []
    except BankError as exc:
        return None, list(exc.problems)


def _problem(located: Located, loc: Loc, message: str, at_key: bool) -> Problem:
    pos: Position = located.key_position(loc) if at_key else located.value_position(loc)
    where = _dotted(loc)
    text = f"{where}: {message}" if where else message
    return Problem(located.path, pos.line, pos.column, text)


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _known_keys(loc: Loc) -> list[str]:
    """The keys the format allows at the mapping ``loc`` points into."""
    names = [p for p in loc if isinstance(p, str)]
    model: type[Bank | Dimension | Item | Stage] = Bank
    if names[:1] == ["stages"]:
        model = Stage
    elif names[:2] == ["dimensions", "items"]:
        model = Item
    elif names[:1] == ["dimensions"]:
        model = Dimension
    return list(model.model_fields)


def structure_findings(exc: ValidationError) -> Iterator[Finding]:
    """Each structural problem pydantic found: where, what, and whether to point at the key
    (shared by YAML files and bank workbooks, so both follow one set of rules)."""
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            known = _known_keys(loc[:-1])
            guess = difflib.get_close_matches(key, known, n=1)
            hint = (
                f"; did you mean {guess[0]!r}?"
                if guess
                else f"; expected one of {', '.join(known)}"
            )
            yield loc, f"unknown key {key!r}{hint}", True
        elif kind == "missing":
            yield loc[:-1], f"missing required key {loc[-1]!r}", True
        elif kind == "string_type" and loc and loc[-1] == "version":
            yield loc, 'must be a quoted string such as "1.0"', False
        else:
            got = err.get("input")
            shown = "" if isinstance(got, dict | list) else f" (got {got!r})"
            yield loc, f"{err['msg']}{shown}", False


def _entries(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(k, e) for k, e in enumerate(value) if isinstance(e, dict)]


def rule_findings(data: Any) -> Iterator[Finding]:
    """Each rule across entries that ``data`` breaks (unique ids, ascending stages, list
    lengths, paragraph ids), on the raw data."""
    yield from _duplicate_ids(_entries(data, "stages"), ("stages",), "stage")
    yield from _stage_order(_entries(data, "stages"))
    dims = _entries(data, "dimensions")
    yield from _duplicate_ids(dims, ("dimensions",), "dimension")
    items = [
        ((("dimensions", d, "items", i)), item)
        for d, dim in dims
        for i, item in _entries(dim, "items")
    ]
    for d, dim in dims:
        count = len(dim.get("items") or [])
        if count > MAX_ITEMS_PER_DIMENSION:
            yield (
                (("dimensions", d, "items")),
                f"{count:,} items; a dimension may hold at most {MAX_ITEMS_PER_DIMENSION:,}",
                True,
            )
    seen: dict[str, Loc] = {}
    for loc, item in items:
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id in seen:
                yield (
                    (*loc, "id"),
                    f"duplicate item id {item_id!r} (also {_dotted(seen[item_id])})",
                    False,
                )
            else:
                seen[item_id] = loc
        yield from _item_rules(loc, item)
    yield from _reserved_ids(dims, items, seen)
    langs = declared_languages(data)
    if langs is not None and len(langs) != len(data["languages"]):
        yield ("languages",), "a language is listed twice", False


def _reserved_ids(
    dims: list[tuple[int, dict[str, Any]]],
    items: Sequence[tuple[Loc, dict[str, Any]]],
    item_ids: dict[str, Loc],
) -> Iterator[Finding]:
    """Ids become column names and JSON keys of every output: refuse those that would
    collide with another output name."""
    entries: list[tuple[Loc, Any, str]] = [
        (("dimensions", d, "id"), dim.get("id"), "dimension") for d, dim in dims
    ]
    entries += [((*loc, "id"), item.get("id"), "item") for loc, item in items]
    for loc, ident, what in entries:
        if not isinstance(ident, str):
            continue
        reason = reserved_reason(ident)
        if reason:
            yield loc, f"{what} id {ident!r} {reason}", False
        elif what == "dimension" and ident in item_ids:
            yield (
                loc,
                f"dimension id {ident!r} is also an item id "
                f"({_dotted(item_ids[ident])}); results would mix them up",
                False,
            )


def reserved_reason(ident: str) -> str | None:
    """Why ``ident`` cannot name an item or dimension (None when it can)."""
    if ident.casefold() in RESERVED_NAMES:
        return "is reserved for a column of the responses or results files"
    field = ident.rsplit(".", 1)[-1] if "." in ident else None
    if field is not None and field.casefold() in RESULT_FIELDS:
        return f"ends in '.{field}', which results files use for a dimension's {field} column"
    return None


def _duplicate_ids(
    entries: list[tuple[int, dict[str, Any]]], where: Loc, what: str
) -> Iterator[Finding]:
    seen: dict[object, int] = {}
    for k, entry in entries:
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            yield (
                (*where, k, "id"),
                f"duplicate {what} id {ident!r} (also {where[-1]}[{seen[ident]}])",
                False,
            )
        else:
            seen[ident] = k


def _stage_order(stages: list[tuple[int, dict[str, Any]]]) -> Iterator[Finding]:
    mins: list[tuple[int, float]] = [
        (k, s["min"]) for k, s in stages if isinstance(s.get("min"), int | float)
    ]
    if mins and mins[0][0] == 0 and mins[0][1] != 0:
        yield ("stages", 0, "min"), f"the first stage must start at 0 (got {mins[0][1]})", False
    for (_, before), (k, after) in itertools.pairwise(mins):
        if not after > before:
            yield (
                ("stages", k, "min"),
                f"stage minimums must rise strictly ({after} after {before})",
                False,
            )


def _item_rules(loc: Loc, item: dict[str, Any]) -> Iterator[Finding]:
    levels = item.get("levels")
    if isinstance(levels, list):
        for key in ("next_step", "effort"):
            steps = item.get(key)
            if isinstance(steps, list) and len(steps) != len(levels) - 1:
                yield (
                    (*loc, key),
                    f"needs {len(levels) - 1} entries, one per level but the "
                    f"last (has {len(steps)})",
                    True,
                )
        traps = item.get("trap_levels")
        if isinstance(traps, list):
            for k, level in enumerate(traps):
                if isinstance(level, int) and not 0 <= level < len(levels):
                    yield (
                        (*loc, "trap_levels", k),
                        f"level {level} does not exist (levels are 0..{len(levels) - 1})",
                        False,
                    )
    sources = item.get("source")
    if isinstance(sources, list):
        index = essay_index()
        for k, ident in enumerate(sources):
            if isinstance(ident, str) and ident.startswith("§") and ident not in index:
                yield (*loc, "source", k), f"no essay paragraph {ident}", False
