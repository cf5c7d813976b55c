"""``manage.py run_scheduler``: publish and unpublish scheduled pages on time.

Runs Wagtail's ``publish_scheduled`` every ``--interval`` seconds until stopped. Start it
beside every app server (gunicorn.conf.py does, ``make run`` does); only one of them acts at
a time (plikt/scheduler.py explains the lock).
"""

import logging
import os
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from plikt import scheduler

logger = logging.getLogger("plikt.scheduler")


class Command(BaseCommand):
    help = "Run publish_scheduled every --interval seconds; one scheduler acts at a time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=scheduler.INTERVAL,
            help=f"Seconds between runs (default {scheduler.INTERVAL:g}).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Run once (if this process may act) and stop."
        )
        parser.add_argument(
            "--exit-with-parent",
            action="store_true",
            help="Stop when the process that started this one ends (gunicorn, make run).",
        )

    def handle(self, *args, interval, once, exit_with_parent, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        parent = os.getppid()
        leadership = scheduler.Leadership()
        leading = None
        while not stop.is_set():
            try:
                now_leading = scheduler.tick(leadership)
            except DatabaseError:
                # The database is down or the connection broke: try again next time, on a
                # new connection (on which the advisory lock must be won again).
                logger.exception("scheduled publishing failed; trying again in %gs", interval)
                leadership.lost()
                connection.close()
                now_leading = False
            except Exception:
                # One bad page must not stop publishing for good.
                logger.exception("scheduled publishing failed; trying again in %gs", interval)
                now_leading = leading
            if now_leading != leading:
                leading = now_leading
                logger.info(
                    "scheduler pid %d %s",
                    os.getpid(),
                    "leads: it publishes" if leading else "stands by: another scheduler leads",
                )
            if once:
                break
            # In one-second steps, to notice soon that the parent is gone.
            deadline = time.monotonic() + interval
            while not stop.is_set() and (remaining := deadline - time.monotonic()) > 0:
                if exit_with_parent and os.getppid() != parent:
                    stop.set()
                stop.wait(min(remaining, 1.0))
