"""Folded into another bill: a bill whose language rides in an omnibus (or any bill that
passed or is passing). Pure: what the tracker stores of each bill's text in, findings out,
each with its evidence in words and a confidence.

Evidence, per section of the bill that names statutes it amends:
* the same Minnesota Statutes section and subdivision amended (or coded anew) by the
  other bill: 0.5 at the subdivision, 0.3 at a section named without one;
* the same words (rapidfuzz's token set ratio of the two sections' text, their opening
  "Minnesota Statutes ..., is amended to read:" left out): +0.4 at 85 or more ("amended
  the same way"), +0.2 at 60 or more ("amended in similar words");
and a heading of a new section or article found in the other bill: 0.3 a section. A
statute counts only when both bills do the same to it (amend, repeal, code anew). The
bill's confidence is its best section's score scaled by how much of the bill the other
carries (half for one section of many, whole for all), so an omnibus that took part of a
bill is found and one that took all of it scores higher. The Revisor's own cross-references
(a "See also" action naming the other bill) add 0.5, combined as independent evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from tracker.records.bill_text import SectionRecord
from tracker.records.bills import StatuteRecord
from tracker.rules.money import normalized
from tracker.vocab import Stage, StatuteChange

# Bills that passed a chamber or went further: language in them may yet become law.
CARRIERS = frozenset(
    {
        Stage.PASSED_HOUSE,
        Stage.PASSED_SENATE,
        Stage.PASSED_BOTH,
        Stage.IN_CONFERENCE,
        Stage.SENT_TO_GOVERNOR,
        Stage.ENACTED,
    }
)
SAME_SUBDIVISION = 0.5
SAME_SECTION = 0.3
SAME_WORDS, SAME_WORDS_AT = 0.4, 85.0
SIMILAR_WORDS, SIMILAR_WORDS_AT = 0.2, 60.0
SAME_HEADING = 0.3
CROSS_REFERENCE = 0.5
MIN_CONFIDENCE = 0.3
VERBS = {
    StatuteChange.AMENDED: "amended",
    StatuteChange.REPEALED: "repealed",
    StatuteChange.NEW_CODING: "coded",
}
MAX_EVIDENCE = 6
COMMON_HEADING = 12  # sections of carriers with one heading past which it is not evidence


@dataclass(frozen=True)
class BillLanguage:
    """What the detector reads of one bill: its latest version's sections and where it is."""

    bill_id: int
    citation: str  # "H.F. 4127"
    stage: Stage
    sections: tuple[SectionRecord, ...]
    chapter: str | None = None
    companion_id: int | None = None
    cross_references: frozenset[int] = frozenset()  # bills its "See also" actions name
    statutes: tuple[StatuteRecord, ...] = ()  # all its title names, sections or not

    @property
    def units(self) -> tuple[SectionRecord, ...]:
        """Its sections, and each statute its title names that no section of its text does
        (a page may be cut short) as a section of its own, number 0, without words."""
        in_sections = {
            (s.section, s.subdivision, s.change) for x in self.sections for s in x.statutes
        }
        title_only = tuple(
            SectionRecord(number=0, heading="", runs=(), statutes=(statute,))
            for statute in self.statutes
            if (statute.section, statute.subdivision, statute.change) not in in_sections
        )
        return self.sections + title_only


@dataclass(frozen=True)
class Finding:
    bill_id: int
    host_id: int
    confidence: float
    evidence: tuple[str, ...]


def find_foldings(bills: Iterable[BillLanguage], carriers: Iterable[BillLanguage]) -> list[Finding]:
    """For each bill, the carriers that hold its language, most confident first."""
    carriers = list(carriers)
    enacted = {c.bill_id for c in carriers if c.stage is Stage.ENACTED}
    hosts = [c for c in carriers if c.stage in CARRIERS]
    by_statute: defaultdict[tuple[str, str, str], list[tuple[BillLanguage, SectionRecord]]]
    by_statute = defaultdict(list)
    by_heading: defaultdict[str, list[tuple[BillLanguage, SectionRecord]]] = defaultdict(list)
    for host in hosts:
        for section in host.units:
            for statute in section.statutes:
                key = (statute.section, statute.subdivision, statute.change)
                by_statute[key].append((host, section))
            if _heading(section):
                by_heading[_heading(section)].append((host, section))
    # A heading many bills share ("Special education aid.") says little about any of them.
    by_heading = defaultdict(
        list, {h: found for h, found in by_heading.items() if len(found) <= COMMON_HEADING}
    )
    bodies = _Bodies()
    findings = []
    for bill in bills:
        if bill.stage is Stage.ENACTED or bill.companion_id in enacted:
            continue  # it passed itself, or as its companion: not folded anywhere
        findings += _findings_for(bill, hosts, by_statute, by_heading, bodies)
    return sorted(findings, key=lambda f: (f.bill_id, -f.confidence, f.host_id))


def _findings_for(
    bill: BillLanguage,
    hosts: Sequence[BillLanguage],
    by_statute: dict[tuple[str, str, str], list[tuple[BillLanguage, SectionRecord]]],
    by_heading: dict[str, list[tuple[BillLanguage, SectionRecord]]],
    bodies: _Bodies,
) -> list[Finding]:
    own = {bill.bill_id, bill.companion_id}
    scores: defaultdict[int, list[float]] = defaultdict(list)
    evidence: defaultdict[int, list[str]] = defaultdict(list)
    counted = [section for section in bill.units if section.statutes or _heading(section)]
    for section in counted:
        best: dict[int, tuple[float, str]] = {}
        for statute in section.statutes:
            weight = SAME_SUBDIVISION if statute.subdivision else SAME_SECTION
            key = (statute.section, statute.subdivision, statute.change)
            verb = VERBS[statute.change]
            for host, other in by_statute.get(key, ()):
                if host.bill_id in own or host.companion_id == bill.bill_id:
                    continue
                similarity = fuzz.token_set_ratio(bodies.of(section), bodies.of(other))
                score, how = weight, f"{verb} also"
                if similarity >= SAME_WORDS_AT:
                    score, how = weight + SAME_WORDS, f"{verb} the same way"
                elif similarity >= SIMILAR_WORDS_AT:
                    score, how = weight + SIMILAR_WORDS, f"{verb} in similar words"
                if score > best.get(host.bill_id, (0.0, ""))[0]:
                    cite = _cite(statute.section, statute.subdivision)
                    best[host.bill_id] = (score, f"{cite} {how} in {_where(host, other)}")
        for host, other in by_heading.get(_heading(section), ()):
            if host.bill_id in own or host.companion_id == bill.bill_id:
                continue
            if best.get(host.bill_id, (0.0, ""))[0] < SAME_HEADING:
                heading = section.heading.rstrip(".")
                shared = f"'{heading}' is also in {_where(host, other)}"
                best[host.bill_id] = (SAME_HEADING, shared)
        for host_id, (score, reason) in best.items():
            scores[host_id].append(min(score, 0.95))
            evidence[host_id].append(reason)
    findings = []
    for host in hosts:
        if host.bill_id in own:
            continue
        sections = scores.get(host.bill_id, [])
        coverage = len(sections) / len(counted) if counted else 0.0
        confidence = max(sections, default=0.0) * (0.5 + 0.5 * coverage)
        said = evidence.get(host.bill_id, [])
        if host.bill_id in bill.cross_references:
            confidence = 1 - (1 - confidence) * (1 - CROSS_REFERENCE)
            said = [*said, f"the Revisor's status of the bill refers to {host.citation}"]
        if confidence >= MIN_CONFIDENCE:
            findings.append(
                Finding(
                    bill.bill_id, host.bill_id, round(confidence, 2), tuple(said[:MAX_EVIDENCE])
                )
            )
    return findings


class _Bodies:
    """Each section's words worked out once: an omnibus section meets many bills."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[SectionRecord, str]] = {}

    def of(self, section: SectionRecord) -> str:
        found = self._known.get(id(section))
        if found is None or found[0] is not section:
            found = self._known[id(section)] = (section, _body(section))
        return found[1]


def _heading(section: SectionRecord) -> str:
    """A heading worth matching: a new section's or a named program's, not "Definitions."."""
    heading = normalized(section.heading)
    return heading if len(heading.split()) >= 3 else ""


def _body(section: SectionRecord) -> str:
    """The section's words without its opening line, which names the statute."""
    text = section.text
    first, _, rest = text.partition("\n")
    return rest if section.statutes and "Minnesota Statutes" in first else text


def _cite(section: str, subdivision: str) -> str:
    return f"{section}, subd. {subdivision}" if subdivision else section


def _where(host: BillLanguage, section: SectionRecord) -> str:
    status = f"enacted as chapter {host.chapter}" if host.chapter else host.stage.label.lower()
    where = section.label if section.number else "its title"
    return f"{host.citation}, {where}; {status}"
