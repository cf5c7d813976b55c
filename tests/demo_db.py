"""The demo site's test database, built once for every pytest-xdist worker, and kept.

Migrating and loading the demo content takes about half a minute of one CPU (more on a slow
machine), and each worker would otherwise do it for its own in-memory SQLite database. Instead
the controlling pytest process starts ``python -m tests.demo_db OUT`` as soon as it is
configured; this builds the test database exactly as a worker would (pytest-django's migrations
with the test settings, then ``load_demo_content``) and writes it to OUT. The workers meanwhile
start, collect and run the tests that need no database; a worker's first database test waits
for OUT and copies it into the worker's own in-memory test database.

OUT is kept in ``.test-cache/demo-db/`` under a name that is a hash of everything the build
reads (see ``fingerprint``): the next run with the same code, migrations, demo content,
catalogs, locked packages and Python starts from it at once, and any change to one of those
builds afresh, from the migrated database kept beside it when no migration, model or setting
changed. ``make clean`` removes the cache.

A single process (``pytest``, ``TEST_WORKERS=0``), PostgreSQL, ``--reuse-db``, ``--create-db``
and ``--no-migrations`` keep pytest-django's own set-up (see ``django_db_setup`` in
tests/conftest.py).
"""

import hashlib
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
CACHE_DIR = Path(".test-cache") / "demo-db"

# What the build reads, relative to the project root: the apps (models, migrations, the demo
# content and its loader), the catalogs, the settings, this module and the locked packages.
# Generated files (bytecode, compiled catalogs) are left out: they follow from these. So are
# the templates: building the demo site renders none.
INPUTS = (
    "plikt",
    "offences",
    "guidance",
    "locale",
    "manage.py",
    "pyproject.toml",
    "uv.lock",
    "tests/settings.py",
    "tests/demo_db.py",
)
_GENERATED = {".pyc", ".mo"}
# Of those, what migrating reads (the migrations, the models and their translated fields,
# the apps' set-up, the settings): the migrated, still empty database is kept under a hash of
# these alone, so that a change to the demo content or a view loads the content again (about
# a third of the build) instead of migrating again too.
_MIGRATING = {"migrations", "models.py", "translation.py", "apps.py", "settings.py"}


def _migration_input(relative: Path) -> bool:
    return relative.parts[0] not in {"plikt", "offences", "guidance", "locale"} or bool(
        _MIGRATING & set(relative.parts)
    )


def fingerprint(rootdir: Path, settings_module: str, migrating_only: bool = False) -> str:
    """A hash of every input of the build (or of migrating), and of the environment the
    settings read."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\0{settings_module}\0".encode())
    for name, value in sorted(os.environ.items()):
        if name.startswith(("DJANGO_", "PLIKT_", "DATABASE_")):
            digest.update(f"{name}={value}\0".encode())
    for entry in INPUTS:
        path = rootdir / entry
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if not file.is_file() or file.suffix in _GENERATED or "__pycache__" in file.parts:
                continue
            relative = file.relative_to(rootdir)
            if migrating_only and not _migration_input(relative):
                continue
            digest.update(str(relative).encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


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
    """The cached build, or the build running in a subprocess of the controlling process."""

    def __init__(self, rootdir, settings_module):
        rootdir = Path(rootdir)
        self.folder = folder = rootdir / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"demo-{fingerprint(rootdir, settings_module)}.sqlite3"
        self.process = None
        if self.path.exists():
            return
        migrated = folder / f"migrated-{fingerprint(rootdir, settings_module, True)}.sqlite3"
        for stale in folder.glob("*.sqlite3"):  # built from other inputs: never read again
            if stale != migrated:
                stale.unlink(missing_ok=True)
        # Per run, so that two runs building at once do not share their half-written files.
        self.scratch = Path(tempfile.mkdtemp(prefix="plikt-demo-db-"))
        self.log = open(self.scratch / "build.log", "wb")  # noqa: SIM115 - closed in stop()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, our own module
            [
                sys.executable,
                "-m",
                "tests.demo_db",
                str(self.path),
                str(migrated),
                str(self.scratch),
            ],
            cwd=rootdir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def worker_input(self):
        """What a worker needs to wait for the build: the file, and the builder's pid."""
        return (str(self.path), self.process.pid if self.process else None, self.scratch_name)

    @property
    def scratch_name(self):
        return str(self.scratch) if self.process else None

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for path in self.folder.glob(f"*.{self.process.pid}.partial"):
            path.unlink()
        self.log.close()
        for child in self.scratch.iterdir():
            child.unlink()
        self.scratch.rmdir()


def partial_path(out: Path, pid: int) -> Path:
    """Where the builder writes before the rename: beside ``out`` (a rename cannot cross file
    systems), and its own (two runs may build at once)."""
    return out.with_name(f"{out.stem}.{pid}.partial")


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: rely on the failure marker and the time limit
        return True
    return state != "Z"


def wait_for(path: str, pid: int | None, scratch: str | None) -> bytes:
    """The built database, once the builder has written it (its log if it failed).

    ``pid`` and ``scratch`` are None where the controller found the database in the cache."""
    target = Path(path)
    deadline = time.monotonic() + WAIT_SECONDS
    while not target.exists():
        if pid is None:
            raise RuntimeError(f"the cached demo test database {target} was removed during the run")
        if (Path(scratch) / "failed").exists() or not _running(pid):
            if not target.exists():  # not written just before the builder stopped
                log = (Path(scratch) / "build.log").read_text(errors="replace")
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


def build(out: Path, migrated: Path):
    """What a worker's ``django_db_setup`` does, then the result written to ``out``. The
    migrated database is read from ``migrated`` where an earlier build left it."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment

    setup_test_environment(debug=False)  # as pytest-django's django_test_environment
    if migrated.exists():
        install(migrated.read_bytes())
    else:
        setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        _write(migrated, connection.connection.serialize())
    call_command("load_demo_content", verbosity=0)
    _write(out, connection.connection.serialize())


def _write(path: Path, data: bytes):
    partial = partial_path(path, os.getpid())
    partial.write_bytes(data)
    partial.replace(path)  # appears whole or not at all


if __name__ == "__main__":
    out, migrated, scratch = (Path(arg) for arg in sys.argv[1:4])
    try:
        build(out, migrated)
    except BaseException:
        traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        (scratch / "failed").touch()
        raise
