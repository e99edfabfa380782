"""Hostile or broken URL parameters on every page: a clear message, never an exception."""

from __future__ import annotations

import pytest

from huigui.app.nav import _PAGES

from .conftest import AppFactory, begin

#: Every page the app registers.
PAGES = list(_PAGES)
#: Values a mistyped, truncated or malicious link carries.
VALUES = [
    "²",
    "-1",
    "0",
    "99999999999999999999999",
    "1.5",
    "x" * 5000,
    "%00",
    "\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "🙂",
    "",
]
PARAMS = ["step", "a", "lang", "code", "w", "s", "f"]


@pytest.mark.parametrize("param", PARAMS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_every_bad_parameter(app: AppFactory, page: str, param: str) -> None:
    """Each page, opened with each parameter set to each bad value, draws without an
    exception (the values are tried in one session, one after another)."""
    at = app()
    at.switch_page(f"huigui/app/pages/{_PAGES[page][0]}")
    for value in VALUES:
        at.query_params[param] = value
        at.run()
        assert not at.exception, (page, param, value, at.exception)


def test_a_bad_step_says_so_and_opens_step_one(app: AppFactory) -> None:
    """`?step=²` (a digit to Python's str.isdigit, not a number) shows step 1 and a warning."""
    at = begin(app())
    at.query_params["step"] = "²"
    at.run()
    assert not at.exception
    assert any("not valid" in w.value for w in at.warning)
    assert at.header[0].value.startswith("D1")
