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
from typing import Any, Generic, TypeVar

from tracker.tagging.words import STOPWORDS, Words, stem, words

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
_CACHE_SIZE = 50_000
_REMEMBERED = 60  # characters: short texts such as committee names are matched once
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


def _fits(spec: Spec, raw: str, stem_: str) -> bool:
    kind, value = spec
    if kind == "stem":
        return stem_ == value
    if kind == "word":
        return value in singulars(raw)
    if kind == "prefix":
        return raw.startswith(value)
    return raw.isdigit() and len(raw) <= _MAX_NUMBER


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
        group = self.prefixes.setdefault(_group(value), [])
        for written, node in group:
            if written == value:
                return node
        group.append((value, _Node()))
        return group[-1][1]

    def step(self, raw: str, stem_: str) -> list[_Node]:
        nodes = []
        if stem_ in self.stems:
            nodes.append(self.stems[stem_])
        if self.words:
            nodes += [self.words[form] for form in singulars(raw) if form in self.words]
        if self.number is not None and raw.isdigit() and len(raw) <= _MAX_NUMBER:
            nodes.append(self.number)
        if self.prefixes:
            nodes += _starting(self.prefixes, raw)
        return nodes


def _group(prefix: str) -> str:
    """Prefixes are grouped by their first letters; a short one is its own group."""
    return prefix[:_PREFIX_GROUP] if len(prefix) >= _PREFIX_GROUP else ""


def _starting(groups: dict[str, list[tuple[str, Any]]], raw: str) -> list[Any]:
    """What is registered under the written-out prefixes the word begins with."""
    found = [
        value for written, value in groups.get(raw[:_PREFIX_GROUP], ()) if raw.startswith(written)
    ]
    if "" in groups:
        found += [value for written, value in groups[""] if raw.startswith(written)]
    return found


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
    stems: frozenset[str]  # the stems among its content words: all must be in the clause


class PhraseMatcher(Generic[Payload]):
    """Finds phrases in a text and hands back the payload each phrase was registered with.

    Build it once per catalog; `find` is then pure. Spellings with the same key ("driver's
    education", "drivers education") may be listed side by side with one payload; the same
    key with two different payloads is a ValueError.
    """

    def __init__(self, phrases: Iterable[tuple[str, Payload]], *, loose: bool = True):
        self._root = _Node()
        self._with_loose = loose
        self._starts: dict[str, list[_Node]] = {}  # a word -> the phrases it may begin
        self._anchored: dict[str, list[_Loose]] = {}  # a word -> loose phrases it anchors
        self._found: dict[str, list[Match[Payload]]] = {}  # short texts seen (committees)
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
        stems = frozenset(value for kind, value in content if kind == "stem")
        loose = _Loose(tuple(content), len(specs), payload, stems)
        kind, value = content[0]
        if kind == "stem":
            self._loose_by_stem.setdefault(value, []).append(loose)
        else:
            self._loose_by_prefix.setdefault(_group(value), []).append((value, loose))

    def find(self, text: str) -> list[Match[Payload]]:
        """Every phrase in the text, overlaps resolved, in the order they occur."""
        if not text:
            return []
        if text in self._found:
            return list(self._found[text])
        found = words(text)
        exact = self._exact(found)
        loose = self._loose(found, exact) if self._with_loose else []
        shown = text if len(text.lower()) == len(text) else text.lower()
        matches = _resolve(shown, found, exact, loose)
        if len(text) <= _REMEMBERED and len(self._found) < _CACHE_SIZE:
            self._found[text] = matches
        return list(matches)

    def tally(self, text: str) -> Counter[tuple[Payload, str]]:
        """How often each (payload, lowercased matched text) occurs, as written (no loose
        matches): for long texts, whose density is what counts."""
        counts: Counter[tuple[Payload, str]] = Counter()
        if not text:
            return counts
        found = words(text)
        for match in _resolve(text.lower(), found, self._exact(found), []):
            counts[(match.payload, match.text)] += 1
        return counts

    def _exact(self, found: Words) -> list[_Found]:
        matches = []
        starts = self._starts
        raws, stems, clauses = found.raw, found.stem, found.clause
        size = len(raws)
        for first in range(size):
            raw = raws[first]
            frontier = starts.get(raw)
            if frontier is None:
                if len(starts) > _CACHE_SIZE:
                    starts.clear()
                frontier = starts[raw] = self._root.step(raw, stems[first])
            if not frontier:
                continue
            clause = clauses[first]
            last = first
            while True:
                for node in frontier:
                    if node.ends:
                        matches.append(_Found(first, last, node.payload, False))
                last += 1
                if last >= size or clauses[last] != clause:
                    break
                frontier = [c for node in frontier for c in node.step(raws[last], stems[last])]
                if not frontier:
                    break
        return matches

    def _loose(self, found: Words, exact: list[_Found]) -> list[_Found]:
        if not self._loose_by_stem and not self._loose_by_prefix:
            return []
        within: dict[tuple[int, int], int] = {}  # (id of payload, first word) -> last word
        for m in exact:
            key = (id(m.payload), m.first)
            within[key] = max(m.last, within.get(key, -1))
        stems_of: dict[int, set[str]] = {}  # clause -> the stems in it
        for stem_, clause in zip(found.stem, found.clause, strict=True):
            stems_of.setdefault(clause, set()).add(stem_)
        matches: dict[tuple[int, int, int], _Found] = {}
        anchored = self._anchored
        for index, (raw, stem_) in enumerate(zip(found.raw, found.stem, strict=True)):
            candidates = anchored.get(raw)
            if candidates is None:
                if len(anchored) > _CACHE_SIZE:
                    anchored.clear()
                candidates = list(self._loose_by_stem.get(stem_, ()))
                candidates += _starting(self._loose_by_prefix, raw)
                anchored[raw] = candidates
            if not candidates:
                continue
            present = stems_of[found.clause[index]]
            for candidate in candidates:
                if not candidate.stems <= present:
                    continue
                span = _loose_span(found, index, candidate)
                if span is None:
                    continue
                first, last = span
                payload = id(candidate.payload)
                if any(within.get((payload, start), -1) >= last for start in range(first + 1)):
                    continue
                matches[(id(candidate), first, last)] = _Found(first, last, candidate.payload, True)
        return list(matches.values())


def _joined(phrase: str) -> str | None:
    """A two-word phrase written as one word ("after school" -> "afterschool")."""
    parts = [p for p in _SPLIT.split(phrase.strip().lower()) if p]
    if len(parts) != 2 or any("#" in p or "*" in p for p in parts):
        return None
    return "".join(parts)


def _loose_span(found: Words, anchor: int, loose: _Loose) -> tuple[int, int] | None:
    """Where a loose phrase anchored at `anchor` lies, or None: all its content words in the
    anchor's clause, each once, within the phrase's length plus LOOSE_SLACK words."""
    reach = loose.length + LOOSE_SLACK
    clause = found.clause[anchor]
    low = max(0, anchor - reach)
    high = min(len(found), anchor + reach + 1)
    used = {anchor}
    nearest_first = [i for step in range(1, reach + 1) for i in (anchor - step, anchor + step)]
    nearest_first = [i for i in nearest_first if low <= i < high]
    for spec in loose.specs[1:]:
        spot = next(
            (
                i
                for i in nearest_first
                if i not in used
                and found.clause[i] == clause
                and _fits(spec, found.raw[i], found.stem[i])
            ),
            None,
        )
        if spot is None:
            return None
        used.add(spot)
    first, last = min(used), max(used)
    return (first, last) if last - first < reach else None


def _resolve(text: str, found: Words, exact: list[_Found], loose: list[_Found]) -> list[Match]:
    """The rules of the module's docstring, applied to each cluster of overlapping matches."""
    results = []
    for cluster in _clusters([*exact, *loose]):
        results += _resolve_cluster(text, found, cluster)
    return results


def _clusters(matches: list[_Found]) -> list[list[_Found]]:
    """Matches grouped so that no match overlaps one of another group."""
    groups: list[list[_Found]] = []
    end = -1
    for m in sorted(matches, key=lambda m: (m.first, m.last, m.loose)):
        if m.first > end:
            groups.append([])
        groups[-1].append(m)
        end = max(end, m.last)
    return groups


def _resolve_cluster(text: str, found: Words, matches: list[_Found]) -> list[Match]:
    exact = [m for m in matches if not m.loose]
    loose = [m for m in matches if m.loose]
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
        start = found.start[m.first] if found.start else 0
        shown = found.shown(text, m.first, m.last)
        results.append(Match(m.payload, shown, start, m.loose, modifier))
    return results


def _qualifies(m: _Found, o: _Found, found: Words) -> bool:
    """Whether m only qualifies o, the phrase it shares words with."""
    if o.first > m.first and o.first <= m.last < o.last:  # m comes first
        return found.stem[o.last] not in GENERIC_HEADS
    if m.first > o.first and m.first <= o.last < m.last:  # m comes second
        return found.stem[m.last] in GENERIC_HEADS
    return False


def _overlap(a: _Found, b: _Found) -> bool:
    return a.first <= b.last and b.first <= a.last
