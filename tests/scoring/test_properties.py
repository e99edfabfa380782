"""Invariants of the engine, checked on random answers (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Bank, item_scores, parse_answers, score


def frames(bank: Bank) -> st.SearchStrategy[pd.DataFrame]:
    """Random wide responses for ``bank`` with answers inside each item's range."""
    items = bank.layout.item_ids
    cell = {
        i: st.one_of(st.integers(0, bank.item(i).max_level), st.sampled_from(["na", "dk", ""]))
        for i in items
    }
    row = st.fixed_dictionaries(cell)
    return st.lists(row, min_size=1, max_size=12).map(
        lambda rows: pd.DataFrame([{"respondent": f"r{k}", **r} for k, r in enumerate(rows)])
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_scores_within_bounds_and_between_item_scores(mini_bank: Bank, data: st.DataObject) -> None:
    """Every score is in 0..100 and a dimension lies between its lowest and highest item."""
    frame = data.draw(frames(mini_bank))
    results = score(mini_bank, frame)
    layout = mini_bank.layout
    for col in [c for c in results.columns if c.endswith(".score")]:
        values = results[col].dropna()
        assert ((values >= 0) & (values <= 100)).all()
    codes = parse_answers(mini_bank, frame).codes
    per_item = item_scores(layout, codes)
    for d, dim in enumerate(layout.dim_ids):
        block = per_item[:, layout.dim_of_item == d]
        for r, value in enumerate(results[f"{dim}.score"]):
            if np.isnan(value):
                continue
            assert np.nanmin(block[r]) - 1e-9 <= value <= np.nanmax(block[r]) + 1e-9


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_order_of_rows_and_columns_does_not_matter(mini_bank: Bank, data: st.DataObject) -> None:
    """Shuffling respondents or item columns changes nothing but the row order."""
    frame = data.draw(frames(mini_bank))
    rows = data.draw(st.permutations(range(len(frame))))
    cols = data.draw(st.permutations(list(frame.columns)))
    base = score(mini_bank, frame).set_index("respondent").sort_index()
    shuffled = score(mini_bank, frame.iloc[list(rows)][list(cols)])
    pd.testing.assert_frame_equal(base, shuffled.set_index("respondent").sort_index())
