"""Where "Leave this site quickly" goes, and the words that tell a reader so.

The address is `extra.quick_exit_url` in mkdocs.yml. Without one the link would only reload the
page, so a missing, empty or unusable address is an author's mistake, never a silent default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# An address a browser opens as it is: http(s), a host, and no character that would need escaping
_URL = re.compile(r"https?://[^\s\"'<>\\`]+", re.IGNORECASE)
_EXAMPLE = "quick_exit_url: https://www.bbc.co.uk/weather"


@dataclass(frozen=True)
class QuickExit:
    url: str
    label: str  # where it goes, in words: "opens {label}"


class QuickExitError(ValueError):
    """One line for the author: what is wrong in mkdocs.yml, and the fix."""


def quick_exit(extra: Mapping[str, Any]) -> QuickExit:
    """The quick exit from mkdocs.yml's `extra`, or `QuickExitError` saying what to fix.

    `extra.quick_exit_label` names the destination ("BBC Weather"); without it the link's host
    does ("bbc.co.uk").
    """
    url = extra.get("quick_exit_url")
    if not isinstance(url, str) or not url.strip():
        said = "is missing" if url is None else f"is empty ({url!r})" if not url else \
            f"is not text ({url!r})"
        raise QuickExitError(f"mkdocs.yml: extra.quick_exit_url {said}, so \"Leave this site "
                             f"quickly\" would only reload the page (add '{_EXAMPLE}' under "
                             "'extra:', the address of a busy, neutral site)")
    url = url.strip()
    host = urlsplit(url).hostname if _URL.fullmatch(url) else None
    if not host:
        raise QuickExitError(f"mkdocs.yml: extra.quick_exit_url is {url!r}: expected a full "
                             f"address starting with https:// (for example '{_EXAMPLE}')")
    label = extra.get("quick_exit_label")
    if label is not None and (not isinstance(label, str) or not label.strip()
                              or not label.isprintable()):
        raise QuickExitError(f"mkdocs.yml: extra.quick_exit_label is {label!r}: expected a short "
                             "line of text naming where the link goes, like 'BBC Weather', or "
                             "remove it to name the site's address")
    return QuickExit(url, label.strip() if label else host.removeprefix("www."))
