"""The tagger's catalog: issue areas and the strategic frameworks they serve, as data.

`tracker/tagging/data/issue_areas.toml` holds the issue areas and the general relevance rules;
`tracker/tagging/data/frameworks/*.toml` holds one strategic plan a file (the format is documented
at the top of `frameworks/amsd-2021.toml`). `load_catalog()` is the only function that reads
files; the `parse_*` functions and `build_catalog()` are pure and raise `CatalogError` with
the file and the item at fault.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from tracker.tagging import catalog_fields as field
from tracker.tagging.catalog_fields import CatalogError, StatuteSpec

DATA_DIR = Path(__file__).resolve().parent / "data"

# The kinds of framework items; a staff-written plan may use any of them.
ITEM_KINDS = frozenset(
    {
        *("mission", "vision", "vision_aim", "legislative_aim", "belief", "strategic_direction"),
        *("process_step", "recommendation", "strategy", "commitment", "commitment_bullet"),
        *("purpose", "purpose_element", "purpose_elaboration", "core_value"),
        *("goal", "priority", "objective"),
    }
)


@dataclass(frozen=True)
class FrameworkItem:
    framework: str
    code: str
    kind: str
    text: str
    parent: str = ""
    title: str = ""
    note: str = ""
    areas: tuple[str, ...] = ()
    # A few words for a column header; the full text shows on hover.
    short: str = ""
    # False for what no bill can bear on (a mission, a vision, a process step...): such items
    # are never suggested and are left out of the matrix unless asked for.
    bill_topic: bool = True
    # The plan's own words for the item: a bill whose title uses them is linked to it directly.
    phrases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The item's code across all frameworks: 'amsd-2021/sd-1'."""
        return f"{self.framework}/{self.code}"

    @property
    def label(self) -> str:
        return self.title or self.text

    @property
    def short_label(self) -> str:
        if self.short:
            return self.short
        words = self.label.split()
        return " ".join(words[:5]) + ("…" if len(words) > 5 else "")


@dataclass(frozen=True)
class Framework:
    id: str
    organization: str
    name: str
    year: int
    source: str
    items: tuple[FrameworkItem, ...]
    note: str = ""


@dataclass(frozen=True)
class IssueArea:
    code: str
    name: str
    description: str
    # What the area covers and what it leaves to others: the rule bills are filed by.
    scope: str = ""
    # Filed here only when no more specific area fits (see issue_areas.toml).
    yields: bool = False
    statutes: tuple[StatuteSpec, ...] = ()
    shared_statutes: tuple[StatuteSpec, ...] = ()
    phrases: tuple[str, ...] = ()
    weak_phrases: tuple[str, ...] = ()
    misleading: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    serves: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelevanceRules:
    """Evidence of K-12 / early-learning / P-20 relevance that belongs to no single area."""

    chapters: tuple[StatuteSpec, ...] = ()
    phrases: tuple[str, ...] = ()
    # Words that usually, not always, mean school-age settings: enough alone, just.
    moderate_phrases: tuple[str, ...] = ()
    weak_phrases: tuple[str, ...] = ()
    misleading: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    weak_committees: tuple[str, ...] = ()
    education_topics: tuple[str, ...] = ()


# An item served by at least this share of the issue areas says little about a bill.
BROAD_SHARE = 1 / 3


@dataclass(frozen=True, eq=False)
class Catalog:
    """Compared and hashed by identity, so a compiled tagger can be cached per catalog."""

    frameworks: tuple[Framework, ...]
    areas: tuple[IssueArea, ...]
    relevance: RelevanceRules

    @cached_property
    def broad(self) -> frozenset[str]:
        """Keys of the items so many areas serve that being tagged with one says little."""
        served = Counter(key for area in self.areas for key in area.serves)
        least = max(2, math.ceil(len(self.areas) * BROAD_SHARE))
        return frozenset(key for key, n in served.items() if n >= least)

    @property
    def items(self) -> tuple[FrameworkItem, ...]:
        return tuple(item for framework in self.frameworks for item in framework.items)

    def area(self, code: str) -> IssueArea:
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(code)

    def item(self, key: str) -> FrameworkItem:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)


# --- parsing, pure -------------------------------------------------------------------------

_FRAMEWORK_KEYS = {"id", "organization", "name", "year", "source", "note"}
_ITEM_KEYS = {
    *("code", "kind", "text", "parent", "title", "note", "areas"),
    *("short", "bill_topic", "phrases"),
}
_PHRASE_LISTS = {"phrases", "weak_phrases", "misleading", "committees"}
_AREA_KEYS = {
    "code",
    "name",
    "description",
    "scope",
    "yields",
    "statutes",
    "shared_statutes",
    "serves",
} | _PHRASE_LISTS
_RELEVANCE_KEYS = {
    "chapters",
    "moderate_phrases",
    "weak_committees",
    "education_topics",
} | _PHRASE_LISTS


def parse_framework(data: Mapping[str, Any], source: str) -> Framework:
    """One framework file's TOML data -> Framework; `source` names the file in errors."""
    field.only_keys(data, {"framework", "items"}, source, "the file")
    head = field.table(data, "framework", source, "the file")
    field.only_keys(head, _FRAMEWORK_KEYS, source, "[framework]")
    framework_id = field.text(head, "id", source, "[framework]")
    where = f"framework {framework_id!r}"
    year = head.get("year")
    if not isinstance(year, int):
        raise CatalogError(f"{source}: {where}: 'year' must be a whole number")
    items = tuple(
        _parse_item(raw, framework_id, source, index)
        for index, raw in enumerate(field.tables(data, "items", source, where), start=1)
    )
    _check_items(items, source)
    return Framework(
        id=framework_id,
        organization=field.text(head, "organization", source, where),
        name=field.text(head, "name", source, where),
        year=year,
        source=field.text(head, "source", source, where),
        items=items,
        note=field.text(head, "note", source, where, required=False),
    )


def _parse_item(raw: Any, framework: str, source: str, index: int) -> FrameworkItem:
    where = f"item #{index}"
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{source}: {where} must be a table")
    code = field.text(raw, "code", source, where)
    where = f"item {code!r}"
    field.only_keys(raw, _ITEM_KEYS, source, where)
    if "/" in code or code != code.strip() or " " in code:
        raise CatalogError(f"{source}: {where}: a code may not hold '/' or spaces")
    kind = field.text(raw, "kind", source, where)
    if kind not in ITEM_KINDS:
        known = ", ".join(sorted(ITEM_KINDS))
        raise CatalogError(f"{source}: {where}: unknown kind {kind!r}; known kinds: {known}")
    return FrameworkItem(
        framework=framework,
        code=code,
        kind=kind,
        text=field.text(raw, "text", source, where),
        parent=field.text(raw, "parent", source, where, required=False),
        title=field.text(raw, "title", source, where, required=False),
        note=field.text(raw, "note", source, where, required=False),
        areas=field.strings(raw, "areas", source, where),
        short=field.text(raw, "short", source, where, required=False),
        bill_topic=field.flag(raw, "bill_topic", source, where, default=True),
        phrases=field.phrases(raw, "phrases", source, where),
    )


def _check_items(items: Sequence[FrameworkItem], source: str) -> None:
    by_code: dict[str, FrameworkItem] = {}
    for item in items:
        if item.code in by_code:
            raise CatalogError(f"{source}: item {item.code!r} is defined twice")
        by_code[item.code] = item
    for item in items:
        seen = {item.code}
        parent = item.parent
        while parent:
            if parent not in by_code:
                raise CatalogError(
                    f"{source}: item {item.code!r}: parent {parent!r} is not an item of this file"
                )
            if parent in seen:
                raise CatalogError(f"{source}: item {item.code!r}: parents form a loop")
            seen.add(parent)
            parent = by_code[parent].parent


def parse_issue_areas(
    data: Mapping[str, Any], source: str
) -> tuple[RelevanceRules, tuple[IssueArea, ...]]:
    """issue_areas.toml's data -> (relevance rules, areas); `source` names the file in errors."""
    field.only_keys(data, {"relevance", "areas"}, source, "the file")
    raw_relevance = field.table(data, "relevance", source, "the file")
    field.only_keys(raw_relevance, _RELEVANCE_KEYS, source, "[relevance]")
    where = "[relevance]"
    relevance = RelevanceRules(
        chapters=field.statutes(raw_relevance, "chapters", source, where),
        phrases=field.phrases(raw_relevance, "phrases", source, where),
        moderate_phrases=field.phrases(raw_relevance, "moderate_phrases", source, where),
        weak_phrases=field.phrases(raw_relevance, "weak_phrases", source, where),
        misleading=field.phrases(raw_relevance, "misleading", source, where),
        committees=field.phrases(raw_relevance, "committees", source, where),
        weak_committees=field.phrases(raw_relevance, "weak_committees", source, where),
        education_topics=field.phrases(raw_relevance, "education_topics", source, where),
    )
    areas = []
    seen: set[str] = set()
    for index, raw in enumerate(field.tables(data, "areas", source, "the file"), start=1):
        area = _parse_area(raw, source, index)
        if area.code in seen:
            raise CatalogError(f"{source}: area {area.code!r} is defined twice")
        seen.add(area.code)
        areas.append(area)
    return relevance, tuple(areas)


def _parse_area(raw: Any, source: str, index: int) -> IssueArea:
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{source}: area #{index} must be a table")
    code = field.text(raw, "code", source, f"area #{index}")
    where = f"area {code!r}"
    field.only_keys(raw, _AREA_KEYS, source, where)
    area = IssueArea(
        code=code,
        name=field.text(raw, "name", source, where),
        description=field.text(raw, "description", source, where),
        scope=field.text(raw, "scope", source, where, required=False),
        yields=field.flag(raw, "yields", source, where),
        statutes=field.statutes(raw, "statutes", source, where),
        shared_statutes=field.statutes(raw, "shared_statutes", source, where),
        phrases=field.phrases(raw, "phrases", source, where),
        weak_phrases=field.phrases(raw, "weak_phrases", source, where),
        misleading=field.phrases(raw, "misleading", source, where),
        committees=field.phrases(raw, "committees", source, where),
        serves=field.strings(raw, "serves", source, where),
    )
    if not (area.statutes or area.phrases or area.weak_phrases):
        raise CatalogError(f"{source}: {where} needs statutes or phrases to be found by")
    return area


def build_catalog(
    frameworks: Iterable[Framework],
    relevance: RelevanceRules,
    areas: Iterable[IssueArea],
    *,
    source: str = "issue_areas.toml",
) -> Catalog:
    """Check the links between files: framework ids unique, every `serves` names an item.

    An item may also name the areas that serve it (`areas = [...]` in a framework file, so
    staff can link a plan of their own without editing issue_areas.toml); those links are
    added to the areas' `serves`.
    """
    frameworks = tuple(frameworks)
    areas = tuple(areas)
    ids: set[str] = set()
    for framework in frameworks:
        if framework.id in ids:
            raise CatalogError(f"framework id {framework.id!r} is used by two files")
        ids.add(framework.id)
    items = {item.key: item for framework in frameworks for item in framework.items}
    for area in areas:
        for key in area.serves:
            if key not in items:
                raise CatalogError(
                    f"{source}: area {area.code!r} serves unknown framework item {key!r} "
                    "(write it as 'framework-id/item-code')"
                )
            if not items[key].bill_topic:
                raise CatalogError(
                    f"{source}: area {area.code!r} serves {key!r}, which its plan declares "
                    "not a bill topic (bill_topic = false)"
                )
    return Catalog(
        frameworks=frameworks, areas=_with_item_links(frameworks, areas), relevance=relevance
    )


def _with_item_links(
    frameworks: Sequence[Framework], areas: tuple[IssueArea, ...]
) -> tuple[IssueArea, ...]:
    codes = {area.code for area in areas}
    linked: dict[str, list[str]] = {}
    for framework in frameworks:
        for item in framework.items:
            if item.areas and not item.bill_topic:
                raise CatalogError(
                    f"framework {framework.id!r}: item {item.code!r} names areas but is "
                    "declared not a bill topic"
                )
            for code in item.areas:
                if code not in codes:
                    raise CatalogError(
                        f"framework {framework.id!r}: item {item.code!r} names unknown issue "
                        f"area {code!r}; known areas: {', '.join(sorted(codes))}"
                    )
                linked.setdefault(code, []).append(item.key)
    return tuple(
        replace(area, serves=tuple(dict.fromkeys((*area.serves, *linked[area.code]))))
        if area.code in linked
        else area
        for area in areas
    )


# --- the one place that reads files ----------------------------------------------------------


def load_catalog(
    data_dir: Path | None = None, *, extra_frameworks: Iterable[tuple[str, str]] = ()
) -> Catalog:
    """Read issue_areas.toml and frameworks/*.toml under `data_dir` (default: the shipped data).

    `extra_frameworks` are (name, TOML text) pairs, such as the files staff loaded into the
    database; one with the id of a shipped framework replaces it.
    """
    data_dir = data_dir or DATA_DIR
    areas_file = data_dir / "issue_areas.toml"
    relevance, areas = parse_issue_areas(_read_toml(areas_file), str(areas_file))
    framework_files = sorted((data_dir / "frameworks").glob("*.toml"))
    if not framework_files:
        raise CatalogError(f"{data_dir / 'frameworks'}: no framework files (*.toml)")
    shipped = [parse_framework(_read_toml(path), str(path)) for path in framework_files]
    extra = [parse_framework_text(text, name) for name, text in extra_frameworks]
    replaced = {framework.id for framework in extra}
    frameworks = [f for f in shipped if f.id not in replaced] + extra
    return build_catalog(frameworks, relevance, areas, source=str(areas_file))


def parse_framework_text(text: str, source: str) -> Framework:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{source}: not valid TOML: {error}") from error
    return parse_framework(data, source)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise CatalogError(f"{path}: file not found") from error
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path}: not valid TOML: {error}") from error
