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

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")
_APOSTROPHES = re.compile(r"['’]")
# Where a clause ends: word order is only relaxed inside one.
_CLAUSE_END = re.compile(r"[;:,.()\[\]/]|\s-\s|\s–\s")
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
class Word:
    raw: str  # lowercase, apostrophes removed
    stem: str
    start: int  # character offsets in the text
    end: int
    clause: int  # the number of the clause the word is in


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one lowercase word without apostrophes; numbers stay as they are."""
    if word.isdigit():
        return word
    return _OWN_STEMS.get(word) or _STEMMER.stemWord(word)


def words(text: str) -> list[Word]:
    lowered = text.lower()
    found = []
    clause = 0
    last = 0
    for match in _WORD.finditer(lowered):
        if _CLAUSE_END.search(lowered, last, match.start()):
            clause += 1
        raw = _APOSTROPHES.sub("", match.group())
        found.append(Word(raw, stem(raw), match.start(), match.end(), clause))
        last = match.end()
    return found
