"""Scheduled publishing, run for real (plikt/scheduler.py, README "Deploying").

The site runs as in production: gunicorn with gunicorn.conf.py (which starts
``manage.py run_scheduler`` beside its workers), production settings, the database cache and
the page cache on, against a copy of the demo database (SQLite) or the test database itself
(PostgreSQL, ``make test-postgres``). Pages are scheduled from ``manage.py shell``, as an
editor's "Schedule to publish" leaves them: a revision approved to go live later, or a live
page with an expiry.
"""

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.servers import free_port, stop_group

# The demo site's test database is set up (on PostgreSQL pytest-django makes only the
# databases that marked tests ask for); the test itself writes nothing through it.
pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
PARENT_PATH = "/hva-kan-du-gjore/"  # the guidance index: lists the articles below it

SCHEDULE = r"""
import json, sys
from datetime import timedelta
from django.utils import timezone
from guidance.models import GuidanceIndexPage, GuidancePage

action, seconds, words = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
when = timezone.now() + timedelta(seconds=seconds)
for word in words:
    if action == "publish":
        index = GuidanceIndexPage.objects.get()
        page = GuidancePage(
            title_nb=f"Planlagt artikkel {word}", slug_nb=f"planlagt-{word}",
            intro_nb=f"Denne artikkelen ble planlagt: {word}.", live=False,
        )
        index.add_child(instance=page)
        page.go_live_at = when
    else:
        page = GuidancePage.objects.get(slug_nb=f"planlagt-{word}")
        page.expire_at = when
    # What "Schedule to publish" does in the admin: a revision published with a future
    # go-live date is only approved (approved_go_live_at); an expiry on a live page is kept.
    page.save_revision().publish()
    page.refresh_from_db()
    print(json.dumps({"live": page.live, "id": page.pk}))
"""

CLEAN_UP = r"""
from wagtail.models import Page
for page in Page.objects.filter(slug__startswith="planlagt-"):
    page.delete()
"""

LOG_ENTRIES = """
SELECT page.slug, entry.action FROM wagtailcore_pagelogentry AS entry
JOIN wagtailcore_page AS page ON page.id = entry.page_id
WHERE entry.action IN ('wagtail.publish.scheduled', 'wagtail.unpublish.scheduled')
AND page.slug LIKE 'planlagt-%%'
"""


def database_url(tmp_path, django_db_blocker) -> str:
    """A URL other processes can open, holding the demo site."""
    if connection.vendor == "sqlite":
        path = tmp_path / "site.sqlite3"
        with django_db_blocker.unblock():
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)  # the in-memory test database, committed
            target.close()
        return f"sqlite:///{path}"
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}{password}@{host}/{s['NAME']}"


class Site:
    """The demo site's database and the processes a test starts on it, in production mode."""

    def __init__(self, url: str, folder: Path):
        self.url, self.folder = url, folder
        self.processes: list[subprocess.Popen] = []

    def env(self, **extra) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PLIKT_", "FRONTEND_"))
            and not k.startswith(("GUNICORN_", "WEB_CONCURRENCY", "PYTEST_"))
        }
        env.update(
            DJANGO_SECRET_KEY="scheduler-test-" + "k" * 40,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_LOG_FORMAT="text",
            DATABASE_URL=self.url,
            DJANGO_STATIC_ROOT=str(self.folder / "static"),
            DJANGO_MEDIA_ROOT=str(self.folder / "media"),
            PLIKT_PAGE_CACHE_SECONDS="600",
            **extra,
        )
        return env

    def manage(self, *args, check=True) -> str:
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=240,
        )
        if check and result.returncode:
            pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def log_entries(self) -> list[tuple[str, str]]:
        """(slug, action) of the scheduler's publishing and unpublishing, read directly."""
        if self.url.startswith("sqlite:"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as db:
                return db.execute(LOG_ENTRIES.replace("%%", "%")).fetchall()
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as db:
            return [tuple(row) for row in db.execute(LOG_ENTRIES).fetchall()]

    def shell(self, code: str, *args) -> str:
        script = f"import sys; sys.argv = {['-', *args]!r}\n{code}"
        return self.manage("shell", "--no-imports", "-c", script)

    def start(self, name: str, command: list[str], **env) -> Path:
        log = self.folder / f"{name}.log"
        with open(log, "w") as handle:
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - our own commands
                    command,
                    cwd=ROOT,
                    env=self.env(**env),
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        return log

    def scheduler(self, name: str) -> Path:
        return self.start(name, [sys.executable, "manage.py", "run_scheduler", "--interval", "0.3"])

    def stop(self, process=None) -> None:
        for each in [process] if process else list(self.processes):
            stop_group(each)
            self.processes.remove(each)


@pytest.fixture
def site(django_db_setup, django_db_blocker, tmp_path):
    site = Site(database_url(tmp_path, django_db_blocker), tmp_path)
    site.manage("createcachetable")
    try:
        yield site
    finally:
        site.stop()
        if connection.vendor != "sqlite":
            site.shell(CLEAN_UP)  # the test database is shared with the tests that follow


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:g}s waiting for {what}")


def get(port: int, path: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:  # noqa: S310
            return (
                response.status,
                response.read().decode(),
                response.headers.get("X-Page-Cache", ""),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("X-Page-Cache", "")


def test_gunicorn_with_its_scheduler_publishes_and_unpublishes_on_time(site):
    site.manage("collectstatic", "--noinput", "-v", "0")  # whitenoise's manifest, as the image
    port = free_port()
    log = site.start(
        "gunicorn",
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "--config",
            "gunicorn.conf.py",
            "plikt.wsgi",
        ],
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        PLIKT_SCHEDULER_INTERVAL="0.5",
    )
    wait_for(lambda: get_or_none(port, "/healthz"), 90, f"gunicorn:\n{log.read_text()[-2000:]}")
    word = f"plan{uuid.uuid4().hex[:8]}"
    article = f"{PARENT_PATH}planlagt-{word}/"

    # The parent's list is in the page cache before anything happens.
    get(port, PARENT_PATH)
    assert get(port, PARENT_PATH)[2] == "hit"

    scheduled = json.loads(site.shell(SCHEDULE, "publish", "12", word))
    assert scheduled["live"] is False, "scheduled, not published at once"
    assert get(port, article)[0] == 404
    assert article not in get(port, f"/search/?q={word}")[1]

    # Within seconds of its time: live, listed by its parent (a cached page before), found
    # by search and in the sitemap.
    wait_for(lambda: get(port, article)[0] == 200, 30, "the scheduled page to go live")
    status, parent, cache_state = get(port, PARENT_PATH)
    assert status == 200 and f"Planlagt artikkel {word}" in parent, cache_state
    assert article in get(port, f"/search/?q={word}")[1]
    assert article in get(port, "/sitemap.xml")[1]

    # Scheduled unpublishing, the same way.
    assert get(port, PARENT_PATH)[2] == "hit"
    json.loads(site.shell(SCHEDULE, "unpublish", "12", word))
    assert get(port, article)[0] == 200
    wait_for(lambda: get(port, article)[0] == 404, 30, "the page to be unpublished")
    assert f"Planlagt artikkel {word}" not in get(port, PARENT_PATH)[1]
    assert article not in get(port, f"/search/?q={word}")[1]
    assert article not in get(port, "/sitemap.xml")[1]

    assert sorted(action for _, action in site.log_entries()) == [
        "wagtail.publish.scheduled",
        "wagtail.unpublish.scheduled",
    ]
    # A scheduler that dies is started again: nothing else would notice in this container.
    first = re.findall(r"scheduler started \(pid (\d+)\)", log.read_text())
    assert len(first) == 1, log.read_text()[-2000:]
    os.kill(int(first[0]), signal.SIGKILL)
    wait_for(
        lambda: len(re.findall(r"scheduler started \(pid \d+\)", log.read_text())) == 2,
        30,
        "gunicorn to start the killed scheduler again",
    )
    assert "stopped; starting it again" in log.read_text()


def get_or_none(port, path):
    try:
        return get(port, path)[0] == 200
    except OSError:
        return False


ENGINE = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
ON_POSTGRES = pytest.mark.skipif(
    ENGINE != "postgresql",
    reason="the PostgreSQL lock (pg_try_advisory_lock) is tested when the suite runs on "
    "PostgreSQL: make test-postgres, or DATABASE_URL=postgres://... pytest ...",
)
ON_SQLITE = pytest.mark.skipif(
    ENGINE != "sqlite3", reason="the SQLite lock file is tested when the suite runs on SQLite"
)


@pytest.mark.parametrize(
    "lock",
    [pytest.param("sqlite", marks=ON_SQLITE), pytest.param("postgresql", marks=ON_POSTGRES)],
)
def test_two_schedulers_on_one_database_only_one_acts_and_the_other_takes_over(lock, site):
    first_log = site.scheduler("first")
    wait_for(lambda: "leads" in first_log.read_text(), 60, "the first scheduler to lead")
    second_log = site.scheduler("second")
    wait_for(lambda: "stands by" in second_log.read_text(), 60, "the second to stand by")

    words = [f"two{uuid.uuid4().hex[:6]}" for _ in range(3)]
    scheduled = [
        json.loads(line) for line in site.shell(SCHEDULE, "publish", "8", *words).splitlines()
    ]
    assert [page["live"] for page in scheduled] == [False] * 3, "scheduled, not live at once"
    wait_for(lambda: len(site.log_entries()) >= 3, 60, "three scheduled pages")
    time.sleep(1)  # a second scheduler acting too would publish again by now
    assert sorted(slug for slug, _ in site.log_entries()) == sorted(f"planlagt-{w}" for w in words)
    assert "3 published" in first_log.read_text()
    assert "published" not in second_log.read_text()

    # The acting one stops (a container goes away): the other acts at its next tick.
    site.stop(site.processes[0])
    wait_for(lambda: "leads" in second_log.read_text(), 30, "the second scheduler to take over")
    word = f"two{uuid.uuid4().hex[:6]}"
    assert json.loads(site.shell(SCHEDULE, "publish", "8", word))["live"] is False
    wait_for(lambda: "1 published" in second_log.read_text(), 60, "the second to publish")
    assert len(site.log_entries()) == 4
