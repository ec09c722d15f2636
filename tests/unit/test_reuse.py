"""Files of an earlier build are reused only while what they were made from is unchanged."""

from __future__ import annotations

from pathlib import Path

from guidekit.reuse import Reuse


class Maker:
    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, inputs: str):
        def make() -> bytes:
            self.made.append(inputs)
            return f"made from {inputs}".encode()
        return make


def test_same_inputs_are_read_back_and_new_inputs_are_made(tmp_path: Path) -> None:
    make = Maker()
    first = Reuse(tmp_path, "v1", ".ics")
    assert first.get("a", make("a")) == b"made from a"
    again = Reuse(tmp_path, "v1", ".ics")
    assert again.get("a", make("a")) == b"made from a"
    assert again.get("b", make("b")) == b"made from b"
    assert make.made == ["a", "b"]


def test_other_code_makes_everything_again(tmp_path: Path) -> None:
    make = Maker()
    Reuse(tmp_path, "v1").get("a", make("a"))
    Reuse(tmp_path, "v2").get("a", make("a"))
    assert make.made == ["a", "a"]


def test_files_a_run_did_not_ask_for_are_removed(tmp_path: Path) -> None:
    make = Maker()
    old = Reuse(tmp_path, "v1", ".ics")
    old.get("a", make("a"))
    old.get("b", make("b"))
    new = Reuse(tmp_path, "v1", ".ics")
    new.get("b", make("b"))
    new.forget_unused()
    assert len(list(tmp_path.iterdir())) == 1
    assert Reuse(tmp_path, "v1", ".ics").get("b", make("b")) == b"made from b"
    assert make.made == ["a", "b"]


def test_without_a_usable_folder_everything_is_made(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    make = Maker()
    for folder in (None, blocker / "cache"):
        reuse = Reuse(folder, "v1")
        assert reuse.get("a", make("a")) == b"made from a"
        reuse.forget_unused()
    assert make.made == ["a", "a"]
