"""Server time of the web app's bill list, matrix and review queue on a session-sized
database (every page also counts the review queue for its navigation).

Builds a SQLite file with 10,000 bills (bulk inserts), 40 framework items of one framework
with about 3 tags a bill, relevance verdicts and some positions; then times, through
FastAPI's TestClient, the bill list and the matrix — unfiltered, filtered, and a later
page — and prints the median of N requests each. Target: under 300 ms median each.

    python bench/bench_web.py [--bills 10000] [--repeats 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from tracker.config import Settings, WebSettings  # noqa: E402
from tracker.db import make_engine, session_scope, upgrade  # noqa: E402
from tracker.models import (  # noqa: E402
    Bill,
    BillPosition,
    BillRelevance,
    BillTag,
    FrameworkDocument,
    LegislativeSession,
)
from tracker.store.users import create_user  # noqa: E402
from tracker.vocab import Role, Stage  # noqa: E402
from tracker.web.app import create_app  # noqa: E402

NOW = datetime(2026, 3, 10, 15, tzinfo=UTC)
FRAMEWORK = "bench-plan"
WORDS = [
    "school",
    "aid",
    "levy",
    "special",
    "education",
    "teacher",
    "literacy",
    "transport",
    "meals",
    "charter",
    "safety",
]


def framework_toml(items: int) -> str:
    lines = [
        "[framework]",
        f'id = "{FRAMEWORK}"',
        'organization = "Bench association"',
        'name = "Benchmark plan"',
        "year = 2026",
        'source = "bench/bench_web.py"',
    ]
    for n in range(items):
        kind, parent = ("strategic_direction", "") if n < 4 else ("strategy", f"sd-{n % 4}")
        code = f"sd-{n}" if n < 4 else f"st-{n}"
        lines += ["", "[[items]]", f'code = "{code}"', f'kind = "{kind}"', f'text = "Item {n}"']
        if parent:
            lines.append(f'parent = "{parent}"')
    return "\n".join(lines) + "\n"


def build(url: str, bills: int, items: int) -> None:
    upgrade(url)
    engine = make_engine(url)
    rng = random.Random(5)
    stages = [stage.value for stage in Stage]
    keys = [f"{FRAMEWORK}/sd-{n}" if n < 4 else f"{FRAMEWORK}/st-{n}" for n in range(items)]
    with session_scope(engine) as db:
        db.add(
            FrameworkDocument(
                framework_id=FRAMEWORK,
                filename="bench.toml",
                document=framework_toml(items),
                loaded_at=NOW,
            )
        )
        session = LegislativeSession(
            legislature=94, name="2025-2026", year_start=2025, year_end=2026
        )
        db.add(session)
        db.flush()
        create_user(
            db, email="bench@example.org", password="bench password", role=Role.STAFF, now=NOW
        )
        conn = db.connection()
        conn.execute(
            sa.insert(Bill.__table__),
            [  # type: ignore[attr-defined]
                {
                    "id": n + 1,
                    "session_id": session.id,
                    "legislature": 94,
                    "special_session": 0,
                    "bill_type": "HF" if n % 2 else "SF",
                    "number": n + 1,
                    "year_introduced": 2025,
                    "short_description": " ".join(rng.sample(WORDS, 4)),
                    "official_title": "A bill for an act relating to "
                    + " ".join(rng.sample(WORDS, 6)),
                    "status_xml_url": "",
                    "stage": rng.choice(stages),
                    "furthest_stage": "introduced",
                    "last_action_on": date(2025, 1, 1) + timedelta(days=rng.randrange(430)),
                    "status_fingerprint": "",
                    "updated_at": NOW - timedelta(days=rng.randrange(400)),
                }
                for n in range(bills)
            ],
        )
        conn.execute(
            sa.insert(BillRelevance.__table__),
            [  # type: ignore[attr-defined]
                {
                    "bill_id": n + 1,
                    "relevant": rng.random() < 0.4,
                    "score": rng.random(),
                    "reasons": [],
                    "tagger_version": "bench",
                    "signals_fingerprint": "",
                }
                for n in range(bills)
            ],
        )
        tags = []
        for n in range(bills):
            for key in rng.sample(keys, 3):
                tags.append(
                    {
                        "bill_id": n + 1,
                        "target": "item",
                        "code": key,
                        "confidence": round(rng.random(), 2),
                        "reasons": ["bench"],
                        "status": rng.choice(["suggested"] * 6 + ["confirmed", "rejected"]),
                        "source": "auto",
                        "tagger_version": "bench",
                    }
                )
        conn.execute(sa.insert(BillTag.__table__), tags)  # type: ignore[attr-defined]
        conn.execute(
            sa.insert(BillPosition.__table__),
            [  # type: ignore[attr-defined]
                {
                    "bill_id": n + 1,
                    "position": rng.choice(["support", "oppose", "monitor"]),
                    "priority": rng.choice(["high", "medium", "low"]),
                    "notes": "",
                    "talking_points": "",
                    "urgent": False,
                    "updated_by": "bench",
                }
                for n in range(0, bills, 7)
            ],
        )
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()


def median_ms(client: TestClient, path: str, repeats: int) -> float:
    client.get(path)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times)


CASES: list[tuple[str, str]] = [
    ("list", "/bills"),
    ("list, filtered", "/bills?q=special+education&relevant=1&position=support"),
    ("list, page 40", "/bills?page=40"),
    ("matrix", f"/matrix?framework={FRAMEWORK}"),
    ("matrix, filtered", f"/matrix?framework={FRAMEWORK}&stage=in_committee&q=levy"),
    ("matrix, page 20, heat", f"/matrix?framework={FRAMEWORK}&page=20&view=heat"),
    ("review queue", "/review"),
]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bills", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        start = time.perf_counter()
        build(url, args.bills, args.items)
        print(
            f"built {args.bills} bills × {args.items} items in {time.perf_counter() - start:.1f} s"
        )
        app = create_app(Settings(database_url=url), WebSettings(secret_key="bench-" + "x" * 32))
        results = {}
        with TestClient(app) as client:
            token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
            client.post(
                "/login",
                data={
                    "email": "bench@example.org",
                    "password": "bench password",
                    "csrf_token": token,
                },
            )
            for name, path in CASES:
                results[name] = median_ms(client, path, args.repeats)
                flag = "ok" if results[name] < 300 else "SLOW"
                print(f"{name:<24} median {results[name]:7.1f} ms  {flag}  {path}")
    return results


if __name__ == "__main__":
    main()
