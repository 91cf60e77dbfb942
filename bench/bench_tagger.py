"""How fast does the tagger tag? Run: python bench/bench_tagger.py [--bills N] [--runs R]

Builds realistic synthetic bills (official titles with statute clauses, committee short
descriptions, committee referrals; a second set with 5-20 KB of bill text each), tags them on
one core several times and prints the median bills per second against the 2,000/s target.
Needs nothing outside the project: the catalog is the shipped one.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.tagging.catalog import load_catalog
from tracker.tagging.tagger import BillSignals, Tagger, compile_catalog

TARGET = 2000.0

TOPICS = [
    "education finance",
    "education",
    "education policy",
    "taxation",
    "health",
    "human services",
    "public safety",
    "state government",
    "retirement",
    "capital investment",
    "transportation",
    "commerce",
    "labor and industry",
    "environment",
    "higher education",
    "early childhood",
]
CLAUSES = [
    "increasing the general education basic formula allowance",
    "modifying special education aid",
    "modifying the Read Act",
    "establishing a grant program",
    "appropriating money",
    "requiring a report",
    "modifying referendum equalization",
    "modifying charter school provisions",
    "modifying peace officer training",
    "modifying medical assistance rates",
    "establishing a task force",
    "modifying property tax refunds",
    "modifying school bus equipment",
    "modifying teacher licensure",
    "providing for free school meals",
    "modifying nursing home rates",
    "modifying continuing education requirements",
    "modifying trunk highway speed limits",
    "authorizing the sale of state bonds",
    "modifying unemployment insurance for hourly school workers",
]
SHORT = [
    "Special education cross-subsidy aid increased, and money appropriated.",
    "Teacher licensure provisions modified, and reports required.",
    "Local optional revenue increased.",
    "Commerce; gasoline specifications updated.",
    "Office of the Inspector General established.",
    "School year start date flexibility provided.",
    "Nursing Home Workforce Standards Board rule made effective.",
    "Student support personnel aid allowable uses expanded.",
    "Fishing in the neighborhood program funding provided, and money appropriated.",
    "Continuing education requirements for licensed social workers modified.",
]
SECTIONS = [
    "126C.10",
    "125A.76",
    "124D.111",
    "120B.12",
    "122A.181",
    "124E.06",
    "123B.595",
    "354.44",
    "256B.0625",
    "169.14",
    "273.13",
    "144.551",
    "626.8457",
    "268.085",
    "13.32",
    "121A.41",
]
COMMITTEES = [
    "Education Finance",
    "Education Policy",
    "Taxes",
    "Health and Human Services",
    "Judiciary and Public Safety",
    "Capital Investment",
    "Higher Education Finance and Policy",
]
SENTENCES = [
    "The commissioner of education must report to the legislative committees with jurisdiction.",
    "A school district must adopt a policy under this section by July 1.",
    "The amounts in this subdivision are appropriated from the general fund.",
    "Special education aid under section 125A.76 is increased for fiscal year 2026.",
    'For purposes of this section, "pupil" has the meaning given in section 120A.05.',
    "This section is effective the day following final enactment.",
    "The commissioner of health shall establish standards for licensed facilities.",
    "Medical assistance covers services provided by a licensed provider under this chapter.",
    "A county board may levy a tax for the purposes of this section.",
    "The board shall adopt rules for continuing education of licensees.",
    "Each student in kindergarten through grade 12 must receive instruction in literacy.",
    "Notwithstanding any law to the contrary, the department may contract with a vendor.",
]


def title_of(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(SHORT)
    sections = rng.sample(SECTIONS, rng.randint(1, 6))
    clause = "; ".join(
        f"{s}, subdivision {rng.randint(1, 9)}{rng.choice(['', 'a', 'e'])}" for s in sections
    )
    return (
        f"A bill for an act relating to {rng.choice(TOPICS)}; "
        f"{'; '.join(rng.sample(CLAUSES, 3))}; amending Minnesota Statutes 2024, sections {clause}."
    )


def make_bills(count: int, *, with_text: bool, seed: int = 7) -> list[BillSignals]:
    rng = random.Random(seed)
    bills = []
    for _ in range(count):
        text = ""
        if with_text:
            size = rng.randint(5_000, 20_000)
            parts: list[str] = []
            while sum(map(len, parts)) < size:
                parts.append(rng.choice(SENTENCES))
            text = " ".join(parts)
        bills.append(
            BillSignals(
                title=title_of(rng),
                statutes=rng.sample(SECTIONS, rng.randint(0, 3)),
                committees=rng.sample(COMMITTEES, rng.randint(0, 2)),
                text=text,
            )
        )
    return bills


def bills_per_second(tagger: Tagger, bills: list[BillSignals]) -> float:
    start = time.perf_counter()
    for bill in bills:
        tagger.tag(bill)
    return len(bills) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bills", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    tagger = compile_catalog(load_catalog())  # the rules and the shipped model, as tagging runs
    print(f"catalog loaded and compiled in {time.perf_counter() - start:.2f} s")
    for name, with_text in (("titles + statutes + committees", False), ("with 5-20 KB text", True)):
        bills = make_bills(args.bills, with_text=with_text)
        rates = [bills_per_second(tagger, bills) for _ in range(args.runs)]
        median = statistics.median(rates)
        print(
            f"{name:<32} median {median:>9,.0f} bills/s over {args.runs} runs of {len(bills):,}"
            f"  ({median / TARGET:.1f}x the {TARGET:,.0f}/s target)"
        )


if __name__ == "__main__":
    main()
