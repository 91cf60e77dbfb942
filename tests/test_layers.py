"""Imports only point down the layers of STYLE.md, read from the source (every import,
those inside functions too); pure layers import no IO library."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Top to bottom; a module may import its own layer or any below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("tracker.cli", "tracker.web", "tracker.demo"),
    ("jobs",),
    ("tracker.digest", "tracker.mail", "tracker.present", "tracker.progress"),
    ("spiders",),
    ("tracker.store", "tracker.models", "tracker.db", "tracker.migrations"),
    ("tracker.tagging",),
    ("tracker.rules", "tracker.records"),
    ("tracker.config", "tracker.vocab", "tracker"),
)
# Libraries that read or write the world: none of them in the pure layers.
IO_LIBRARIES = (
    "sqlmodel",
    "sqlalchemy",
    "alembic",
    "scrapy",
    "fastapi",
    "starlette",
    "jinja2",
    "sendgrid",
    "smtplib",
    "urllib.request",
    "httpx",
    "requests",
    "apscheduler",
)
PURE = ("tracker.rules", "tracker.records")
# Below the faces, nothing may load these at import or call time.
NOT_IN_THE_STORE = ("tracker.mail", "sklearn", "numpy")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules() -> Iterator[tuple[str, Path]]:
    for package in ("tracker", "jobs", "spiders"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations/versions" in path.as_posix() or "demo/sample" in path.as_posix():
                continue
            yield module_name(path), path


def imported(path: Path, module: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # `from tracker import store` imports tracker.store
                yield node.lineno, f"{target}.{alias.name}"


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (length of the matching prefix, layer)
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def is_under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


MODULES = list(source_modules())


def test_the_layers_know_every_module() -> None:
    assert len(MODULES) > 100
    assert [module for module, _ in MODULES if layer_of(module) is None] == []


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_point_down(module: str, path: Path) -> None:
    own = layer_of(module)
    assert own is not None
    upward = []
    for line, target in imported(path, module):
        target_layer = layer_of(target)
        if target_layer is not None and target_layer < own:
            upward.append(f"line {line}: {target} ({LAYERS[target_layer][0]} is above)")
        if is_under(module, PURE) and is_under(target, IO_LIBRARIES):
            upward.append(f"line {line}: {target} (a pure layer does no IO)")
        if is_under(module, ("tracker.store", "tracker.models", "tracker.db")) and is_under(
            target, NOT_IN_THE_STORE
        ):
            upward.append(f"line {line}: {target} (the store imports neither mail nor sklearn)")
    assert upward == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The rule itself can fail: a store module importing the web app is caught."""
    fake = ROOT / "tracker" / "store" / "bills.py"
    found = list(imported(fake, "tracker.store.bills"))
    assert found, "the store's bill module imports something"
    assert layer_of("tracker.web.app") < layer_of("tracker.store.bills")  # type: ignore[operator]
    assert layer_of("tracker.rules.stage") > layer_of("tracker.tagging.tagger")  # type: ignore[operator]
    tree = "from tracker.web.app import create_app\nfrom ..mail import backends\n"
    sample = tmp_path / "sample.py"
    sample.write_text(tree)
    targets = [t for _, t in imported(sample, "tracker.store.sample")]
    assert "tracker.web.app" in targets and "tracker.mail.backends" in targets
