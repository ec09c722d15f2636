"""Files an earlier build made, reused while everything they are made from stays the same.

A build of the guide writes hundreds of calendar files whose content rarely changes. Each is kept
in a cache folder under a hash of its inputs (and of the code that makes it), so the next build
(`mkdocs serve` rebuilds on every save) reads it back instead of making it again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path


class Reuse:
    """A cache folder of made files, by the hash of what they were made from.

    `salt` names the code that makes them (e.g. its version): change it and nothing is reused.
    Without a folder, or when it cannot be written, every file is simply made.
    """

    def __init__(self, folder: Path | None, salt: str, suffix: str = "") -> None:
        self.folder = folder if folder is not None and _writable(folder) else None
        self.salt = salt
        self.suffix = suffix
        self.used: set[str] = set()

    def get(self, inputs: str, make: Callable[[], bytes]) -> bytes:
        """The file made from `inputs`: read back from the cache, else made and kept."""
        if self.folder is None:
            return make()
        name = hashlib.sha256(f"{self.salt}\0{inputs}".encode()).hexdigest() + self.suffix
        self.used.add(name)
        path = self.folder / name
        try:
            return path.read_bytes()
        except OSError:
            content = make()
        try:
            partial = path.with_name(f"{name}.{os.getpid()}.partial")
            partial.write_bytes(content)
            partial.replace(path)  # whole files only, also when two builds run at once
        except OSError:
            pass  # a full disk costs speed, never the build
        return content

    def forget_unused(self) -> None:
        """Remove every file this run did not ask for, so the folder never grows stale."""
        if self.folder is None:
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)


def code_version(*sources: Path, extra: Iterable[str] = ()) -> str:
    """A hash of source files (and version strings): the salt for what they make."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    for part in extra:
        digest.update(part.encode())
    return digest.hexdigest()


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return True
