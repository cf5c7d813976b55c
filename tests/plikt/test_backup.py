"""Backups round-trip a whole site: every page, revision, snippet and image comes back.

The backup is taken from the test database by the same function ``make backup`` runs; the
restore runs ``python -m plikt.backup restore``'s ``main`` (what ``make restore`` runs) in a
separate process, into an empty database and media folder; that process then lists what it
finds through a new connection, as a fresh process would (``tests/plikt/test_restore.py`` types
``python -m plikt.backup restore`` exactly as it is on the command line).
"""

import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import connection

from plikt.backup import backup
from tests import demo_db

ROOT = settings.BASE_DIR

# ``python -m plikt.backup restore FOLDER``, then the listing, in one process: the restore
# closes its connection when it is done, so the listing reads the restored database as a
# process started afterwards would, without paying for a third Django start-up.
RESTORE_AND_SNAPSHOT_SCRIPT = """
import json, sys
from plikt.backup import main
main(["restore", sys.argv[1]])
from tests.plikt.test_backup import snapshot
print(json.dumps(snapshot()))
"""


def snapshot():
    """What an editor would miss if it were lost: ids and titles of everything, image files."""
    from django.core.files.storage import default_storage
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision
    from wagtail.snippets.models import get_snippet_models

    return {
        "pages": sorted(Page.objects.values_list("id", "title_nb", "url_path_nb", "live")),
        "revisions": sorted(Revision.objects.values_list("id", "object_id")),
        "snippets": {
            model._meta.label: sorted(model.objects.values_list("pk", flat=True))
            for model in get_snippet_models()
        },
        "images": sorted(
            (image.id, image.title, image.file.name, default_storage.exists(image.file.name))
            for image in get_image_model().objects.all()
        ),
    }


def normalise(data):
    return json.loads(json.dumps(data))


def run_in_site(args, env, **kwargs):
    return subprocess.run(  # noqa: S603 (our own commands)
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        **kwargs,
    )


def site_env(database_url, media_root):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="plikt.settings",
        DJANGO_SECRET_KEY="backup-test-key-" + "z" * 40,
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(media_root),
        PYTHONPATH=str(ROOT),
    )
    return env


def tiny_png():
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), (200, 30, 30)).save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name="backup-proof.png")


def add_site_content(home):
    """An image with a file, a new page revision: things a bad backup tends to lose."""
    from wagtail.images import get_image_model

    get_image_model().objects.create(title="Backup proof", file=tiny_png())
    home.save_revision().publish()
    page = home.get_children().first().specific
    page.save_revision()  # a draft revision, not published


def restore_and_look(folder, database_url, media_root):
    env = site_env(database_url, media_root)
    looked = run_in_site(["-c", RESTORE_AND_SNAPSHOT_SCRIPT, str(folder)], env)
    assert looked.returncode == 0, looked.stderr[-3000:]
    assert f"restored {folder}: " in looked.stderr  # what the restore prints when it is done
    return json.loads(looked.stdout.strip().splitlines()[-1])


def save_test_database_as_file(path):
    """The test database, including this test's uncommitted rows, as an SQLite file: the
    "live site" that ``make backup`` runs against (the test's own connection holds a write
    transaction, so it cannot be the one backed up)."""
    demo_db.save_as_file(path)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup path")
def test_sqlite_backup_restores_every_page_revision_snippet_and_image(home, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_site_content(home)
    before = normalise(snapshot())
    assert before["images"] and before["revisions"] and len(before["pages"]) >= 4
    save_test_database_as_file(tmp_path / "site.sqlite3")

    made = run_in_site(
        ["-m", "plikt.backup", "backup", "--dest", str(tmp_path / "backups")],
        site_env(f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path / "media"),
    )
    assert made.returncode == 0, made.stderr[-3000:]
    folder = Path(made.stdout.strip().splitlines()[-1])
    assert (folder / "db.sqlite3").is_file() and (folder / "media.tar.gz").is_file()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"] == "sqlite"
    assert manifest["counts"]["pages"] == len(before["pages"])

    after = restore_and_look(
        folder, f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media"
    )
    assert after == before
    assert all(exists for *_rest, exists in after["images"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs under make test-postgres")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump/pg_restore are not installed")
def test_postgresql_backup_restores_every_page_revision_snippet_and_image(home, tmp_path):
    import psycopg

    before = normalise(snapshot())  # pg_dump sees committed data: the demo site
    folder = backup(tmp_path / "backups")
    assert (folder / "db.dump").is_file()

    db = connection.settings_dict
    target = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"],
        dbname="postgres", autocommit=True,
    )  # fmt: skip
    admin.execute(f'CREATE DATABASE "{target}"')
    try:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        url = f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{target}"
        after = restore_and_look(folder, url, tmp_path / "restored-media")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        admin.close()
    assert after == before
