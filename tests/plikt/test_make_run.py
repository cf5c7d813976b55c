"""``make run`` as the README says: on the PORT asked for, with a cache that the commands run
beside it share, the scheduler beside runserver, and how to reset the admin's password."""

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from tests.plikt.fresh_copy import make_copy
from tests.servers import free_port, stop_group


def get(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers.get("X-Page-Cache", "")


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


def group_members(group: int) -> list[str]:
    """Processes still in make run's session, zombies aside."""
    found = subprocess.run(  # noqa: S603
        ["ps", "-o", "pid=,stat=", "-s", str(group)],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    return [line.split()[0] for line in found if line.split()[1:2] != ["Z"]]


@pytest.fixture
def make_run(tmp_path, django_db_setup, django_db_blocker):
    copy = make_copy(tmp_path / "clone", django_db_blocker)
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PLIKT_", "PYTEST_"))
    }
    env.pop("MAKEFLAGS", None)
    log = tmp_path / "make-run.log"
    with open(log, "w") as handle:
        process = subprocess.Popen(  # noqa: S603
            ["make", "run", f"PORT={port}"],  # noqa: S607 - as the README says
            cwd=copy,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(lambda: get(port, "/")[0] == 200, 240, f"make run:\n{log}")
        yield copy, port, log, env
    finally:
        # Ctrl-C, as a developer stops it: runserver and the scheduler both end.
        stop_group(process, signal.SIGINT, timeout=30)
        deadline = time.monotonic() + 20  # they finish what they are doing first
        while (leftover := group_members(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.5)
        for pid in leftover:
            os.kill(int(pid), signal.SIGKILL)
        assert not leftover, f"processes of make run left after Ctrl-C: {leftover}"


def test_make_run_serves_on_port_shares_its_cache_and_runs_the_scheduler(make_run):
    copy, port, log, env = make_run
    output = log.read_text()
    assert f"http://127.0.0.1:{port}/admin/" in output
    assert "127.0.0.1:8000" not in output
    wait_for(lambda: "leads: it publishes" in log.read_text(), 60, "the scheduler to start")

    path = "/hva-kan-du-gjore/"
    get(port, path)
    assert get(port, path)[1] == "hit"
    # A command run beside the server, as the README writes it: the server sees it.
    result = subprocess.run(
        ["sh", "-c", "DJANGO_DEBUG=1 .venv/bin/python manage.py clear_page_cache"],  # noqa: S607
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert get(port, path)[1] == "miss", "the server still serves the page cached before"


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_local_admin_is_given_with_the_port_served_and_how_to_reset_its_password(capsys):
    call_command("create_local_admin", "--port", "18666")
    first = capsys.readouterr().out
    assert "http://127.0.0.1:18666/admin/" in first and "password:" in first
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()

    call_command("create_local_admin", "--port", "18666")
    again = capsys.readouterr().out
    assert "http://127.0.0.1:18666/admin/" in again
    assert "manage.py changepassword admin" in again
