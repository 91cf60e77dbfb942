"""Timeline lines read as sentences: (text, committee, description, vote) -> the line."""

from __future__ import annotations

import pytest

from tracker.models import BillAction
from tracker.present.templating import environment
from tracker.present.text import action_line

ROWS = [
    # (action text, committee, description, roll call) as the Revisor gives them
    (
        ("Introduction and first reading, referred to", "Education Policy", "", ""),
        "Introduction and first reading, referred to Education Policy",
    ),
    (
        ("Committee report, to adopt as amended and re-refer to", "Ways and Means", "", ""),
        "Committee report, to adopt as amended and re-refer to Ways and Means",
    ),
    (
        ("Referred to", "", "for comparison with SF3655", ""),
        "Referred to for comparison with SF3655",
    ),
    (
        ("Committee report, to adopt", "Education Finance", "", "12-4"),
        "Committee report, to adopt (Education Finance) (vote 12-4)",
    ),
    (
        ("House conferees", "", "Engebretsen, Fairbanks, Haugland", ""),
        "House conferees: Engebretsen, Fairbanks, Haugland",
    ),
    (("Presented to Governor", "", "05/18/2026", ""), "Presented to Governor: 05/18/2026"),
    (("Effective date", "", "08/01/2025", ""), "Effective date: 08/01/2025"),
    (("Bill was passed as amended", "", "", "120-13"), "Bill was passed as amended (vote 120-13)"),
    (("Second reading", "", "", ""), "Second reading"),
]


def action(text: str, committee: str, description: str, vote: str) -> BillAction:
    return BillAction(
        bill_id=1,
        chamber="house",
        sequence=1,
        text=text,
        committee_name=committee,
        description=description,
        roll_call=vote,
        journal_page="4438",
    )


@pytest.mark.parametrize(("parts", "line"), ROWS, ids=[row[1][:40] for row in ROWS])
def test_timeline_lines_read_naturally(parts: tuple[str, str, str, str], line: str) -> None:
    assert action_line(action(*parts), journal=False) == line
    assert action_line(action(*parts)) == f"{line} [pg. 4438]"


def test_the_web_page_uses_the_same_line() -> None:
    template = environment().from_string("{{ a | action_line }}")
    html = template.render(a=action("Referred to", "Education Policy", "", ""))
    assert html == "Referred to Education Policy"
    assert "—" not in html
