"""A throwaway PostgreSQL cluster for the store tests: initdb + pg_ctl, on a free port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """Why no cluster could be started; the tests that need one skip with this reason."""


@dataclass
class Cluster:
    directory: Path
    port: int
    bindir: Path
    as_user: list[str]

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def stop(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "stop", check=False
        )
        shutil.rmtree(self.directory, ignore_errors=True)

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        subprocess.run(
            [*self.as_user, str(self.bindir / tool), *args],
            check=check,
            capture_output=True,
            timeout=120,
        )


def find_bindir() -> Path:
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        raise PostgresUnavailable("pg_config is not on PATH (install postgresql to run these)")
    bindir = Path(subprocess.check_output([pg_config, "--bindir"], text=True).strip())
    for tool in ("initdb", "pg_ctl", "createdb"):
        if not (bindir / tool).exists():
            raise PostgresUnavailable(f"{bindir / tool} is missing (pg_config --bindir)")
    return bindir


def start_cluster() -> Cluster:
    bindir = find_bindir()
    as_user: list[str] = []
    directory = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    if os.geteuid() == 0:  # initdb refuses to run as root
        runuser = shutil.which("runuser")
        if runuser is None:
            raise PostgresUnavailable("running as root and runuser is missing")
        as_user = [runuser, "-u", "postgres", "--"]
        shutil.chown(directory, "postgres")
    port = _free_port()
    cluster = Cluster(directory, port, bindir, as_user)
    data = directory / "data"
    try:
        cluster._run(
            "initdb",
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
        )
        cluster._run(
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(directory / "log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, KeyError) as error:
        detail = getattr(error, "stderr", b"") or b""
        shutil.rmtree(directory, ignore_errors=True)
        raise PostgresUnavailable(
            f"could not start PostgreSQL: {error} {detail[-500:]!r}"
        ) from error
    return cluster


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
