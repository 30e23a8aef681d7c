"""A throwaway PostgreSQL server on loopback, from Debian's `postgresql` package (tests and benchmarks).

The cluster lives in a temporary folder and listens on a free port on 127.0.0.1 only; when the tests
run as root, the server runs as the `postgres` system user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def postgres_server(timeout: float = 60):
    """Yields a SQLAlchemy URL (postgresql+psycopg://…) of an empty database; the cluster is removed after."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL is not installed (Debian package postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    run = lambda cmd: subprocess.run(_as_server_user(cmd), check=True, capture_output=True, text=True, timeout=timeout)  # noqa: E731
    try:
        run([str(bin_dir / "initdb"), "-D", str(data), "-U", "planner", "--auth=trust", "-E", "UTF8", "--no-locale"])
        run([str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-t", str(int(timeout)), "-l", str(folder / "server.log"),
             "-o", f"-p {port} -h 127.0.0.1 -k {sockets} -c fsync=off -c max_connections=200", "start"])
        run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "planner", "planner"])
        yield f"postgresql+psycopg://planner@127.0.0.1:{port}/planner"
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=timeout)
        time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)
