"""Every built page carries a Content-Security-Policy that allows only the site's own origin."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from guidekit.csp import KnownScripts, inline_scripts, policy, with_policy
from tests.support.project import Build, built_starter

# The starter guide, and whatever guide this project holds (this one, or the one swapped in)
GUIDES = ["starter", "site"]


@pytest.fixture(scope="module")
def starter() -> Build:
    return built_starter()

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)


def _directives(content: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (d.split() for d in content.split(";"))}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("which", GUIDES)
def test_every_page_has_one_policy_before_anything_it_governs(which: str, request) -> None:
    site = request.getfixturevalue(which)
    for page in site.pages():
        html = site.html(page or "index.html")
        assert len(_META.findall(html)) == 1, f"/{page}: expected exactly one CSP meta"
        head = html[: html.index("<body")]
        assert head.index("Content-Security-Policy") < min(
            head.index(tag) for tag in ("<script", "<link") if tag in head), f"/{page}"


def test_the_policy_allows_only_the_sites_own_origin(starter: Build) -> None:
    site = starter
    directives = _directives(_META.search(site.html("library/rituals/"))[1])
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["worker-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    script_src = directives["script-src"]
    assert script_src[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in script_src[1:])
    assert "unsafe" not in _META.search(site.html("library/rituals/"))[1]


@pytest.mark.parametrize("which", GUIDES)
def test_every_inline_script_is_allowed_by_its_own_hash(which: str, request) -> None:
    site = request.getfixturevalue(which)
    for page in site.pages():
        html = site.html(page or "index.html")
        allowed = set(_directives(_META.search(html)[1])["script-src"])
        scripts = [m["body"] for m in _SCRIPT.finditer(html)
                   if "src=" not in m["attrs"] and "application/json" not in m["attrs"]]
        assert scripts, f"/{page}: Material's inline scripts are missing"
        assert {_sha256(body) for body in scripts} <= allowed, f"/{page}"
        assert len(allowed) == len({_sha256(body) for body in scripts}) + 1, f"/{page}"


@pytest.mark.parametrize("which", GUIDES)
def test_no_page_needs_inline_handlers_styles_or_javascript_urls(which: str, request) -> None:
    site = request.getfixturevalue(which)
    for page in site.pages():
        html = site.html(page or "index.html")
        for pattern in (r"\son[a-z]+=", r"\sstyle=", r"javascript:", r"<style"):
            assert not re.search(pattern, html), f"/{page} has {pattern}, which the CSP blocks"


def test_hashes_cover_only_scripts_that_run() -> None:
    html = ('<head><meta charset="utf-8"><script src="a.js"></script>'
            '<script type="application/json">{"a": 1}</script>'
            "<script>var a = '&amp;' < 2;</script><script type=module>b()</script></head>")
    assert inline_scripts(html) == ["var a = '&amp;' < 2;", "b()"]
    hashes = sorted([_sha256("var a = '&amp;' < 2;"), _sha256("b()")])
    known = KnownScripts.from_sources({"main.html": "<script>var a = '&amp;' < 2;</script>"
                                                    "<script type=module>b()</script>"})
    assert f"script-src 'self' {' '.join(hashes)};" in policy(html, known)


def test_the_meta_goes_right_after_the_charset() -> None:
    page = with_policy('<html><head><meta charset="utf-8"><title>t</title></head></html>',
                       KnownScripts(()))
    charset, meta = page.index('<meta charset="utf-8">'), page.index("Content-Security")
    assert charset < meta < page.index("<title>")


def test_a_page_without_charset_is_refused_not_half_protected() -> None:
    with pytest.raises(ValueError, match="charset"):
        with_policy("<html><head><script>x()</script></head></html>",
                    KnownScripts.from_sources({"main.html": "<script>x()</script>"}))
