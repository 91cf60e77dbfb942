"""Local stand-ins for the mail providers: a fake SendGrid endpoint and an SMTP handler.

The fake SendGrid answers Mail Send and the templates API (create, add a version, list,
delete). It checks each request against the rules the backend must respect and answers 400
with SendGrid-style errors when one is broken, so a bad payload fails a test. A Mail Send with
a `template_id` is rendered for every personalization with a real Handlebars implementation
(pybars3), and the emails kept: what each member would receive.
"""

from __future__ import annotations

import functools
import json
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pybars

API_KEY = "SG.test-key"
TEMPLATE_LIMIT = 1_048_576


@functools.lru_cache(maxsize=64)
def compile_handlebars(source: str) -> Any:
    """pybars3's compiled template (compiling is the slow part: the same source, once)."""
    return pybars.Compiler().compile(source)


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class ScriptedResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    delay: float = 0.0
    method: str | None = None  # answer only this method (any when None)
    path: str | None = None  # ... and this path, or a path starting so when it ends with "*"

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.path is None:
            return True
        return path.startswith(self.path[:-1]) if self.path.endswith("*") else path == self.path


@dataclass
class Rendered:
    """One email as SendGrid would build it from a template and a personalization."""

    to: str
    subject: str
    html: str
    text: str
    headers: dict[str, str]
    custom_args: dict[str, str]
    categories: list[str]
    template_id: str


@dataclass
class Template:
    id: str
    name: str
    updated_at: datetime
    versions: list[dict[str, Any]] = field(default_factory=list)
    compiled: tuple[Any, Any, Any] | None = None  # html, text, subject of the active version

    def listing(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "generation": "dynamic",
            "updated_at": f"{self.updated_at:%Y-%m-%d %H:%M:%S}",
            "versions": [
                {"id": v["id"], "name": v["name"], "active": v["active"]} for v in self.versions
            ],
        }


def _strings(mapping: Any) -> bool:
    return isinstance(mapping, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    )


def mail_send_problems(body: Any, templates: dict[str, Template]) -> list[str]:
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
    template_id = body.get("template_id")
    if template_id is not None:
        template = templates.get(template_id)
        if template is None:
            problems.append(f"template_id {template_id} is not a template of this account")
        elif template.compiled is None:
            problems.append(f"template {template_id} has no active version")
        if "content" in body:
            problems.append("content given with a dynamic template")
    else:
        types = [part.get("type") for part in body.get("content", [])]
        if types != ["text/plain", "text/html"]:
            problems.append(f"content types {types}, expected text/plain then text/html")
        if any(not part.get("value") for part in body.get("content", [])):
            problems.append("content must have a value")
    for number, personalization in enumerate(personalizations):
        if not personalization.get("to"):
            problems.append(f"personalizations.{number}.to missing")
        if template_id is None and not body.get("subject") and not personalization.get("subject"):
            problems.append(f"personalizations.{number} has no subject")
        for key in ("substitutions", "headers", "custom_args"):
            if key in personalization and not _strings(personalization[key]):
                problems.append(f"personalizations.{number}.{key} must map strings to strings")
        data = personalization.get("dynamic_template_data")
        if template_id is not None and not isinstance(data, dict):
            problems.append(f"personalizations.{number}.dynamic_template_data must be an object")
        if template_id is None and data is not None:
            problems.append(f"personalizations.{number}.dynamic_template_data needs a template")
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


def version_problems(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return ["body is not a JSON object"]
    problems = []
    if not body.get("name") or len(body["name"]) > 100:
        problems.append("name is required, 100 characters at most")
    if not body.get("subject") or len(body["subject"]) > 255:
        problems.append("subject is required, 255 characters at most")
    for key in ("html_content", "plain_content"):
        if not isinstance(body.get(key), str) or not body[key]:
            problems.append(f"{key} missing")
        elif len(body[key].encode()) > TEMPLATE_LIMIT:
            problems.append(f"{key}: maximum of 1048576 bytes allowed")
    if body.get("generate_plain_content") is not False:
        problems.append("generate_plain_content must be false to keep plain_content")
    if body.get("active") not in (0, 1):
        problems.append("active must be 0 or 1")
    return problems


class FakeSendGrid:
    """An HTTP server on 127.0.0.1 answering like SendGrid's v3 API; scripted answers first."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.problems: list[str] = []
        self.script: deque[ScriptedResponse] = deque()
        self.templates: dict[str, Template] = {}
        self.rendered: list[Rendered] = []
        self.now = datetime.now(UTC)
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

    def add_template(self, name: str, updated_at: datetime) -> Template:
        """A template already in the account (made by an earlier run, or by someone else)."""
        template = Template(f"d-{uuid.uuid4().hex}", name, updated_at)
        self.templates[template.id] = template
        return template

    def mail_sends(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == "/v3/mail/send"]

    def template_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.startswith("/v3/templates")]

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
        url = urlsplit(target)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        with self._lock:
            self.requests.append(RecordedRequest(method, url.path, query, headers, body))
            number = len(self.requests)
            problems = []
            if headers.get("Authorization") != f"Bearer {API_KEY}":
                problems.append(f"Authorization {headers.get('Authorization')!r}")
            if raw and headers.get("Content-Type") != "application/json":
                problems.append(f"Content-Type {headers.get('Content-Type')!r}")
            if problems:
                return self._refuse(problems)
            scripted = next((s for s in self.script if s.matches(method, url.path)), None)
            if scripted is not None:
                self.script.remove(scripted)
                return scripted
            return self._route(method, url.path, query, body, number)

    def _refuse(self, problems: list[str], status: int = 400) -> ScriptedResponse:
        self.problems.extend(problems)
        errors = [{"message": p, "field": None} for p in problems]
        return ScriptedResponse(status, body={"errors": errors})

    def _route(
        self, method: str, path: str, query: dict[str, str], body: Any, number: int
    ) -> ScriptedResponse:
        parts = path.strip("/").split("/")
        if method == "POST" and path == "/v3/mail/send":
            return self._mail_send(body, number)
        if method == "POST" and path == "/v3/templates":
            if not isinstance(body, dict) or body.get("generation") != "dynamic":
                return self._refuse(["generation must be dynamic"])
            if not body.get("name") or len(body["name"]) > 100:
                return self._refuse(["name is required, 100 characters at most"])
            template = self.add_template(body["name"], self.now)
            return ScriptedResponse(201, body=template.listing())
        if method == "GET" and path == "/v3/templates":
            return self._list(query)
        if len(parts) >= 3 and parts[:2] == ["v3", "templates"]:
            template = self.templates.get(parts[2])
            if template is None:
                return ScriptedResponse(404, body={"errors": [{"message": "Not Found"}]})
            if method == "DELETE" and len(parts) == 3:
                del self.templates[template.id]
                return ScriptedResponse(204)
            if method == "POST" and parts[3:] == ["versions"]:
                return self._add_version(template, body)
        return self._refuse([f"no such endpoint: {method} {path}"], 404)

    def _add_version(self, template: Template, body: Any) -> ScriptedResponse:
        problems = version_problems(body)
        if not problems:
            try:
                compiled = tuple(
                    compile_handlebars(body[key])
                    for key in ("html_content", "plain_content", "subject")
                )
            except pybars.PybarsError as error:
                problems.append(f"the template does not compile: {error}")
        if problems:
            return self._refuse(problems)
        version = {
            "id": str(uuid.uuid4()),
            "template_id": template.id,
            **{key: body[key] for key in ("name", "subject", "html_content", "plain_content")},
            "active": body["active"],
        }
        template.versions.append(version)
        if body["active"] == 1 or template.compiled is None:
            template.compiled = compiled
        return ScriptedResponse(201, body=version)

    def _list(self, query: dict[str, str]) -> ScriptedResponse:
        if query.get("generations") != "dynamic":
            return self._refuse(["generations must be dynamic here"])
        size = int(query.get("page_size", "0") or 0)
        if not 1 <= size <= 200:
            return self._refuse(["page_size must be 1 to 200"])
        start = int(query.get("page_token") or 0)
        everything = list(self.templates.values())
        page = everything[start : start + size]
        metadata: dict[str, Any] = {"self": f"{self.url}/v3/templates?page_token={start}"}
        if start + size < len(everything):
            metadata["next"] = (
                f"{self.url}/v3/templates?generations=dynamic&page_size={size}"
                f"&page_token={start + size}"
            )
        metadata["count"] = len(everything)
        return ScriptedResponse(
            200, body={"result": [t.listing() for t in page], "_metadata": metadata}
        )

    def _mail_send(self, body: Any, number: int) -> ScriptedResponse:
        if errors := name_errors(body):
            self.problems.extend(f"{error['field']}: {error['message']}" for error in errors)
            return ScriptedResponse(400, body={"errors": errors})
        problems = mail_send_problems(body, self.templates)
        if problems:
            return self._refuse(problems)
        template_id = body.get("template_id")
        if template_id is not None:
            rendered = []
            html, text, subject = self.templates[template_id].compiled  # type: ignore[misc]
            for personalization in body["personalizations"]:
                data = personalization["dynamic_template_data"]
                email = Rendered(
                    to=personalization["to"][0]["email"],
                    subject=str(subject(data)),
                    html=str(html(data)),
                    text=str(text(data)),
                    headers=personalization.get("headers", {}),
                    custom_args=personalization.get("custom_args", {}),
                    categories=body.get("categories", []),
                    template_id=template_id,
                )
                if len(email.subject) > 255:
                    return self._refuse(["the rendered subject is longer than 255 characters"])
                rendered.append(email)
            self.rendered += rendered
        return ScriptedResponse(202, headers={"X-Message-Id": f"fake-{number}"})

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = fake._answer(self.command, self.path, dict(self.headers.items()), raw)
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
