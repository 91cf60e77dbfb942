"""Words of a bill's text as the tagger compares them: lowercase, apostrophes dropped, and each
reduced to its stem by the Snowball English stemmer ("facilities" and "facility" are both
"facil", "educational" and "education" both "educ"), so inflections and derived forms meet.

Stems are cached: a bill's vocabulary repeats across bills, and the stemmer is pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# A word, or where a clause ends (word order is only relaxed inside one clause).
_TOKEN = re.compile(r"(?P<word>[a-z0-9]+(?:['’][a-z0-9]+)*)|[;:,.()\[\]/]|\s[-–]\s")
_APOSTROPHES = re.compile(r"['’]")
# Words a phrase may hold but that never carry its meaning.
STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or"}
    | {"the", "to", "with", "its", "their", "under", "about", "after", "before", "during"}
    | {"between", "through", "all", "any", "each", "per", "other", "than", "not", "no"}
)
_STEMMER = snowballstemmer.stemmer("english")
# Words the stemmer would merge with a word of another meaning in this field: an educator is
# not an education, an equalization not something equal, a publication not the public.
_OWN_STEMS = {
    "educator": "educator",
    "educators": "educator",
    "equalization": "equaliz",
    "equalizing": "equaliz",
    "equalize": "equaliz",
    "equalized": "equaliz",
    "publication": "publication",
    "publications": "publication",
}


@dataclass(frozen=True, slots=True)
class Words:
    """A text's words as parallel lists: the word (lowercase, apostrophes removed), its stem,
    the number of its clause, and where it starts and ends in the text (left empty for long
    texts, whose matches are counted, not shown)."""

    raw: list[str]
    stem: list[str]
    clause: list[int]
    start: list[int]
    end: list[int]

    def __len__(self) -> int:
        return len(self.raw)

    def shown(self, text: str, first: int, last: int) -> str:
        """Words first..last as the text writes them, or as words when offsets were not kept."""
        if self.start:
            return text[self.start[first] : self.end[last]]
        return " ".join(self.raw[first : last + 1])


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one lowercase word without apostrophes; numbers stay as they are."""
    if word.isdigit():
        return word
    return _OWN_STEMS.get(word) or _STEMMER.stemWord(word)


SHORT_TEXT = 2000  # characters: titles and descriptions are cached, bill texts are not


def words(text: str) -> Words:
    """The words of a text with their stems and clauses. A short text is cached (a title is
    read by the phrase matcher and the text model) and keeps offsets; a long one does not."""
    return _cached_words(text) if len(text) <= SHORT_TEXT else _long_words(text)


@lru_cache(maxsize=4096)
def _cached_words(text: str) -> Words:
    found = Words([], [], [], [], [])
    clause = 0
    for match in _TOKEN.finditer(text.lower()):
        raw = match.group("word")
        if raw is None:
            clause += 1
            continue
        if "'" in raw or "’" in raw:
            raw = _APOSTROPHES.sub("", raw)
        found.raw.append(raw)
        found.stem.append(stem(raw))
        found.clause.append(clause)
        found.start.append(match.start())
        found.end.append(match.end())
    return found


def _long_words(text: str) -> Words:
    found = Words([], [], [], [], [])
    clause = 0
    raws, stems, clauses = found.raw, found.stem, found.clause
    for raw in _TOKEN.findall(text.lower()):
        if not raw:
            clause += 1
            continue
        if "'" in raw or "’" in raw:
            raw = _APOSTROPHES.sub("", raw)
        raws.append(raw)
        stems.append(stem(raw))
        clauses.append(clause)
    return found
