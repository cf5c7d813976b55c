"""The README's commands work as written, in development and production settings alike.

Every command in the README's code blocks (and every inline ``DJANGO_DEBUG=1 .venv/bin/...``)
is either run here, in a fresh copy of the project with the demo database (``RUN``), or
listed in ``NOT_RUN`` with the reason; a command in neither list fails the first test, so the
lists cannot fall behind the README. Each ``RUN`` command runs twice: as written (development),
and with production settings (``DJANGO_DEBUG=1`` taken off, the site's own environment:
``DJANGO_SECRET_KEY``). Neither may end in a traceback.
"""

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.plikt.fresh_copy import make_copy

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text()

RELEASE_STEP = (
    "python manage.py migrate --noinput && python manage.py createcachetable "
    "&& python manage.py clear_page_cache"
)
# Run in the copy, in this order (export before import), with the exit statuses they may
# give by design (check_law: 1 means "differs", 2 "not a Lovdata document").
RUN = {
    "DJANGO_DEBUG=1 .venv/bin/python manage.py migrate --noinput": {0},
    "DJANGO_DEBUG=1 .venv/bin/python manage.py makemigrations plikt offences guidance": {0},
    "DJANGO_DEBUG=1 .venv/bin/python manage.py set_translation_url_paths": {0},
    "DJANGO_DEBUG=1 .venv/bin/python manage.py sync_page_translation_fields --noinput": {0},
    "DJANGO_DEBUG=1 .venv/bin/python manage.py check_law tests/fixtures/nl-20250620-086.xml": {0},
    # The consolidated law, downloaded from Lovdata: not in the copy, so it says so.
    "DJANGO_DEBUG=1 .venv/bin/python manage.py check_law nl-20050520-028.xml --flag": {2},
    "DJANGO_DEBUG=1 .venv/bin/python manage.py export_translations --language se "
    "--only missing --output se.po": {0},
    "DJANGO_DEBUG=1 .venv/bin/python manage.py import_translations se.po --language se": {0},
    "DJANGO_DEBUG=1 .venv/bin/python manage.py clear_page_cache": {0},
    # The Docker release step, with this machine's Python in place of the image's.
    RELEASE_STEP: {0},
}

NOT_RUN = {
    "make run": "serves until stopped: walked by hand, and test_make_run.py checks PORT",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/plikt make run": "serves until stopped",
    "make test": "the whole suite, which this test is part of",
    "make test-postgres": "the whole suite again, on PostgreSQL (CI runs it)",
    "make lock": "rewrites uv.lock (tests/plikt/test_lockfile.py checks the lock)",
    ".venv/bin/uv lock --check": "resolves with uv; tests/plikt/test_lockfile.py runs it",
    "docker ": "no Docker engine here; the release step's commands are run above",
    "make catalogs": "make install's own step, run by every make target",
    "DJANGO_DEBUG=1 .venv/bin/python -m plikt.i18n.catalogs --sync": "needs GNU gettext",
    "DJANGO_DEBUG=1 .venv/bin/python manage.py changepassword admin": "asks for a password",
    "DJANGO_DEBUG=1 .venv/bin/python manage.py makemigrations": "run above, with its apps",
    ".venv/bin/python -m tests.plikt.scale_stack": "serves until Ctrl-C (test_varnish.py)",
    "GET ": "HTTP requests, not commands (tests/offences/ test the API)",
}


def readme_commands() -> list[str]:
    """Each command line of the README's code blocks, and its inline development commands."""
    lines = []
    for block in re.findall(r"^```(?:sh)?\n(.*?)^```", README, re.MULTILINE | re.DOTALL):
        lines += block.splitlines()
    # Indented blocks: four spaces (or eight, in a list) after a blank line.
    for block in re.findall(r"\n\n((?:(?: {4}| {8})\S.*\n)+)", README):
        lines += block.splitlines()
    lines += re.findall(r"`(DJANGO_DEBUG=1 \.venv/bin/[^`]+)`", README)
    commands = []
    pending = ""
    for line in lines:
        line = line.split("  #")[0].split(" # ")[0].strip()
        if line.endswith("\\"):
            pending += line.rstrip("\\").strip() + " "
            continue
        line, pending = (pending + line).strip(), ""
        if re.match(r"^(\.venv/|make |DJANGO_|DATABASE_URL=|docker |GET |python |sh )", line):
            commands.append(line)
    return commands


def classify(command: str) -> str:
    for known in RUN:
        if known in command.replace("\\", "").replace("  ", " "):
            return "run"
    if any(command.startswith(prefix) for prefix in NOT_RUN):
        return "not run"
    return "unknown"


def test_every_readme_command_is_run_here_or_says_why_not():
    commands = readme_commands()
    assert len(commands) > 15, commands
    unknown = [command for command in commands if classify(command) == "unknown"]
    assert not unknown, f"README commands neither run nor listed in NOT_RUN: {unknown}"
    flat = " ".join(re.sub(r"\s+", " ", command.replace("\\", "")) for command in commands)
    missing = [command for command in RUN if command not in flat]
    assert not missing, f"RUN lists commands the README no longer has: {missing}"


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory, django_db_setup, django_db_blocker):
    return make_copy(tmp_path_factory.mktemp("clone"), django_db_blocker)


def environment(production: bool) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PLIKT_", "PYTEST_"))
    }
    if production:
        env.update(DJANGO_SECRET_KEY="readme-test-" + "k" * 40)
    return env


def run(command: str, copy: Path, production: bool) -> subprocess.CompletedProcess:
    if production:
        command = command.replace("DJANGO_DEBUG=1 ", "")
    # `python` is the image's interpreter; here, the project's own.
    command = re.sub(r"(^|&& )python ", r"\1.venv/bin/python ", command)
    return subprocess.run(  # noqa: S602 - the README's own command lines
        command, shell=True, cwd=copy, env=environment(production), capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize("production", [False, True], ids=["development", "production"])
def test_readme_commands_run_as_written_without_a_traceback(fresh_copy, production):
    failures = []
    for command, statuses in RUN.items():
        if command == RELEASE_STEP and not production:
            continue  # the image's step, always run with prod.env
        result = run(command, fresh_copy, production)
        output = result.stdout + result.stderr
        if "Traceback" in output or result.returncode not in statuses:
            failures.append(f"$ {command}\n(exit {result.returncode})\n{output[-2000:]}")
    assert not failures, "\n\n".join(failures)


def test_a_command_without_its_settings_says_what_to_do_in_one_line(fresh_copy):
    command = "DJANGO_DEBUG=1 .venv/bin/python manage.py clear_page_cache"
    neither = shlex.split(command)[1:]  # neither DJANGO_DEBUG=1 nor DJANGO_SECRET_KEY
    result = subprocess.run(  # noqa: S603
        neither,
        cwd=fresh_copy,
        env=environment(production=False),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_SECRET_KEY" in lines[0] and "DJANGO_DEBUG=1" in lines[0]
