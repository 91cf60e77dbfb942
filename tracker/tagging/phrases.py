"""Find many catalog phrases in a text with one compiled regular expression.

A phrase is written the way a lobbyist would type it, with three small conventions:

- words are separated by spaces or hyphens, and either matches a space, a hyphen or nothing
  in the text ("cross subsidy" finds "cross-subsidy", "cross subsidies" and "crosssubsidy");
- a phrase that ends in `*` is a stem: "referend*" finds "referendum", "referenda";
- `#` stands for a number: "grade #" finds "grade 3" and "grade 12".

Matching ignores case and apostrophes, and a phrase not ending in `*` also finds its plural
("school district" finds "school districts"). Phrases match whole words only.

All phrases of a catalog compile into one alternation shaped as a trie, so a 20 KB bill text
is scanned once, not once per phrase. When two phrases overlap, the one that starts first
wins, and at the same start the longer one: that is how a misleading phrase ("continuing
education") cancels the shorter phrase inside it ("education").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

Payload = TypeVar("Payload")

_PHRASE_SYNTAX = re.compile(r"^[a-z0-9#][a-z0-9#' \-’]*\*?$")
_SEPARATOR = "[\\s\\-]*"
_APOSTROPHE = "['’]?"
_NUMBER = "\\d{1,3}"
_PLURAL = "(?:es|s)?"
_STEM = "\\w*"
# Trie symbols that are not plain characters.
_SEP, _APOS, _NUM, _END, _STEM_END = "\x01", "\x02", "\x03", "\x04", "\x05"
_SYMBOL_REGEX = {_SEP: _SEPARATOR, _APOS: _APOSTROPHE, _NUM: _NUMBER}
_NOT_KEY = re.compile(r"[^a-z0-9]")
_DIGITS = re.compile(r"\d+")
_CACHE_SIZE = 20_000


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


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: lowercase letters, digits and '#', plus '*' for a stem."""
    text = phrase.strip().lower()
    stem = text.endswith("*")
    key = re.sub(r"[^a-z0-9#]", "", text.rstrip("*"))
    return key + ("*" if stem else "")


def _symbols(phrase: str) -> list[str]:
    """A phrase as trie symbols: characters, separators, apostrophes, numbers, an ending."""
    text = phrase.strip().lower()
    stem = text.endswith("*")
    text = text.rstrip("*").strip()
    symbols: list[str] = []
    for char in text:
        if char in " -":
            if symbols and symbols[-1] != _SEP:
                symbols.append(_SEP)
        elif char in "'’":
            symbols.append(_APOS)
        elif char == "#":
            symbols.append(_NUM)
        else:
            symbols.append(char)
    while symbols and symbols[-1] == _SEP:
        symbols.pop()
    symbols.append(_STEM_END if stem else _END)
    return symbols


def _trie_regex(phrases: Iterable[str]) -> str:
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for symbol in _symbols(phrase):
            node = node.setdefault(symbol, {})
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    branches = []
    endings = []
    for symbol in sorted(node):
        child = node[symbol]
        if symbol == _END:
            endings.append(_PLURAL + r"\b")
        elif symbol == _STEM_END:
            endings.append(_STEM + r"\b")
        else:
            head = _SYMBOL_REGEX.get(symbol) or re.escape(symbol)
            branches.append(head + _node_regex(child))
    # Continuing a longer phrase is tried before ending a shorter one: longest match wins.
    alternatives = branches + endings
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


@dataclass(frozen=True)
class Match(Generic[Payload]):
    payload: Payload
    text: str
    start: int


class PhraseMatcher(Generic[Payload]):
    """Finds phrases in a text and hands back the payload each phrase was registered with.

    Build it once per catalog; `find` is then pure and cheap. Spellings with the same key
    ("driver's education", "drivers education") may be listed side by side with one payload;
    the same key with two different payloads is a ValueError.
    """

    def __init__(self, phrases: Iterable[tuple[str, Payload]]):
        self._literal: dict[str, Payload] = {}
        self._stems: dict[str, Payload] = {}
        patterns = []
        for phrase, payload in phrases:
            problem = phrase_problem(phrase)
            if problem:
                raise ValueError(f"phrase {phrase!r} {problem}")
            key = phrase_key(phrase)
            table = self._stems if key.endswith("*") else self._literal
            key = key.rstrip("*")
            if key in table and table[key] != payload:
                raise ValueError(f"phrase {phrase!r} is listed twice with different meanings")
            table[key] = payload
            patterns.append(phrase)
        self._numbered = any("#" in key for key in [*self._literal, *self._stems])
        self._max_stem = max((len(key) for key in self._stems), default=0)
        # A lookbehind is a little faster than \b and means the same before a word character.
        self._regex = re.compile(r"(?<!\w)" + _trie_regex(patterns)) if patterns else None
        self._cache: dict[str, Payload | None] = {}

    def find(self, text: str) -> Iterator[Match[Payload]]:
        if self._regex is None or not text:
            return
        lowered = text.lower()
        same_length = len(lowered) == len(text)
        cache = self._cache
        for found in self._regex.finditer(lowered):
            matched = found.group()
            if matched in cache:
                payload = cache[matched]
            else:
                payload = self._payload(matched)
                if len(cache) < _CACHE_SIZE:
                    cache[matched] = payload
            if payload is None:
                continue
            shown = text[found.start() : found.end()] if same_length else found.group()
            yield Match(payload, shown, found.start())

    def tally(self, text: str) -> Counter[tuple[Payload, str]]:
        """How often each (payload, lowercased matched text) occurs: `find` for long texts."""
        counts: Counter[tuple[Payload, str]] = Counter()
        if self._regex is None or not text:
            return counts
        cache = self._cache
        for matched in self._regex.findall(text.lower()):
            if matched in cache:
                payload = cache[matched]
            else:
                payload = self._payload(matched)
                if len(cache) < _CACHE_SIZE:
                    cache[matched] = payload
            if payload is not None:
                counts[(payload, matched)] += 1
        return counts

    def _payload(self, matched: str) -> Payload | None:
        key = _NOT_KEY.sub("", matched)
        keys = [key]
        if self._numbered:
            keys.append(_DIGITS.sub("#", key))
        for candidate in keys:
            for plural in (candidate, candidate[:-1], candidate[:-2]):
                if plural in self._literal and (plural == candidate or _is_plural(candidate)):
                    return self._literal[plural]
            for length in range(min(len(candidate), self._max_stem), 0, -1):
                if candidate[:length] in self._stems:
                    return self._stems[candidate[:length]]
        return None


def _is_plural(key: str) -> bool:
    return key.endswith("s")
