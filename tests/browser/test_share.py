"""'Share my ticks': partners compare this month's ticks through a link or a code, no server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations

PAGE = "tools/monthly-trust-checklist/"
ID = "monthly-trust-checklist"


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
    page.get_by_role("button", name="Share my ticks").click()
    return (page.get_by_label("Link for your partner").input_value(),
            page.get_by_label("Or this short code").input_value())


@pytest.fixture
def partner(browser, server):
    """A second reader on their own device: a separate browser profile."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url(PAGE))
    expect(page.locator(".guide-checklist[data-ready]")).to_have_count(1, timeout=30_000)
    yield page
    context.close()


@pytest.fixture
def shared(watched, server) -> tuple[str, str, list[str]]:
    """Ticks made and shared by the first reader: the link, the code and the item ids."""
    watched.goto(server.url(PAGE))
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
    status = partner.get_by_role("status").filter(has_text="Side by side").inner_text()
    assert "you differ on 2 of" in status and "Your own ticks have not changed" in status
    rows = list(_rows(partner).values())
    assert len(rows) == len(items)
    assert rows[0] == ("Ticked", "Ticked", False)
    assert rows[1][:2] == ("Ticked", "Not ticked") and rows[1][2]
    assert rows[2][:2] == ("Not ticked", "Ticked") and rows[2][2]
    assert all(row == ("Not ticked", "Not ticked", False) for row in rows[3:])
    assert sum("Talk about this" in head for head in _rows(partner)) == 2
    assert _storage(partner) == before
    assert _ticked(partner) == [items[0], items[1]]
    assert axe_violations(partner, within="[data-compare]") == []


def test_a_pasted_code_works_and_follows_the_readers_own_new_ticks(shared, partner):
    _, code, items = shared
    partner.get_by_label("Your partner's code or link").fill(f"  {code}\n")
    partner.get_by_role("button", name="Compare").click()
    assert "you differ on 2 of" in partner.locator("[data-compare-status]").inner_text()
    _tick(partner, [items[0], items[2]])
    assert "you ticked the same" in partner.locator("[data-compare-status]").inner_text()
    assert not any(differs for *_, differs in _rows(partner).values())


def _refused(page, text: str) -> str:
    before = (_storage(page), _ticked(page))
    page.get_by_label("Your partner's code or link").fill(text)
    page.get_by_role("button", name="Compare").click()
    message = page.locator("[data-compare-status]").inner_text()
    assert page.locator("[data-compare-table]").is_hidden()
    assert (_storage(page), _ticked(page)) == before
    return message


def test_a_tampered_link_is_refused_with_a_message_and_storage_unchanged(shared, partner):
    link, code, items = shared
    _tick(partner, [items[3]])
    before = _storage(partner)
    *head, bits, check = code.split(".")
    flipped = format(int(bits[0], 16) ^ 1, "x") + bits[1:]
    partner.goto(link.replace(code, ".".join([*head, flipped, check])))
    message = partner.locator("[data-compare-status]").inner_text()
    assert "changed or mistyped" in message
    assert partner.locator("[data-compare-table]").is_hidden()
    assert _storage(partner) == before and _ticked(partner) == [items[3]]


def test_malformed_other_and_outdated_codes_each_say_why(shared, partner):
    _, code, items = shared

    def made(checklist=ID, month=None, ids=items):
        return partner.evaluate("([id, month, ids]) => guideCompare.encode(id, month || "
                                "guideChecklist.month(), ids, ids.slice(0, 1))",
                                [checklist, month, ids])

    assert "not a code from this guide" in _refused(partner, "hello there")
    assert "not a code from this guide" in _refused(partner, code.rsplit(".", 1)[0])
    assert "changed or mistyped" in _refused(partner, code[:-2])
    assert "changed or mistyped" in _refused(partner, code.replace(f".{ID}.", ".other-list."))
    assert "different checklist" in _refused(partner, made("other-list"))
    assert "different version" in _refused(partner, "2" + code[1:])
    assert "different version" in _refused(partner, made(ids=[*items, "a-new-item"]))
    assert "This code is for January 2020" in _refused(partner, made(month="2020-01"))
    assert "has not started here yet" in _refused(partner, made(month="2999-12"))
