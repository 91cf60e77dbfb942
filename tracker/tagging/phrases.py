"""Find many catalog phrases in a text, matching words by their stems.

A phrase is written the way a lobbyist would type it, with three small conventions:

- words are separated by spaces or hyphens; a hyphen or a space in the text is the same
  ("cross subsidy" finds "cross-subsidy"), and a two-word phrase also finds its words run
  together ("after school" finds "afterschool");
- a phrase that ends in `*` is a stem written out: its last word matches any word that begins
  with it ("referend*" finds "referendum", "referenda");
- `#` stands for a number: "grade #" finds "grade 3" and "grade 12".

The words of a phrase of two or more words match by their Snowball stems
(`tracker.tagging.words`), so inflections and derived forms meet: "educational facilities"
finds "education facility", "teacher licensing" finds "licensed teachers" (see below). A
phrase of one word matches that word as written or in its plural: alone, a word's form is
its meaning ("athletics" is not "athlete", "drilling" not "drill", "gifted" not "gift").
Case and apostrophes are ignored; words match whole.

Word order is relaxed inside a clause: a phrase of two to four words whose content words all
occur within a few words of each other, in any order, is a *loose* match ("education on the
Holocaust" is a loose "Holocaust education"). Loose matches count for less (the tagger's
weights say how much).

Where phrases overlap:

- a phrase inside a longer matched phrase gives way to it ("special education" inside "early
  childhood special education");
- a phrase registered as misleading (payload None) cancels every phrase it overlaps
  ("continuing education" cancels "education");
- where two phrases share words but neither holds the other ("school levy" and "levy
  equalization" in "school levy equalization"), both count, and one is marked a *modifier*:
  in an English compound the last word names the thing and the first ones qualify it, so the
  first phrase is the modifier, unless the second ends in a word that only says what kind of
  measure it is (aid, revenue, formula, mandates, requirements...: `GENERIC_HEADS`), which is
  then about the first ("concurrent enrollment aid" is about concurrent enrollment).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tracker.tagging.words import STOPWORDS, Word, stem, words

Payload = TypeVar("Payload")

_PHRASE_SYNTAX = re.compile(r"^[a-z0-9#][a-z0-9#' \-’]*\*?$")
_SPLIT = re.compile(r"[\s\-]+")
_APOSTROPHES = re.compile(r"['’]")
_MAX_NUMBER = 3  # digits of a '#'
# Last words that name a kind of measure, not a subject: a phrase ending in one qualifies the
# phrase it overlaps instead of being qualified by it.
GENERIC_HEADS = frozenset(
    stem(word)
    for word in [
        "aid",
        "revenue",
        "formula",
        "levy",
        "levies",
        "funding",
        "fund",
        "appropriation",
        "allowance",
        "grant",
        "mandate",
        "requirement",
        "provision",
        "program",
        "report",
        "reporting",
        "policy",
        "process",
    ]
)
_PREFIX_GROUP = 3  # prefixes are grouped by up to this many first letters
LOOSE_SLACK = 3  # words a loose match may spread beyond the phrase's own length

# A phrase word: ("stem", stem), ("word", as written), ("prefix", beginning of the raw word)
# or ("number", "").
Spec = tuple[str, str]


def phrase_problem(phrase: str) -> str | None:
    """Why a phrase cannot be compiled, or None when it is fine."""
    text = phrase.strip().lower()
    if not text or text == "*":
        return "is empty"
    if not _PHRASE_SYNTAX.match(text):
        return "may only hold letters, digits, spaces, hyphens, apostrophes, '#' and a final '*'"
    if not re.search(r"[a-z0-9]", text):
        return "needs at least one letter or digit"
    return None


def phrase_specs(phrase: str) -> tuple[Spec, ...]:
    """A phrase as the words it matches: stems, a final prefix, numbers."""
    text = _APOSTROPHES.sub("", phrase.strip().lower())
    prefix = text.endswith("*")
    tokens = [t for t in _SPLIT.split(text.rstrip("*").strip()) if t]
    specs: list[Spec] = []
    for index, token in enumerate(tokens):
        if token == "#":
            specs.append(("number", ""))
        elif prefix and index == len(tokens) - 1:
            specs.append(("prefix", token))
        elif len(tokens) == 1:
            specs.append(("word", token))
        else:
            specs.append(("stem", stem(token)))
    return tuple(specs)


def singulars(raw: str) -> tuple[str, ...]:
    """A word and what it would be if it were a plural ("levies" -> "levy")."""
    forms = [raw]
    if raw.endswith("s"):
        forms.append(raw[:-1])
        if raw.endswith("es"):
            forms.append(raw[:-2])
        if raw.endswith("ies"):
            forms.append(raw[:-3] + "y")
    return tuple(forms)


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: two spellings with one key are one phrase."""
    return " ".join(f"{kind[0]}:{value}" for kind, value in phrase_specs(phrase))


def _fits(spec: Spec, word: Word) -> bool:
    kind, value = spec
    if kind == "stem":
        return word.stem == value
    if kind == "word":
        return value in singulars(word.raw)
    if kind == "prefix":
        return word.raw.startswith(value)
    return word.raw.isdigit() and len(word.raw) <= _MAX_NUMBER


@dataclass(frozen=True)
class Match(Generic[Payload]):
    payload: Payload
    text: str  # as written in the text
    start: int  # character offset
    loose: bool = False
    modifier: bool = False


class _Node:
    """A trie node: children by stem, by number, and by written-out prefix (grouped by their
    first letters, so a word is checked against few of them)."""

    __slots__ = ("ends", "number", "payload", "prefixes", "stems", "words")

    def __init__(self) -> None:
        self.stems: dict[str, _Node] = {}
        self.words: dict[str, _Node] = {}
        self.prefixes: dict[str, list[tuple[str, _Node]]] = {}
        self.number: _Node | None = None
        self.ends = False
        self.payload: object = None

    def child(self, spec: Spec) -> _Node:
        kind, value = spec
        if kind == "stem":
            return self.stems.setdefault(value, _Node())
        if kind == "word":
            return self.words.setdefault(value, _Node())
        if kind == "number":
            self.number = self.number or _Node()
            return self.number
        group = self.prefixes.setdefault(value[:_PREFIX_GROUP], [])
        for written, node in group:
            if written == value:
                return node
        group.append((value, _Node()))
        return group[-1][1]

    def step(self, word: Word) -> list[_Node]:
        nodes = []
        if word.stem in self.stems:
            nodes.append(self.stems[word.stem])
        if self.words:
            nodes += [self.words[form] for form in singulars(word.raw) if form in self.words]
        if self.number is not None and word.raw.isdigit() and len(word.raw) <= _MAX_NUMBER:
            nodes.append(self.number)
        if self.prefixes:
            for key in {word.raw[:n] for n in range(1, _PREFIX_GROUP + 1)}:
                for written, node in self.prefixes.get(key, ()):
                    if word.raw.startswith(written):
                        nodes.append(node)
        return nodes


@dataclass(frozen=True)
class _Found:
    first: int  # word indexes, inclusive
    last: int
    payload: object
    loose: bool


@dataclass(frozen=True)
class _Loose:
    specs: tuple[Spec, ...]  # content words
    length: int  # words in the phrase
    payload: object


class PhraseMatcher(Generic[Payload]):
    """Finds phrases in a text and hands back the payload each phrase was registered with.

    Build it once per catalog; `find` is then pure. Spellings with the same key ("driver's
    education", "drivers education") may be listed side by side with one payload; the same
    key with two different payloads is a ValueError.
    """

    def __init__(self, phrases: Iterable[tuple[str, Payload]]):
        self._root = _Node()
        self._payloads: dict[str, Payload] = {}
        entries: list[tuple[tuple[Spec, ...], Payload]] = []
        for phrase, payload in phrases:
            problem = phrase_problem(phrase)
            if problem:
                raise ValueError(f"phrase {phrase!r} {problem}")
            key = phrase_key(phrase)
            if key in self._payloads:
                if self._payloads[key] != payload:
                    raise ValueError(f"phrase {phrase!r} is listed twice with different meanings")
                continue
            self._payloads[key] = payload
            entries.append((phrase_specs(phrase), payload))
            joined = _joined(phrase)
            if joined and phrase_key(joined) not in self._payloads:
                self._add(phrase_specs(joined), payload)
        for specs, payload in entries:
            self._add(specs, payload)
        # A loose phrase is looked for from its rarest content word.
        counts = Counter(spec for specs, _ in entries for spec in set(specs))
        self._loose_by_stem: dict[str, list[_Loose]] = {}
        self._loose_by_prefix: dict[str, list[tuple[str, _Loose]]] = {}
        for specs, payload in entries:
            self._add_loose(specs, payload, counts)

    def _add(self, specs: Sequence[Spec], payload: object) -> None:
        node = self._root
        for spec in specs:
            node = node.child(spec)
        if not node.ends:
            node.ends, node.payload = True, payload

    def _add_loose(self, specs: tuple[Spec, ...], payload: object, counts: Counter[Spec]) -> None:
        if payload is None or any(kind == "number" for kind, _ in specs):
            return
        content = [s for s in specs if not (s[0] == "stem" and s[1] in STOPWORDS)]
        if not 2 <= len(content) <= 4 or len(specs) > 5:
            return
        content.sort(key=lambda spec: counts[spec])
        loose = _Loose(tuple(content), len(specs), payload)
        kind, value = content[0]
        if kind == "stem":
            self._loose_by_stem.setdefault(value, []).append(loose)
        else:
            self._loose_by_prefix.setdefault(value[:_PREFIX_GROUP], []).append((value, loose))

    def find(self, text: str) -> list[Match[Payload]]:
        """Every phrase in the text, overlaps resolved, in the order they occur."""
        if not text:
            return []
        found = words(text)
        exact = self._exact(found)
        loose = self._loose(found, exact)
        shown = text if len(text.lower()) == len(text) else text.lower()
        return _resolve(shown, found, exact, loose)

    def tally(self, text: str) -> Counter[tuple[Payload, str]]:
        """How often each (payload, lowercased matched text) occurs: for long texts."""
        counts: Counter[tuple[Payload, str]] = Counter()
        for match in self.find(text):
            counts[(match.payload, match.text.lower())] += 1
        return counts

    def _exact(self, found: list[Word]) -> list[_Found]:
        matches = []
        for first in range(len(found)):
            frontier = [self._root]
            clause = found[first].clause
            for last in range(first, len(found)):
                word = found[last]
                if word.clause != clause:
                    break
                frontier = [child for node in frontier for child in node.step(word)]
                if not frontier:
                    break
                for node in frontier:
                    if node.ends:
                        matches.append(_Found(first, last, node.payload, False))
        return matches

    def _loose(self, found: list[Word], exact: list[_Found]) -> list[_Found]:
        if not self._loose_by_stem and not self._loose_by_prefix:
            return []
        spans = {(m.payload, m.first, m.last) for m in exact}
        matches: dict[tuple[int, int, int], _Found] = {}
        for index, word in enumerate(found):
            candidates = list(self._loose_by_stem.get(word.stem, ()))
            if self._loose_by_prefix:
                for key in {word.raw[:n] for n in range(1, _PREFIX_GROUP + 1)}:
                    for written, loose in self._loose_by_prefix.get(key, ()):
                        if word.raw.startswith(written):
                            candidates.append(loose)
            for candidate in candidates:
                span = _loose_span(found, index, candidate)
                if span is None:
                    continue
                first, last = span
                if (candidate.payload, first, last) in spans or any(
                    m.first <= first and last <= m.last and m.payload == candidate.payload
                    for m in exact
                ):
                    continue
                matches[(id(candidate), first, last)] = _Found(first, last, candidate.payload, True)
        return list(matches.values())


def _joined(phrase: str) -> str | None:
    """A two-word phrase written as one word ("after school" -> "afterschool")."""
    parts = [p for p in _SPLIT.split(phrase.strip().lower()) if p]
    if len(parts) != 2 or any("#" in p or "*" in p for p in parts):
        return None
    return "".join(parts)


def _loose_span(found: list[Word], anchor: int, loose: _Loose) -> tuple[int, int] | None:
    """Where a loose phrase anchored at `anchor` lies, or None: all its content words in the
    anchor's clause, each once, within the phrase's length plus LOOSE_SLACK words."""
    reach = loose.length + LOOSE_SLACK
    clause = found[anchor].clause
    low = max(0, anchor - reach)
    high = min(len(found), anchor + reach + 1)
    used = {anchor}
    nearest_first = sorted(range(low, high), key=lambda i: abs(i - anchor))
    for spec in loose.specs[1:]:
        spot = next(
            (
                i
                for i in nearest_first
                if i not in used and found[i].clause == clause and _fits(spec, found[i])
            ),
            None,
        )
        if spot is None:
            return None
        used.add(spot)
    first, last = min(used), max(used)
    return (first, last) if last - first < reach else None


def _resolve(text: str, found: list[Word], exact: list[_Found], loose: list[_Found]) -> list[Match]:
    # Misleading phrases cancel what they overlap; they are never reported. A loose match
    # does not stretch over a phrase of several words matched as written.
    cancel = [m for m in exact if m.payload is None]
    loose = [m for m in loose if not any(e.last > e.first and _overlap(m, e) for e in exact)]
    kept = [
        m
        for m in [*exact, *loose]
        if m.payload is not None and not any(_overlap(m, c) for c in cancel)
    ]
    # A phrase inside a longer one gives way to it; a phrase found as written never gives
    # way to one found in other words (both count).
    kept = [
        m
        for m in kept
        if not any(
            o is not m
            and o.first <= m.first
            and m.last <= o.last
            and (m.loose or not o.loose)
            and (o.last - o.first > m.last - m.first or (m.loose and not o.loose))
            for o in kept
        )
    ]
    results = []
    for m in sorted(kept, key=lambda m: (m.first, m.last, m.loose)):
        modifier = any(_qualifies(m, o, found) for o in kept if o is not m)
        start, end = found[m.first].start, found[m.last].end
        results.append(Match(m.payload, text[start:end], start, m.loose, modifier))
    return results


def _qualifies(m: _Found, o: _Found, found: list[Word]) -> bool:
    """Whether m only qualifies o, the phrase it shares words with."""
    if o.first > m.first and o.first <= m.last < o.last:  # m comes first
        return found[o.last].stem not in GENERIC_HEADS
    if m.first > o.first and m.first <= o.last < m.last:  # m comes second
        return found[m.last].stem in GENERIC_HEADS
    return False


def _overlap(a: _Found, b: _Found) -> bool:
    return a.first <= b.last and b.first <= a.last
