"""Readers of one field of a catalog file's TOML data; each raises CatalogError naming the
file and the item at fault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tracker.rules.statutes import Cite, parse_cite
from tracker.tagging.phrases import phrase_problem


@dataclass(frozen=True)
class StatuteSpec:
    """A cite an area lives in, with the name a lobbyist knows it by."""

    cite: Cite
    label: str


class CatalogError(ValueError):
    """A catalog file is malformed; the message names the file and the item."""


def only_keys(data: Mapping[str, Any], allowed: set[str], source: str, where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CatalogError(
            f"{source}: {where}: unknown field(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )


def table(data: Mapping[str, Any], key: str, source: str, where: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise CatalogError(f"{source}: {where} needs a [{key}] table")
    return value


def tables(data: Mapping[str, Any], key: str, source: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise CatalogError(f"{source}: {where} needs at least one [[{key}]] entry")
    return value


def text(data: Mapping[str, Any], key: str, source: str, where: str, required: bool = True) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise CatalogError(f"{source}: {where}: {key!r} must be a non-empty string")
    return value.strip() if key != "text" else value


def flag(data: Mapping[str, Any], key: str, source: str, where: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise CatalogError(f"{source}: {where}: {key!r} must be true or false")
    return value


def strings(data: Mapping[str, Any], key: str, source: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogError(f"{source}: {where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def phrases(data: Mapping[str, Any], key: str, source: str, where: str) -> tuple[str, ...]:
    phrases = strings(data, key, source, where)
    for phrase in phrases:
        problem = phrase_problem(phrase)
        if problem:
            raise CatalogError(f"{source}: {where}: {key} entry {phrase!r} {problem}")
    return phrases


def statutes(data: Mapping[str, Any], key: str, source: str, where: str) -> tuple[StatuteSpec, ...]:
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
        only_keys(raw, {"cite", "label"}, source, f"{where}: {key} {raw.get('cite')!r}")
        cite = parse_cite(raw["cite"])
        if cite is None:
            raise CatalogError(
                f"{source}: {where}: {key} entry {raw['cite']!r} is not a Minnesota Statutes cite "
                "(write '125A', '125A.76' or '126C.10 subd 2e')"
            )
        specs.append(StatuteSpec(cite, str(raw.get("label", "")).strip()))
    return tuple(specs)
