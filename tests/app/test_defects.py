"""Defects found in review, each pinned by a test that failed before its fix."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from huigui.charts import ProfileLines
from huigui.i18n import industry_name, t
from huigui.records import Profile
from huigui.reports import ReportInput, render
from huigui.store import AssessmentStore
from huigui.store.models import Answer
from scoring import Bank
from scoring.assess import assess

from .conftest import AppFactory, answer_all, begin


def test_reopening_by_link_after_start_new_edits_that_assessment(
    app: AppFactory, store: AssessmentStore, bundled_bank: Bank
) -> None:
    """ "Start" then a resume link: the profile shows the linked assessment, and saving it
    updates that assessment instead of creating another."""
    _, token = store.create(bundled_bank, Profile("Linked Co", "C"), "en")
    at = app(lang="en")
    at.button(key="start").click().run()  # a new assessment is on its way …
    at.query_params["a"] = token  # … when the person opens their link instead
    at.switch_page("huigui/app/pages/profile.py").run()
    assert at.text_input(key="firm_name").value == "Linked Co"
    at.text_input(key="firm_name").input("Linked Co Ltd")
    at.button[0].click().run()
    assert store.open(token).profile.firm_name == "Linked Co Ltd"
    assert at.query_params["a"] == token


def test_setting_a_target_keeps_the_completion_date(
    app: AppFactory, store: AssessmentStore
) -> None:
    """A target typed on the results page changes the targets, not when it was finished."""
    at = answer_all(begin(app(lang="en")), lambda item: 2)
    token = at.query_params["a"]
    done = store.open(token).completed_at
    at.number_input(key="target:D1").set_value(80.0).run()
    at.run()
    record = store.open(token)
    assert record.targets == {"D1": 80.0}
    assert record.completed_at == done


def test_an_answer_the_bank_no_longer_has_gets_a_clear_message(
    app: AppFactory, store: AssessmentStore, bundled_bank: Bank
) -> None:
    """A stored level the bank lacks (a bank changed under it) is named in plain words on
    the results page — no spreadsheet wording, no traceback."""
    record, token = store.create(bundled_bank, Profile("Old Co"), "en")
    store.save_answer(record.id, "D1.1", "2")
    with store.engine.begin() as conn:
        conn.execute(update(Answer).values(answer="9"))
    at = app(lang="en", a=token)
    at.switch_page("huigui/app/pages/results.py").run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "do not fit the question bank" in message and "'9' to D1.1" in message
    assert "row" not in message and "column" not in message


def test_a_language_beyond_the_three_falls_back_to_english(bundled_bank: Bank) -> None:
    """Texts, industry names, charts and reports in an unknown language are English."""
    assert t("r.overall", "fr") == t("r.overall", "en")
    assert industry_name("C", "de") == industry_name("C", "en")
    result = assess(bundled_bank, {"D1.1": "2"})
    html = render(
        ReportInput(
            bank=bundled_bank, lang="fr", firm="F", date=datetime(2026, 1, 1), result=result
        ),
        "html",
    ).decode()
    assert t("rep.title", "en") in html
    assert ProfileLines(scores=result.scores())  # the series builder needs no language table


def test_bank_stage_raises_its_documented_error(bundled_bank: Bank) -> None:
    """`Bank.stage` of an unknown id raises KeyError (it raised StopIteration)."""
    import pytest

    with pytest.raises(KeyError):
        bundled_bank.stage("S9")
