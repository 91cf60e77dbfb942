"""The helpers the spiders share: one `rebase` for the Revisor's scheme-less links and the
sites' full ones, and entry-by-entry reading that says which entry was left out and why."""

from __future__ import annotations

import pytest

from spiders.parsing.common import json_list, read_each, rebase, squash


@pytest.mark.parametrize(
    ("link", "base", "expected"),
    [
        (  # the status search's STATUS_XML_URI has no scheme
            "api.revisor.mn.gov/bills/v1/94/2025/0/HF/2/",
            "http://127.0.0.1:8001",
            "http://127.0.0.1:8001/bills/v1/94/2025/0/HF/2/",
        ),
        (
            "https://www.revisor.mn.gov/bills/94/2025/0/HF/2/versions/1/",
            "https://mirror.example/revisor/",
            "https://mirror.example/revisor/bills/94/2025/0/HF/2/versions/1/",
        ),
        (  # the Senate's committee pages differ only by their query
            "https://www.senate.mn/committees/x.html?a=1",
            "http://h:1/",
            "http://h:1/committees/x.html?a=1",
        ),
        ("https://www.house.mn.gov", "http://h:1", "http://h:1/"),
    ],
)
def test_rebase(link: str, base: str, expected: str) -> None:
    assert rebase(link, base) == expected


def test_squash_collapses_every_kind_of_whitespace() -> None:
    assert squash("  Education\n\tFinance\xa0 Committee ") == "Education Finance Committee"


def test_read_each_keeps_what_it_can_read_and_says_what_it_left_out() -> None:
    def read(entry: str) -> int:
        if not entry.isdigit():
            raise ValueError(f"not a number: {entry!r}")
        return int(entry)

    assert read_each(["1", "x", "3"], read, error=ValueError, label="row", where="p.html") == (
        [1, 3],
        ["row 2 at p.html: not a number: 'x'"],
    )
    assert read_each(["y"], read, error=ValueError, label="row")[1] == ["row 1: not a number: 'y'"]
    with pytest.raises(ZeroDivisionError):  # only the parser's own error means "skip it"
        read_each([0], lambda n: 1 / n, error=ValueError, label="row")


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "not JSON"), ("[1, 2]", "no 'events' list"), ('{"events": {}}', "no 'events' list")],
)
def test_json_list_says_why_there_is_no_list(body: str, message: str) -> None:
    class PageError(ValueError):
        pass

    with pytest.raises(PageError, match=message):
        json_list(body, "events", PageError)
    assert json_list('{"events": [1]}', "events", PageError) == [1]
