"""What every delivery backend promises, and the two that stay on this machine.

A backend returns one `DeliveryResult` per message, in order, and never raises for a message it
could not deliver: the caller records each delivery exactly once from these results.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, TextIO

from tracker.mail.message import MAIL_POLICY, OutgoingMessage, Sender
from tracker.vocab import SendOutcome

Clock = Callable[[], datetime]
Sleep = Callable[[float], None]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DeliveryResult:
    delivery_key: str
    outcome: SendOutcome
    detail: str
    provider_id: str | None = None


def results_for(
    messages: Sequence[OutgoingMessage], outcome: SendOutcome, detail: str, provider_id: str | None
) -> list[DeliveryResult]:
    return [DeliveryResult(m.delivery_key, outcome, detail, provider_id) for m in messages]


class Backend(Protocol):
    name: str

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        """Deliver each message; one result per message, in the order given."""
        ...


@dataclass(frozen=True)
class Backoff:
    """How often and how long to wait before retrying a send that failed for a passing reason."""

    retries: int = 3
    base: float = 2.0
    maximum: float = 60.0
    sleep: Sleep = time.sleep

    def delay(self, retry: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait before retry number `retry` (1-based), or None to give up.

        A server's Retry-After is honored when it fits within `maximum`; a longer one gives up
        rather than stall the whole batch.
        """
        if retry > self.retries:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.maximum else None
        return min(self.base * 2 ** (retry - 1), self.maximum)


class ConsoleBackend:
    """Prints each message's headers and text part: for trying the digest by hand."""

    name = "console"

    def __init__(self, sender: Sender, *, stream: TextIO | None = None, clock: Clock = utc_now):
        self.sender = sender
        self.stream = stream or sys.stdout
        self.clock = clock

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        results = []
        for message in messages:
            email = message.to_email_message(self.sender, now=self.clock())
            for name, value in email.items():
                if name.lower() not in {"content-type", "mime-version"}:
                    print(f"{name}: {value}", file=self.stream)
            print(file=self.stream)
            print(message.text.rstrip("\n"), file=self.stream)
            print("-" * 72, file=self.stream)
            results.append(DeliveryResult(message.delivery_key, SendOutcome.SENT, "printed"))
        self.stream.flush()
        return results


class FileBackend:
    """Writes one `<delivery_key>.eml` per message; sending a key again replaces its file."""

    name = "file"

    def __init__(self, sender: Sender, outbox_dir: Path, *, clock: Clock = utc_now):
        self.sender = sender
        self.outbox_dir = Path(outbox_dir)
        self.clock = clock

    def path_for(self, message: OutgoingMessage) -> Path:
        return self.outbox_dir / f"{message.delivery_key}.eml"

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        try:
            self.outbox_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            detail = f"cannot create outbox folder {self.outbox_dir}: {error.strerror or error}"
            return results_for(messages, SendOutcome.FAILED, detail, None)
        return [self._write(message) for message in messages]

    def _write(self, message: OutgoingMessage) -> DeliveryResult:
        path = self.path_for(message)
        email = message.to_email_message(self.sender, now=self.clock())
        data = email.as_bytes(policy=MAIL_POLICY)  # LF line ends, as mail files on disk use
        temporary: Path | None = None
        try:
            # Write beside the target then rename, so a reader never sees half a message.
            handle, name = tempfile.mkstemp(
                dir=self.outbox_dir, prefix=f".{message.delivery_key}.", suffix=".tmp"
            )
            temporary = Path(name)
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except OSError as error:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
            detail = f"cannot write {path}: {error.strerror or error}"
            return DeliveryResult(message.delivery_key, SendOutcome.FAILED, detail)
        return DeliveryResult(
            message.delivery_key, SendOutcome.SENT, f"written to {path}", str(path)
        )
