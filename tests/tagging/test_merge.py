"""The merge of a fresh tagger result with a bill's stored tags: decisions are untouchable."""

from __future__ import annotations

from tracker.tagging.merge import StoredTag, Suggestion, TagPlan, plan_tags
from tracker.vocab import TagTarget

AREA = TagTarget.AREA


def suggestion(code: str, confidence: float = 0.8) -> Suggestion:
    return Suggestion(AREA, code, confidence, (f"reason for {code}",))


def stored(code: str, *, decided: bool, confidence: float = 0.8) -> StoredTag:
    return StoredTag(AREA, code, decided, confidence, (f"reason for {code}",))


def test_new_suggestions_are_added() -> None:
    plan = plan_tags([], [suggestion("special-education")])
    assert plan == TagPlan(add=(suggestion("special-education"),))


def test_an_unchanged_suggestion_is_left_alone() -> None:
    plan = plan_tags([stored("literacy", decided=False)], [suggestion("literacy")])
    assert plan == TagPlan() and not plan.changes


def test_a_suggestion_with_new_confidence_is_refreshed() -> None:
    plan = plan_tags([stored("literacy", decided=False)], [suggestion("literacy", 0.95)])
    assert plan.refresh == (suggestion("literacy", 0.95),) and not plan.add


def test_a_suggestion_no_longer_made_is_withdrawn() -> None:
    plan = plan_tags([stored("literacy", decided=False)], [])
    assert plan.withdraw == ((AREA, "literacy"),)


def test_decisions_are_never_refreshed_nor_withdrawn() -> None:
    decided = [stored("literacy", decided=True, confidence=0.3), stored("meals", decided=True)]
    plan = plan_tags(decided, [suggestion("literacy", 0.9)])
    assert plan == TagPlan(decisions_kept=2)


def test_areas_and_items_with_the_same_code_are_different_tags() -> None:
    item = Suggestion(TagTarget.ITEM, "literacy", 0.8, ())
    plan = plan_tags([stored("literacy", decided=True)], [item])
    assert plan.add == (item,) and plan.decisions_kept == 1
