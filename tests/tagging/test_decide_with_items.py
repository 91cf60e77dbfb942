"""Deciding an area together with the item tags it brought (store.tags.decide_area_with_items),
on SQLite and a real PostgreSQL: the items only that area brought follow it; items another
standing area or the plan's own words brought, and items a person decided, do not."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from tests.store.test_tags import NOW, run, store_three, tags_by_code
from tracker.db import session_scope
from tracker.models import BillTag
from tracker.store.tags import decide_area_with_items, decide_tag, items_brought_by
from tracker.tagging.catalog import load_catalog
from tracker.vocab import TagStatus, TagTarget

CATALOG = load_catalog()


def add_suggestion(engine: Engine, bill_id: int, target: TagTarget, code: str, reason: str) -> None:
    with session_scope(engine) as db:
        db.add(
            BillTag(
                bill_id=bill_id,
                target=target.value,
                code=code,
                confidence=0.7,
                reasons=[reason],
                status=TagStatus.SUGGESTED.value,
                source="auto",
                tagger_version="test",
                created_at=NOW,
                updated_at=NOW,
            )
        )


def test_rejecting_an_area_rejects_the_items_only_it_brought(engine: Engine) -> None:
    ids = store_three(engine)
    run(engine)
    bill = ids["special_ed"]
    before = tags_by_code(engine, bill)
    assert before["special-education"].status == TagStatus.SUGGESTED.value
    serves = set(CATALOG.area("special-education").serves)
    brought = [code for code in before if code in serves]
    assert brought, "the tagger suggested items through special education"
    # A second area serving amsd-2021/sd-1 stands, and a person already decided one item.
    add_suggestion(engine, bill, TagTarget.AREA, "school-meals", "title mentions 'lunch'")
    with session_scope(engine) as db:
        decide_tag(
            db,
            bill_id=bill,
            target=TagTarget.ITEM,
            code="mnp20/equity-1",
            status=TagStatus.CONFIRMED,
            by="staff@example.org",
            now=NOW,
        )
        keys = items_brought_by(db, bill_id=bill, area="special-education", catalog=CATALOG)
    assert "amsd-2021/sd-1" not in keys  # school meals serves it too
    assert "mnp20/equity-1" not in keys  # a person decided it
    assert "reimagine-mn/personalized-education" in keys
    with session_scope(engine) as db:
        decided = decide_area_with_items(
            db,
            bill_id=bill,
            area="special-education",
            status=TagStatus.REJECTED,
            by="staff@example.org",
            now=NOW,
            catalog=CATALOG,
        )
    assert [t.code for t in decided] == ["special-education", *keys]
    after = tags_by_code(engine, bill)
    assert after["special-education"].status == TagStatus.REJECTED.value
    for key in keys:
        assert after[key].status == TagStatus.REJECTED.value
        assert after[key].decided_by == "staff@example.org"
    assert after["amsd-2021/sd-1"].status == TagStatus.SUGGESTED.value
    assert after["mnp20/equity-1"].status == TagStatus.CONFIRMED.value
    # A re-tag keeps every one of those decisions.
    run(engine, everything=True)
    again = tags_by_code(engine, bill)
    assert all(again[key].status == TagStatus.REJECTED.value for key in keys)


def test_an_item_the_plan_s_own_words_linked_stays_when_its_area_goes(engine: Engine) -> None:
    ids = store_three(engine)
    bill = ids["special_ed"]
    add_suggestion(engine, bill, TagTarget.AREA, "p20-transitions", "title mentions 'PSEO'")
    add_suggestion(
        engine, bill, TagTarget.ITEM, "mnp20/data-2", "the plan's own words: title mentions 'SLEDS'"
    )
    with session_scope(engine) as db:
        decide_area_with_items(
            db,
            bill_id=bill,
            area="p20-transitions",
            status=TagStatus.CONFIRMED,
            by="staff@example.org",
            now=NOW,
            catalog=CATALOG,
        )
        item = db.exec(select(BillTag).where(BillTag.code == "mnp20/data-2")).one()
        assert item.status == TagStatus.SUGGESTED.value and item.decided_by is None
