"""A Content-Security-Policy for one built page: the site's own origin only, inline scripts by hash.

The policy is written into the page as `<meta http-equiv="Content-Security-Policy">`, so it works
on any static host without server headers. Each page lists the SHA-256 hashes of its own inline
scripts (Material's differ per page: they carry the page's relative base URL), which lets them
run while any script injected later does not. `frame-ancestors`, `report-uri` and `sandbox` are
ignored in a meta policy, so they are not written.
"""

from __future__ import annotations

import base64
import hashlib
import re

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


def _type(attrs: str) -> str:
    found = _TYPE.search(attrs)
    return (found["type"] if found else "").strip().lower()


def script_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    """The policy for a page: own origin only, plus the hashes of the page's inline scripts."""
    hashes = sorted({script_hash(script) for script in inline_scripts(html)})
    directives = {**_POLICY, "script-src": ["'self'", *hashes]}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_policy(html: str) -> str:
    """`html` with its policy in a meta tag right after `<meta charset>`, before any script.

    A meta policy only governs what comes after it, so a page without `<meta charset>` (which
    every Material page starts its head with) is refused rather than half protected.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    protected, found = _CHARSET.subn(lambda charset: f"{charset[0]}\n    {meta}", html, count=1)
    if not found:
        raise ValueError("the page has no <meta charset>, so a policy cannot come first")
    return protected
