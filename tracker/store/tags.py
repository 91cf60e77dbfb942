"""Tags in the store: what the tagger suggested for each bill and what people decided.

`tag_bills` runs the tagger over stored bills (those whose signals changed, or all) and
applies `rules.tag_merge`: people's decisions are never touched. `decide_tag` records a
person's decision, `decide_area_with_items` one on an area and the item tags it brought;
`decisions_for_training` feeds `tracker.tagging.learned.train`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, exists, or_
from sqlmodel import Session, col, select

from tracker.models import (
    Bill,
    BillAction,
    BillPosition,
    BillRelevance,
    BillStatute,
    BillTag,
    BillText,
)
from tracker.store.bills import fingerprint
from tracker.tagging.catalog import Catalog
from tracker.tagging.decisions import Decision
from tracker.tagging.merge import StoredTag, Suggestion, plan_tags, suggestions_of
from tracker.tagging.tagger import OWN_WORDS, BillSignals, LearnedEvidence, Tagger, compile_catalog
from tracker.vocab import Position, TagSource, TagStatus, TagTarget

CHUNK = 500


@dataclass(frozen=True)
class TagRunCounts:
    bills: int
    tagged: int
    unchanged: int
    relevant: int
    tags_added: int
    tags_refreshed: int
    tags_withdrawn: int
    decisions_kept: int

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


def statute_string(row: BillStatute) -> str:
    return f"{row.section}, subd. {row.subdivision}" if row.subdivision else row.section


def bill_signals(db: Session, bill_ids: Sequence[int]) -> dict[int, BillSignals]:
    """Every signal the tagger reads, for many bills in a few queries."""
    bills = db.exec(select(Bill).where(col(Bill.id).in_(bill_ids)))
    statutes: defaultdict[int, list[str]] = defaultdict(list)
    for row in db.exec(select(BillStatute).where(col(BillStatute.bill_id).in_(bill_ids))):
        statutes[row.bill_id].append(statute_string(row))
    committees: defaultdict[int, dict[str, None]] = defaultdict(dict)
    referrals = select(BillAction.bill_id, BillAction.committee_name).where(
        col(BillAction.bill_id).in_(bill_ids), BillAction.committee_name != ""
    )
    for bill_id, name in db.exec(referrals):
        committees[bill_id][name] = None
    texts = dict(
        db.exec(
            select(BillText.bill_id, BillText.text).where(col(BillText.bill_id).in_(bill_ids))
        ).all()
    )
    return {
        bill.id: BillSignals(
            title=bill.official_title or bill.short_description,
            short_description=bill.short_description,
            statutes=sorted(statutes[bill.id]),
            committees=list(committees[bill.id]),
            text=texts.get(bill.id, ""),
        )
        for bill in bills
        if bill.id is not None
    }


def signals_fingerprint(signals: BillSignals, version: str) -> str:
    text_print = fingerprint(signals.text)
    fields = (signals.title, signals.short_description, signals.statutes, signals.committees)
    return fingerprint([version, *fields, text_print])


def tag_bills(
    db: Session,
    tagger: Tagger,
    *,
    now: datetime,
    model: LearnedEvidence | None = None,
    everything: bool = False,
    bill_ids: Sequence[int] | None = None,
) -> TagRunCounts:
    """Tag stored bills whose signals, tagger or model changed (all of them if `everything`)."""
    version = tagger.version + (f"+learned.{model.version}" if model else "")
    ids = list(bill_ids) if bill_ids is not None else list(db.exec(select(Bill.id)).all())
    counts: Counter[str] = Counter()
    for start in range(0, len(ids), CHUNK):
        chunk = [i for i in ids[start : start + CHUNK] if i is not None]
        _tag_chunk(db, tagger, chunk, version, model, everything, now, counts)
    return TagRunCounts(bills=len(ids), **{field: counts[field] for field in _COUNTED})


_COUNTED = (
    "tagged",
    "unchanged",
    "relevant",
    "tags_added",
    "tags_refreshed",
    "tags_withdrawn",
    "decisions_kept",
)


def _tag_chunk(
    db: Session,
    tagger: Tagger,
    chunk: list[int],
    version: str,
    model: LearnedEvidence | None,
    everything: bool,
    now: datetime,
    counts: Counter[str],
) -> None:
    signals = bill_signals(db, chunk)
    verdicts = {
        row.bill_id: row
        for row in db.exec(select(BillRelevance).where(col(BillRelevance.bill_id).in_(chunk)))
    }
    stored: defaultdict[int, list[BillTag]] = defaultdict(list)
    for tag in db.exec(select(BillTag).where(col(BillTag.bill_id).in_(chunk))):
        stored[tag.bill_id].append(tag)
    for bill_id, bill_signals_ in signals.items():
        print_ = signals_fingerprint(bill_signals_, version)
        verdict = verdicts.get(bill_id)
        if verdict is not None and verdict.signals_fingerprint == print_ and not everything:
            counts["unchanged"] += 1
            counts["relevant"] += verdict.relevant
            continue
        result = tagger.tag(bill_signals_, model=model)
        if verdict is None:
            verdict = BillRelevance(
                bill_id=bill_id,
                relevant=False,
                score=0.0,
                tagger_version="",
                signals_fingerprint="",
            )
            db.add(verdict)
        verdict.relevant, verdict.score = result.relevant, result.score
        verdict.reasons, verdict.tagger_version = list(result.reasons), version
        verdict.signals_fingerprint, verdict.tagged_at = print_, now
        _apply(db, bill_id, stored[bill_id], suggestions_of(result), version, now, counts)
        counts["tagged"] += 1
        counts["relevant"] += result.relevant
    db.flush()


def _apply(
    db: Session,
    bill_id: int,
    tags: list[BillTag],
    suggestions: list[Suggestion],
    version: str,
    now: datetime,
    counts: Counter[str],
) -> None:
    by_key = {(TagTarget(tag.target), tag.code): tag for tag in tags}
    plan = plan_tags((_stored(tag) for tag in tags), suggestions)
    for suggestion in plan.add:
        db.add(
            BillTag(
                bill_id=bill_id,
                target=suggestion.target.value,
                code=suggestion.code,
                confidence=suggestion.confidence,
                reasons=list(suggestion.reasons),
                status=TagStatus.SUGGESTED.value,
                source=TagSource.AUTO.value,
                tagger_version=version,
                created_at=now,
                updated_at=now,
            )
        )
    for suggestion in plan.refresh:
        tag = by_key[suggestion.key]
        tag.confidence, tag.reasons = suggestion.confidence, list(suggestion.reasons)
        tag.tagger_version, tag.updated_at = version, now
    for key in plan.withdraw:
        db.delete(by_key[key])
    counts["tags_added"] += len(plan.add)
    counts["tags_refreshed"] += len(plan.refresh)
    counts["tags_withdrawn"] += len(plan.withdraw)
    counts["decisions_kept"] += plan.decisions_kept


def _stored(tag: BillTag) -> StoredTag:
    return StoredTag(
        TagTarget(tag.target),
        tag.code,
        decided=tag.decided_by is not None,
        confidence=tag.confidence,
        reasons=tuple(tag.reasons),
    )


def find_tag(db: Session, *, bill_id: int, target: TagTarget, code: str) -> BillTag | None:
    return db.exec(
        select(BillTag).where(
            BillTag.bill_id == bill_id, BillTag.target == target.value, BillTag.code == code
        )
    ).first()


def decide_tag(
    db: Session,
    *,
    bill_id: int,
    target: TagTarget,
    code: str,
    status: TagStatus,
    by: str,
    now: datetime,
) -> BillTag:
    """A person confirms, rejects or adds a tag. The tagger never changes it afterwards."""
    if status is TagStatus.SUGGESTED:
        raise ValueError("a person confirms or rejects a tag; 'suggested' is the tagger's")
    tag = find_tag(db, bill_id=bill_id, target=target, code=code)
    if tag is None:
        tag = BillTag(
            bill_id=bill_id,
            target=target.value,
            code=code,
            source=TagSource.PERSON.value,
            created_at=now,
        )
        db.add(tag)
    tag.status, tag.decided_by, tag.decided_at, tag.updated_at = status.value, by, now, now
    db.flush()
    return tag


class DecideTag(Protocol):
    def __call__(
        self,
        db: Session,
        *,
        bill_id: int,
        target: TagTarget,
        code: str,
        status: TagStatus,
        by: str,
        now: datetime,
    ) -> BillTag: ...


def items_brought_by(db: Session, *, bill_id: int, area: str, catalog: Catalog) -> list[str]:
    """The undecided item tags of a bill that an area brought: items the area serves (or
    nests them under) that no other area of the bill still standing serves and that the
    plan's own words did not link on their own."""
    serves = set(_area_items(catalog, area))
    tags = [tag for tag in db.exec(select(BillTag).where(BillTag.bill_id == bill_id))]
    standing = {
        tag.code
        for tag in tags
        if tag.target == TagTarget.AREA.value
        and tag.code != area
        and tag.status != TagStatus.REJECTED.value
    }
    others = {key for code in standing for key in _area_items(catalog, code)}
    return sorted(
        tag.code
        for tag in tags
        if tag.target == TagTarget.ITEM.value
        and tag.decided_by is None
        and tag.code in serves
        and tag.code not in others
        and not any(reason.startswith(OWN_WORDS) for reason in tag.reasons)
    )


def _area_items(catalog: Catalog, area: str) -> tuple[str, ...]:
    try:
        return compile_catalog(catalog).index.area_items.get(area, ())
    except KeyError:
        return ()


def decide_area_with_items(
    db: Session,
    *,
    bill_id: int,
    area: str,
    status: TagStatus,
    by: str,
    now: datetime,
    catalog: Catalog,
    decide: DecideTag = decide_tag,
) -> list[BillTag]:
    """A person confirms or rejects an area tag and, with it, the item tags it brought
    (`items_brought_by`); the area's tag first. `decide` records each decision
    (`decide_tag`, or an audited version of it)."""
    keys = items_brought_by(db, bill_id=bill_id, area=area, catalog=catalog)
    decided = [
        decide(db, bill_id=bill_id, target=TagTarget.AREA, code=area, status=status, by=by, now=now)
    ]
    for key in keys:
        decided.append(
            decide(
                db, bill_id=bill_id, target=TagTarget.ITEM, code=key, status=status, by=by, now=now
            )
        )
    return decided


def decisions_for_training(db: Session) -> list[Decision]:
    """People's decisions on area tags, as the learned model takes them."""
    rows = list(
        db.exec(
            select(BillTag).where(
                BillTag.target == TagTarget.AREA.value, col(BillTag.decided_by).is_not(None)
            )
        )
    )
    signals = bill_signals(db, sorted({row.bill_id for row in rows}))
    return [
        Decision.of(signals[row.bill_id], row.code, row.status == TagStatus.CONFIRMED.value)
        for row in sorted(rows, key=lambda row: (row.decided_at or row.created_at, row.id))
        if row.bill_id in signals
    ]


def tags_of(db: Session, bill_ids: Iterable[int]) -> dict[int, list[BillTag]]:
    tags: defaultdict[int, list[BillTag]] = defaultdict(list)
    query = select(BillTag).where(col(BillTag.bill_id).in_(list(bill_ids)))
    for tag in db.exec(query.order_by(col(BillTag.target), col(BillTag.confidence).desc())):
        tags[tag.bill_id].append(tag)
    return dict(tags)


def tracked_clause() -> ColumnElement[bool]:
    """A bill (`Bill.id`) the association tracks: the tagger judged it relevant, a person
    confirmed one of its tags, or the association took a position on it. The one meaning of
    "tracked" in the web app, the CLI, the digest and the README."""
    judged = exists().where(
        col(BillRelevance.bill_id) == col(Bill.id), col(BillRelevance.relevant).is_(True)
    )
    confirmed = exists().where(
        col(BillTag.bill_id) == col(Bill.id), col(BillTag.status) == TagStatus.CONFIRMED.value
    )
    # A query may join BillPosition already (the web's bill list does): correlate on Bill only.
    positioned = (
        exists()
        .where(
            col(BillPosition.bill_id) == col(Bill.id),
            col(BillPosition.position) != Position.NONE.value,
        )
        .correlate_except(BillPosition)
    )
    return or_(judged, confirmed, positioned)


def tracked_bill_ids(db: Session) -> set[int]:
    """The ids of the bills the association tracks (`tracked_clause`)."""
    return {bill_id for bill_id in db.exec(select(Bill.id).where(tracked_clause())) if bill_id}
