"""'Share my ticks': partners compare this month's ticks through a link or a code, no server."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import watched_page
from tests.support.browser import axe_violations
from tests.support.project import ROOT, built_site
from tests.support.tool_site import checklist_page, said, served_tool_starter, words

# The guide's checklist with "compare" when its build has one; else the starter with every tool
if 'class="guide-compare"' in built_site().html(checklist_page(built_site())[0]):
    GUIDE: Path | None = ROOT
    PAGE, ID = checklist_page(built_site())
else:
    GUIDE = None
    PAGE, ID = checklist_page(served_tool_starter()[0])
W = words(GUIDE or served_tool_starter()[0].site.parent)


@pytest.fixture(scope="module")
def served(server):
    """The server of the site whose checklist compares ticks."""
    return server if GUIDE else served_tool_starter()[1]


def _items(page) -> list[str]:
    return page.locator("[data-item]").evaluate_all("boxes => boxes.map(box => box.dataset.item)")


def _tick(page, items: list[str]) -> None:
    for item in items:
        page.locator(f"#{ID}--{item}").check()


def _storage(page) -> dict[str, str]:
    return page.evaluate("() => ({...localStorage, ...sessionStorage})")


def _ticked(page) -> list[str]:
    return [box.get_attribute("data-item") for box in page.locator("[data-item]:checked").all()]


def _rows(page) -> dict[str, tuple[str, str, bool]]:
    """Each item's row in the comparison: (you, your partner, marked as different)."""
    rows = {}
    for row in page.locator("[data-compare-table] tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        rows[row.locator("th").inner_text()] = (*cells, "guide-compare__differs" in (
            row.get_attribute("class") or ""))
    return rows


def _share(page) -> tuple[str, str]:
    page.get_by_role("button", name=W.text("share.make")).click()
    return (page.get_by_label(W.text("share.link")).input_value(),
            page.get_by_label(W.text("share.code")).input_value())


def _compare(page, text: str) -> None:
    """Paste a code or link and compare."""
    page.get_by_label(W.text("share.paste")).fill(text)
    page.get_by_role("button", name=W.text("share.compare"), exact=True).click()


@pytest.fixture
def partner(browser, served):
    """A second reader on their own device: a separate browser profile."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url(PAGE))
    expect(page.locator(".guide-checklist[data-ready]")).to_have_count(1, timeout=30_000)
    yield page
    context.close()


@pytest.fixture
def reader(profile, served):
    """The first reader's page, watched for anything a reader must never see."""
    with watched_page(profile, served.origin) as page:
        yield page


@pytest.fixture
def shared(reader, served) -> tuple[str, str, list[str]]:
    """Ticks made and shared by the first reader: the link, the code and the item ids."""
    watched = reader
    watched.goto(served.url(PAGE))
    expect(watched.locator(".guide-checklist[data-ready]")).to_have_count(1, timeout=30_000)
    items = _items(watched)
    _tick(watched, [items[0], items[2]])
    link, code = _share(watched)
    return link, code, items


def test_a_shared_link_shows_both_sets_side_by_side_and_changes_nothing(shared, partner):
    link, code, items = shared
    assert link.endswith(f"#share={code}") and code.startswith(f"1.{ID}.")
    _tick(partner, [items[0], items[1]])
    before = _storage(partner)
    partner.goto(link)
    status = partner.get_by_role("status").filter(
        has_text=said(W, "share.shown", n=2, total=len(items))).inner_text()
    assert said(W, "share.shown", n=2, total=len(items)).fullmatch(status)
    rows = list(_rows(partner).values())
    assert len(rows) == len(items)
    assert rows[0] == ("Ticked", "Ticked", False)
    assert rows[1][:2] == ("Ticked", "Not ticked") and rows[1][2]
    assert rows[2][:2] == ("Not ticked", "Ticked") and rows[2][2]
    assert all(row == ("Not ticked", "Not ticked", False) for row in rows[3:])
    assert sum(W.text("share.differs") in head for head in _rows(partner)) == 2
    assert _storage(partner) == before
    assert _ticked(partner) == [items[0], items[1]]
    assert axe_violations(partner, within="[data-compare]") == []


def test_a_pasted_code_works_and_follows_the_readers_own_new_ticks(shared, partner):
    _, code, items = shared
    _compare(partner, f"  {code}\n")
    status = partner.locator("[data-compare-status]")
    expect(status).to_have_text(said(W, "share.shown", n=2, total=len(items)))
    _tick(partner, [items[0], items[2]])
    expect(status).to_have_text(said(W, "share.same", total=len(items)))
    assert not any(differs for *_, differs in _rows(partner).values())


def _refused(page, text: str) -> str:
    before = (_storage(page), _ticked(page))
    _compare(page, text)
    message = page.locator("[data-compare-status]").inner_text()
    assert page.locator("[data-compare-table]").is_hidden()
    assert (_storage(page), _ticked(page)) == before
    return message


def test_a_tampered_link_is_refused_with_a_message_and_storage_unchanged(shared, partner):
    link, code, items = shared
    _tick(partner, [items[-1]])
    before = _storage(partner)
    *head, bits, check = code.split(".")
    flipped = format(int(bits[0], 16) ^ 1, "x") + bits[1:]
    partner.goto(link.replace(code, ".".join([*head, flipped, check])))
    message = partner.locator("[data-compare-status]").inner_text()
    assert message == W.text("share.changed")
    assert partner.locator("[data-compare-table]").is_hidden()
    assert _storage(partner) == before and _ticked(partner) == [items[-1]]


def test_malformed_other_and_outdated_codes_each_say_why(shared, partner):
    _, code, items = shared

    def made(checklist=ID, month=None, ids=items):
        return partner.evaluate("([id, month, ids]) => guideCompare.encode(id, month || "
                                "guideChecklist.month(), ids, ids.slice(0, 1))",
                                [checklist, month, ids])

    assert _refused(partner, "hello there") == W.text("share.bad")
    assert _refused(partner, code.rsplit(".", 1)[0]) == W.text("share.bad")
    assert _refused(partner, code[:-2]) == W.text("share.changed")
    assert _refused(partner, code.replace(f".{ID}.", ".other-list.")) == W.text("share.changed")
    assert _refused(partner, made("other-list")) == W.text("share.other")
    assert _refused(partner, "2" + code[1:]) == W.text("share.old")
    assert _refused(partner, made(ids=[*items, "a-new-item"])) == W.text("share.old")
    january = partner.evaluate("new Date(2020, 0).toLocaleDateString(document.documentElement"
                               ".lang, {month: 'long', year: 'numeric'})")
    assert _refused(partner, made(month="2020-01")) == W.text("share.month", month=january)
    assert said(W, "share.early").fullmatch(_refused(partner, made(month="2999-12")))
