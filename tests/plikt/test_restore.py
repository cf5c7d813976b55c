"""A restore is the whole state: after ``make restore`` no reader sees what the backup did not
hold, neither from the page cache, nor from what a running process keeps (menus, lists), nor
from a CDN. And backups are private, whatever the umask.

The site here is a long-running process (a gunicorn worker, played by Django's test client in
a subprocess with production settings, on an SQLite file and a Redis of its own): it shows a
page, a backup is taken, an editor publishes a new title, readers see it (cached), then
``python -m plikt.backup restore`` (what ``make restore`` runs) runs in another process while
the site keeps running, and the site is read again.
"""

import json
import os
import stat
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings

from plikt.backup import backup
from tests import servers
from tests.plikt.test_backup import save_test_database_as_file

ROOT = settings.BASE_DIR
OLD_TITLE, NEW_TITLE = "Violence and abuse in the family", "Published after the backup"
PAGE, HOME = "/en/offences/penal-code-282/", "/en/offences/"  # the page, the catalogue

# The running site: warm its caches, back up, publish, read; wait for the restore; read again.
SITE = """
import json, sys, django
import plikt.settings as production
# Plain static files, as in tests/settings.py: the manifest would need collectstatic first.
production.STORAGES = {**production.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
django.setup()
from django.test import Client
from offences.models import OffencePage
from plikt.backup import backup

client = Client()
def read():
    return {path: client.get(path).content.decode() for path in (PAGE, HOME)}

read(); read()
folder = backup(sys.argv[1])
page = OffencePage.objects.get(section="282")
page.title_en = NEW_TITLE
page.save_revision().publish()
read()
print(json.dumps({"folder": str(folder), "published": read()}), flush=True)
sys.stdin.readline()  # the restore runs now, in another process
print(json.dumps({"restored": read()}), flush=True)
"""


class PurgeRecorder(BaseHTTPRequestHandler):
    """A stand-in CDN (FRONTEND_CACHE_PURGE_URL): records what it is told to forget."""

    purged: list = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn():
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", PurgeRecorder.purged
    server.shutdown()


@pytest.fixture
def redis():
    server = servers.RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the site process reads an SQLite copy of the test database",
)
def test_after_a_restore_readers_see_the_backup_not_what_was_published_since(
    home, tmp_path, cdn, redis
):
    # Redis from the fixture, which also stops it when the test is over.
    purge_url, purged = cdn
    save_test_database_as_file(tmp_path / "site.sqlite3")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="plikt.settings",
        DJANGO_SECRET_KEY="restore-test-key-" + "r" * 40,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        REDIS_URL=redis.url,
        PLIKT_PAGE_CACHE_SECONDS="600",
        FRONTEND_CACHE_PURGE_URL=purge_url,
        PYTHONPATH=str(ROOT),
    )
    script = f"PAGE, HOME, NEW_TITLE = {PAGE!r}, {HOME!r}, {NEW_TITLE!r}\n" + SITE
    site = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", script, str(tmp_path / "backups")],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = site.stdout.readline()
        assert first, site.stderr.read()[-3000:]
        before = json.loads(first)
        assert all(NEW_TITLE in html for html in before["published"].values())
        purged.clear()  # what the publish purged

        restored = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "plikt.backup", "restore", before["folder"]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert restored.returncode == 0, restored.stderr[-3000:]
        out, err = site.communicate("go\n", timeout=120)
        assert site.returncode == 0, err[-3000:]
    finally:
        if site.poll() is None:
            site.kill()
    after = json.loads(out.strip().splitlines()[-1])["restored"]
    # The page itself (the page cache) and the home page's list of sections (kept in the
    # running process) both show the backup's title again.
    for path, html in after.items():
        assert NEW_TITLE not in html, path
        assert OLD_TITLE in html, path
    assert any(url.endswith(PAGE) for url in purged), purged
    assert any(url.endswith("/lovbrudd/straffeloven-282/") for url in purged), purged


def test_backups_are_private_whatever_the_umask(home, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "kart.png").write_bytes(b"not really a png")
    previous = os.umask(0)  # the most careless shell
    try:
        folder = backup(tmp_path / "backups")
    finally:
        os.umask(previous)
    modes = {
        path.relative_to(tmp_path): stat.S_IMODE(path.stat().st_mode)
        for path in [tmp_path / "backups", folder, *folder.rglob("*")]
    }
    assert {path for path, mode in modes.items() if mode & 0o077} == set(), modes
    assert modes[folder.relative_to(tmp_path)] == 0o700
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert len(files) >= 3  # database, media, manifest
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)
