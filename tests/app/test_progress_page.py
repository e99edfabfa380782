"""The progress page through AppTest: only with the firm link; two assessments compared."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, update
from streamlit.testing.v1 import AppTest

from huigui.records import AssessmentRecord, Profile
from huigui.store import Store
from huigui.store.models import Assessment
from scoring import Bank
from scoring.assess import assess

from ..reports.test_progress_report import CHANGED, second_version
from .conftest import AppFactory

PAGE = "huigui/app/pages/progress.py"
BASELINE_DAY, CURRENT_DAY = (
    datetime(2025, 5, 12, 9, 30, tzinfo=UTC),
    datetime(2026, 5, 20, tzinfo=UTC),
)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]
    parts += [e.label for e in at.expander] + [str(o) for s in at.selectbox for o in s.options]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def finish(
    store: Store,
    db_url: str,
    bank: Bank,
    answers: dict[str, str],
    *,
    firm_id: str | None,
    day: datetime,
) -> tuple[AssessmentRecord, str]:
    """A completed self-assessment of the firm, dated ``day``."""
    record, token = store.create(bank, Profile("ACME Steel", "C"), "en", firm_id=firm_id)
    for item_id, answer in answers.items():
        store.save_answer(record.id, item_id, answer)
    store.complete(record.id, assess(bank, answers).summary())
    backdate(db_url, record.id, day)
    return record, token


def backdate(db_url: str, assessment_id: str, day: datetime) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            update(Assessment).where(Assessment.id == assessment_id).values(completed_at=day)
        )
    engine.dispose()


def baseline_answers(bank: Bank) -> dict[str, str]:
    return {item.id: "1" for item in bank.items}


def baseline_firm(store: Store, db_url: str, bank: Bank) -> tuple[AssessmentRecord, str]:
    """ACME Steel's first assessment (every item at level 1, on BASELINE_DAY) and its firm link."""
    first, token = finish(
        store, db_url, bank, baseline_answers(bank), firm_id=None, day=BASELINE_DAY
    )
    return first, store.issue_firm_link(token)


def assessed_twice(
    store: Store, db_url: str, first_edition: Bank, later: Bank, answers: dict[str, str]
) -> str:
    """The baseline firm assessed again on CURRENT_DAY, on ``later`` with ``answers``; the
    firm link."""
    first, link = baseline_firm(store, db_url, first_edition)
    finish(store, db_url, later, answers, firm_id=first.firm_id, day=CURRENT_DAY)
    return link


@pytest.fixture
def firm_link(store: Store, db_url: str, first_edition: Bank) -> str:
    """ACME Steel with two assessments of the bundled bank: every item at level 1, then the
    CHANGED answers (see tests/reports/test_progress_report.py for the numbers)."""
    now = {**baseline_answers(first_edition), **CHANGED}
    return assessed_twice(store, db_url, first_edition, first_edition, now)


def open_page(app: AppFactory, link: str | None = None) -> AppTest:
    at = app(lang="en", f=link) if link else app(lang="en")
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def deltas(at: AppTest) -> dict[str, str | None]:
    return {m.label.replace("\\", ""): m.delta for m in at.metric}


def test_without_the_firm_link_nothing_of_any_firm(app: AppFactory, firm_link: str) -> None:
    """No firm link: a box for it, and not a name, date or score of the firm that exists."""
    at = open_page(app)
    assert "whose firm link you hold" in texts(at)
    assert at.text_input(key="firm_link")
    assert not at.metric and not at.get("plotly_chart")
    shown = texts(at)
    assert "ACME" not in shown and "2025-05-12" not in shown and "2026-05-20" not in shown
    assert [s.key for s in at.selectbox] == ["lang"]


def test_two_assessments_compared(app: AppFactory, firm_link: str) -> None:
    """Baseline the oldest, current the newest; deltas D1 +21.4, D2 −3.6, overall +4.5; the
    radar draws both outlines; D1's expander lists the two questions that rose."""
    at = open_page(app, firm_link)
    shown = texts(at)
    assert "2025-05-12 09:30 · self-assessment" in shown and "2026-05-20 00:00" in shown
    baseline, current = at.selectbox(key="pr_baseline"), at.selectbox(key="pr_current")
    assert baseline.value != current.value
    assert baseline.format_func(baseline.value).startswith("2025-05-12")
    assert current.format_func(current.value).startswith("2026-05-20")
    got = deltas(at)
    assert got["Overall"] == "+4.5"
    assert got["Industry-driven growth"] == "+21.4"
    assert got["The internet as infrastructure"] == "-3.6"
    assert got["Fused physical and digital operations"] == "0.0"
    radar = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [d["name"] for d in radar["data"]] == ["Current (2026-05-20)", "Baseline (2025-05-12)"]
    assert "Industry-driven growth · 2 up, 0 down" in shown
    assert "The internet as infrastructure · 0 up, 1 down" in shown
    assert "Connected operations" in shown and "up 1" in shown
    assert "3 of 16 steps reached." in shown


def test_swapping_the_two_reads_backwards(app: AppFactory, firm_link: str) -> None:
    """Choosing the newer one as the baseline turns the deltas round and says so."""
    at = open_page(app, firm_link)
    old, new = at.selectbox(key="pr_baseline").value, at.selectbox(key="pr_current").value
    at.selectbox(key="pr_baseline").set_value(new)
    at.selectbox(key="pr_current").set_value(old).run()
    assert not at.exception
    assert deltas(at)["Industry-driven growth"] == "-21.4"
    assert "changes run backwards" in texts(at)
    at.selectbox(key="pr_current").set_value(new).run()
    assert "Choose two different assessments." in texts(at) and not at.metric


def test_across_two_bank_versions(
    app: AppFactory, store: Store, db_url: str, first_edition: Bank
) -> None:
    """The current assessment on version 1.1 (kept with store.keep): each scored on its own
    version, the note names both and the item that cannot be compared."""
    v2 = second_version(first_edition)
    store.keep(v2)
    link = assessed_twice(store, db_url, first_edition, v2, {**baseline_answers(v2), **CHANGED})
    at = open_page(app, link)
    shown = texts(at)
    assert "industrial-internet v1.0" in shown and "industrial-internet v1.1" in shown
    assert "Not compared (their number of levels changed): Q7" in shown
    got = deltas(at)
    # D1 on 1.1: D1.7 at level 1 of 0–3 scores 100/3: (4·25 + 2·100 + 33.33)/7 = 47.62,
    # 22.62 above the baseline's 25
    assert got["Industry-driven growth"] == "+22.6"
    assert got["The internet as infrastructure"] == "-3.6"


def test_a_workshop_result_saved_into_the_firm(
    app: AppFactory, store: Store, db_url: str, first_edition: Bank
) -> None:
    """A workshop consensus saved into the firm's history is compared like an assessment,
    and labelled as a workshop result."""
    first, link = baseline_firm(store, db_url, first_edition)
    workshop, _ = store.create_workshop(first_edition, "ACME Steel", ["en"], ["executive"])
    now = {**baseline_answers(first_edition), **CHANGED}
    saved, _ = store.save_to_firm(
        workshop, first_edition, now, assess(first_edition, now).summary(), link
    )
    assert saved.origin == "workshop" and saved.firm_id == first.firm_id
    at = open_page(app, link)
    current = at.selectbox(key="pr_current")
    assert "workshop result" in current.format_func(current.value)
    assert deltas(at)["Industry-driven growth"] == "+21.4"


def test_history_links_to_progress(app: AppFactory, firm_link: str) -> None:
    """History offers "Compare two assessments", which opens the progress page."""
    at = app(lang="en", f=firm_link)
    at.switch_page("huigui/app/pages/history.py").run()
    at.button(key="compare").click().run()
    assert not at.exception
    assert at.title[0].value == "Progress"
    assert at.selectbox(key="pr_baseline")


def test_one_assessment_is_not_enough(
    app: AppFactory, store: Store, db_url: str, first_edition: Bank
) -> None:
    """With a single completed assessment the page says two are needed."""
    _, token = finish(
        store,
        db_url,
        first_edition,
        baseline_answers(first_edition),
        firm_id=None,
        day=BASELINE_DAY,
    )
    at = open_page(app, store.issue_firm_link(token))
    assert "at least two completed assessments" in texts(at) and not at.metric


def test_history_trend_marks_the_bank_version_change(
    app: AppFactory, store: Store, db_url: str, first_edition: Bank
) -> None:
    """History of a firm assessed on version 1.0 and then 1.1: both rows name their version
    and the trend draws one dotted line, labelled 1.1, between the two assessments."""
    v2 = second_version(first_edition)
    store.keep(v2)
    link = assessed_twice(store, db_url, first_edition, v2, {item.id: "2" for item in v2.items})
    at = app(lang="en", f=link)
    at.switch_page("huigui/app/pages/history.py").run()
    assert not at.exception, at.exception
    rows = at.dataframe[0].value
    versions = [str(v) for v in rows.iloc[:, list(rows.columns).index("Question bank")]]
    assert sorted(versions) == sorted(
        [f"{first_edition.text(first_edition.title, 'en')} v1.0", f"{v2.text(v2.title, 'en')} v1.1"]
    )
    trend = next(
        json.loads(c.proto.spec)["layout"]
        for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["layout"].get("xaxis", {}).get("type") == "category"
    )
    assert [s["x0"] for s in trend["shapes"]] == [0.5]
    assert [a["text"] for a in trend["annotations"]] == [f"{v2.text(v2.title, 'en')} v1.1"]
