"""Plikt as it runs at scale, on this machine: Varnish with deploy/varnish/default.vcl in front of
two gunicorn app processes (the Dockerfile's command, production settings) that share one
PostgreSQL database and one Redis.

Used by tests/plikt/test_varnish.py, and runnable by hand to look at it in a browser:

    .venv/bin/python -m tests.plikt.scale_stack --port 8170

serves Varnish on 8170, the apps on 8171 and 8172 and Redis on 8179 until Ctrl-C. Read
through Varnish at http://plikt.example:8170/ (Chromium:
``--host-resolver-rules="MAP plikt.example 127.0.0.1"``); sign in to app A's admin at
http://127.0.0.1:8171/admin/ as ``editor`` with the password printed. By hand the apps also
accept 127.0.0.1 and plain HTTP, which a browser needs to sign in without a TLS proxy.

The database is a throwaway ``plikt_scale_*`` database, dropped afterwards. Its tables are
made from the models (``migrate --run-syncdb`` without migration files, as pytest-django's
``--no-migrations`` does: two seconds instead of twenty; CI's ``makemigrations --check``
keeps models and migrations the same). Its rows are the demo site: in a test run, the one
the session already built (``load_demo_content`` on the SQLite test database), copied row for
row (``copy_database``, a few seconds instead of building it again); by hand, built here
with the rows Wagtail's data migrations would add and ``load_demo_content``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
VCL_DIR = ROOT / "deploy" / "varnish"
HOST = "plikt.example"  # the public host name: readers' Host header and the Wagtail Site
PASSWORD = "scale-" + secrets.token_urlsafe(12)


def _program(name: str) -> str | None:
    return shutil.which(name, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/bin")


VARNISHD, VARNISHADM, VARNISHSTAT = (
    _program(name) for name in ("varnishd", "varnishadm", "varnishstat")
)
REDIS_SERVER = _program("redis-server")


def postgres_url() -> str:
    """The server to make the throwaway database on: DATABASE_URL's when that is PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return parts._replace(path="/postgres").geturl()
    return os.environ.get("PLIKT_SCALE_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def missing() -> list[str]:
    """What this machine lacks to run the stack, in words for a skip message."""
    lacks = []
    if not VARNISHD:
        lacks.append("varnishd (apt-get install varnish)")
    if not REDIS_SERVER:
        lacks.append("redis-server (apt-get install redis-server)")
    try:
        import psycopg

        psycopg.connect(postgres_url(), connect_timeout=3).close()
    except Exception as error:  # noqa: BLE001 - any failure means "no server to use"
        lacks.append(f"a PostgreSQL server at {postgres_url()} ({error.__class__.__name__})")
    return lacks


# --- HTTP ---------------------------------------------------------------------------------
@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name, default)

    @property
    def set_cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


def request(port: int, path: str, method: str = "GET", headers=None, body=None) -> Response:
    """One request as it arrives from the TLS proxy in front: public host name, HTTPS."""
    sent = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


@dataclass
class Browser:
    """An editor's cookies (they are Secure: urllib's cookie jar would not send them over the
    plain HTTP between the TLS proxy and the app)."""

    port: int
    cookies: dict = field(default_factory=dict)

    def _send(self, path, method="GET", headers=None, body=None) -> Response:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = request(self.port, path, method, headers, body)
        for line in response.set_cookies:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path) -> Response:
        return self._send(path)

    def post(self, path, data: dict) -> Response:
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self._send(
            path,
            "POST",
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{HOST}{path}",
                "Origin": f"https://{HOST}",
            },
            urlencode(data, doseq=True).encode(),
        )

    def sign_in(self, username="editor", password=PASSWORD) -> None:
        self.get("/admin/login/")
        response = self.post("/admin/login/", {"username": username, "password": password})
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"signing in failed: {response.status} {response.text[:500]}")


# --- The database -------------------------------------------------------------------------
SETUP = r"""
import json, sys, django
import plikt.settings as production
if sys.argv[3]:  # the demo site already built (SQLite), to copy instead of building again
    production.DATABASES["demo"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": sys.argv[3]}
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test.utils import override_settings
from wagtail.models import Collection, Locale, Page, PageViewRestriction, Site

HOST, PASSWORD, DEMO_DB = sys.argv[1:]
# The image's build step first: whitenoise reads the files when an app starts.
call_command("collectstatic", interactive=False, verbosity=0)
print("static files ready", flush=True)


class NoMigrations(dict):
    def __contains__(self, app):
        return True

    def __getitem__(self, app):
        return None


with override_settings(MIGRATION_MODULES=NoMigrations()):
    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0, database="default")

from plikt import demo
from plikt.models import ContentPage

if DEMO_DB:
    # The demo site as the test session built it (load_demo_content, on SQLite), row for row.
    from tests.plikt.scale_stack import copy_database

    copy_database("demo", "default")
else:
    # What Wagtail's data migrations add: the default locale, the tree's root, media's root.
    Locale.objects.create(language_code="nb")
    Page.add_root(instance=Page(title="Root", slug="root"))
    Collection.add_root(name="Root")
    # The demo site, as `make run` builds it: every app plants its pages, then all are
    # published together (pages link to each other across apps, e.g. the offence catalogue).
    call_command("load_demo_content", verbosity=0)
home = demo.ensure_home()
site = Site.objects.get(is_default_site=True)
site.hostname, site.port = HOST, 443  # Wagtail's PURGE names this host
site.save()
# A password-protected page: Wagtail gives its form a CSRF cookie, which Varnish keeps from
# readers.
private = demo.add_child(home, ContentPage(title_nb="Privat", slug_nb="privat", intro_nb="Skjult."))
PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")
get_user_model().objects.create_superuser("editor", "editor@plikt.example", PASSWORD)
print(json.dumps({"home": home.pk}))
"""


# Copied by hand: Wagtail's search index has other columns on each database (it is rebuilt).
NOT_COPIED = {"wagtailsearch.indexentry"}


def copy_database(source: str, target: str) -> None:
    """Every row of every table from the ``source`` database alias (the demo site the test
    session built on SQLite) into ``target`` (this stack's PostgreSQL, tables made, emptied
    here), then both search indexes rebuilt for PostgreSQL.

    Runs in the set-up process. The values go through each field's own conversions (read
    from SQLite, then prepared for PostgreSQL, as a save does), so booleans, dates, JSON and
    StreamField bodies arrive as the ORM would write them; ids are kept and the sequences
    moved past them. Two or three seconds of CPU, where building the demo again takes
    twenty-five.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connections, transaction

    connection = connections[target]
    quote = connection.ops.quote_name
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    copied = [model for model in models if model._meta.label_lower not in NOT_COPIED]
    with transaction.atomic(using=target), connection.cursor() as cursor:
        # What the tables' creation wrote (content types, permissions) gives way to the
        # source's rows, whose ids the copied rows point at.
        cursor.execute(
            "TRUNCATE " + ", ".join(quote(model._meta.db_table) for model in models) + " CASCADE"
        )
        for model in copied:
            fields = model._meta.local_concrete_fields
            rows = (
                model._base_manager.using(source)
                .order_by()
                .values_list(*(field.attname for field in fields))
            )
            values = [
                [field.get_db_prep_save(value, connection) for field, value in pairs]
                for pairs in (zip(fields, row, strict=True) for row in rows)
            ]
            columns = ", ".join(quote(field.column) for field in fields)
            placeholders = ", ".join(["%s"] * len(fields))
            table = quote(model._meta.db_table)
            # Our own table and column names; the values go as parameters.
            insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
            if values:
                cursor.executemany(insert, values)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    for model in copied:  # nothing lost on the way
        had, has = (model._base_manager.using(alias).count() for alias in (source, target))
        if had != has:
            raise RuntimeError(f"copying {model._meta.label}: {had} rows, {has} arrived")
    ContentType.objects.clear_cache()  # the ids syncdb gave are gone
    call_command("update_index", verbosity=0)
    call_command("rebuild_search_text", verbosity=0)


# --- The stack ----------------------------------------------------------------------------
class Stack:
    """Redis, Varnish and two app processes; ``close()`` stops them and drops the database."""

    def __init__(
        self, page_cache_seconds: int, ports: dict | None = None, extra_env=None, demo_db=None
    ):
        """``demo_db``: an SQLite file holding the demo site (the test session's own), copied
        into the stack's database; without it the set-up builds the demo site itself."""
        # Varnish reads its VCL as its own unprivileged user: a folder others may enter.
        self.folder = Path(tempfile.mkdtemp(prefix="plikt-scale-"))
        self.folder.chmod(0o755)
        self.page_cache_seconds = page_cache_seconds
        ports = ports or {}
        self.varnish_port = ports.get("varnish") or free_port()
        self.app_ports = {"a": ports.get("a") or free_port(), "b": ports.get("b") or free_port()}
        self.redis_port = ports.get("redis") or free_port()
        self.database = f"plikt_scale_{os.getpid()}_{secrets.token_hex(3)}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.varnish_dir = self.folder / "varnish"
        self.home_id = None
        self.extra_env = extra_env or {}
        self.demo_db = demo_db
        self.timings: dict[str, float] = {}  # seconds each step took, for the curious

    # Paths and environment
    @property
    def database_url(self) -> str:
        return urlsplit(postgres_url())._replace(path=f"/{self.database}").geturl()

    def log(self, name) -> Path:
        return self.folder / f"{name}.log"

    def app_env(self, bind_port=None) -> dict:
        keep = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PLIKT_", "FRONTEND_"))
            and not k.startswith(("AWS_", "GUNICORN_", "WEB_CONCURRENCY", "PYTEST_"))
        }
        keep.update(
            DJANGO_SECRET_KEY="scale-" + "k" * 50,
            DJANGO_ALLOWED_HOSTS=HOST,
            DATABASE_URL=self.database_url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{self.varnish_port}",
            PLIKT_PAGE_CACHE_SECONDS=str(self.page_cache_seconds),
            DJANGO_STATIC_ROOT=str(self.folder / "static"),
            DJANGO_MEDIA_ROOT=str(self.folder / "media"),
            DJANGO_SETTINGS_MODULE="plikt.settings",
            PYTHONPATH=str(ROOT),
            WEB_CONCURRENCY="1",
        )
        keep.update(self.extra_env)
        if bind_port:
            keep["GUNICORN_BIND"] = f"127.0.0.1:{bind_port}"
        return keep

    def _start(self, name, command, env=None):
        with open(self.log(name), "wb") as log:
            self.processes[name] = subprocess.Popen(  # noqa: S603 - our own commands
                command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    # Starting
    def start(self) -> Stack:
        import psycopg

        started = time.monotonic()

        with psycopg.connect(postgres_url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
            # Its own setting: a throwaway database need not wait for the disk on commit.
            connection.execute(f'ALTER DATABASE "{self.database}" SET synchronous_commit = off')
        self._start(
            "redis",
            [REDIS_SERVER, "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.folder)],
        )
        self.start_varnish()
        setup = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", SETUP, HOST, PASSWORD, str(self.demo_db or "")],
            cwd=ROOT,
            env=self.app_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # The apps start once the static files are there, while the database is set up.
        first_line = setup.stdout.readline()
        if first_line.strip() != b"static files ready":
            raise RuntimeError(f"collectstatic failed:\n{setup.communicate()[1].decode()[-4000:]}")
        self.timings["collectstatic"] = time.monotonic() - started
        for name in self.app_ports:
            self.start_app(name)
        out, err = setup.communicate(timeout=300)
        self.timings["database"] = time.monotonic() - started
        if setup.returncode:
            raise RuntimeError(f"setting up the database failed:\n{err.decode()[-4000:]}")
        self.home_id = json.loads(out.decode().strip().splitlines()[-1])["home"]
        self.wait_until_healthy()
        self.timings["start"] = time.monotonic() - started
        return self

    def start_varnish(self) -> None:
        """The shipped default.vcl as it is; only the file it includes, backends.vcl (where
        the apps are, who may purge), is this stack's own: the only one on vcl_path."""
        vcl = self.folder / "vcl"
        vcl.mkdir()
        backends = "\n".join(
            f'backend app_{name} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = healthz; }}'
            for name, port in self.app_ports.items()
        )
        adds = "\n".join(f"    app.add_backend(app_{name});" for name in self.app_ports)
        (vcl / "backends.vcl").write_text(
            f"{backends}\n"
            f"sub vcl_init {{\n    new app = directors.round_robin();\n{adds}\n}}\n"
            'acl purgers { "127.0.0.1"; }\n'
        )
        self._start(
            "varnish",
            [VARNISHD, "-F", "-a", f"127.0.0.1:{self.varnish_port}"]
            + ["-f", str(VCL_DIR / "default.vcl"), "-p", f"vcl_path={vcl}"]
            + ["-n", str(self.varnish_dir), "-s", "malloc,64m"],
        )
        deadline = time.monotonic() + 30
        while "running" not in self.varnishadm("status"):
            self.check_running()  # a VCL that does not compile ends varnishd at once
            if time.monotonic() > deadline:
                raise RuntimeError("varnishd did not start:\n" + self.log("varnish").read_text())
            time.sleep(0.2)

    def start_app(self, name) -> None:
        """The Dockerfile's CMD (gunicorn with gunicorn.conf.py), from this environment."""
        dockerfile = (ROOT / "Dockerfile").read_text()
        command = json.loads(re.search(r"^CMD\s+(\[.*\])\s*$", dockerfile, re.MULTILINE).group(1))
        if command[0] != "gunicorn":
            raise RuntimeError(f"the Dockerfile's CMD is not gunicorn: {command}")
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self._start(
            f"app-{name}", [str(gunicorn), *command[1:]], self.app_env(self.app_ports[name])
        )

    def stop(self, *names) -> None:
        """Stop these processes ("app-a", "redis", ...) together, as a shutdown would."""
        started = time.monotonic()
        processes = [self.processes.pop(name) for name in names if name in self.processes]
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.timings[f"stop {' '.join(names)}"] = time.monotonic() - started

    def wait_until_healthy(self, timeout=120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_running()
            if self.backend_health() == {"a": "healthy", "b": "healthy"}:
                return
            time.sleep(0.3)
        raise RuntimeError(f"the apps did not become healthy: {self.backend_health()}")

    def check_running(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = self.log(name).read_text()[-4000:]
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{log}")

    # Asking Varnish
    def varnishadm(self, *command) -> str:
        result = subprocess.run(  # noqa: S603
            [VARNISHADM, "-n", str(self.varnish_dir), *command],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return result.stdout

    def backend_health(self) -> dict:
        """{"a": "healthy" | "sick", ...} as Varnish's probes see the apps."""
        health = {}
        for line in self.varnishadm("backend.list").splitlines():
            match = re.match(r"\S*\.app_(\w+)\s+\S+\s+\S+\s+(healthy|sick)", line)
            if match:
                health[match.group(1)] = match.group(2)
        return health

    def counter(self, name) -> int:
        result = subprocess.run(  # noqa: S603
            [VARNISHSTAT, "-n", str(self.varnish_dir), "-1", "-f", name],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return int(result.stdout.split()[1])

    def read(self, path, headers=None) -> Response:
        """A reader's request through Varnish."""
        return request(self.varnish_port, path, headers=headers)

    def ask_app(self, name, path) -> Response:
        """A request to one app process directly, past Varnish."""
        return request(self.app_ports[name], path)

    def close(self) -> None:
        self.stop(*self.processes)
        started = time.monotonic()
        import psycopg

        with psycopg.connect(postgres_url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self.timings["drop database"] = time.monotonic() - started
        shutil.rmtree(self.folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8170, help="Varnish; apps on +1, +2; Redis +9")
    parser.add_argument("--page-cache-seconds", type=int, default=600)
    args = parser.parse_args()
    if lacks := missing():
        sys.exit("missing: " + "; ".join(lacks))
    ports = {"varnish": args.port, "a": args.port + 1, "b": args.port + 2, "redis": args.port + 9}
    # A browser signs in to an app directly, over plain HTTP (127.0.0.1 is a secure context for
    # its Secure cookies); readers go through Varnish as plikt.example.
    browsable = {"DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0"}
    stack = Stack(args.page_cache_seconds, ports, browsable)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop everything on kill, too
    try:
        stack.start()
        print(f"Varnish  http://{HOST}:{args.port}/  (Host: {HOST})")
        print(f"app A    http://127.0.0.1:{ports['a']}/admin/   app B :{ports['b']}")
        print(f"editor   editor / {PASSWORD}")
        print(f"logs     {stack.folder}")
        signal.pause()
    finally:
        stack.close()


if __name__ == "__main__":
    main()
