"""Every page through Streamlit's AppTest: drive the widgets, read what is shown."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from huigui.charts import axis_label
from huigui.records import Profile
from huigui.store import AssessmentStore
from scoring import Bank, load_bank
from scoring.assess import Summary

from .conftest import AppFactory, answer_all, answer_step, begin


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(
    ("lang", "start", "dimension"),
    [
        ("en", "Start the assessment", "Industry-driven growth"),
        ("zh-Hans", "开始自评", "产业驱动的增长"),
        ("zh-Hant", "開始自評", "產業驅動的成長"),
    ],
)
def test_home_in_each_language(app: AppFactory, lang: str, start: str, dimension: str) -> None:
    """The home page follows ?lang= and lists the four dimensions from the bank."""
    at = app(lang=lang)
    assert not at.exception
    assert at.button(key="start").label == start
    assert dimension.replace("-", "\\-") in texts(at)
    assert at.query_params["lang"] == lang
    assert at.selectbox(key="lang").value == lang


def test_home_gives_the_time_as_a_range(app: AppFactory) -> None:
    """22 questions: 13.75 minutes for the questions and levels (0.625 a question), 27.5 with the
    notes under each (1.25 a question), said to the nearest five minutes; a usability test found
    one figure of 15 too low."""
    at = app(lang="en")
    shown = [c.value for c in at.caption]
    assert any(c.startswith("About 15–30 minutes · 22 questions in 4 steps") for c in shown)


def test_switching_language_changes_every_text(app: AppFactory) -> None:
    """Choosing another language re-labels the page and the URL."""
    at = app(lang="en")
    at.selectbox(key="lang").select("zh-Hant").run()
    assert at.button(key="start").label == "開始自評"
    assert at.query_params["lang"] == "zh-Hant"


def test_profile_requires_firm_name(app: AppFactory, store: AssessmentStore) -> None:
    """Saving without a firm name shows a message and creates nothing."""
    at = app(lang="en")
    at.button(key="start").click().run()
    at.button[0].click().run()
    assert "Please enter the firm name." in [e.value for e in at.error]
    assert "a" not in at.query_params


def test_profile_creates_assessment_and_resume_link(
    app: AppFactory, store: AssessmentStore
) -> None:
    """The profile creates the assessment; the URL carries its resume token."""
    at = begin(app(lang="en"), firm="Huigui Steel", industry="C")
    assert at.title[0].value == "Questionnaire"
    token = at.query_params["a"]
    record = store.open(token)
    assert record.profile == Profile("Huigui Steel", "C", None, None)
    assert token in at.code[0].value


def test_questionnaire_saves_each_click(
    app: AppFactory, store: AssessmentStore, bundled_bank: Bank
) -> None:
    """Every answer is in the store right after the click, exactly as given; "not
    applicable" is offered only where the item says when it is right."""
    at = begin(app(lang="en"))
    token = at.query_params["a"]
    first = bundled_bank.dimensions[0].items
    a = next(i.id for i in first if not i.na_when)
    b, c = [i.id for i in first if i.na_when][:2]
    at.radio(key=f"ans:{a}").set_value(3).run()
    at.radio(key=f"ans:{b}").set_value("na").run()
    at.radio(key=f"ans:{c}").set_value("dk").run()
    assert store.open(token).answers == {a: "3", b: "na", c: "dk"}
    progress = at.get("progress")[0]
    total = len(bundled_bank.items)  # (AppTest reruns the whole page: the step "opens" again)
    assert f"3 of {total} questions answered when you opened this step" in progress.proto.text
    # every level (a trap item's answer after them too), not applicable where offered, don't know
    for item_id, na in ((a, 0), (b, 1)):
        levels = len(bundled_bank.item(item_id).levels)
        assert len(at.radio(key=f"ans:{item_id}").options) == levels + na + 1
    assert "Why we ask" in [e.label for e in at.expander]


def test_back_and_forward_keep_answers(app: AppFactory, bundled_bank: Bank) -> None:
    """Answers survive moving between steps and a fresh session (a browser refresh); the
    resume link opens at the step where the person stopped (step 1 is complete: step 2)."""
    d1, d2 = bundled_bank.dimensions[0].items, bundled_bank.dimensions[1].items
    at = begin(app(lang="en"))
    answer_step(at, lambda item: 2)
    at.button(key="next").click().run()
    assert at.query_params["step"] == "2"
    at.radio(key=f"ans:{d2[0].id}").set_value(4).run()
    at.button(key="back").click().run()
    assert at.radio(key=f"ans:{d1[0].id}").value == 2
    token = at.query_params["a"]
    fresh = AppTest.from_file(at._script_path, default_timeout=60)
    fresh.query_params.update({"a": token, "lang": "en"})
    fresh.run()
    fresh.button(key="continue").click().run()
    assert fresh.query_params["step"] == "2"
    assert fresh.radio(key=f"ans:{d2[0].id}").value == 4
    fresh.button(key="back").click().run()
    assert fresh.radio(key=f"ans:{d1[-1].id}").value == 2


def test_invalid_resume_link_is_explained(app: AppFactory) -> None:
    """A wrong token shows a clear message and nothing else of any assessment."""
    at = app(lang="en", a="not-a-real-token")
    assert any("This resume link does not work" in e.value for e in at.error)
    assert "a" not in at.query_params


def test_results_scores_radar_and_next_steps(app: AppFactory, bundled_bank: Bank) -> None:
    """All answers at level 2 (no trap level): 50 everywhere, a radar on 0–100."""
    at = answer_all(begin(app(lang="en")), lambda item: 2)
    assert at.title[0].value == "Results"
    metrics = [m.value for m in at.metric]
    assert metrics[:5] == ["50"] * 5  # 100·2/4 per item, every mean 50
    radar = chart_specs(at)[0]
    assert radar["layout"]["polar"]["radialaxis"]["range"] == [0, 100]
    trace = radar["data"][0]
    names = [axis_label(bundled_bank.text(d.name, "en")) for d in bundled_bank.dimensions]
    assert trace["theta"] == [*names, names[0]]  # bank order, closed outline
    assert trace["r"] == [50.0] * 5
    assert trace["fill"] == "none"
    assert "text" in trace["mode"]
    assert len(radar["data"]) == 1  # no target, no previous, no peers yet
    shown = texts(at)
    assert "Traffic trap" not in shown  # level 2 is nowhere a trap level
    assert "Next steps" in [s.value for s in at.subheader]
    per_dimension = [len(d.items) for d in bundled_bank.dimensions]
    captions = [c.value for c in at.caption]
    for n in per_dimension:  # every question answered and applicable: n of n
        assert any(f"Scored on {n} of {n} applicable questions" in c for c in captions)


def test_a_dimension_on_one_answer_is_marked_indicative(app: AppFactory) -> None:
    """Every D1 question but D1.11 answered "not applicable": D1 is scored on that one answer, and
    its card says the score and stage are indicative only; the dimensions scored on all their
    answers say nothing of the kind."""
    d1_na = {"D1.1", "D1.3", "D1.10", "D1.7"}
    at = answer_all(begin(app(lang="en")), lambda item_id: "na" if item_id in d1_na else 2)
    assert at.title[0].value == "Results"
    captions = [c.value for c in at.caption]
    assert any("Scored on 1 of 1 applicable questions" in c for c in captions)
    marked = [c for c in captions if c.startswith("Indicative only")]
    assert marked == ["Indicative only: this dimension's score and stage rest on one answer."]


@pytest.mark.parametrize("warned", [False, True])
def test_trap_warning_only_on_trap_levels(
    app: AppFactory, bundled_bank: Bank, warned: bool
) -> None:
    """A firm that has not started (every answer 0) is not told it is in the traffic trap;
    answering the trap (the answer after the levels on the trap items, 1 elsewhere) shows the
    badge and the warning."""

    def choice(item_id: str) -> int:
        item = bundled_bank.item(item_id)
        if not warned:
            return 0
        return item.trap_levels[0] if item.trap_levels else 1  # the trap is the weakest link

    at = answer_all(begin(app(lang="en")), choice)
    traps = [i.id for i in bundled_bank.items if choice(i.id) in i.trap_answers]
    assert bool(traps) is warned
    shown = texts(at)  # st.badge is drawn as markdown
    if warned:
        n = len(traps)
        assert f"Traffic trap: {n} question{'s' if n > 1 else ''}" in shown
        assert any("traffic" in w.value.lower() for w in at.warning)
        for item_id in traps:  # the way out of the trap, from the bank
            exit_step = bundled_bank.item(item_id).step_advice(choice(item_id))
            assert exit_step is not None and exit_step["en"][:40] in shown.replace("\\", "")
        # every dimension with a trap item has it as its weakest link, and the card says why
        trapped = shown.replace("\\", "").count("answered with the traffic trap (scored 0;")
        assert trapped == len({bundled_bank.dimension_of(i).id for i in traps})
    else:
        assert "traffic trap" not in shown.lower()


def test_targets_add_a_trace_and_gap_bars(app: AppFactory, store: AssessmentStore) -> None:
    """A target per dimension is saved and drawn; gaps are target − score, sorted."""
    at = answer_all(begin(app(lang="en")), lambda item: 2)  # 50 everywhere
    at.number_input(key="target:D1").set_value(80.0).run()
    at.number_input(key="target:D3").set_value(60.0).run()
    token = at.query_params["a"]
    assert store.open(token).targets == {"D1": 80.0, "D3": 60.0}
    radar, bars = chart_specs(at)[:2]
    assert [d["name"] for d in radar["data"]] == ["This assessment", "Target"]
    assert bars["data"][0]["x"][:2] == [30.0, 10.0]  # 80 − 50, 60 − 50, largest first
    # each label sits beside its bar, in the right margin where the bar is longest, never cut
    assert (bars["data"][0]["textposition"], bars["data"][0]["cliponaxis"]) == ("outside", False)
    assert bars["layout"]["margin"]["r"] >= 120
    assert bars["data"][0]["y"][0] == "Industry-driven<br>growth"


def test_benchmark_needs_five_peers(
    app: AppFactory, store: AssessmentStore, bundled_bank: Bank
) -> None:
    """The industry median appears with five other firms (and says n), not with four."""
    for k in range(4):
        peer, _ = store.create(bundled_bank, Profile(f"Peer {k}", "C"), "en")
        store.complete(
            peer.id, Summary(dimensions={d.id: 10.0 * (k + 1) for d in bundled_bank.dimensions})
        )
    at = answer_all(begin(app(lang="en")), lambda item: 2)
    assert [d["name"] for d in chart_specs(at)[0]["data"]] == ["This assessment"]
    assert "at least 5 other firms" in texts(at)
    peer, _ = store.create(bundled_bank, Profile("Peer 4", "C"), "en")
    store.complete(peer.id, Summary(dimensions={d.id: 50.0 for d in bundled_bank.dimensions}))
    at.run()
    radar = chart_specs(at)[0]
    assert radar["data"][1]["name"] == "Industry median (n = 5)"
    assert radar["data"][1]["r"][:4] == [30.0] * 4  # median of 10, 20, 30, 40, 50


def test_previous_assessment_trace_and_history(
    app: AppFactory, store: AssessmentStore, bundled_bank: Bank
) -> None:
    """Holding the firm link, "assess again" shows the earlier assessment on the radar and
    both in the history trend; a firm of the same name started anew sees neither."""
    earlier, token = store.create(bundled_bank, Profile("ACME", "C"), "en")
    store.complete(
        earlier.id, Summary(overall=20.0, dimensions={d.id: 20.0 for d in bundled_bank.dimensions})
    )
    firm_link = store.issue_firm_link(token)
    stranger = answer_all(begin(app(lang="en"), firm="ACME"), lambda item: 3)
    assert [d["name"] for d in chart_specs(stranger)[0]["data"]] == ["This assessment"]
    at = app(lang="en", f=firm_link)
    assert "f" not in at.query_params  # the firm link leaves the address bar at once
    at.button(key="again").click().run()
    at.button[0].click().run()  # the profile, filled in from the firm's last assessment
    at = answer_all(at, lambda item: 3)
    names = [d["name"] for d in chart_specs(at)[0]["data"]]
    assert names[0] == "This assessment" and names[1].startswith("Previous (")
    assert len(store.history(store.open_firm(firm_link))) == 2
    at.switch_page("huigui/app/pages/history.py").run()
    table = at.dataframe[0].value
    assert len(table) == 2 and next(iter(table["Overall"])) == 20.0
    trend = chart_specs(at)[0]
    assert [len(d["y"]) for d in trend["data"]] == [2, 2, 2, 2]
    assert trend["data"][0]["y"] == [20.0, 75.0]  # level 3 of 4 → 75
    at.button(key="history_again").click().run()  # a third one, from History itself
    assert at.text_input(key="firm_name").value == "ACME"
    at.button[0].click().run()
    assert not at.exception
    third = store.open(at.query_params["a"])
    assert third.firm_id == store.open_firm(firm_link).id


def test_typed_text_is_never_markup(app: AppFactory) -> None:
    """A firm name with Markdown and HTML is shown literally."""
    at = answer_all(
        begin(app(lang="en"), firm="**bold** <b>x</b> [link](http://x)"), lambda item: 0
    )
    caption = at.caption[0].value
    assert "\\*\\*bold\\*\\*" in caption and "\\[link\\]" in caption


def test_results_without_assessment_points_to_start(app: AppFactory) -> None:
    """Opening results with no assessment explains what to do."""
    at = app(lang="en")
    at.switch_page("huigui/app/pages/results.py").run()
    assert not at.exception
    assert "Start an assessment first" in at.info[0].value


def test_bank_browser_lists_every_item(app: AppFactory, bundled_bank: Bank) -> None:
    """The bank page shows every item with its levels, sources and the stages."""
    at = app(lang="zh-Hans")
    at.switch_page("huigui/app/pages/bank_browser.py").run()
    assert not at.exception
    assert len(at.tabs) == len(bundled_bank.dimensions) + 1
    ids = bundled_bank.layout.item_index
    items = [e for e in at.expander if e.label.replace("\\", "").split(" ")[0] in ids]
    assert len(items) == len(bundled_bank.items)
    shown = texts(at)
    assert "§1\\.4" in shown or "§1.4" in shown
    assert bundled_bank.text(bundled_bank.stages[-1].name, "zh-Hans") in shown


def test_history_without_firm_link(app: AppFactory) -> None:
    """History without a firm link shows nothing but a box for the link."""
    at = app(lang="en")
    at.switch_page("huigui/app/pages/history.py").run()
    assert "whose firm link you hold" in texts(at)
    assert not at.dataframe and at.text_input(key="firm_link")


def test_not_applicable_only_where_the_bank_says_when(bundled_bank: Bank, mini_bank: Bank) -> None:
    """A trap item without ``na_when`` cannot be dropped from the score by "not applicable";
    a bank that never states ``na_when`` offers it everywhere; a saved "na" stays on offer."""
    from huigui.app.items import options_of

    trap = bundled_bank.item("D2.11")
    assert not trap.na_when
    assert options_of(bundled_bank, trap) == [0, 1, 2, 3, 4, 5, "dk"]  # 5: the trap answer
    assert options_of(bundled_bank, trap, "na") == [0, 1, 2, 3, 4, 5, "na", "dk"]
    assert "na" in options_of(bundled_bank, bundled_bank.item("D1.3"))
    assert not any(i.na_when for i in mini_bank.items)
    assert all("na" in options_of(mini_bank, i) for i in mini_bank.items)


def test_trap_answer_says_it_wins_over_a_level(bundled_bank: Bank) -> None:
    """The answer after the levels is labelled with the scope's rule where it is chosen (choose
    it if it fits, even if a level also fits), in every language; the levels keep their numbers."""
    from huigui.app.items import level_label

    trap = bundled_bank.item("D2.11")
    (side,) = trap.trap_levels
    label = level_label(bundled_bank, trap, "en", side)
    assert label.startswith("Or · ")  # the tag stays short: tools read a level by "<tag> · "
    assert label.endswith(" (choose this if it fits, even if a level above also fits)")
    assert label.count("·") == 1
    assert level_label(bundled_bank, trap, "zh-Hans", side).endswith("即使上面某一级也符合）")
    assert level_label(bundled_bank, trap, "zh-Hant", side).endswith("即使上面某一級也符合）")
    level_2 = level_label(bundled_bank, trap, "en", 2)
    assert level_2.startswith("2 · ") and "choose this" not in level_2


def test_results_say_when_no_question_of_a_dimension_applies(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When every question of a dimension is answered "not applicable" (possible on a bank that
    offers it everywhere, such as edition 1.0), the results say so instead of asking for more
    answers; the other dimensions keep their scores."""
    from scoring.library import archived_bank_paths

    path = next(p for p in archived_bank_paths() if p.name == "industrial-internet-1.0.yaml")
    monkeypatch.setenv("HUIGUI_BANK", str(path))
    third = {i.id for i in load_bank(path).dimensions[2].items}
    at = answer_all(begin(app(lang="en")), lambda item_id: "na" if item_id in third else 2)
    assert at.title[0].value == "Results"
    infos = [i.value for i in at.info]
    assert any(v.startswith("No overall score: no question of") for v in infos), infos
    assert not any("More answers are needed" in v for v in infos), infos
    assert [m.value for m in at.metric][:2] == ["–", "50"]
    captions = [c.value for c in at.caption]
    assert any("Scored on 0 of 0 applicable questions" in c for c in captions)  # the third
