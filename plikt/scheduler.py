"""Scheduled publishing: the loop that runs Wagtail's ``publish_scheduled``.

Wagtail stores "Schedule to publish" (a revision's ``approved_go_live_at``) and "expire at"
(``expire_at``), but publishes and unpublishes only when ``manage.py publish_scheduled`` runs,
and it ships nothing that runs it. ``manage.py run_scheduler`` does: every ``INTERVAL``
seconds it runs ``publish_scheduled`` in-process, so Wagtail's ``page_published`` and
``page_unpublished`` signals fire here as in the admin and the page cache, the CDN purge and
the search text follow (plikt/cache.py, plikt/search.py).

One scheduler acts, however many run
------------------------------------
Every app container starts a loop (gunicorn.conf.py), and ``make run`` starts one next to
``runserver``; only the holder of a lock acts. The lock belongs to a live process and goes
with it, so a container that dies hands over to another one at that one's next tick, without
an expiry to tune:

* PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``), held on the loop's
  own connection for as long as the loop runs. The server drops it when that connection ends
  (process killed, network lost, server restarted); the loop notices a new connection by its
  backend pid and competes again.
* SQLite (one machine by nature): an exclusive ``flock`` on a file beside the database,
  which the kernel drops when the process ends.

Why not Django 6's task framework: ``django.tasks`` defines tasks and backends but ships no
worker and no periodic schedule (only the immediate and dummy backends), so it would need a
third-party worker and still a clock to enqueue the task every minute: this loop is that
clock, with nothing else to run.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger("plikt.scheduler")

INTERVAL = 30.0  # seconds between runs: "at least every minute", with room for a slow run
# Any fixed 64-bit number, the same in every container: the advisory lock's name.
ADVISORY_LOCK_KEY = 0x706C696B74_5343  # "plikt" "SC"


class Leadership:
    """Whether this process is the one scheduler that acts; ``held()`` asks each tick."""

    def __init__(self):
        self._pid = None  # PostgreSQL backend pid that holds the advisory lock
        self._file = None  # the open, flock'ed lock file (SQLite)

    def held(self) -> bool:
        if connection.vendor == "postgresql":
            return self._postgres()
        return self._sqlite()

    def _postgres(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
            if self._pid == pid:
                return True  # same session: the lock is still ours
            # First tick, or Django opened a new connection (the old session, and with it
            # the lock, is gone): compete again.
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            self._pid = pid if cursor.fetchone()[0] else None
        return self._pid is not None

    def _sqlite(self) -> bool:
        if self._file is not None:
            return True
        name = str(connection.settings_dict["NAME"])
        path = Path(f"{name}.scheduler-lock")
        handle = open(path, "a")  # noqa: SIM115 - kept open while this process leads
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def lost(self) -> None:
        """After a database error: the connection (and a lock on it) may be gone."""
        self._pid = None


def due() -> tuple[int, int]:
    """(revisions to publish, live objects to unpublish) that ``publish_scheduled`` will act on."""
    now = timezone.now()
    to_publish = Revision.objects.filter(approved_go_live_at__lt=now).count()
    models = [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    to_unpublish = sum(
        model.objects.filter(live=True, expire_at__lt=now).count() for model in models
    )
    return to_publish, to_unpublish


def tick(leadership: Leadership) -> bool:
    """One run: ``publish_scheduled`` if this process leads. Returns whether it led."""
    if not leadership.held():
        return False
    to_publish, to_unpublish = due()
    if to_publish or to_unpublish:
        call_command("publish_scheduled")
        logger.info(
            "scheduled publishing: %d published, %d unpublished (pid %d)",
            to_publish,
            to_unpublish,
            os.getpid(),
        )
    return True
