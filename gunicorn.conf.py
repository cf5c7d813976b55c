"""gunicorn settings for production (the Dockerfile's CMD and bench/load.sh use this file).

The access log names the path without the query string (%(U)s): search words and
self-check answers travel in query strings and must not end up in logs. No client address,
user agent or referrer either. With DJANGO_LOG_FORMAT=json (the default) both gunicorn logs
are JSON lines through plikt.logging.JsonFormatter, like Django's own.
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Heartbeat files in memory: a container's overlay filesystem can stall them.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Scheduled publishing (plikt/scheduler.py): each container starts `manage.py run_scheduler`
# beside its workers, and a lock in the database lets exactly one of them act.
# PLIKT_SCHEDULER=0 leaves it out, for a deployment that runs the command as its own process;
# PLIKT_SCHEDULER_INTERVAL is its period in seconds.
scheduler_enabled = os.environ.get("PLIKT_SCHEDULER", "1") != "0"
scheduler_interval = os.environ.get("PLIKT_SCHEDULER_INTERVAL", "30")
_scheduler = {"process": None, "stopping": False}
# A scheduler that dies (killed, out of memory) is started again after this many seconds:
# nothing else would notice that scheduled pages stopped going live in this container.
SCHEDULER_RESTART_DELAY = 5


def _supervise_scheduler(server):
    manage = Path(__file__).resolve().parent / "manage.py"
    while not _scheduler["stopping"]:
        process = subprocess.Popen(  # noqa: S603 - this interpreter, our manage.py
            [sys.executable, str(manage), "run_scheduler", "--exit-with-parent"]
            + ["--interval", scheduler_interval]
        )
        _scheduler["process"] = process
        server.log.info("scheduler started (pid %d)", process.pid)
        # poll() also ends when gunicorn's own child reaping collected the process first.
        while process.poll() is None and not _scheduler["stopping"]:
            time.sleep(1)
        if _scheduler["stopping"]:
            return
        server.log.warning(
            "scheduler (pid %d) stopped; starting it again in %d s",
            process.pid,
            SCHEDULER_RESTART_DELAY,
        )
        time.sleep(SCHEDULER_RESTART_DELAY)


def when_ready(server):
    if scheduler_enabled:
        threading.Thread(
            target=_supervise_scheduler, args=(server,), name="scheduler", daemon=True
        ).start()


def on_exit(server):
    _scheduler["stopping"] = True
    process = _scheduler["process"]
    if process is not None and process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


accesslog = "-"
errorlog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms %({x-request-id}o)s"

if os.environ.get("DJANGO_LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "plikt.logging.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
