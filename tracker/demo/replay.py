"""A local HTTP server that answers like the Legislature's sites, from a folder of saved
responses, so the real spiders can crawl offline (`tracker demo`, end-to-end tests).

Folder layout (each top folder is one site; all are served from the same port):
  api/bills/v1/94/2025/0/HF/5.xml            GET /bills/v1/94/2025/0/HF/5/
  www/bills/94/2025/0/HF/5/versions/1.html   GET /bills/94/2025/0/HF/5/versions/1/
  GET /bills/status_result.php?...&format=xml   search results built from api/ (like the Revisor)
Any other `<site>/<path>.<xml|html|json>` file answers GET /<path>, and `<path>@<query>.<ext>`
answers GET /<path>?<query> (the Senate's committee pages differ only by their query).
`sites=("house",)` serves only those top folders: the House and the Senate both answer
/committees, so each site gets a server of its own. Tests inject faults
(HTTP errors, delays, truncated or replaced bodies) per path, each used once.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from lxml import etree

CONTENT_TYPES = {".xml": "text/xml", ".html": "text/html", ".json": "application/json"}
_STATUS_FILE = re.compile(r"bills/v1/(\d+)/(\d{4})/(\d+)/([A-Z]{2})/(\d+)\.xml$")
_SEARCH_CODE = re.compile(r"^(\d)(\d{2})(\d{4})$")


@dataclass
class Fault:
    """One injected misbehaviour for one request."""

    status: int = 200
    delay: float = 0.0
    body: bytes | None = None
    truncate_to: int | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SampleBill:
    legislature: int
    year: int
    special_session: int
    file_type: str
    number: int
    description: str

    @property
    def api_path(self) -> str:
        return (
            f"/bills/v1/{self.legislature}/{self.year}/{self.special_session}/"
            f"{self.file_type}/{self.number}/"
        )


def index_sample(root: Path) -> list[SampleBill]:
    bills = []
    for path in sorted((root / "api").rglob("*.xml")):
        match = _STATUS_FILE.search(path.as_posix())
        if not match:
            continue
        legislature, year, special, file_type, number = match.groups()
        try:
            description = etree.parse(str(path)).findtext(".//DESCRIPTION") or ""
        except etree.XMLSyntaxError:
            description = ""
        bills.append(
            SampleBill(
                int(legislature), int(year), int(special), file_type, int(number), description
            )
        )
    return bills


def search_results(bills: list[SampleBill], query: dict[str, list[str]]) -> bytes:
    """SEARCH_RESULTS for a status_result.php query, as the Revisor builds them."""
    code = _SEARCH_CODE.match(query.get("session", [""])[0])
    chamber = query.get("body", ["House"])[0][:1].upper()
    letter = {"bill": "F", "resolution": "R", "concurrent": "C"}.get(
        query.get("bill_type", ["bill"])[0], "F"
    )
    first, _, last = query.get("bill", ["1-500"])[0].partition("-")
    rows = []
    if code and first.isdigit():
        special, legislature = int(code.group(1)), int(code.group(2))
        low, high = int(first), int(last or first)
        for bill in bills:
            if (bill.legislature, bill.special_session) != (legislature, special):
                continue
            if bill.file_type != chamber + letter or not low <= bill.number <= high:
                continue
            rows.append(
                "<BILL_RESULT>"
                f"<FILE_TYPE>{bill.file_type}</FILE_TYPE><FILE_NUMBER>{bill.number}</FILE_NUMBER>"
                f"<DESCRIPTION>{escape(bill.description)}</DESCRIPTION>"
                f"<STATUS_XML_URI>api.revisor.mn.gov{bill.api_path}</STATUS_XML_URI>"
                f"<LATEST_TEXT_HTML_URI>www.revisor.mn.gov/bills/{bill.legislature}/{bill.year}/"
                f"{bill.special_session}/{bill.file_type}/{bill.number}/latest/"
                "</LATEST_TEXT_HTML_URI></BILL_RESULT>"
            )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<SEARCH_RESULTS><API_INFO>'
        "<VERSION>replay</VERSION></API_INFO>" + "".join(rows) + "</SEARCH_RESULTS>"
    )
    return body.encode("utf-8")


class ReplayServer:
    """`with ReplayServer(folder) as server:` serves on `server.url` (127.0.0.1, free port)."""

    def __init__(
        self,
        root: Path,
        *,
        sites: tuple[str, ...] | None = None,
        port: int = 0,
        robots: str = "User-agent: *\nAllow: /\n",
    ):
        self.root = Path(root)
        self.sites = sorted(
            p for p in self.root.iterdir() if p.is_dir() and (sites is None or p.name in sites)
        )
        self.robots = robots
        self.bills = index_sample(self.root)
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.requests: list[tuple[str, str]] = []  # (path with query, user agent)
        self.latency = 0.0  # seconds every answer waits: makes concurrent clients visible
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def inject(self, path: str, *faults: Fault) -> None:
        """Misbehave on the next requests for `path` (no query), one fault per request."""
        self.faults[path].extend(faults)

    def start(self) -> ReplayServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def paths_requested(self) -> Iterator[str]:
        return (path for path, _ in self.requests)

    # -- answering ------------------------------------------------------------------

    def answer(self, raw_path: str) -> tuple[int, str, bytes]:
        parts = urlsplit(raw_path)
        if parts.path == "/robots.txt":
            return 200, "text/plain", self.robots.encode()
        if parts.path.endswith("/status_result.php"):
            return (
                200,
                "text/xml",
                search_results(self.bills, parse_qs(parts.query, keep_blank_values=True)),
            )
        found = self._file_for(parts.path, parts.query)
        if found is None:
            return 404, "text/html", b"<html><body>Not found</body></html>"
        return 200, CONTENT_TYPES[found.suffix], found.read_bytes()

    def _file_for(self, path: str, query: str) -> Path | None:
        relative = path.strip("/")
        if not relative or ".." in relative.split("/"):
            return None
        names = [f"{relative}@{query}", relative] if query else [relative]
        for name in names:
            for site in self.sites:
                for suffix in CONTENT_TYPES:
                    candidate = site / f"{name}{suffix}"
                    if candidate.is_file():
                        return candidate
        return None

    def take_fault(self, path: str) -> Fault | None:
        with self._lock:
            queue = self.faults.get(path)
            return queue.pop(0) if queue else None

    def track(self, delta: int) -> None:
        with self._lock:
            self.in_flight += delta
            self.max_in_flight = max(self.max_in_flight, self.in_flight)


def _handler_for(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # In flight from arrival until just before answering: a client that waits for
            # each answer before asking again is never counted twice.
            server.track(+1)
            try:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                status, content_type, body = server.answer(self.path)
                fault = server.take_fault(urlsplit(self.path).path)
                headers: dict[str, str] = {}
                time.sleep(server.latency)
                if fault is not None:
                    time.sleep(fault.delay)
                    status = fault.status if fault.status != 200 else status
                    body = fault.body if fault.body is not None else body
                    if fault.truncate_to is not None:
                        body = body[: fault.truncate_to]
                    headers = fault.headers
            finally:
                server.track(-1)
            self._send(status, content_type, body, headers)

        def _send(
            self, status: int, content_type: str, body: bytes, headers: dict[str, str]
        ) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
