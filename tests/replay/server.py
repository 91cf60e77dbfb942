"""A local HTTP server that answers from a function and misbehaves on demand.

`FaultServer(answer)` serves `answer(path_with_query) -> Answer` on 127.0.0.1. Faults match
requests by a substring of the path with its query (or a predicate) and are used once each
(`inject`) or on every matching request until `clear()` (`always`). Every request is recorded
with when it arrived and when its answer was sent (monotonic seconds), so tests can time the
gaps a client leaves after an answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Matcher = str | Callable[[str], bool]


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Fault:
    """One misbehaviour: another status, a wait, another or rewritten or cut body, extra
    headers (Retry-After), or a connection closed without an answer (`drop`)."""

    status: int | None = None
    delay: float = 0.0
    body: bytes | None = None
    rewrite: Callable[[bytes], bytes] | None = None
    truncate_to: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False

    def apply(self, answer: Answer) -> Answer:
        body = self.body if self.body is not None else answer.body
        if self.rewrite is not None:
            body = self.rewrite(body)
        if self.truncate_to is not None:
            body = body[: self.truncate_to]
        return Answer(
            self.status or answer.status,
            answer.content_type,
            body,
            answer.headers + tuple(self.headers.items()),
        )


@dataclass(frozen=True)
class Seen:
    path: str
    user_agent: str
    arrived: float
    answered: float
    status: int  # 0 when the connection was dropped


def _matches(matcher: Matcher, path: str) -> bool:
    return matcher(path) if callable(matcher) else matcher in path


class FaultServer:
    """`with FaultServer(answer) as server:` serves on `server.url`."""

    def __init__(self, answer: Callable[[str], Answer], *, robots: str = "User-agent: *\n"):
        self.answer = answer
        self.robots = robots
        self.latency = 0.0  # seconds every answer waits
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._once: list[tuple[Matcher, Fault]] = []
        self._always: list[tuple[Matcher, Fault]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def inject(self, matcher: Matcher, *faults: Fault) -> None:
        """Misbehave on the next requests that match, one fault per request."""
        with self._lock:
            self._once.extend((matcher, fault) for fault in faults)

    def always(self, matcher: Matcher, fault: Fault) -> None:
        """Misbehave on every request that matches, until `clear()`."""
        with self._lock:
            self._always.append((matcher, fault))

    def clear(self) -> None:
        with self._lock:
            self._once.clear()
            self._always.clear()

    def paths(self, containing: str = "") -> list[str]:
        return [seen.path for seen in self.requests if containing in seen.path]

    def forget(self) -> None:
        """Drop the record of requests (between two crawls of one test)."""
        with self._lock:
            self.requests.clear()
            self.max_in_flight = 0

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- answering ----------------------------------------------------------------------

    def _fault_for(self, path: str) -> Fault | None:
        with self._lock:
            for position, (matcher, fault) in enumerate(self._once):
                if _matches(matcher, path):
                    del self._once[position]
                    return fault
            return next((f for m, f in self._always if _matches(m, path)), None)

    def respond(self, path: str) -> tuple[Answer | None, float]:
        """The answer to `path` (None: drop the connection) and how long to wait first."""
        if path.split("?")[0] == "/robots.txt":
            return Answer(200, "text/plain", self.robots.encode()), self.latency
        answer = self.answer(path)
        fault = self._fault_for(path)
        if fault is None:
            return answer, self.latency
        return (None if fault.drop else fault.apply(answer)), self.latency + fault.delay

    def _track(self, delta: int) -> None:
        with self._lock:
            self.in_flight += delta
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)


def _handler_for(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers answer
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stall

        def do_GET(self) -> None:
            arrived = time.monotonic()
            server._track(+1)
            try:
                answer, wait = server.respond(self.path)
                time.sleep(wait)
            finally:
                server._track(-1)
            agent = self.headers.get("User-Agent", "")
            if answer is None:
                server._record(Seen(self.path, agent, arrived, time.monotonic(), 0))
                self.close_connection = True
                return
            self._send(answer)
            server._record(Seen(self.path, agent, arrived, time.monotonic(), answer.status))

        def _send(self, answer: Answer) -> None:
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                for name, value in answer.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer.body)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
