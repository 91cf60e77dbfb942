"""Many members' different emails as one SendGrid Dynamic Transactional Template. Pure: no IO.

A Mail Send request has one body for up to 1,000 recipients; a dynamic template (Handlebars)
lets that one body hold every recipient's own email. Each member's email comes cut in pieces,
the HTML and the text alike (HTML piece i goes with text piece i: a bill's line, a heading,
an alert, the member's own ask in it...), with markers standing for what is the member's own
(name, link, legislators: `mark(name)`, valued in `Marked`).

The pieces of a mailing's members are merged greedily into one sequence of nodes: walking a
member's pieces, the next one reuses the first equal node at or after the cursor, else a new
node is inserted at the cursor. A member whose pieces come in another order than the nodes
(members list their priorities in their own order, so their sections come in their order)
would need a second copy of a node behind the cursor; a small piece is copied, a large one
(a bill's line) is not: the member's email goes on in a new *run* from that node. The
template is every node once, inside a loop over the member's runs:

    {{#each p}}{{#if n1}}piece 1{{/if}}{{#if n2}}piece 2{{/if}}...{{/each}}

and a member's data lists their runs, each flagging its nodes and carrying the values its
pieces use: `{"subject": ..., "p": [{"n1": true, "n4": true, "member_name_html": ...}, ...]}`.
Most members need a run or a few; without runs, copies would fill the template (a strict
common supersequence of 1,000 varied digests is many megabytes).

Nothing in a piece is read as Handlebars: braces and backslashes become expressions whose
values the data carries, markers become triple-stash expressions of their value as it must
appear (`Marked.html` is already escaped for HTML), so the output never depends on
Handlebars' escaping. Only `#each`, `#if` and triple-stash expressions of the loop's own
element are used, nothing of a parent context.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

MAX_MEMBERS = 1000  # personalizations in one Mail Send request
DEFAULT_MAX_BYTES = 1_000_000  # per template part; SendGrid takes at most 1,048,576 bytes
SUBJECT = "{{{subject}}}"
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters: never in real text
MARK = re.compile(f"{MARK_OPEN}([a-z][a-z0-9_]*){MARK_CLOSE}")
# `\{{` is an escape in Handlebars (a literal `{{`) and `{{`, `}}` delimit expressions, so a
# piece's every brace and backslash is written as an expression of itself; so is a newline
# touching a block tag, because Handlebars implementations strip the whitespace around a
# block tag alone on its line (each in its own way).
LITERALS = {"{": "{{{lb}}}", "}": "{{{rb}}}", "\\": "{{{bs}}}"}
FIXED = {"lb": "{", "rb": "}", "bs": "\\", "nl": "\n"}
_LITERAL = re.compile(r"[{}\\]")
_LEADING_NEWLINE = re.compile(r"\A[ \t\r]*\n")
_TRAILING_NEWLINE = re.compile(r"\n[ \t\r]*\Z")
_EXPRESSION = re.compile(r"\{\{\{([a-z0-9_]+)\}\}\}")
_LOOP = "p"
COPY_BELOW = 256  # bytes: a node met again behind the cursor is copied if smaller, else a run


def mark(name: str) -> str:
    """The marker that stands for the member's value `name` in a piece."""
    if not MARK.fullmatch(MARK_OPEN + name + MARK_CLOSE):
        raise ValueError(f"a marker name is lower-case letters, digits and _: {name!r}")
    return MARK_OPEN + name + MARK_CLOSE


@dataclass(frozen=True)
class Marked:
    """A marker's value as it appears in the text part and in the HTML part."""

    text: str
    html: str


@dataclass(frozen=True)
class MemberPieces:
    """One member's email; `key` names them in the mailing (their delivery key)."""

    key: str
    subject: str
    html: tuple[str, ...]
    text: tuple[str, ...]  # as many as `html`: text piece i goes with HTML piece i
    values: Mapping[str, Marked] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.html) != len(self.text):
            raise ValueError(f"{self.key}: {len(self.html)} HTML pieces, {len(self.text)} text")


@dataclass(frozen=True)
class Mailing:
    """One template and each member's data for it, by member key in the members' order."""

    html_content: str
    plain_content: str
    data: dict[str, dict[str, Any]]
    subject: str = SUBJECT
    split: bool = False  # started because the previous mailing's template was full

    @property
    def size(self) -> int:
        """Bytes of the larger template part."""
        return max(len(self.html_content.encode()), len(self.plain_content.encode()))


def escape(piece: str, part: str) -> str:
    """A piece as template source: literal everywhere, markers as `{{{name_<part>}}}`."""
    source = _LITERAL.sub(lambda found: LITERALS[found.group()], piece)
    source = MARK.sub(lambda found: f"{{{{{{{found.group(1)}_{part}}}}}}}", source)
    if found := _TRAILING_NEWLINE.search(source):
        source = source[: found.start()] + "{{{nl}}}" + source[found.start() + 1 :]
    if found := _LEADING_NEWLINE.match(source):
        source = source[: found.end() - 1] + "{{{nl}}}" + source[found.end() :]
    return source


Piece = tuple[str, str]  # HTML, text


@dataclass(frozen=True)
class _Node:
    html: str  # template source
    text: str
    uses: tuple[str, ...]  # the names of the expressions in both

    def wrapped(self, number: int) -> tuple[int, int]:
        """Bytes the node takes in each part of the template."""
        tags = len(f"{{{{#if n{number}}}}}{{{{/if}}}}")
        return (
            len(self.html.encode()) + tags if self.html else 0,
            len(self.text.encode()) + tags if self.text else 0,
        )


@dataclass
class _Plan:
    runs: list[list[int]]  # the member's runs: a node number, or ~i for the plan's new piece i
    new: list[tuple[int, Piece]]  # new pieces, each with the index of the node it goes before
    added: tuple[int, int] = (0, 0)  # bytes the new nodes add to each part


class _Template:
    """A mailing's template as it grows: its nodes in order, and its members' runs."""

    def __init__(self) -> None:
        self.order: list[int] = []  # node numbers, in template order
        self.at: dict[int, int] = {}  # node -> its index in `order`
        self.where: dict[Piece, list[int]] = {}  # piece -> its nodes, in template order
        self.nodes: dict[int, _Node] = {}
        self.size = (len(self._loop("")), len(self._loop("")))
        self.members: list[tuple[MemberPieces, list[list[int]]]] = []
        self._escaped: dict[Piece, _Node] = {}

    @staticmethod
    def _loop(body: str) -> str:
        return f"{{{{#each {_LOOP}}}}}{body}{{{{/each}}}}"

    def node(self, piece: Piece) -> _Node:
        if piece not in self._escaped:
            html, text = escape(piece[0], "html"), escape(piece[1], "text")
            uses = tuple(dict.fromkeys(_EXPRESSION.findall(html + text)))
            self._escaped[piece] = _Node(html, text, uses)
        return self._escaped[piece]

    def plan(self, member: MemberPieces) -> _Plan:
        plan = _Plan([[]], [])
        cursor, first = 0, len(self.nodes) + 1
        added_html = added_text = 0
        for piece in zip(member.html, member.text, strict=True):
            if piece == ("", ""):
                continue
            nodes = self.where.get(piece, ())
            found = bisect_left(nodes, cursor, key=self.at.__getitem__)
            if found < len(nodes):  # the next equal node at or after the cursor
                plan.runs[-1].append(nodes[found])
                cursor = self.at[nodes[found]] + 1
            elif nodes and sum(self.nodes[nodes[0]].wrapped(nodes[0])) > COPY_BELOW:
                plan.runs.append([nodes[0]])  # only behind the cursor: a new run from there
                cursor = self.at[nodes[0]] + 1
            else:  # a new node at the cursor
                html, text = self.node(piece).wrapped(first + len(plan.new))
                added_html, added_text = added_html + html, added_text + text
                plan.runs[-1].append(~len(plan.new))
                plan.new.append((cursor, piece))
        plan.added = (added_html, added_text)
        return plan

    def fits(self, plan: _Plan, max_bytes: int) -> bool:
        return all(
            size + added <= max_bytes for size, added in zip(self.size, plan.added, strict=True)
        )

    def commit(self, member: MemberPieces, plan: _Plan) -> None:
        numbers = [len(self.nodes) + 1 + i for i in range(len(plan.new))]
        merged: list[int] = []
        start = 0
        for index in sorted(range(len(plan.new)), key=lambda i: plan.new[i][0]):
            before, piece = plan.new[index]
            merged += self.order[start:before]
            merged.append(numbers[index])
            start = before
            self.nodes[numbers[index]] = self.node(piece)
        merged += self.order[start:]
        self.order = merged
        self.at = {node: index for index, node in enumerate(merged)}
        for (_, piece), node in zip(plan.new, numbers, strict=True):
            insort(self.where.setdefault(piece, []), node, key=self.at.__getitem__)
        self.size = (self.size[0] + plan.added[0], self.size[1] + plan.added[1])
        runs = [[node if node > 0 else numbers[~node] for node in run] for run in plan.runs]
        self.members.append((member, [run for run in runs if run]))

    def mailing(self, split: bool) -> Mailing:
        flags = self._flags()
        data = {
            member.key: {
                "subject": member.subject,
                _LOOP: [self._run(run, member, flags) for run in runs],
            }
            for member, runs in self.members
        }
        html, text = self._part("html", flags), self._part("text", flags)
        return Mailing(html, text, data, split=split)

    def _flags(self) -> dict[int, str]:
        """Each node's flag. A node that every run holding it has right after the same node
        (and that one never without it) shares that node's flag, so the data is shorter."""
        count: Counter[int] = Counter()
        pairs: Counter[tuple[int, int]] = Counter()
        for _, runs in self.members:
            for run in runs:
                count.update(run)
                pairs.update(pairwise(run))
        after = {b: a for (a, b), seen in pairs.items() if seen == count[a] == count[b]}
        flags: dict[int, str] = {}
        heads = 0
        for node in self.order:  # template order: a node's predecessor comes first
            if node in after:
                flags[node] = flags[after[node]]
            else:
                heads += 1
                flags[node] = f"n{heads}"
        return flags

    def _part(self, part: str, flags: dict[int, str]) -> str:
        nodes = ((flags[n], getattr(self.nodes[n], part)) for n in self.order)
        return self._loop("".join(f"{{{{#if {f}}}}}{src}{{{{/if}}}}" for f, src in nodes if src))

    def _run(self, run: list[int], member: MemberPieces, flags: dict[int, str]) -> dict[str, Any]:
        """A loop element: the run's flags and the values its pieces use."""
        element: dict[str, Any] = {}
        for number in run:
            element[flags[number]] = True
            for name in self.nodes[number].uses:
                if name not in element:
                    element[name] = _value(name, member)
        return element


def _value(name: str, member: MemberPieces) -> str:
    if name in FIXED:
        return FIXED[name]
    marker, _, part = name.rpartition("_")
    return member.values[marker].html if part == "html" else member.values[marker].text


class _Markers:
    """Checks that a member has a value for every marker in their pieces."""

    def __init__(self) -> None:
        self.names: dict[str, frozenset[str]] = {}

    def check(self, member: MemberPieces) -> None:
        for piece in (*member.html, *member.text):
            if piece not in self.names:
                self.names[piece] = frozenset(MARK.findall(piece))
            if missing := self.names[piece] - member.values.keys():
                raise ValueError(f"{member.key}: no value for the markers {sorted(missing)}")


def build_mailings(
    members: Sequence[MemberPieces],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_members: int = MAX_MEMBERS,
) -> list[Mailing]:
    """Mailings of at most `max_members`, in the members' order, each template part at most
    `max_bytes` (UTF-8): a member who would make it larger starts the next mailing (a member
    whose email alone is larger gets a mailing of their own, over the budget)."""
    if len({member.key for member in members}) != len(members):
        raise ValueError("each member of a mailing needs a key of their own")
    mailings: list[Mailing] = []
    template, split, markers = _Template(), False, _Markers()
    for member in members:
        markers.check(member)
        plan = template.plan(member)
        if not template.members or (
            len(template.members) < max_members and template.fits(plan, max_bytes)
        ):
            template.commit(member, plan)
            continue
        full = len(template.members) == max_members
        mailings.append(template.mailing(split))
        template, split = _Template(), not full
        template.commit(member, template.plan(member))
    if template.members:
        mailings.append(template.mailing(split))
    return mailings
