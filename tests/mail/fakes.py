"""Local stand-ins for the mail providers: a fake SendGrid endpoint and an SMTP handler.

The fake SendGrid checks each request against the v3 Mail Send rules the backend must respect
and answers 400 with SendGrid-style errors when one is broken, so a bad payload fails a test.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_KEY = "SG.test-key"


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class ScriptedResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    delay: float = 0.0


def _strings(mapping: Any) -> bool:
    return isinstance(mapping, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    )


def mail_send_problems(path: str, headers: dict[str, str], body: Any) -> list[str]:
    """What a request breaks of the Mail Send rules; empty when it is well formed."""
    problems = []
    if path != "/v3/mail/send":
        problems.append(f"path {path}")
    if headers.get("Authorization") != f"Bearer {API_KEY}":
        problems.append(f"Authorization {headers.get('Authorization')!r}")
    if headers.get("Content-Type") != "application/json":
        problems.append(f"Content-Type {headers.get('Content-Type')!r}")
    if not isinstance(body, dict):
        return [*problems, "body is not a JSON object"]
    if not isinstance(body.get("from"), dict) or "@" not in body["from"].get("email", ""):
        problems.append("from.email missing")
    personalizations = body.get("personalizations")
    if not isinstance(personalizations, list) or not 1 <= len(personalizations) <= 1000:
        return [*problems, "personalizations must be a list of 1 to 1000"]
    addresses = [to.get("email", "").casefold() for p in personalizations for to in p.get("to", [])]
    if len(addresses) > 1000:
        problems.append("more than 1000 recipients")
    if len(set(addresses)) != len(addresses):
        problems.append("an address repeats within the request")
    for number, personalization in enumerate(personalizations):
        if not personalization.get("to"):
            problems.append(f"personalizations.{number}.to missing")
        if not body.get("subject") and not personalization.get("subject"):
            problems.append(f"personalizations.{number} has no subject")
        for key in ("substitutions", "headers", "custom_args"):
            if key in personalization and not _strings(personalization[key]):
                problems.append(f"personalizations.{number}.{key} must map strings to strings")
    types = [part.get("type") for part in body.get("content", [])]
    if types != ["text/plain", "text/html"]:
        problems.append(f"content types {types}, expected text/plain then text/html")
    categories = body.get("categories", [])
    if len(categories) > 10 or any(not isinstance(c, str) or len(c) > 255 for c in categories):
        problems.append(f"categories {categories!r}")
    if "custom_args" in body and not _strings(body["custom_args"]):
        problems.append("custom_args must map strings to strings")
    return problems


class FakeSendGrid:
    """An HTTP server on 127.0.0.1 answering POST /v3/mail/send; scripted answers first."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.problems: list[str] = []
        self.script: deque[ScriptedResponse] = deque()
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def respond(self, status: int, **kwargs: Any) -> None:
        self.script.append(ScriptedResponse(status, **kwargs))

    def __enter__(self) -> FakeSendGrid:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def _answer(self, path: str, headers: dict[str, str], raw: bytes) -> ScriptedResponse:
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        problems = mail_send_problems(path, headers, body)
        with self._lock:
            self.requests.append(RecordedRequest(path, headers, body))
            number = len(self.requests)
            if problems:
                self.problems.extend(problems)
                errors = [{"message": p, "field": None} for p in problems]
                return ScriptedResponse(400, body={"errors": errors})
            if self.script:
                return self.script.popleft()
        return ScriptedResponse(202, headers={"X-Message-Id": f"fake-{number}"})

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = fake._answer(self.path, dict(self.headers.items()), raw)
                time.sleep(answer.delay)
                payload = json.dumps(answer.body).encode() if answer.body is not None else b""
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as the timeout test intends

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


class RecordingSmtpHandler:
    """An aiosmtpd handler that keeps what it receives and refuses the addresses it is told."""

    def __init__(self, refuse: dict[str, str] | None = None) -> None:
        self.refuse = {address.casefold(): reply for address, reply in (refuse or {}).items()}
        self.received: list[ReceivedMail] = []
        self.sessions = 0

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        self.sessions += 1
        return responses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address.casefold() in self.refuse:
            return self.refuse[address.casefold()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(
            ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 2.0.0 Message accepted"


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening on it (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
