"""Huigui's scoring engine: the functional core.

Banks in (YAML → frozen pydantic models), answers in (pandas frames), scores, stages,
group statistics and next steps out. No user interface and no database live here.

    >>> from scoring import load_bank, score
    >>> bank = load_bank("questions/industrial-internet.yaml")   # doctest: +SKIP
    >>> results = score(bank, responses_frame)                     # doctest: +SKIP
"""

from __future__ import annotations

from .assess import Assessment, DimensionResult, ItemResult, Summary, assess, assess_codes
from .bank import METADATA_COLUMNS, Bank, Dimension, Item, Stage
from .engine import (
    TOLERANCE,
    DimensionArrays,
    MissingItemsWarning,
    item_scores,
    score,
    score_answers,
    score_codes,
    stage_index,
)
from .errors import (
    AnswersMismatchError,
    BankError,
    BankSchemaError,
    BankSyntaxError,
    HuiguiError,
    LinkExpiredError,
    NotFoundError,
    Problem,
    ReportError,
    ResponsesError,
    StoreError,
)
from .essay import EssayIndex, essay_index
from .layout import Layout
from .loader import check_bank_bytes, check_bank_file, load_bank, load_bank_bytes
from .paths import bundled_bank_path
from .responses import BLANK, DK, NA, Answers, parse_answers, read_responses

__all__ = [
    "BLANK",
    "DK",
    "METADATA_COLUMNS",
    "NA",
    "TOLERANCE",
    "Answers",
    "AnswersMismatchError",
    "Assessment",
    "Bank",
    "BankError",
    "BankSchemaError",
    "BankSyntaxError",
    "Dimension",
    "DimensionArrays",
    "DimensionResult",
    "EssayIndex",
    "HuiguiError",
    "Item",
    "ItemResult",
    "Layout",
    "LinkExpiredError",
    "MissingItemsWarning",
    "NotFoundError",
    "Problem",
    "ReportError",
    "ResponsesError",
    "Stage",
    "StoreError",
    "Summary",
    "assess",
    "assess_codes",
    "bundled_bank_path",
    "check_bank_bytes",
    "check_bank_file",
    "essay_index",
    "item_scores",
    "load_bank",
    "load_bank_bytes",
    "parse_answers",
    "read_responses",
    "score",
    "score_answers",
    "score_codes",
    "stage_index",
]
