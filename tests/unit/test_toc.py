"""The table of contents rebuilt from a page's HTML, embedded entries included."""

from guidekit.toc import toc_tokens

PAGE = """
<h1 id="rebuild">Rebuild <em>trust</em><a class="headerlink" href="#rebuild">&para;</a></h1>
<p>Intro with <h2>no id</h2> in it.</p>
<h2 id="talk">Talk &amp; listen</h2>
<section class="guide-entry"><h3 class="guide-title" id="weekly-video-date">Weekly
  video date <span class="guide-kind">ritual</span></h3></section>
<h4 id='deep'>Deep</h4>
<h2 id="later">Later</h2>
<pre><code>&lt;h2 id="code"&gt;not a heading&lt;/h2&gt;</code></pre>
"""


def _outline(tokens: list[dict]) -> list:
    return [(t["level"], t["id"], t["name"], _outline(t["children"])) for t in tokens]


def test_headings_nest_by_level_with_their_text_only() -> None:
    assert _outline(toc_tokens(PAGE)) == [
        (1, "rebuild", "Rebuild trust", [
            (2, "talk", "Talk &amp; listen", [
                (3, "weekly-video-date", "Weekly\n  video date ritual", [
                    (4, "deep", "Deep", []),
                ]),
            ]),
            (2, "later", "Later", []),
        ]),
    ]


def test_a_page_without_headings_has_an_empty_toc() -> None:
    assert toc_tokens("<p>Nothing here</p>") == []
