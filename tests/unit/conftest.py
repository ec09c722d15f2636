"""Unit tests stay quick: none builds the site or starts a browser (tests/build and tests/browser
do that), so no unit test may ask for the fixtures that would."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent
SLOW = {"site", "server", "browser", "context", "watched"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        slow = SLOW & set(getattr(item, "fixturenames", ()))
        if slow and item.path.is_relative_to(HERE):
            raise pytest.UsageError(f"{item.nodeid} is a unit test but uses {sorted(slow)}: "
                                    "move it to tests/build or tests/browser")
