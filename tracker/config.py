"""The tracker's one Settings object. Only this module reads the environment."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal, Self
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tracker import __version__

PROJECT_URL = "https://github.com/mn-education-tracker/tracker"
# The Legislature's time zone: an as-of day is a day in Saint Paul (tracker.rules.dates.CENTRAL).
_CENTRAL = ZoneInfo("America/Chicago")
_ENV = SettingsConfigDict(
    env_prefix="TRACKER_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
)

EmailBackendName = Literal["sendgrid", "smtp", "file", "console"]


class MailSettings(BaseSettings):
    """How weekly updates leave the tracker: which backend, and what each backend needs.

    Part of `Settings`; kept as its own class so the mail package can be given just these.
    """

    model_config = _ENV

    email_backend: EmailBackendName = Field(
        "file",
        description="Where mail goes: sendgrid, smtp, file (one .eml per message) or console.",
    )
    sendgrid_api_key: SecretStr | None = Field(
        None, description="SendGrid API key with the Mail Send permission."
    )
    sendgrid_api_url: str = Field(
        "https://api.sendgrid.com",
        description="Base URL of the SendGrid v3 API; tests point it at a local fake.",
    )
    sendgrid_concurrency: int = Field(
        4,
        ge=1,
        le=16,
        description="Mail Send requests in flight at once (1: one at a time).",
    )
    sendgrid_webhook_public_key: str | None = Field(
        None,
        description=(
            "SendGrid's Event Webhook verification key (ECDSA, base64, from the Event Webhook "
            "settings); unset, the webhook is off."
        ),
    )
    smtp_host: str = Field("localhost", description="SMTP server host name.")
    smtp_port: int = Field(25, gt=0, lt=65536, description="SMTP server port.")
    smtp_username: str | None = Field(None, description="SMTP login, if the server needs one.")
    smtp_password: SecretStr | None = Field(None, description="SMTP password.")
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP connection with STARTTLS.")
    smtp_ssl: bool = Field(False, description="Connect to the SMTP server over TLS (port 465).")
    outbox_dir: Path = Field(
        Path("outbox"), description="Folder the file backend writes .eml files into."
    )
    mail_from: str = Field(
        "legislative-updates@example.org", description="Sender address of every email."
    )
    mail_from_name: str = Field(
        "Legislative Update", description="Sender display name of every email."
    )
    mail_timeout: float = Field(
        30.0, gt=0, description="Seconds before a SendGrid or SMTP call times out."
    )
    mail_retries: int = Field(
        3, ge=0, description="Retries of a send that failed for a passing reason (429, 5xx)."
    )
    mail_backoff_base: float = Field(
        2.0, ge=0, description="First back-off in seconds before a retry; doubles per retry."
    )
    mail_backoff_max: float = Field(
        60.0, ge=0, description="Longest wait in seconds, including a server's Retry-After."
    )

    @field_validator("sendgrid_api_url")
    @classmethod
    def _strip_sendgrid_slash(cls, url: str) -> str:
        return url.rstrip("/")

    @field_validator("sendgrid_webhook_public_key")
    @classmethod
    def _bare_public_key(cls, key: str | None) -> str | None:
        """The key's base64 on one line, as SendGrid shows it; a pasted PEM block works too."""
        if key is None:
            return None
        lines = [line.strip() for line in key.strip().splitlines()]
        bare = "".join(line for line in lines if line and not line.startswith("-----"))
        return bare or None

    @model_validator(mode="after")
    def _one_tls_mode(self) -> Self:
        if self.smtp_ssl and self.smtp_starttls:
            raise ValueError(
                "TRACKER_SMTP_SSL and TRACKER_SMTP_STARTTLS are exclusive: "
                "use SSL for port 465, STARTTLS for port 587"
            )
        return self


PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret"})


class WebSettings(BaseSettings):
    """The web app's sign-in and session settings; part of `Settings`."""

    model_config = _ENV

    secret_key: SecretStr = Field(
        SecretStr(""),
        description="Signs the web app's session cookies; a long random string (required).",
    )
    session_max_age: int = Field(
        8 * 3600, gt=0, description="Seconds a web sign-in lasts before asking again."
    )
    login_rate_limit: int = Field(
        5, gt=0, description="Failed sign-ins per email or address in 15 minutes before refusing."
    )
    session_https_only: bool = Field(
        False, description="Send the session cookie over HTTPS only (turn on in production)."
    )

    def check_secret(self) -> str:
        secret = self.secret_key.get_secret_value()
        if secret.strip().lower() in PLACEHOLDER_SECRETS or len(secret) < 16:
            raise ValueError(
                "TRACKER_SECRET_KEY must be set to a long random string, e.g. the output of "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return secret


class Settings(MailSettings, WebSettings):
    """Every knob, read from `TRACKER_*` environment variables or a `.env` file."""

    model_config = _ENV

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
    public_url: str = Field(
        "http://127.0.0.1:8000",
        description="Where the web app is reached: the base of unsubscribe links in emails.",
    )
    association: str = Field(
        "AMSD", description="The association's name, as the weekly update is signed."
    )
    crawl_bills_cron: str = Field(
        "0 7-19/4 * * mon-fri",
        description="When to crawl bill status while the Legislature sits (crontab, Central).",
    )
    crawl_bills_interim_cron: str = Field(
        "0 6 * * mon", description="When to crawl bill status in the interim (crontab, Central)."
    )
    crawl_hearings_cron: str = Field(
        "30 6 * * *", description="When to crawl hearings and members (crontab, Central)."
    )
    urgent_cron: str = Field(
        "15 7-19/4 * * mon-fri",
        description="When to send urgent alerts, after the daytime crawls (crontab, Central).",
    )
    digest_cron: str = Field(
        "0 7 * * mon", description="When to send the weekly update (crontab, Central)."
    )
    crawl_timeout: float = Field(
        3 * 3600.0, gt=0, description="Seconds a scheduled crawl may run before it is stopped."
    )
    misfire_grace: int = Field(
        3600, ge=1, description="Seconds late a scheduled job may still start (after downtime)."
    )
    crawl_bills_full_cron: str = Field(
        "0 18 * * sat",
        description="When to read every bill's status again (`--full`), weekly (crontab, Central).",
    )
    crawl_full_timeout: float = Field(
        6 * 3600.0, gt=0, description="Seconds the weekly full crawl may run before it is stopped."
    )
    crawl_text_backlog: int = Field(
        300,
        ge=0,
        description=(
            "Versions listed without their text that one bill crawl reads, oldest first and "
            "after every status: a session's backfill spreads over the scheduled crawls."
        ),
    )
    crawl_invalid_share: float = Field(
        0.2,
        gt=0,
        le=1,
        description=(
            "Share of a crawl's responses (of one kind, after 20) that may be invalid before "
            "the crawl stops: the source changed shape."
        ),
    )
    as_of: date | None = Field(
        None,
        description=(
            "Run as of this day (YYYY-MM-DD): every view, command and job that asks for now "
            "sees this day, at the current time of day (Central). Unset: today."
        ),
    )

    @field_validator("as_of", mode="before")
    @classmethod
    def _blank_as_of_is_today(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

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

    def now(self) -> datetime:
        """Now, in UTC; with `as_of`, that day at the current time of day in Saint Paul."""
        real = datetime.now(UTC)
        if self.as_of is None:
            return real
        local = real.astimezone(_CENTRAL)
        return datetime.combine(self.as_of, local.time(), tzinfo=_CENTRAL).astimezone(UTC)

    def today(self) -> date:
        """Today in Saint Paul (or the as-of day)."""
        return self.now().astimezone(_CENTRAL).date()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
