"""Evidence and confidence beside an answer, as a respondent gives them on the questionnaire."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from huigui.records import Evidence
from huigui.store import AssessmentStore
from scoring import Bank

from .conftest import AppFactory, answer_step, begin


def open_evidence(at: AppTest, item_id: str) -> AppTest:
    """Unfold the question's evidence fields (they are sent only once opened)."""
    at.session_state[f"evidence:{item_id}"] = True
    return at.run()


def test_evidence_is_folded_away_until_opened(app: AppFactory, bundled_bank: Bank) -> None:
    """A step draws no evidence field until its question's evidence is opened, so an answer
    click redraws little; opening one question's shows that question's fields only."""
    at = begin(app(lang="en"))
    first = bundled_bank.dimensions[0].items[0].id
    assert [w.key for w in at.text_input if (w.key or "").startswith("note:")] == []
    assert "Evidence and confidence (optional)" in [e.label for e in at.expander]
    at = open_evidence(at, first)
    assert [w.key for w in at.text_input if (w.key or "").startswith("note:")] == [f"note:{first}"]


def test_evidence_waits_for_an_answer_then_is_saved(
    app: AppFactory, store: AssessmentStore, bundled_bank: Bank
) -> None:
    """Before the question is answered the fields are disabled and say why; after, a note
    and a confidence are stored with the answer, and the answer itself is unchanged."""
    at = begin(app(lang="en"))
    token = at.query_params["a"]
    item = bundled_bank.dimensions[0].items[0].id
    at = open_evidence(at, item)
    assert at.text_input(key=f"note:{item}").disabled
    at.radio(key=f"ans:{item}").set_value(2).run()
    at = open_evidence(at, item)
    assert not at.text_input(key=f"note:{item}").disabled
    at.text_input(key=f"note:{item}").input("Monthly OEE report, plant 2")
    at = open_evidence(at, item)  # AppTest does not report an expander's state back
    at.segmented_control(key=f"sure:{item}").set_value("fairly")
    at = open_evidence(at, item)
    assert not at.exception
    record = store.open(token)
    assert record.answers == {item: "2"}
    assert record.evidence[item] == Evidence("Monthly OEE report, plant 2", "fairly")


def test_mostly_guessed_dimension_says_so_on_results(
    app: AppFactory, store: AssessmentStore, bundled_bank: Bank
) -> None:
    """A dimension where more than half the answers are marked a guess is flagged on the
    results page; the others are not."""
    at = begin(app(lang="en"))
    token = at.query_params["a"]
    record = store.open(token)
    guessed = bundled_bank.dimensions[0]
    for item in guessed.items:
        store.save_answer(record.id, item.id, "2")
        store.save_evidence(record.id, item.id, None, "guess")
    at = app(lang="en", a=token).button(key="continue").click().run()
    while not any(h.value == "Results" for h in at.title):
        answer_step(at, lambda _item: 2)
        next(b for b in at.button if b.key in ("next", "finish")).click().run()
        assert not at.exception, at.exception
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    shown += [w.value for w in at.warning] + [i.value for i in at.info]
    assert sum("Most answers here are guesses." in str(s) for s in shown) == 1
