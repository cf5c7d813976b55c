"""The demo site's test database, built once per ``make test`` run for every pytest-xdist worker.

Migrating and loading the demo content takes about half a minute of one CPU, and each worker
would otherwise do it for its own in-memory SQLite database. Instead the controlling pytest
process starts ``python -m tests.demo_db OUT`` as soon as it is configured; this builds the
test database exactly as a worker would (pytest-django's migrations with the test settings,
then ``load_demo_content``) and writes it to OUT. The workers meanwhile start, collect and
run the tests that need no database; a worker's first database test waits for OUT and copies
it into the worker's own in-memory test database. The database is built afresh on every run:
nothing is kept between runs.

A single process (``pytest``, ``TEST_WORKERS=0``), PostgreSQL, ``--reuse-db``, ``--create-db``
and ``--no-migrations`` keep pytest-django's own set-up (see ``django_db_setup`` in
tests/conftest.py).
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

WORKER_INPUT_KEY = "plikt_demo_db"
WAIT_SECONDS = 900


def wanted(config) -> bool:
    """Whether this is pytest-xdist's controlling process and the workers can share one build."""
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return False
    if config.getoption("collectonly"):
        return False
    if any(config.getoption(name, False) for name in ("reuse_db", "create_db", "nomigrations")):
        return False
    from django.conf import settings

    if set(settings.DATABASES) != {"default"}:
        return False
    database = settings.DATABASES["default"]
    # An in-memory SQLite test database (pytest-django's default for SQLite): each worker's
    # is private to its process, so the copy below is the only way to share the build.
    in_memory = not database.get("TEST", {}).get("NAME")
    return database["ENGINE"] == "django.db.backends.sqlite3" and in_memory


class Builder:
    """The build, running in a subprocess of the controlling pytest process."""

    def __init__(self, rootdir, settings_module):
        self.folder = Path(tempfile.mkdtemp(prefix="plikt-demo-db-"))
        self.path = self.folder / "demo.sqlite3"
        self.log = open(self.folder / "build.log", "wb")  # noqa: SIM115 - closed in stop()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, our own module
            [sys.executable, "-m", "tests.demo_db", str(self.path)],
            cwd=rootdir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.log.close()
        for child in self.folder.iterdir():
            child.unlink()
        self.folder.rmdir()


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: rely on the failure marker and the time limit
        return True
    return state != "Z"


def wait_for(path: str, pid: int) -> bytes:
    """The built database, once the builder has written it (its log if it failed)."""
    target = Path(path)
    deadline = time.monotonic() + WAIT_SECONDS
    while not target.exists():
        stopped = target.with_suffix(".failed").exists() or not _running(pid)
        if stopped and not target.exists():
            log = (target.parent / "build.log").read_text(errors="replace")
            raise RuntimeError(f"building the demo test database failed:\n{log[-5000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the demo test database was not built within {WAIT_SECONDS} s")
        time.sleep(0.1)
    return target.read_bytes()


def install(data: bytes):
    """Make the built database this process's test database, as pytest-django's set-up would
    (settings and connection point at the in-memory test database). Returns the teardown."""
    from django.conf import settings
    from django.db import connections

    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()  # what create_test_db() would use
    connection.close()
    settings.DATABASES["default"]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    built = sqlite3.connect(":memory:")
    built.deserialize(data)
    built.backup(connection.connection)
    built.close()

    def teardown():
        connection.creation.destroy_test_db(old_name, verbosity=0)

    return teardown


def save_as_file(path) -> None:
    """This process's test database, as it is now (uncommitted rows included), written to an
    SQLite file that other processes can open."""
    from django.db import connection

    copy = sqlite3.connect(":memory:")
    copy.deserialize(connection.connection.serialize())
    target = sqlite3.connect(path)
    copy.backup(target)
    target.close()
    copy.close()


def build(out: Path):
    """What a worker's ``django_db_setup`` does, then the result written to ``out``."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment

    setup_test_environment(debug=False)  # as pytest-django's django_test_environment
    setup_databases(verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set())
    call_command("load_demo_content", verbosity=0)
    partial = out.with_suffix(".partial")
    partial.write_bytes(connection.connection.serialize())
    partial.rename(out)  # appears whole or not at all


if __name__ == "__main__":
    out = Path(sys.argv[1])
    try:
        build(out)
    except BaseException:
        traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        out.with_suffix(".failed").touch()
        raise
