"""The catalog the tagger uses: the shipped issue areas and frameworks, plus the framework
files staff loaded into the database (`tracker frameworks load FILE`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from tracker.models import FrameworkDocument
from tracker.tagging.catalog import (
    Catalog,
    CatalogError,
    Framework,
    load_catalog,
    parse_framework_text,
)


def framework_documents(db: Session) -> list[tuple[str, str]]:
    rows = db.exec(select(FrameworkDocument).order_by(col(FrameworkDocument.framework_id)))
    return [(f"{row.filename} (loaded)", row.document) for row in rows]


def current_catalog(db: Session) -> Catalog:
    return load_catalog(extra_frameworks=framework_documents(db))


def load_framework_file(db: Session, path: Path, *, now: datetime) -> tuple[Framework, bool]:
    """Check a framework file against the whole catalog, then keep it; True if it replaced one.

    Nothing is stored when the file or its links are wrong (CatalogError says where).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogError(f"{path}: cannot read it: {error}") from error
    framework = parse_framework_text(text, str(path))
    others = [
        (row.filename, row.document)
        for row in db.exec(select(FrameworkDocument))
        if row.framework_id != framework.id
    ]
    load_catalog(extra_frameworks=[*others, (str(path), text)])
    row = db.get(FrameworkDocument, framework.id)
    replaced = row is not None or framework.id in {f.id for f in load_catalog().frameworks}
    if row is None:
        row = FrameworkDocument(framework_id=framework.id, filename=path.name, document=text)
        db.add(row)
    row.filename, row.document, row.loaded_at = path.name, text, now
    db.flush()
    return framework, replaced
