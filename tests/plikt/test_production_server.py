"""The production entry point, run for real: the Dockerfile's CMD (gunicorn with
gunicorn.conf.py) serves /healthz to a probe that uses an IP address, and its access log is
JSON without query strings. No Docker engine runs here, so the command runs directly."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

from tests.servers import free_port

ROOT = settings.BASE_DIR
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def dockerfile_json_instruction(name):
    match = re.search(rf"^{name}\s+(?:.*?)(\[.*\])\s*$", DOCKERFILE, re.MULTILINE)
    assert match, f"no {name} in the Dockerfile"
    return json.loads(match.group(1))


@pytest.fixture
def gunicorn_server(tmp_path):
    port = free_port()
    command = dockerfile_json_instruction("CMD")
    assert command[0] == "gunicorn"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SECRET_KEY="entry-test-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="plikt.example",  # the probe's 127.0.0.1 is not an allowed host
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            [gunicorn, *command[1:]], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start:\n" + log_path.read_text()[-3000:])
        yield port, log_path
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_docker_image_runs_unprivileged_with_built_static_files_and_a_health_check():
    assert re.search(r"^FROM python:3\.13-slim", DOCKERFILE, re.MULTILINE)
    assert re.search(r"^USER (?!root)\w+", DOCKERFILE, re.MULTILINE)
    assert "collectstatic --noinput" in DOCKERFILE
    assert "/healthz" in " ".join(dockerfile_json_instruction("CMD") + [DOCKERFILE])


def test_gunicorn_entry_serves_healthz_to_the_probe_and_logs_json_without_query(
    gunicorn_server,
):
    port, log_path = gunicorn_server
    # The worker imports Django on boot; Docker allows for that with --start-period.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30).close()  # noqa: S310
            break
        except OSError:
            time.sleep(0.5)
    # Docker's HEALTHCHECK command, pointed at this port, run by this venv's Python.
    probe = dockerfile_json_instruction("HEALTHCHECK[^\\n]*\\n\\s*CMD")
    assert probe[0] == "python"
    probe = [sys.executable, *(part.replace(":8000/", f":{port}/") for part in probe[1:])]
    assert subprocess.run(probe, timeout=30).returncode == 0  # noqa: S603

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz?q=hemmeligord",
        headers={"X-Request-ID": "probe-12345678"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
        # This database is empty (no cache table either): what matters is that it answers.
        assert json.load(response)["database"] == "ok"
    time.sleep(0.5)  # let the access log line reach the file
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    assert any(
        line["path"] == "/healthz" and line["request_id"] == "probe-12345678" for line in access
    ), lines
    assert "hemmeligord" not in log_path.read_text()
    assert "127.0.0.1" not in json.dumps(access)
