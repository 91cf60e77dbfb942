"""When a source stops looking like itself, stop asking it.

Each response a spider reads is counted by kind ("bill status", "listing", "House schedule");
an invalid one (a container every real record has is missing or renamed) also by the field
named. Once at least `minimum` responses of a kind were read and the invalid share reaches
`share`, `invalid()` returns the message the crawl stops with: the kind, the field most
often missing, and the URL of an example.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MINIMUM_RESPONSES = 20  # enough to tell a layout change from a few broken records


@dataclass
class ResponseGuard:
    share: float
    minimum: int = MINIMUM_RESPONSES
    read: Counter[str] = field(default_factory=Counter)
    invalid_fields: dict[str, Counter[str]] = field(default_factory=dict)
    examples: dict[tuple[str, str], str] = field(default_factory=dict)

    def answered(self, kind: str) -> None:
        self.read[kind] += 1

    def invalid(self, kind: str, field_name: str, url: str) -> str:
        """Count an invalid response (already counted as answered); '' to go on, else why
        the crawl should stop."""
        fields = self.invalid_fields.setdefault(kind, Counter())
        fields[field_name] += 1
        self.examples.setdefault((kind, field_name), url)
        bad, total = sum(fields.values()), self.read[kind]
        if total < self.minimum or bad < self.share * total:
            return ""
        worst, count = fields.most_common(1)[0]
        return (
            f"the source changed shape: {bad} of {total} {kind} responses were invalid "
            f"({count}: {worst}), e.g. {self.examples[(kind, worst)]}"
        )
