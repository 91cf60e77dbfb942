"""`tracker users add|list` and `tracker serve`'s refusal without a secret."""

from __future__ import annotations

from click.testing import CliRunner

from tracker.cli import main


def test_users_add_and_list(sqlite_url: str, tracker_env) -> None:  # type: ignore[no-untyped-def]
    tracker_env(database_url=sqlite_url)
    runner = CliRunner()
    added = runner.invoke(
        main,
        [
            "users",
            "add",
            "Lobby@Example.org",
            "--role",
            "lobbyist",
            "--name",
            "Pat",
            "--password-stdin",
        ],
        input="a long password\n",
    )
    assert added.exit_code == 0, added.output
    assert "Added lobby@example.org (lobbyist)." in added.output
    prompted = runner.invoke(
        main, ["users", "add", "v@example.org", "--role", "viewer"], input="pw123456\npw123456\n"
    )
    assert prompted.exit_code == 0, prompted.output
    twice = runner.invoke(
        main,
        ["users", "add", "lobby@example.org", "--role", "viewer", "--password-stdin"],
        input="another password\n",
    )
    assert twice.exit_code == 1 and "already has an account" in twice.output
    listed = runner.invoke(main, ["users", "list"])
    assert listed.exit_code == 0
    assert (
        "lobby@example.org" in listed.output and "never" in listed.output and "Pat" in listed.output
    )


def test_serve_refuses_without_a_secret(sqlite_url: str, tracker_env) -> None:  # type: ignore[no-untyped-def]
    tracker_env(database_url=sqlite_url, secret_key="")
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 1 and "TRACKER_SECRET_KEY" in result.output
