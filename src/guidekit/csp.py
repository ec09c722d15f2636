"""A Content-Security-Policy for one built page: the site's own origin only, inline scripts by hash.

The policy is written into the page as `<meta http-equiv="Content-Security-Policy">`, so it works
on any static host without server headers. Each page lists the SHA-256 hashes of its own inline
scripts (Material's differ per page: they carry the page's relative base URL), which lets them
run while any script injected later does not. `frame-ancestors`, `report-uri` and `sandbox` are
ignored in a meta policy, so they are not written.

What is found in a page is not trusted: only the inline scripts that the templates listed in
`SCRIPT_TEMPLATES` write are hashed (`KnownScripts`). Any other inline script, from a page's
Markdown or from text that escaped its escaping, fails the build, naming the page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# The allow-list: the only templates whose inline scripts a page may run. Each script written in
# one of them is allowed exactly as written there, with the page's base URL (a `{{ ... }}` that
# uses `base_url`) as the only part that may differ from page to page. They are read from the
# theme's folders, `overrides/` first, so a script changed or added in a listed template needs no
# change here. To allow a script written in another template, add that template's name below.
SCRIPT_TEMPLATES = (
    "main.html",                          # the guide: marks that scripts run; anything it adds
    "partials/javascripts/base.html",     # Material: __md_scope, __md_get and __md_set
    "partials/javascripts/palette.html",  # Material: the colour scheme the reader chose
    "partials/javascripts/content.html",  # Material: opens the content tab a link points at
)

# What runs as a script: no type, or a JavaScript one. Data blocks (`application/json`) do not.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# Everything but scripts. Material needs no inline styles: it changes styles through the CSSOM
# (`element.style`), which a policy does not restrict.
_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}

_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<text>.*?)</script", re.I | re.S)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in `html` that a browser would run.

    A script's text cannot contain `</script`, so the first one ends it: a pattern finds each
    script exactly, many times faster than a full HTML parser on pages with a large nav.
    """
    return [match["text"] for match in _SCRIPT.finditer(html)
            if not _SRC.search(match["attrs"])
            and _type(match["attrs"]) in _SCRIPT_TYPES]


class UnknownScript(ValueError):
    """An inline script that no known template writes."""


@dataclass(frozen=True)
class KnownScripts:
    """The inline scripts the known templates write, each as a pattern of its whole text."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (template, pattern)

    @classmethod
    def from_templates(cls, template_dirs: Sequence[Path],
                       names: Sequence[str] = SCRIPT_TEMPLATES) -> KnownScripts:
        """The scripts in `names`, each read from the first of `template_dirs` that has it."""
        sources = {}
        for name in names:
            path = next((Path(d) / name for d in template_dirs if (Path(d) / name).is_file()),
                        None)
            if path is None:
                raise UnknownScript(f"the allow-list of inline scripts names the template "
                                    f"'{name}', which the theme does not have")
            sources[name] = path.read_text(encoding="utf-8")
        return cls.from_sources(sources)

    @classmethod
    def from_sources(cls, sources: Mapping[str, str]) -> KnownScripts:
        """The scripts in templates given as {name: Jinja source}."""
        return cls(tuple((name, _pattern(name, script)) for name, source in sources.items()
                         for script in inline_scripts(source)))

    def allows(self, script: str) -> bool:
        return any(pattern.fullmatch(script) for _, pattern in self.patterns)


# In a known script, `{{ ... base_url ... }}` stands for a page's relative base URL ("..", "/"):
# characters of a URL path only, so it can never end the string it is written in.
_EXPRESSION = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.DOTALL)
_BASE_URL = r"[\w./~%-]*"


def _pattern(template: str, script: str) -> re.Pattern[str]:
    if "{%" in script or "{#" in script:
        raise UnknownScript(f"{template}: an inline script holds Jinja logic ({{% %}} or {{# #}}),"
                            " so it cannot be allowed as written: move the logic around it")
    parts, last = [], 0
    for expression in _EXPRESSION.finditer(script):
        if "base_url" not in expression[2]:
            raise UnknownScript(f"{template}: an inline script holds '{expression[0]}'; only the "
                                "base URL may differ from page to page")
        before = script[last:expression.start()]
        parts += [re.escape(before.rstrip() if expression[1] else before), _BASE_URL]
        last = expression.end()
        if expression[3]:
            last += len(script[last:]) - len(script[last:].lstrip())
    parts.append(re.escape(script[last:]))
    return re.compile("".join(parts), re.DOTALL)


def _type(attrs: str) -> str:
    found = _TYPE.search(attrs)
    return (found["type"] if found else "").strip().lower()


def script_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str, known: KnownScripts, page: str = "the page") -> str:
    """The policy for a page: own origin only, plus the hashes of the page's inline scripts.

    Raises `UnknownScript`, naming `page`, when an inline script is not one that `known` allows.
    """
    scripts = inline_scripts(html)
    for script in scripts:
        if not known.allows(script):
            shown = " ".join(script.split())
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise UnknownScript(
                f"{page}: has an inline script that no known template writes: '{shown}' (a "
                "page's Markdown and the data cannot add scripts: put it in a .js file listed "
                "in extra_javascript, or in a template listed in guidekit/csp.py)")
    hashes = sorted({script_hash(script) for script in scripts})
    directives = {**_POLICY, "script-src": ["'self'", *hashes]}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_policy(html: str, known: KnownScripts, page: str = "the page") -> str:
    """`html` with its policy in a meta tag right after `<meta charset>`, before any script.

    A meta policy only governs what comes after it, so a page without `<meta charset>` (which
    every Material page starts its head with) is refused rather than half protected.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, known, page)}">'
    protected, found = _CHARSET.subn(lambda charset: f"{charset[0]}\n    {meta}", html, count=1)
    if not found:
        raise ValueError("the page has no <meta charset>, so a policy cannot come first")
    return protected
