"""The tagger's catalog: issue areas and the strategic frameworks they serve, as data.

`tracker/data/issue_areas.toml` holds the issue areas and the general relevance rules;
`tracker/data/frameworks/*.toml` holds one strategic plan a file (the format is documented
at the top of `frameworks/amsd-2021.toml`). `load_catalog()` is the only function that reads
files; the `parse_*` functions and `build_catalog()` are pure and raise `CatalogError` with
the file and the item at fault.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.rules.statutes import Cite, parse_cite
from tracker.rules.text_match import phrase_problem

DATA_DIR = Path(__file__).parent / "data"

# The kinds of framework items; a staff-written plan may use any of them.
ITEM_KINDS = frozenset(
    {
        *("mission", "vision", "vision_aim", "legislative_aim", "belief", "strategic_direction"),
        *("process_step", "recommendation", "strategy", "commitment", "commitment_bullet"),
        *("purpose", "purpose_element", "purpose_elaboration", "core_value"),
        *("goal", "priority", "objective"),
    }
)


class CatalogError(ValueError):
    """A catalog file is malformed; the message names the file and the item."""


@dataclass(frozen=True)
class FrameworkItem:
    framework: str
    code: str
    kind: str
    text: str
    parent: str = ""
    title: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        """The item's code across all frameworks: 'amsd-2021/sd-1'."""
        return f"{self.framework}/{self.code}"

    @property
    def label(self) -> str:
        return self.title or self.text


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
class StatuteSpec:
    """A cite an area lives in, with the name a lobbyist knows it by."""

    cite: Cite
    label: str


@dataclass(frozen=True)
class IssueArea:
    code: str
    name: str
    description: str
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
    weak_phrases: tuple[str, ...] = ()
    misleading: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    weak_committees: tuple[str, ...] = ()
    education_topics: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Catalog:
    """Compared and hashed by identity, so a compiled tagger can be cached per catalog."""

    frameworks: tuple[Framework, ...]
    areas: tuple[IssueArea, ...]
    relevance: RelevanceRules

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
_ITEM_KEYS = {"code", "kind", "text", "parent", "title", "note"}
_PHRASE_LISTS = {"phrases", "weak_phrases", "misleading", "committees"}
_AREA_KEYS = {
    "code",
    "name",
    "description",
    "statutes",
    "shared_statutes",
    "serves",
} | _PHRASE_LISTS
_RELEVANCE_KEYS = {"chapters", "weak_committees", "education_topics"} | _PHRASE_LISTS


def parse_framework(data: Mapping[str, Any], source: str) -> Framework:
    """One framework file's TOML data -> Framework; `source` names the file in errors."""
    _only_keys(data, {"framework", "items"}, source, "the file")
    head = _table(data, "framework", source, "the file")
    _only_keys(head, _FRAMEWORK_KEYS, source, "[framework]")
    framework_id = _text(head, "id", source, "[framework]")
    where = f"framework {framework_id!r}"
    year = head.get("year")
    if not isinstance(year, int):
        raise CatalogError(f"{source}: {where}: 'year' must be a whole number")
    items = tuple(
        _parse_item(raw, framework_id, source, index)
        for index, raw in enumerate(_tables(data, "items", source, where), start=1)
    )
    _check_items(items, source)
    return Framework(
        id=framework_id,
        organization=_text(head, "organization", source, where),
        name=_text(head, "name", source, where),
        year=year,
        source=_text(head, "source", source, where),
        items=items,
        note=_text(head, "note", source, where, required=False),
    )


def _parse_item(raw: Any, framework: str, source: str, index: int) -> FrameworkItem:
    where = f"item #{index}"
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{source}: {where} must be a table")
    code = _text(raw, "code", source, where)
    where = f"item {code!r}"
    _only_keys(raw, _ITEM_KEYS, source, where)
    if "/" in code or code != code.strip() or " " in code:
        raise CatalogError(f"{source}: {where}: a code may not hold '/' or spaces")
    kind = _text(raw, "kind", source, where)
    if kind not in ITEM_KINDS:
        known = ", ".join(sorted(ITEM_KINDS))
        raise CatalogError(f"{source}: {where}: unknown kind {kind!r}; known kinds: {known}")
    return FrameworkItem(
        framework=framework,
        code=code,
        kind=kind,
        text=_text(raw, "text", source, where),
        parent=_text(raw, "parent", source, where, required=False),
        title=_text(raw, "title", source, where, required=False),
        note=_text(raw, "note", source, where, required=False),
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
    _only_keys(data, {"relevance", "areas"}, source, "the file")
    raw_relevance = _table(data, "relevance", source, "the file")
    _only_keys(raw_relevance, _RELEVANCE_KEYS, source, "[relevance]")
    where = "[relevance]"
    relevance = RelevanceRules(
        chapters=_statutes(raw_relevance, "chapters", source, where),
        phrases=_phrases(raw_relevance, "phrases", source, where),
        weak_phrases=_phrases(raw_relevance, "weak_phrases", source, where),
        misleading=_phrases(raw_relevance, "misleading", source, where),
        committees=_phrases(raw_relevance, "committees", source, where),
        weak_committees=_phrases(raw_relevance, "weak_committees", source, where),
        education_topics=_phrases(raw_relevance, "education_topics", source, where),
    )
    areas = []
    seen: set[str] = set()
    for index, raw in enumerate(_tables(data, "areas", source, "the file"), start=1):
        area = _parse_area(raw, source, index)
        if area.code in seen:
            raise CatalogError(f"{source}: area {area.code!r} is defined twice")
        seen.add(area.code)
        areas.append(area)
    return relevance, tuple(areas)


def _parse_area(raw: Any, source: str, index: int) -> IssueArea:
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{source}: area #{index} must be a table")
    code = _text(raw, "code", source, f"area #{index}")
    where = f"area {code!r}"
    _only_keys(raw, _AREA_KEYS, source, where)
    area = IssueArea(
        code=code,
        name=_text(raw, "name", source, where),
        description=_text(raw, "description", source, where),
        statutes=_statutes(raw, "statutes", source, where),
        shared_statutes=_statutes(raw, "shared_statutes", source, where),
        phrases=_phrases(raw, "phrases", source, where),
        weak_phrases=_phrases(raw, "weak_phrases", source, where),
        misleading=_phrases(raw, "misleading", source, where),
        committees=_phrases(raw, "committees", source, where),
        serves=_strings(raw, "serves", source, where),
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
    """Check the links between files: framework ids unique, every `serves` names an item."""
    frameworks = tuple(frameworks)
    areas = tuple(areas)
    ids: set[str] = set()
    for framework in frameworks:
        if framework.id in ids:
            raise CatalogError(f"framework id {framework.id!r} is used by two files")
        ids.add(framework.id)
    keys = {item.key for framework in frameworks for item in framework.items}
    for area in areas:
        for key in area.serves:
            if key not in keys:
                raise CatalogError(
                    f"{source}: area {area.code!r} serves unknown framework item {key!r} "
                    "(write it as 'framework-id/item-code')"
                )
    return Catalog(frameworks=frameworks, areas=areas, relevance=relevance)


# --- the one place that reads files ----------------------------------------------------------


def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Read issue_areas.toml and frameworks/*.toml under `data_dir` (default: the shipped data)."""
    data_dir = data_dir or DATA_DIR
    areas_file = data_dir / "issue_areas.toml"
    relevance, areas = parse_issue_areas(_read_toml(areas_file), str(areas_file))
    framework_files = sorted((data_dir / "frameworks").glob("*.toml"))
    if not framework_files:
        raise CatalogError(f"{data_dir / 'frameworks'}: no framework files (*.toml)")
    frameworks = [parse_framework(_read_toml(path), str(path)) for path in framework_files]
    return build_catalog(frameworks, relevance, areas, source=str(areas_file))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise CatalogError(f"{path}: file not found") from error
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path}: not valid TOML: {error}") from error


# --- small field readers ---------------------------------------------------------------------


def _only_keys(data: Mapping[str, Any], allowed: set[str], source: str, where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CatalogError(
            f"{source}: {where}: unknown field(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )


def _table(data: Mapping[str, Any], key: str, source: str, where: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise CatalogError(f"{source}: {where} needs a [{key}] table")
    return value


def _tables(data: Mapping[str, Any], key: str, source: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise CatalogError(f"{source}: {where} needs at least one [[{key}]] entry")
    return value


def _text(data: Mapping[str, Any], key: str, source: str, where: str, required: bool = True) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise CatalogError(f"{source}: {where}: {key!r} must be a non-empty string")
    return value.strip() if key != "text" else value


def _strings(data: Mapping[str, Any], key: str, source: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogError(f"{source}: {where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _phrases(data: Mapping[str, Any], key: str, source: str, where: str) -> tuple[str, ...]:
    phrases = _strings(data, key, source, where)
    for phrase in phrases:
        problem = phrase_problem(phrase)
        if problem:
            raise CatalogError(f"{source}: {where}: {key} entry {phrase!r} {problem}")
    return phrases


def _statutes(
    data: Mapping[str, Any], key: str, source: str, where: str
) -> tuple[StatuteSpec, ...]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise CatalogError(f"{source}: {where}: {key!r} must be a list")
    specs = []
    for raw in entries:
        if isinstance(raw, str):
            raw = {"cite": raw}
        if not isinstance(raw, Mapping) or not isinstance(raw.get("cite"), str):
            raise CatalogError(
                f"{source}: {where}: {key} entries are cites or {{ cite = ..., label = ... }}"
            )
        _only_keys(raw, {"cite", "label"}, source, f"{where}: {key} {raw.get('cite')!r}")
        cite = parse_cite(raw["cite"])
        if cite is None:
            raise CatalogError(
                f"{source}: {where}: {key} entry {raw['cite']!r} is not a Minnesota Statutes cite "
                "(write '125A', '125A.76' or '126C.10 subd 2e')"
            )
        specs.append(StatuteSpec(cite, str(raw.get("label", "")).strip()))
    return tuple(specs)
