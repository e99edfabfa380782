"""``huigui score`` output: CSV columns and JSON Lines objects, built from the engine arrays."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from scoring import METADATA_COLUMNS, Answers, Bank, DimensionArrays, score_codes, stage_index

from ..files import fixed_decimals, guard_text_array

__all__ = ["Scored", "csv_table", "json_lines"]

DIMENSION_CSV_FIELDS = ("score", "stage", "gated_stage", "coverage")
DIMENSION_JSON_FIELDS = (
    "score",
    "stage",
    "gated_stage",
    "coverage",
    "answered",
    "na",
    "dk",
    "blank",
)
_STAGE_FIELDS = ("stage", "gated_stage")
_ALL = slice(None)


@dataclass(frozen=True)
class Scored:
    """Answers and the engine's arrays for them: what ``huigui score`` writes.

    The command line reads the engine's arrays directly rather than the frame of
    :func:`scoring.score_answers`: building that frame costs more than scoring a million
    rows. Stages come from :func:`scoring.stage_index`, the one place they are decided.
    """

    bank: Bank
    answers: Answers
    arrays: DimensionArrays

    @classmethod
    def of(cls, bank: Bank, answers: Answers) -> Scored:
        """Score ``answers``."""
        return cls(bank, answers, score_codes(bank.layout, answers.codes, bank.min_coverage))

    def __len__(self) -> int:
        return len(self.answers)

    def metadata(self) -> list[str]:
        """The metadata columns present, in contract order."""
        return [c for c in METADATA_COLUMNS if c in self.answers.metadata.columns]

    def overall(self, field: str, rows: slice = _ALL) -> npt.NDArray[Any]:
        """``score`` or ``stage`` (a stage index, −1 where there is no score) of ``rows``."""
        score = self.arrays.overall[rows]
        return self._stage(score) if field == "stage" else score

    def dimension(self, d: int, field: str, rows: slice = _ALL) -> npt.NDArray[Any]:
        """One of :data:`DIMENSION_JSON_FIELDS` for dimension ``d`` (stages as indexes)."""
        a = self.arrays
        if field == "stage":
            return self._stage(a.score[rows, d])
        if field == "gated_stage":
            return self._stage(a.gated_score[rows, d])
        column: npt.NDArray[Any] = getattr(a, field)[rows, d]
        return column

    def _stage(self, scores: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
        return stage_index(self.bank.layout.stage_mins, scores)


def csv_table(scored: Scored) -> pa.Table:
    """The CSV contract: respondent, metadata, overall, then per dimension score, stage,
    gated stage and coverage; scores to 2 decimals, coverage to 4, empty where null;
    text cells guarded against spreadsheet formulas."""
    answers = scored.answers
    stage_ids = pa.array(scored.bank.layout.stage_ids, type=pa.string())
    columns: dict[str, Any] = {"respondent": guard_text_array(_text(answers.respondents))}
    for name in scored.metadata():
        columns[name] = guard_text_array(_text(answers.metadata[name]))
    columns["overall.score"] = fixed_decimals(scored.overall("score"), 2)
    columns["overall.stage"] = _take(stage_ids, scored.overall("stage"))
    for d, dim in enumerate(scored.bank.layout.dim_ids):
        columns[f"{dim}.score"] = fixed_decimals(scored.dimension(d, "score"), 2)
        for name in _STAGE_FIELDS:
            columns[f"{dim}.{name}"] = _take(stage_ids, scored.dimension(d, name))
        columns[f"{dim}.coverage"] = fixed_decimals(scored.dimension(d, "coverage"), 4, top=1)
    return pa.table(columns)


def _text(values: pd.Index | pd.Series) -> pa.Array:
    """Text cells as one Arrow string array (no copy when pandas holds them in Arrow)."""
    text = pa.array(values.array, type=pa.string(), from_pandas=True)
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def _take(names: pa.Array, codes: npt.NDArray[np.int64]) -> pa.Array:
    """``names[code]``, null where the code is −1."""
    return names.take(pa.array(codes, mask=codes < 0))


def json_lines(scored: Scored, block_rows: int = 1 << 16) -> Iterator[memoryview]:
    """JSON Lines, one object per respondent, as ``block_rows`` lines of UTF-8 at a time.

    Each line is what ``json.dumps(obj, ensure_ascii=False)`` writes (floats at full
    precision, ``null`` where empty), built column by column with Arrow kernels so that a
    million respondents cost seconds and a bounded amount of memory.
    """
    layout = scored.bank.layout
    stage_ids = pa.array(
        [json.dumps(s, ensure_ascii=False) for s in layout.stage_ids], type=pa.string()
    )
    respondents = _text(scored.answers.respondents)
    meta = {name: _text(scored.answers.metadata[name]) for name in scored.metadata()}
    for start in range(0, len(scored), block_rows):
        rows = slice(start, start + block_rows)
        size = min(block_rows, len(scored) - start)

        def value(column: npt.NDArray[Any], stage: bool) -> pa.Array:
            return (
                pc.fill_null(_take(stage_ids, column), "null") if stage else _json_numbers(column)
            )

        pieces: list[Any] = ['{"respondent": ', _json_strings(respondents.slice(start, size))]
        for name, column in meta.items():
            pieces += [f", {json.dumps(name)}: ", _json_strings(column.slice(start, size))]
        pieces += [
            ', "overall": {"score": ',
            value(scored.overall("score", rows), False),
            ', "stage": ',
            value(scored.overall("stage", rows), True),
            '}, "dimensions": {',
        ]
        for d, dim in enumerate(layout.dim_ids):
            pieces.append(f"{', ' if d else ''}{json.dumps(dim, ensure_ascii=False)}: {{")
            for j, name in enumerate(DIMENSION_JSON_FIELDS):
                pieces += [
                    f'{", " if j else ""}"{name}": ',
                    value(scored.dimension(d, name, rows), name in _STAGE_FIELDS),
                ]
            pieces.append("}")
        pieces.append("}}\n")
        lines = pc.binary_join_element_wise(*pieces, "")
        offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32, count=len(lines) + 1)
        yield memoryview(lines.buffers()[2])[offsets[0] : offsets[-1]]


def _json_numbers(values: npt.NDArray[Any]) -> pa.Array:
    """Numbers as JSON: each distinct value formatted once (scores repeat a lot), then
    gathered. Floats take Arrow's shortest round-trip form plus Python's ``.0`` on whole
    numbers; NaN is ``null``."""
    codes, uniques = pd.factorize(values)
    text = pc.cast(pa.array(uniques), pa.string())
    if uniques.dtype.kind == "f":
        whole = np.isfinite(uniques) & (np.floor(uniques) == uniques) & (abs(uniques) < 1e16)
        text = pc.if_else(pa.array(whole), pc.binary_join_element_wise(text, ".0", ""), text)
    return pc.fill_null(_take(text, codes), "null")


def _json_strings(text: pa.Array) -> pa.Array:
    """Text cells as JSON strings (``null`` where missing); only odd cells go through json."""
    quoted = pc.binary_join_element_wise('"', text, '"', "")
    odd = pc.fill_null(pc.match_substring_regex(text, r'[\x00-\x1f"\\]'), False)
    if pc.any(odd).as_py():
        escaped = [
            json.dumps(text[int(r)].as_py(), ensure_ascii=False)
            for r in np.flatnonzero(odd.to_numpy(zero_copy_only=False))
        ]
        quoted = pc.replace_with_mask(quoted, odd, pa.array(escaped, type=pa.string()))
    return pc.fill_null(quoted, "null")
