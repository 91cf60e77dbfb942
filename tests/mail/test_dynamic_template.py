"""The dynamic template builder, rendered by a real Handlebars implementation (pybars3)."""

from __future__ import annotations

import pybars
import pytest

from tracker.mail.dynamic_template import (
    DEFAULT_MAX_BYTES,
    Mailing,
    Marked,
    MemberPieces,
    build_mailings,
    escape,
    mark,
)

COMPILER = pybars.Compiler()
NAME = mark("member_name")


def rendered(mailing: Mailing, key: str) -> tuple[str, str, str]:
    """What SendGrid makes of a mailing for one member: HTML, text, subject."""
    data = mailing.data[key]
    return tuple(  # type: ignore[return-value]
        str(COMPILER.compile(source)(data))
        for source in (mailing.html_content, mailing.plain_content, mailing.subject)
    )


def expected(member: MemberPieces) -> tuple[str, str, str]:
    def fill(pieces: tuple[str, ...], part: str) -> str:
        text = "".join(pieces)
        for name, value in member.values.items():
            text = text.replace(mark(name), getattr(value, part))
        return text

    return fill(member.html, "html"), fill(member.text, "text"), member.subject


def member(
    key: str, *pieces: str, name: str = "Dana", subject: str = "Week of March 9"
) -> MemberPieces:
    """A member whose HTML pieces are `pieces` and text pieces the same, upper-cased."""
    values = {"member_name": Marked(name, name.replace("&", "&amp;"))}
    return MemberPieces(key, subject, pieces, tuple(p.upper() for p in pieces), values)


def check(members: list[MemberPieces], **limits: int) -> list[Mailing]:
    mailings = build_mailings(members, **limits)
    keys = [key for mailing in mailings for key in mailing.data]
    assert keys == [m.key for m in members], "every member once, in order"
    for mailing in mailings:
        for m in members:
            if m.key in mailing.data:
                assert rendered(mailing, m.key) == expected(m)
    return mailings


def test_members_in_different_orders_share_one_template_with_each_piece_once() -> None:
    lines = [f"<p>line {n} {'x' * 300}</p>" for n in range(6)]  # each past COPY_BELOW
    members = [
        member("a", "<h1>", NAME, *lines[:4], "</h1>\n"),
        member("b", "<h1>", NAME, lines[3], lines[0], lines[5], "</h1>\n", name="Ben & Co"),
        member("c", "<h1>", lines[5], lines[4], lines[3], lines[2], "</h1>\n", name="Cy"),
        member("d", "<h1>", NAME, "</h1>\n", name='O\'Brien "Bo"'),
    ]
    [mailing] = check(members)
    for line in lines:
        assert mailing.html_content.count(line) == 1, "a large piece is never copied"
    assert mailing.plain_content.count("<P>LINE 3 ") == 1
    assert len(mailing.data["c"]["p"]) == 2, "c has line 2 after line 3: a second run"


def test_braces_backslashes_and_edge_newlines_render_literally() -> None:
    hostile = "\n{{name}} }} \\{{name}} \\\\ {{{name}}} {{! no }} {{#if x}}y{{/if}} ~}}\n  \n"
    members = [
        member("a", hostile, NAME, "\n\n", "{{", "}", "\\"),
        member("b", "\\", hostile, "\n", name="{{x}} \\ }}"),
    ]
    [mailing] = check(members)
    assert "{{name}}" not in mailing.html_content


def test_a_template_that_would_pass_the_budget_starts_another_mailing() -> None:
    pieces = [f"<p>{n:04} {'x' * 200}</p>" for n in range(30)]
    members = [member(str(n), *pieces[n : n + 10]) for n in range(20)]
    mailings = check(members, max_bytes=4_000)
    assert len(mailings) > 1
    assert all(m.size <= 4_000 for m in mailings)
    assert [m.split for m in mailings] == [False] + [True] * (len(mailings) - 1)


def test_at_most_max_members_per_mailing() -> None:
    members = [member(str(n), "<p>same</p>", NAME, name=f"M{n}") for n in range(7)]
    mailings = check(members, max_members=3)
    assert [len(m.data) for m in mailings] == [3, 3, 1]
    assert not any(m.split for m in mailings), "full by members, not by bytes"


def test_a_member_larger_than_the_budget_gets_a_mailing_alone() -> None:
    members = [member("small", "<p>a</p>"), member("big", "<p>" + "b" * 500 + "</p>")]
    mailings = check(members, max_bytes=300)
    assert [list(m.data) for m in mailings] == [["small"], ["big"]]
    assert mailings[1].size > 300


def test_markers_become_expressions_of_their_part() -> None:
    assert escape(f"<b>{NAME}</b>", "html") == "<b>{{{member_name_html}}}</b>"
    assert (
        escape(f"\n{NAME} {{x}}\n", "text")
        == "{{{nl}}}{{{member_name_text}}} {{{lb}}}x{{{rb}}}{{{nl}}}"
    )


def test_refused_input() -> None:
    with pytest.raises(ValueError, match="no value for the markers"):
        build_mailings([MemberPieces("a", "s", (mark("x"),), ("",))])
    with pytest.raises(ValueError, match="HTML pieces"):
        MemberPieces("a", "s", ("x",), ())
    with pytest.raises(ValueError, match="a key of their own"):
        build_mailings([member("a", "x"), member("a", "y")])
    with pytest.raises(ValueError, match="marker name"):
        mark("Bad Name")
    assert build_mailings([]) == []
    assert DEFAULT_MAX_BYTES == 1_000_000
