"""Why a data file cannot be read at all, in plain words: the line to look at and the fix.

That includes a file whose aliases would repeat its parts past any use (`check_aliases`).
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem
from .text import decode_utf8

# A line of a mapping or a list, as it looks when a quote swallowed the lines after it
_LOOKS_LIKE_A_LINE = re.compile(r"\n\s*(- |[\w-]+:(\s|$))")
# `key: text with: a colon`, maybe as a list item
_KEY_AND_TEXT = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[\w-]+):\s+(?P<text>[^\s\"'].*?)\s*$")
# `key: 'quoted' and more`: a quoted value with text after its closing quote
_QUOTED_THEN_MORE = re.compile(
    r"""^\s*(?:- )?(?:[\w-]+:\s+)?(?P<quote>["'])(?:(?!(?P=quote)).)*(?P=quote)\s*[^\s#,\]}]""")
# Common parser complaints, said plainly (the rest keep the parser's words)
_PLAIN = {
    "mapping values are not allowed here": "a colon here is not expected",
    "mapping values are not allowed in this context": "a colon here is not expected",
    "did not find expected key": "this line does not line up with the lines above it",
    "did not find expected '-' indicator": "this line does not line up with the list above it",
    "block sequence entries are not allowed in this context":
        "a list item ('- ') cannot start on the same line as its field name",
    "did not find expected alphabetic or numeric character":
        "an & or * here must be followed by a name; if it is text, put the whole text in quotes",
    "found undefined alias": "this *name refers to an &name that is not written above it",
    "found a tab character that violates indentation": "a tab here; YAML needs spaces",
    "found a tab character where an indentation space is expected":
        "a tab here; YAML needs spaces",
    "second occurrence": "this &name is already used above; give it another name",
    "but found another document": "a '---' line starts a second document in this file",
}
# A line with a field name: its indentation, then `- ` when it starts a list item, then `name:`
_FIELD_LINE = re.compile(r"^(?P<indent> *(?:- )?)(?P<key>\w[\w-]*):(\s|$)")
# What closes an open bracket, by what the parser was reading
_BRACKETS = {"while parsing a flow sequence": ("[", "]", "list"),
             "while parsing a flow mapping": ("{", "}", "fields")}
# Values that aliases (*name) may add to a file by repeating parts: far more than any guide needs
_MAX_REPEATED = 100_000


class Unreadable(Exception):
    """A file that cannot be read at all; `problem` says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def check_aliases(root: yaml.Node, name: str) -> None:
    """Refuse a file whose aliases repeat too much, before anything walks it.

    An alias (*name) stands for the whole part its anchor (&name) marks. Nested, a few lines can
    stand for billions of values ("billion laughs"), and walking them would take hours. The count
    is made on the parsed tree, where each part is one node however often it is repeated, so it
    takes as long as the file is. The problem points at the part whose repeats add up.
    """
    sizes: dict[int, int] = {}  # values a node stands for, by node, itself included
    active: set[int] = set()  # an alias inside its own anchor: the loader reports it

    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.MappingNode):
            return [part for pair in node.value for part in pair]
        return list(node.value) if isinstance(node, yaml.SequenceNode) else []

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key not in sizes:
            if key in active:
                return 1
            active.add(key)
            sizes[key] = 1 + sum(size(child) for child in children(node))
            active.discard(key)
        return sizes[key]

    if size(root) - len(sizes) <= _MAX_REPEATED:
        return
    node = root
    while True:
        biggest = max(children(node), key=size, default=None)
        if biggest is None or size(biggest) <= _MAX_REPEATED:
            break
        node = biggest
    raise Unreadable(Problem(name, node.start_mark.line + 1, node.start_mark.column + 1,
                             f"aliases (*name) repeat this part until the file holds more than "
                             f"{_MAX_REPEATED:,} values", hint="write the values out instead, or "
                             "use an alias without aliases inside it", code="too-many-aliases"))


def decode(raw: bytes, name: str) -> str:
    """The file's text, or `Unreadable` naming the line and column of the first foreign byte."""
    text = decode_utf8(raw, name, what="file")
    if isinstance(text, Problem):
        raise Unreadable(text)
    return text


def explain(error: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """The likely cause of a YAML syntax error: a tab, an open quote, a colon in text."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    reason = error.problem or "invalid YAML"
    return (_tab(lines, name, line) or _open_quote(error, text, lines, name, line)
            or _colon_in_text(reason, lines, name, line, column)
            or (_misaligned(lines, name, line) if reason in _PLAIN else None)
            or _text_after_quote(lines, name, line) or _open_bracket(error, name)
            or _no_colon(error, name) or _cannot_start(reason, lines, name, line, column)
            or Problem(name, line, column, f"YAML syntax error: {_PLAIN.get(reason, reason)}",
                       hint="check the indentation and quotes on this line and the one above",
                       code="yaml-syntax"))


def _tab(lines: list[str], name: str, upto: int) -> Problem | None:
    """The nearest line at or before the error whose indentation holds a tab."""
    for number in range(min(upto, len(lines)), 0, -1):
        text = lines[number - 1]
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in indent and text.strip():
            return Problem(name, number, indent.index("\t") + 1,
                           "this line is indented with a tab; YAML needs spaces",
                           hint="replace the tab with spaces", code="tab-indent")
    return None


def _open_quote(error: yaml.MarkedYAMLError, text: str, lines: list[str], name: str,
                line: int) -> Problem | None:
    """A quote left open runs on into the next lines until another quote closes it.

    Found as quoted text that swallowed lines looking like fields or list items, and that ends
    right where the parser gave up.
    """
    mark = error.context_mark if error.context == "while scanning a quoted scalar" else None
    if mark is None:
        try:
            for token in yaml.scan(text, Loader=yaml.SafeLoader):
                if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                        and token.end_mark.line >= line - 2 and _LOOKS_LIKE_A_LINE.search(
                            text[token.start_mark.index:token.end_mark.index])):
                    mark = token.start_mark
        except yaml.YAMLError:
            pass
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return None
    quote = lines[mark.line][mark.column]
    return Problem(name, mark.line + 1, mark.column + 1, "this quote is never closed",
                   hint=f"add {quote} at the end of the text", code="open-quote")


def _colon_in_text(reason: str, lines: list[str], name: str, line: int, column: int
                   ) -> Problem | None:
    """`tip: Remember: do this` reads as a field inside a field: the text needs quotes."""
    if not reason.startswith("mapping values are not allowed") or line > len(lines):
        return None
    match = _KEY_AND_TEXT.match(lines[line - 1])
    if match is None or column <= match.start("text"):
        return None
    text = match["text"] if len(match["text"]) <= 40 else match["text"][:37].rstrip() + "…"
    single = text.replace("'", "''")
    quoted = f"'{single}'" if '"' in text else f'"{text}"'
    return Problem(name, line, column, "a colon followed by a space inside text: "
                   "put the whole text in quotes", hint=f"e.g. {match['key']}: {quoted}",
                   code="colon-in-text")


def _text_after_quote(lines: list[str], name: str, line: int) -> Problem | None:
    """`tip: 'It's fine'`: the apostrophe closes the quote, and the rest is left over."""
    match = _QUOTED_THEN_MORE.match(lines[line - 1]) if line <= len(lines) else None
    if match is None:
        return None
    quote = match["quote"]
    inside = ("write an apostrophe twice, like It''s, or put the text in double quotes"
              if quote == "'" else "put the text in single quotes instead, or write \\\" inside")
    return Problem(name, line, match.start("quote") + 1,
                   f"the quote {quote} closes before the end of the text", hint=inside,
                   code="text-after-quote")


def _open_bracket(error: yaml.MarkedYAMLError, name: str) -> Problem | None:
    """`tip: [a, b` runs on until a `]` that never comes."""
    if error.context not in _BRACKETS or error.context_mark is None:
        return None
    opening, closing, what = _BRACKETS[error.context]
    mark = error.context_mark
    return Problem(name, mark.line + 1, mark.column + 1, f"this {opening} is never closed",
                   hint=f"add {closing} at the end of the {what}, or remove the {opening}",
                   code="open-bracket")


def _no_colon(error: yaml.MarkedYAMLError, name: str) -> Problem | None:
    """`cadence weekly`: a field name without its colon."""
    if error.problem != "could not find expected ':'" or error.context_mark is None:
        return None
    mark = error.context_mark
    return Problem(name, mark.line + 1, mark.column + 1, "this line has no colon",
                   hint="write it as 'name: value', or join it to the text on the line above",
                   code="no-colon")


def _cannot_start(reason: str, lines: list[str], name: str, line: int, column: int
                  ) -> Problem | None:
    """`tip: @home` or a backtick: YAML keeps these characters, so the text needs quotes."""
    if not reason.startswith("found character that cannot start") or line > len(lines):
        return None
    character = lines[line - 1][column - 1: column] or "?"
    return Problem(name, line, column, f"text cannot start with {character}",
                   hint="put the whole text in quotes", code="cannot-start")


def _misaligned(lines: list[str], name: str, line: int) -> Problem | None:
    """A field name that does not start where the field names above it start."""
    here = _FIELD_LINE.match(lines[line - 1]) if line <= len(lines) else None
    above = next((lines[n] for n in range(line - 2, -1, -1)
                  if lines[n].strip() and not lines[n].lstrip().startswith("#")), "")
    there = _FIELD_LINE.match(above)
    if here is None or there is None or "-" in here["indent"]:
        return None
    want, got = len(there["indent"]), len(here["indent"])
    if want == got:
        return None
    return Problem(name, line, got + 1, f"this line is indented {'more' if got > want else 'less'}"
                   f" than '{there['key']}:' above it",
                   hint=f"start it with {want} spaces, like the line above", code="misaligned")
