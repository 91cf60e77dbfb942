"""The tracker's one Settings object. Only this module reads the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tracker import __version__

PROJECT_URL = "https://github.com/mn-education-tracker/tracker"


class Settings(BaseSettings):
    """Every knob, read from `TRACKER_*` environment variables or a `.env` file."""

    model_config = SettingsConfigDict(
        env_prefix="TRACKER_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = Field(
        "sqlite:///tracker.db",
        description="Any SQLAlchemy URL; a SQLite file by default, PostgreSQL in production.",
    )
    revisor_url: str = Field(
        "https://www.revisor.mn.gov",
        description="Base URL of the Revisor of Statutes website (search and bill text).",
    )
    revisor_api_url: str = Field(
        "https://api.revisor.mn.gov",
        description="Base URL of the Revisor's bill-status XML service.",
    )
    house_url: str = Field(
        "https://www.house.mn.gov",
        description="Base URL of the House website (schedules, members, committees).",
    )
    senate_url: str = Field(
        "https://www.senate.mn",
        description="Base URL of the Senate website (schedule and members JSON, committees).",
    )
    contact: str = Field(
        "tracker-operator@example.org",
        description="Who to contact about the crawler; sent in the User-Agent.",
    )
    download_delay: float = Field(
        1.0, ge=0, description="Seconds between two requests to the same host."
    )
    download_timeout: float = Field(30.0, gt=0, description="Seconds before a request times out.")
    retry_times: int = Field(
        3, ge=0, description="Retries of a failed request (429, 5xx, timeouts)."
    )
    backoff_base: float = Field(
        2.0, ge=0, description="First back-off in seconds after a 429 or 5xx; doubles per retry."
    )
    backoff_max: float = Field(120.0, ge=0, description="Longest back-off in seconds.")
    log_level: str = Field("INFO", description="Log level of crawls and jobs.")

    @field_validator("revisor_url", "revisor_api_url", "house_url", "senate_url")
    @classmethod
    def _strip_trailing_slash(cls, url: str) -> str:
        return url.rstrip("/")

    @property
    def user_agent(self) -> str:
        return f"mn-education-tracker/{__version__} (+{PROJECT_URL}; {self.contact})"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
