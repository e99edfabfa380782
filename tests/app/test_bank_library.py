"""The bank library in the app: managers pick a bank, consultants pick a version or upload
one, and every saved assessment is shown with the version it was answered on."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from huigui.records import Profile
from huigui.store import Store, connect
from scoring import Bank, load_bank
from scoring.assess import assess
from scoring.library import archived_bank_paths, bundled_bank_paths

from ..conftest import DATA, ROOT
from .conftest import AppFactory

BROKEN = b"""id: broken
version: "1"
languages: [en]
title: {en: Broken}
stages:
  - {id: S1, min: 0, name: {en: One}}
dimensions:
  - id: A
    name: {en: A}
    items:
      - id: A.1
        prompt: {en: Q}
        levels: [{en: none}]
"""


@pytest.fixture
def wstore(db_url: str) -> Store:
    return Store(connect(db_url))


def page(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "en", **params})
    at.run()
    return at.switch_page(f"huigui/app/pages/{name}.py").run()


def texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.markdown, *at.caption, *at.header, *at.title))


def test_results_use_the_version_the_assessment_was_answered_on(
    app: AppFactory, wstore: Store, mini_bank: Bank
) -> None:
    """An assessment made on another bank (here the small test bank) is shown and scored
    with that bank, although the server's default is the bundled one."""
    answers = {i.id: "1" for i in mini_bank.items}
    record, token = wstore.create(mini_bank, Profile("Other Bank Works"), "en")
    for item_id, answer in answers.items():
        wstore.save_answer(record.id, item_id, answer)
    wstore.complete(record.id, assess(mini_bank, answers).summary())
    at = app(lang="en", a=token)
    at.switch_page("huigui/app/pages/results.py").run()
    assert not at.exception
    shown = texts(at)
    for dim in mini_bank.dimensions:
        assert mini_bank.text(dim.name, "en") in shown
    overall = assess(mini_bank, answers).overall
    assert overall is not None
    assert any(m.value == f"{overall:.0f}" for m in at.metric)


def test_questionnaire_shows_the_banks_own_items(
    app: AppFactory, wstore: Store, mini_bank: Bank
) -> None:
    _, token = wstore.create(mini_bank, Profile("Other Bank Works"), "en")
    at = app(lang="en", a=token)
    at.switch_page("huigui/app/pages/questionnaire.py").run()
    assert not at.exception
    keys = {r.key for r in at.radio if r.key and r.key.startswith("ans:")}
    assert keys == {f"ans:{i.id}" for i in mini_bank.dimensions[0].items}


def test_manager_picks_a_bank_when_the_server_offers_several(
    app: AppFactory, wstore: Store
) -> None:
    """Each bundled bank is offered with its length; the assessment keeps the one chosen."""
    offered = {b.digest: b for b in (load_bank(p) for p in bundled_bank_paths())}
    at = app(lang="en")
    at.button(key="start").click().run()
    if len(offered) < 2:
        assert not [r for r in at.radio if r.key == "bank_choice"]
        return
    radio = at.radio(key="bank_choice")
    for b in offered.values():
        assert any(f"({len(b.items)} questions, about" in o for o in radio.options)
    last = list(offered.values())[-1]
    radio.set_value(last.digest)
    at.text_input(key="firm_name").input("Pulse Works")
    at.button[0].click().run()
    assert not at.exception
    with wstore.engine.connect() as conn:
        (digest,) = conn.execute(text("select bank_digest from assessments")).one()
    assert digest == last.digest


def test_consultant_uploads_a_broken_bank(db_url: str, wstore: Store) -> None:
    """A broken upload lists file:line:column problems and is not offered; nothing is made."""
    at = page("workshop_new")
    at.file_uploader(key="w_upload").set_value(("mine.yaml", BROKEN, "application/x-yaml")).run()
    assert not at.exception
    assert any("problem" in e.value for e in at.error)
    listing = at.code[0].value
    assert "mine.yaml:" in listing
    line, column = listing.split("mine.yaml:")[1].split(":")[:2]
    assert line.isdigit() and column.isdigit()
    assert at.selectbox(key="w_bank").value != "broken"
    assert wstore.bank_versions() == []


def test_consultant_uploads_a_bank_and_runs_a_workshop_on_it(db_url: str, wstore: Store) -> None:
    raw = (DATA / "banks" / "mini.yaml").read_bytes()
    mini = load_bank(DATA / "banks" / "mini.yaml")
    at = page("workshop_new")
    at.file_uploader(key="w_upload").set_value(("mini.yaml", raw, "application/x-yaml")).run()
    assert not at.exception and not at.error
    assert at.selectbox(key="w_bank").value == mini.digest
    at.text_input(key="w_firm").input("Uploaded Bank Works")
    next(b for b in at.button if "Create" in b.label).click().run()
    assert not at.exception
    assert "Workshop created." in [s.value for s in at.success]
    with wstore.engine.connect() as conn:
        (digest,) = conn.execute(text("select bank_digest from workshops")).one()
    assert digest == mini.digest
    assert wstore.bank(digest) == mini


def test_consultant_can_run_an_earlier_edition(db_url: str) -> None:
    """Archived editions are offered beside the current ones."""
    at = page("workshop_new")
    options = at.selectbox(key="w_bank").options
    editions = {load_bank(p).digest for p in [*bundled_bank_paths(), *archived_bank_paths()]}
    assert len(options) == len(editions)
    assert not at.exception


def test_bank_browser_offers_every_bundled_bank(db_url: str) -> None:
    at = page("bank_browser")
    assert not at.exception
    assert len(at.selectbox(key="browse_bank").options) >= 1
