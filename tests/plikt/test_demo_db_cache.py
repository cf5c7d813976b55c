"""The demo test database kept between runs (tests/demo_db.py) is rebuilt whenever what it is
built from changes, and a failed build says why instead of leaving the workers waiting."""

import os

import pytest

from tests import demo_db


@pytest.fixture
def project(tmp_path):
    for name in ("plikt/migrations/0001_initial.py", "plikt/content/home.md", "uv.lock"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{name}\n")
    return tmp_path


def test_the_key_changes_with_a_migration_content_or_the_lockfile(project):
    keys = {demo_db.fingerprint(project, "tests.settings")}
    for name in ("plikt/migrations/0001_initial.py", "plikt/content/home.md", "uv.lock"):
        (project / name).write_text("changed\n")
        keys.add(demo_db.fingerprint(project, "tests.settings"))
    (project / "plikt/migrations/0002_new.py").write_text("new\n")
    keys.add(demo_db.fingerprint(project, "tests.settings"))
    assert len(keys) == 5


def test_the_key_ignores_bytecode_and_compiled_catalogs(project):
    before = demo_db.fingerprint(project, "tests.settings")
    (project / "plikt/__pycache__").mkdir()
    (project / "plikt/__pycache__/models.cpython-313.pyc").write_bytes(b"\0")
    (project / "plikt/django.mo").write_bytes(b"\0")
    assert demo_db.fingerprint(project, "tests.settings") == before


def test_the_key_follows_the_settings_and_their_environment(project, monkeypatch):
    before = demo_db.fingerprint(project, "tests.settings")
    assert demo_db.fingerprint(project, "plikt.settings") != before
    monkeypatch.setenv("PLIKT_PAGE_CACHE_SECONDS", "17")
    assert demo_db.fingerprint(project, "tests.settings") != before


def test_a_failed_build_hands_the_workers_its_log(tmp_path):
    (tmp_path / "build.log").write_text("Traceback ...\nValueError: the demo content is broken\n")
    (tmp_path / "failed").touch()
    with pytest.raises(RuntimeError, match="the demo content is broken"):
        demo_db.wait_for(str(tmp_path / "demo.sqlite3"), os.getpid(), str(tmp_path))


def test_a_cached_database_is_read_without_a_builder(tmp_path):
    (tmp_path / "demo.sqlite3").write_bytes(b"SQLite format 3\0")
    assert demo_db.wait_for(str(tmp_path / "demo.sqlite3"), None, None).startswith(b"SQLite")


def test_the_migrated_database_is_kept_across_content_changes_not_migration_changes(project):
    migrating = demo_db.fingerprint(project, "tests.settings", migrating_only=True)
    (project / "plikt/content/home.md").write_text("new demo text\n")
    (project / "plikt/views.py").write_text("# a view changed\n")
    assert demo_db.fingerprint(project, "tests.settings", migrating_only=True) == migrating
    (project / "plikt/migrations/0002_new.py").write_text("new\n")
    assert demo_db.fingerprint(project, "tests.settings", migrating_only=True) != migrating
