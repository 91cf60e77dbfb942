"""Every version's text, section by section. A section's marked text is stored once, under
its digest, however many versions (or bills) repeat it: most sections of an engrossment are
those of the version before, word for word."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.models.columns import json_column


class SectionText(SQLModel, table=True):
    __tablename__ = "section_text"

    digest: str = Field(primary_key=True, description="sha256 of the runs, hex")
    runs: list[Any] = json_column(list)  # [[mark, text], ...]: TextMark values and text


class VersionSection(SQLModel, table=True):
    __tablename__ = "version_section"
    __table_args__ = (sa.UniqueConstraint("version_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="bill_version.id", index=True)
    position: int = Field(description="Order on the page, from 1")
    article: int | None = None
    article_heading: str = ""
    number: int
    heading: str = ""
    statutes: list[Any] = json_column(list)  # [[section, subdivision, change, year], ...]
    text_digest: str = Field(foreign_key="section_text.digest", index=True)
