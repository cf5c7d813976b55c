"""Backups: the database and the media files, in one timestamped folder.

    python -m plikt.backup backup [--dest backups]      (make backup)
    python -m plikt.backup restore backups/20261122-031500   (make restore BACKUP=...)

A backup folder holds:
- ``db.dump``: PostgreSQL's custom format from ``pg_dump -Fc`` (restored with pg_restore), or
  ``db.sqlite3``: a copy made with SQLite's online backup API, which reads a consistent
  snapshot even while the site writes. A plain file copy of a live SQLite database can catch
  it half-written.
- ``media.tar.gz``: the uploaded images and documents (when media is on this disk; an S3
  bucket is backed up with the bucket's own versioning or replication).
- ``manifest.json``: when, from which database engine, and what was in it.

Backups hold password hashes, sessions and the contents of private pages: folders are 0700
and files 0600, whatever the umask (``pg_dump`` and the tar are written under umask 077, and
everything is set explicitly afterwards).

Restore replaces the database's contents and the media folder with the backup's, and then
forgets everything kept about the old state (``plikt.cache.forget_everything``): the cache
is emptied, the page-cache generation replaced (every process drops the values it keeps at
its next request), and a configured CDN purged of every page, so no reader sees a page that
the restore took away.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST = "manifest.json"


def _pg_env(db):
    """libpq environment for pg_dump/pg_restore (the password never goes on a command line)."""
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    return env


def _media_on_disk():
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, default_storage

    return isinstance(default_storage, FileSystemStorage), Path(settings.MEDIA_ROOT)


def _counts():
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
    }


@contextmanager
def _private_files():
    """Files and folders made here (and by pg_dump) are for this user only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _make_private(folder: Path) -> None:
    folder.chmod(0o700)
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def backup(dest_root: Path, using: str = "default") -> Path:
    """Write a new backup folder under ``dest_root`` and return its path."""
    with _private_files():
        folder = _backup(Path(dest_root), using)
    _make_private(folder)
    return folder


def _backup(dest_root: Path, using: str) -> Path:
    from django.db import connections

    connection = connections[using]
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    folder = dest_root / stamp
    folder.mkdir(parents=True, mode=0o700)
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.connection.backup(target)  # SQLite's online backup API
        finally:
            target.close()
    elif vendor == "postgresql":
        subprocess.run(  # noqa: S603
            ["pg_dump", "--format=custom", "--no-owner", f"--file={folder / PG_FILE}"],  # noqa: S607
            env=_pg_env(connection.settings_dict),
            check=True,
        )
    else:
        raise RuntimeError(f"no backup method for the {vendor} database")

    on_disk, media_root = _media_on_disk()
    if on_disk and media_root.is_dir():
        with tarfile.open(folder / MEDIA_FILE, "w:gz") as archive:
            archive.add(media_root, arcname="media")
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "database": vendor,
        "media": on_disk and media_root.is_dir(),
        "counts": _counts(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return folder


def restore(folder: Path, using: str = "default") -> dict:
    """Replace the database's contents and the media folder with the backup in ``folder``."""
    from django.conf import settings
    from django.db import connections

    from plikt import cache

    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    connection = connections[using]
    # Pages live now that the backup may not have: the CDN must forget them too.
    old_urls = cache.live_page_urls() if getattr(settings, "WAGTAILFRONTENDCACHE", None) else []
    if manifest["database"] != connection.vendor:
        raise RuntimeError(
            f"backup is from {manifest['database']}, this site runs on {connection.vendor}"
        )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_FILE)
        try:
            source.backup(connection.connection)  # page by page into the live database
        finally:
            source.close()
        connection.close()
    else:
        connection.close()
        subprocess.run(  # noqa: S603
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",  # noqa: S607
             f"--dbname={connection.settings_dict['NAME']}", str(folder / PG_FILE)],
            env=_pg_env(connection.settings_dict),
            check=True,
        )  # fmt: skip

    on_disk, media_root = _media_on_disk()
    if manifest["media"] and on_disk:
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        staging = media_root.parent / f".restore-{folder.name}"
        with tarfile.open(folder / MEDIA_FILE, "r:gz") as archive:
            archive.extractall(staging, filter="data")  # "data": no links out, no devices
        (staging / "media").rename(media_root)
        staging.rmdir()

    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)  # a backup may predate it
    cache.forget_everything(old_urls)
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m plikt.backup", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="write a new backup folder")
    make.add_argument("--dest", default="backups")
    undo = commands.add_parser("restore", help="restore from a backup folder")
    undo.add_argument("folder")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plikt.settings")
    # Settings insist on a secret key; copying data never uses it.
    os.environ.setdefault("DJANGO_SECRET_KEY", "backup-command-uses-no-secret")
    import django

    django.setup()
    if args.command == "backup":
        folder = backup(Path(args.dest))
        print(folder)
    else:
        manifest = restore(Path(args.folder))
        print(f"restored {args.folder}: {json.dumps(manifest['counts'])}", file=sys.stderr)


if __name__ == "__main__":
    main()
