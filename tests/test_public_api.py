"""The scoring package's public face is exactly its __all__."""

from __future__ import annotations

import scoring

EXPECTED = {
    "check_bank_bytes",
    "load_bank_bytes",
    "BLANK",
    "DK",
    "METADATA_COLUMNS",
    "NA",
    "TOLERANCE",
    "Answers",
    "Bank",
    "BankError",
    "BankSchemaError",
    "BankSyntaxError",
    "Dimension",
    "DimensionArrays",
    "EssayIndex",
    "HuiguiError",
    "Item",
    "Layout",
    "MissingItemsWarning",
    "NotFoundError",
    "Problem",
    "ReportError",
    "ResponsesError",
    "Stage",
    "StoreError",
    "bundled_bank_path",
    "check_bank_file",
    "essay_index",
    "item_scores",
    "load_bank",
    "parse_answers",
    "read_responses",
    "score",
    "score_answers",
    "score_codes",
    "stage_index",
    # the typed result of one assessment, and the errors of saved answers and links
    "Assessment",
    "AnswersMismatchError",
    "DimensionResult",
    "ItemResult",
    "LinkExpiredError",
    "Summary",
    "assess",
    "assess_codes",
}


def test_all_lists_the_public_names() -> None:
    """__all__ is the agreed set and every name in it exists."""
    assert set(scoring.__all__) == EXPECTED
    for name in scoring.__all__:
        assert hasattr(scoring, name)


def test_core_imports_no_shell() -> None:
    """The core never imports Streamlit or a database layer."""
    import subprocess
    import sys

    code = (
        "import sys, scoring; bad = [m for m in sys.modules if m.split('.')[0] in "
        "{'streamlit', 'sqlalchemy', 'alembic', 'psycopg', 'huigui'}]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
