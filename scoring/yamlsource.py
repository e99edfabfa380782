"""Read a YAML file safely and remember where every key and value stands.

Only PyYAML's safe loader is used (its C implementation ``CSafeLoader`` when PyYAML was
built with libyaml, which composes the same nodes with the same marks about ten times
faster), for composing the node tree as well as for building Python objects from it, so
``!!python/…`` tags are refused. Before anything is built the node graph is measured:
files over 5 MB, recursive aliases and alias "billion laughs" bombs are refused without
expanding them.

YAML 1.1 reads an unquoted ``no``, ``yes``, ``on``, ``1.0`` or ``2024-01-01`` as a boolean,
number or date. Where the caller says a value is text (``text_at``), such a plain scalar is
read as the characters the author typed, as YAML 1.2's core schema would for a string field.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import BankSyntaxError, Problem

__all__ = ["MAX_BYTES", "MAX_NODES", "Located", "Position", "parse_yaml", "read_yaml"]

MAX_BYTES = 5 * 1024 * 1024
#: Nodes the document may stand for once every alias is expanded.
MAX_NODES = 200_000

Loc = tuple[str | int, ...]
#: PyYAML's safe loader, in C when available (same nodes, same marks, ~10× faster).
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Position:
    """1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True)
class Located:
    """A parsed document and, per key path, where its key and its value start."""

    path: str
    data: Any
    keys: dict[Loc, Position]
    values: dict[Loc, Position]

    def key_position(self, loc: Loc) -> Position:
        """Where the key at ``loc`` (or its nearest known ancestor) starts."""
        return _nearest(self.keys, loc)

    def value_position(self, loc: Loc) -> Position:
        """Where the value at ``loc`` (or its nearest known ancestor) starts."""
        return _nearest(self.values, loc)


def _nearest(table: dict[Loc, Position], loc: Loc) -> Position:
    for end in range(len(loc), -1, -1):
        if loc[:end] in table:
            return table[loc[:end]]
    return Position(1, 1)


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _never(loc: Loc) -> bool:
    return False


def read_yaml(path: str | os.PathLike[str], text_at: Callable[[Loc], bool] = _never) -> Located:
    """Parse ``path`` into data with positions.

    Args:
        path: the YAML file.
        text_at: whether the value at a key path is text; an unquoted scalar there that
            YAML 1.1 would read as a boolean, number or date is kept as typed.

    Raises:
        BankSyntaxError: too large, not UTF-8, not YAML, an unsafe tag or an alias bomb.
    """
    name = str(path)
    return parse_yaml(_read_bytes(Path(path), name), name, text_at)


def parse_yaml(raw: bytes, name: str, text_at: Callable[[Loc], bool] = _never) -> Located:
    """Like :func:`read_yaml` for content already in memory (an upload, a stored version);
    ``name`` is what problems are reported against."""
    if len(raw) > MAX_BYTES:
        raise BankSyntaxError(
            [Problem(name, 0, 0, f"file is {len(raw):,} bytes; banks are limited to {MAX_BYTES:,}")]
        )
    text = _decode(raw, name)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise BankSyntaxError([_marked_problem(name, exc)]) from None
    except yaml.YAMLError as exc:
        raise BankSyntaxError([Problem(name, 0, 0, f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise BankSyntaxError([Problem(name, 0, 0, "nested too deeply to be a bank")]) from None
    if root is None:
        raise BankSyntaxError([Problem(name, 0, 0, "the file is empty")])
    _check_graph(name, root)
    keys: dict[Loc, Position] = {}
    values: dict[Loc, Position] = {(): _position(root.start_mark)}
    problems: list[Problem] = []
    _index(name, root, (), keys, values, problems, text_at)
    if problems:
        raise BankSyntaxError(problems)
    loader = SafeLoader("")
    try:
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise BankSyntaxError([_marked_problem(name, exc)]) from None
    finally:
        loader.dispose()
    return Located(name, data, keys, values)


def _compose(text: str) -> yaml.Node | None:
    """The node tree; a syntax error is re-read by the pure-Python parser, whose messages
    ("expected <block end> …") are the ones the bank format documents."""
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError:
        if SafeLoader is yaml.SafeLoader:
            raise
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BankSyntaxError(
                [Problem(name, 0, 0, f"file is {size:,} bytes; banks are limited to {MAX_BYTES:,}")]
            )
        return path.read_bytes()
    except OSError as exc:
        raise BankSyntaxError([Problem(name, 0, 0, f"cannot read: {exc.strerror}")]) from None


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise BankSyntaxError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None


def _marked_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = str(exc.problem or exc.context)
    if exc.problem and exc.context:
        where = f" started at line {exc.context_mark.line + 1}" if exc.context_mark else ""
        message += f" ({exc.context}{where})"
    if "python/" in message or "could not determine a constructor" in message:
        message = f"refused YAML tag: {exc.problem}; banks may only use plain YAML data"
    if mark is None:
        return Problem(name, 0, 0, message)
    pos = _position(mark)
    return Problem(name, pos.line, pos.column, message)


def _check_graph(name: str, root: yaml.Node) -> None:
    """Refuse recursive aliases and documents that expand past ``MAX_NODES``."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in on_path:
            pos = _position(node.start_mark)
            raise BankSyntaxError([Problem(name, pos.line, pos.column, "recursive alias refused")])
        on_path.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        on_path.discard(key)
        if total > MAX_NODES:
            pos = _position(node.start_mark)
            raise BankSyntaxError(
                [
                    Problem(
                        name,
                        pos.line,
                        pos.column,
                        f"aliases expand to more than {MAX_NODES:,} values; refused (alias bomb?)",
                    )
                ]
            )
        sizes[key] = total
        return total

    size(root)


def _index(
    name: str,
    node: yaml.Node,
    loc: Loc,
    keys: dict[Loc, Position],
    values: dict[Loc, Position],
    problems: list[Problem],
    text_at: Callable[[Loc], bool],
) -> None:
    """Record positions of every key and value below ``node``; flag duplicate keys; keep
    plain scalars where text is expected as typed."""
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.tag not in (_STR, _NULL) and text_at(loc):
            node.tag = _STR
    elif isinstance(node, yaml.SequenceNode):
        for k, child in enumerate(node.value):
            keys[(*loc, k)] = values[(*loc, k)] = _position(child.start_mark)
            _index(name, child, (*loc, k), keys, values, problems, text_at)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            child_loc = (*loc, key_node.value)
            if child_loc in keys:
                pos = _position(key_node.start_mark)
                first = keys[child_loc]
                problems.append(
                    Problem(
                        name,
                        pos.line,
                        pos.column,
                        f"duplicate key {key_node.value!r} (first at line {first.line})",
                    )
                )
                continue
            keys[child_loc] = _position(key_node.start_mark)
            values[child_loc] = _position(value_node.start_mark)
            _index(name, value_node, child_loc, keys, values, problems, text_at)
