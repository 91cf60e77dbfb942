"""Local stand-ins for the mail providers: a fake SendGrid endpoint and an SMTP handler.

The fake SendGrid answers Mail Send. It checks each request against the rules the backend
must respect (SendGrid's documented ones, the limit on names included) and answers 400 with
SendGrid-style errors when one is broken, so a bad payload fails a test. Each accepted
personalization is kept as the email its recipient would receive.
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
from urllib.parse import urlsplit

API_KEY = "SG.test-key"


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class ScriptedResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    delay: float = 0.0


@dataclass
class Received:
    """One email as SendGrid would send it: a personalization of an accepted Mail Send."""

    to: str
    name: str | None
    subject: str
    html: str
    text: str
    headers: dict[str, str]
    custom_args: dict[str, str]
    categories: list[str]
    message_id: str


def _strings(mapping: Any) -> bool:
    return isinstance(mapping, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    )


def mail_send_problems(body: Any) -> list[str]:
    """What a Mail Send request breaks of SendGrid's rules; empty when it is well formed."""
    if not isinstance(body, dict):
        return ["body is not a JSON object"]
    problems = []
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
    if "template_id" in body:
        problems.append(f"template_id {body['template_id']} is not a template of this account")
    types = [part.get("type") for part in body.get("content", [])]
    if types != ["text/plain", "text/html"]:
        problems.append(f"content types {types}, expected text/plain then text/html")
    if any(not part.get("value") for part in body.get("content", [])):
        problems.append("content must have a value")
    for number, personalization in enumerate(personalizations):
        if not personalization.get("to"):
            problems.append(f"personalizations.{number}.to missing")
        if not body.get("subject") and not personalization.get("subject"):
            problems.append(f"personalizations.{number} has no subject")
        for key in ("substitutions", "headers", "custom_args"):
            if key in personalization and not _strings(personalization[key]):
                problems.append(f"personalizations.{number}.{key} must map strings to strings")
    subject = body.get("subject", "")
    if len(subject) > 255:
        problems.append("subject longer than 255 characters")
    categories = body.get("categories", [])
    if len(categories) > 10 or any(not isinstance(c, str) or len(c) > 255 for c in categories):
        problems.append(f"categories {categories!r}")
    if "custom_args" in body and not _strings(body["custom_args"]):
        problems.append("custom_args must map strings to strings")
    return problems


NAME_RULE = (
    "The to.name, cc.name, and bcc.name personalizations cannot include either the ; or , "
    "characters."
)
ERRORS_HELP = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html"


def name_errors(body: Any) -> list[dict[str, Any]]:
    """SendGrid's documented limit on names (Mail Send, Limitations), as its error objects:
    a comma or a semicolon in a recipient's name, or in the From name, refuses the request."""
    if not isinstance(body, dict):
        return []
    named = [("from", body.get("from"))]
    for number, personalization in enumerate(body.get("personalizations") or []):
        for kind in ("to", "cc", "bcc"):
            for index, address in enumerate(personalization.get(kind) or []):
                named.append((f"personalizations.{number}.{kind}.{index}", address))
    return [
        {"message": NAME_RULE, "field": f"{field}.name", "help": f"{ERRORS_HELP}#-Limitations"}
        for field, address in named
        if isinstance(address, dict) and any(c in str(address.get("name", "")) for c in ",;")
    ]


class FakeSendGrid:
    """An HTTP server on 127.0.0.1 answering like SendGrid's Mail Send; scripted answers first.

    `latency` seconds pass before every answer, standing in for the round trip to SendGrid;
    `most_in_flight` is the most requests it was answering at once.
    """

    def __init__(self, *, latency: float = 0.0) -> None:
        self.latency = latency
        self.in_flight = self.most_in_flight = 0
        self.requests: list[RecordedRequest] = []
        self.problems: list[str] = []
        self.script: deque[ScriptedResponse] = deque()
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def respond(self, status: int, **kwargs: Any) -> None:
        """The answer to the next request, instead of the fake's own."""
        self.script.append(ScriptedResponse(status, **kwargs))

    def mail_sends(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == "/v3/mail/send"]

    def __enter__(self) -> FakeSendGrid:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def _answer(
        self, method: str, target: str, headers: dict[str, str], raw: bytes
    ) -> ScriptedResponse:
        path = urlsplit(target).path
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        with self._lock:
            self.requests.append(RecordedRequest(method, path, headers, body))
            number = len(self.requests)
            problems = []
            if headers.get("Authorization") != f"Bearer {API_KEY}":
                problems.append(f"Authorization {headers.get('Authorization')!r}")
            if raw and headers.get("Content-Type") != "application/json":
                problems.append(f"Content-Type {headers.get('Content-Type')!r}")
            if problems:
                return self._refuse(problems)
            if self.script:
                return self.script.popleft()
            if (method, path) != ("POST", "/v3/mail/send"):
                return self._refuse([f"no such endpoint: {method} {path}"], 404)
            return self._mail_send(body, number)

    def _refuse(self, problems: list[str], status: int = 400) -> ScriptedResponse:
        self.problems.extend(problems)
        errors = [{"message": p, "field": None} for p in problems]
        return ScriptedResponse(status, body={"errors": errors})

    def _mail_send(self, body: Any, number: int) -> ScriptedResponse:
        if errors := name_errors(body):
            self.problems.extend(f"{error['field']}: {error['message']}" for error in errors)
            return ScriptedResponse(400, body={"errors": errors})
        if problems := mail_send_problems(body):
            return self._refuse(problems)
        message_id = f"fake-{number}"
        text, html = (part["value"] for part in body["content"])
        for personalization in body["personalizations"]:
            for to in personalization["to"]:
                self.received.append(
                    Received(
                        to=to["email"],
                        name=to.get("name"),
                        subject=personalization.get("subject", body["subject"]),
                        html=html,
                        text=text,
                        headers=personalization.get("headers", {}),
                        custom_args=personalization.get("custom_args", {}),
                        categories=body.get("categories", []),
                        message_id=message_id,
                    )
                )
        return ScriptedResponse(202, headers={"X-Message-Id": message_id})

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                with fake._lock:
                    fake.in_flight += 1
                    fake.most_in_flight = max(fake.most_in_flight, fake.in_flight)
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = fake._answer(self.command, self.path, dict(self.headers.items()), raw)
                time.sleep(fake.latency + answer.delay)
                with fake._lock:
                    fake.in_flight -= 1
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

            do_GET = do_POST = do_DELETE = _serve

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
