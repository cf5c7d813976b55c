"""Private Redis and PostgreSQL servers that a test may stop and start again.

The outage tests (tests/plikt/test_outages.py, tests/plikt/test_restore.py) must never touch
the shared servers on 6379 and 5432, which other tests and other people use. These start a
server of their own on a free port, in a temporary folder, from the binaries the machine has
(``redis-server``; ``initdb`` and ``pg_ctl`` from /usr/lib/postgresql/*/bin). A missing binary
skips the test with a message; with ``PLIKT_OUTAGE_TESTS=1`` (CI, where ``.ci/run`` installs
them) it fails instead, so the outage tests cannot pass by not running.

``initdb`` refuses to run as root: as root, the PostgreSQL commands run as the ``postgres``
user (``runuser``), in a folder that user owns.
"""

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REQUIRED = os.environ.get("PLIKT_OUTAGE_TESTS") == "1"


def need(binary_description: str, found) -> None:
    if found:
        return
    message = f"{binary_description} not found: the outage test cannot start its own server"
    if REQUIRED:
        pytest.fail(f"{message} (PLIKT_OUTAGE_TESTS=1); .ci/run installs it")
    pytest.skip(f"{message}; skipped (CI sets PLIKT_OUTAGE_TESTS=1 and fails instead)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_group(process, first_signal=signal.SIGTERM, timeout: float = 20) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started:
    ``first_signal`` to its group, then SIGKILL if it has not ended within ``timeout``."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, first_signal)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for_port(port: int, up: bool = True, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} did not go {'up' if up else 'down'}")


class RedisServer:
    """``redis-server`` on a free port, without persistence (a restart starts it empty)."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        need("redis-server", self.binary)
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
            wait_for_port(self.port, up=False)


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """A PostgreSQL cluster of its own in a temporary folder, trust auth, user postgres."""

    def __init__(self):
        self.bin = postgres_bin()
        need("PostgreSQL's initdb and pg_ctl", self.bin)
        self.as_root = os.geteuid() == 0
        if self.as_root:
            need("runuser (to run initdb as the postgres user)", shutil.which("runuser"))
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="plikt-pg-"))
        self.data = self.folder / "data"
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--no-instructions")  # fmt: skip

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, tool: str, *args) -> None:
        command = [str(self.bin / tool), *map(str, args)]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)  # noqa: S603

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w",
                  "start")  # fmt: skip
        wait_for_port(self.port)

    def stop(self, mode: str = "fast") -> None:
        """``fast`` ends every session (what a restart or fail-over does to the app)."""
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")
        wait_for_port(self.port, up=False)

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except (subprocess.CalledProcessError, TimeoutError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
