"""A copy of the project as a fresh clone has it after ``make run``, for tests that run the
README's commands: git's files (committed or not, never ignored ones), this checkout's
``.venv`` (what ``make install`` makes), compiled catalogs, and the demo site's test database
as ``db.sqlite3``."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def make_copy(copy: Path, django_db_blocker) -> Path:
    if connection.vendor != "sqlite":
        pytest.skip("the copy gets the demo database as a SQLite file; this runs on SQLite")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)  # with its time: make sees nothing changed
    (copy / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run([".venv/bin/python", "-m", "plikt.i18n.catalogs"], cwd=copy, check=True)  # noqa: S607
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(copy / "db.sqlite3")
        connection.connection.backup(target)  # the in-memory test database, committed
        target.close()
    return copy
