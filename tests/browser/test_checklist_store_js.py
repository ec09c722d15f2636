"""The checklist's storage logic (parse, migrate, merge, month keys), run in Chromium: no Node."""

from __future__ import annotations

import json

import pytest

from guidekit.assets import script_rules
from tests.support.project import ROOT

SCRIPT = ROOT / "overrides/assets/guide/checklist.js"
STORE = ROOT / "overrides/assets/guide/store.js"  # loaded first on every page


@pytest.fixture(scope="module")
def js(browser):
    """Evaluate `expression` with the script loaded in a blank page: `G` is guideChecklist."""
    context = browser.new_context(timezone_id="Europe/Berlin")
    page = context.new_page()
    rules = json.dumps(script_rules())  # as main.html writes them
    page.set_content("<!doctype html><html lang='en'><title>store</title><script type="
                     f"'application/json' id='__guide-rules'>{rules}</script></html>")
    page.add_script_tag(path=str(STORE))
    page.add_script_tag(path=str(SCRIPT))

    def run(expression: str, arg: object = None):
        return page.evaluate(f"arg => {{ const G = guideChecklist; return {expression}; }}", arg)

    yield run
    context.close()


def stored(ticks: dict) -> str:
    return json.dumps({"v": 1, "ticks": ticks})


# --- Month keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "key"), [
    ("new Date(2026, 0, 1)", "2026-01"),
    ("new Date(2026, 8, 30, 23, 59)", "2026-09"),
    ("new Date(2026, 11, 31, 23, 59)", "2026-12"),
    ("new Date(2027, 0, 1, 0, 0)", "2027-01"),
])
def test_month_key_is_year_and_two_digit_month(js, date: str, key: str) -> None:
    assert js(f"G.month({date})") == key


@pytest.mark.parametrize(("zone", "instant", "key"), [
    ("Pacific/Auckland", "2026-11-30T12:00:00Z", "2026-12"),
    ("America/Los_Angeles", "2026-12-01T05:00:00Z", "2026-11"),
])
def test_month_key_follows_the_readers_time_zone(browser, zone: str, instant: str,
                                                 key: str) -> None:
    context = browser.new_context(timezone_id=zone)
    page = context.new_page()
    page.add_script_tag(path=str(STORE))
    page.add_script_tag(path=str(SCRIPT))
    assert page.evaluate("at => guideChecklist.month(new Date(at))", instant) == key
    context.close()


# --- Parse --------------------------------------------------------------------------------------


def test_nothing_stored_is_an_empty_value(js) -> None:
    assert js("G.parse(null)") == {"v": 1, "ticks": {}}


def test_a_stored_value_reads_back_with_unticked_items_left_out(js) -> None:
    text = stored({"2026-10": {"first-item": True, "second-item": False}, "2026-11": {},
                   "once": {"a-b": True}})
    assert js("G.parse(arg)", text) == {
        "v": 1, "ticks": {"2026-10": {"first-item": True}, "2026-11": {}, "once": {"a-b": True}}}


@pytest.mark.parametrize("text", [
    "{not json",
    "[]",
    "42",
    '"text"',
    json.dumps({"ticks": {}}),  # no version
    json.dumps({"v": "1", "ticks": {}}),
    json.dumps({"v": 2, "ticks": {}}),  # written by a newer guide
    json.dumps({"v": 1}),
    json.dumps({"v": 1, "ticks": []}),
    stored({"2026-13": {"a": True}}),
    stored({"November": {"a": True}}),
    stored({"2026-11": ["a"]}),
    stored({"2026-11": {"Not An Id": True}}),
    stored({"2026-11": {"a": "yes"}}),
    stored({"2026-11": {"a": 1}}),
])
def test_anything_unreadable_is_refused_rather_than_guessed(js, text: str) -> None:
    error = js("(() => { try { G.parse(arg); return null; } catch (e) { return String(e); } })()",
               text)
    assert error is not None


# --- Migrate ------------------------------------------------------------------------------------


def test_current_version_passes_through(js) -> None:
    assert js("G.migrate({v: G.VERSION, ticks: {}})") == {"v": 1, "ticks": {}}


def test_an_older_version_is_migrated_step_by_step_not_dropped(js) -> None:
    # A pretend version 0 that kept lists of ticked ids; one step brings it to version 1.
    step = """old => ({v: 1, ticks: Object.fromEntries(Object.entries(old.months).map(
        ([month, ids]) => [month, Object.fromEntries(ids.map(id => [id, true]))]))})"""
    result = js(f"G.parse(arg, {{0: {step}}})",
                json.dumps({"v": 0, "months": {"2026-10": ["first-item", "second-item"]}}))
    assert result == {"v": 1, "ticks": {"2026-10": {"first-item": True, "second-item": True}}}


def test_an_older_version_without_a_step_is_refused(js) -> None:
    error = js("(() => { try { G.migrate({v: 0, ticks: {}}, {}); } "
               "catch (e) { return e.message; } })()")
    assert "unreadable" in error


# --- Merge, tick, ticked ------------------------------------------------------------------------


A = {"v": 1, "ticks": {"2026-10": {"a": True}, "2026-11": {"b": True}}}
B = {"v": 1, "ticks": {"2026-11": {"c": True}, "2026-12": {"a": True}}}


def test_merge_keeps_every_tick_of_both(js) -> None:
    assert js("G.merge(arg[0], arg[1])", [A, B]) == {"v": 1, "ticks": {
        "2026-10": {"a": True}, "2026-11": {"b": True, "c": True}, "2026-12": {"a": True}}}


def test_merge_is_order_free_and_merging_again_changes_nothing(js) -> None:
    once = js("G.merge(arg[0], arg[1])", [A, B])
    assert js("G.merge(arg[1], arg[0])", [A, B]) == once
    assert js("G.merge(G.merge(arg[0], arg[1]), arg[1])", [A, B]) == once
    assert js("G.merge(arg, arg)", A) == A


def test_merge_does_not_change_its_inputs(js) -> None:
    assert js("(() => { const a = JSON.parse(JSON.stringify(arg)); G.merge(a, a); "
              "G.tick(a, '2026-10', 'z', true); return a; })()", A) == A


def test_tick_and_untick_touch_one_item_of_one_period(js) -> None:
    ticked = js("G.tick(arg, '2026-11', 'd', true)", A)
    assert ticked["ticks"] == {"2026-10": {"a": True}, "2026-11": {"b": True, "d": True}}
    unticked = js("G.tick(arg, '2026-11', 'b', false)", A)
    assert unticked["ticks"] == {"2026-10": {"a": True}, "2026-11": {}}


def test_ticked_follows_the_items_order_and_keeps_removed_items_out_of_the_count(js) -> None:
    value = {"v": 1, "ticks": {"2026-11": {"gone": True, "b": True, "a": True}}}
    assert js("G.ticked(arg, '2026-11', ['a', 'b', 'c'])", value) == ["a", "b"]
    assert sorted(js("G.ticked(arg, '2026-11')", value)) == ["a", "b", "gone"]
    assert js("G.ticked(arg, '2026-01', ['a'])", value) == []


# --- Files --------------------------------------------------------------------------------------


def test_a_ticks_file_round_trips(js) -> None:
    text = js("JSON.stringify(G.pack({'a-monthly-checklist': arg}))", A)
    assert js("G.unpack(arg)", text) == {"a-monthly-checklist": A}


@pytest.mark.parametrize("file", [
    "not json",
    json.dumps({"checklists": {}}),
    json.dumps({"guide": "something-else", "v": 1, "checklists": {}}),
    json.dumps({"guide": "checklist-ticks", "v": 1, "checklists": {"Bad Id": A}}),
    json.dumps({"guide": "checklist-ticks", "v": 1,
                "checklists": {"good": A, "bad": {"v": 1, "ticks": {"2026-11": {"a": "x"}}}}}),
])
def test_a_bad_file_is_refused_as_a_whole(js, file: str) -> None:
    refused = js("(() => { try { G.unpack(arg); } catch (e) { return 'refused'; } })()", file)
    assert refused == "refused"


# --- What a file from someone else may add ------------------------------------------------------


def test_a_monthly_checklist_keeps_this_month_and_the_ones_before_it_only(js) -> None:
    kept = js("G.periods('monthly', 120, new Date(2026, 9, 15))")
    assert len(kept) == 121 and kept[0] == "2016-10" and kept[-1] == "2026-10"
    assert kept == sorted(kept)
    assert js("G.periods('once', 120)") == ["once"]


def test_only_items_and_periods_that_exist_are_kept(js) -> None:
    value = js("""G.only(G.parse(arg), ['a', 'b'], ['2026-09', '2026-10'])""", stored({
        "2026-10": {"a": True, "gone": True}, "2026-09": {"gone": True},
        "1990-01": {"a": True}, "2999-12": {"b": True}}))
    assert value == {"v": 1, "ticks": {"2026-10": {"a": True}}}
