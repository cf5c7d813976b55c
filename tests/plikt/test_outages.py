"""The site keeps serving when a part fails: real Redis and PostgreSQL servers, stopped and
started again (tests/servers.py starts private ones; the shared servers are never touched).

- Redis (in ``make test``, about 2 s): the site runs on a Redis of its own through Django's
  test client; Redis is stopped, frozen and started while pages, search, the API, a sign-in
  and a publish go on.
- PostgreSQL (CI only: ``PLIKT_OUTAGE_TESTS=1``, about 20 s): gunicorn as the Dockerfile runs
  it, two workers, on a PostgreSQL and a Redis of its own; PostgreSQL is stopped and started
  under requests.
"""

import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offences.models import OffencePage
from tests import servers
from tests.plikt import scale_stack

ROOT = django_settings.BASE_DIR
PAGES = ["/hvem-har-plikten/", "/en/who-has-the-duty/", "/se/hvem-har-plikten/"]
LOGIN_PASSWORD = "a-very-long-correct-horse-password"


def text_of(response_content: bytes) -> str:
    return " ".join(BeautifulSoup(response_content, "lxml").get_text(" ").split())


# --- Redis ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_server():
    server = servers.RedisServer()
    server.start()
    yield server
    server.stop()


# Shorter than production's (1 s timeouts, a 1 s pause after a failure) to keep the test quick.
TIMEOUT, RETRY_AFTER = 0.3, 0.2


@pytest.fixture
def on_redis(settings, redis_server, db, monkeypatch):
    """The production cache settings (plikt/settings.py), pointed at the private Redis."""
    from plikt import cache, cache_backends

    monkeypatch.setattr(cache_backends, "RETRY_AFTER", RETRY_AFTER)
    settings.CACHES = {
        "default": {
            "BACKEND": "plikt.cache_backends.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }
    settings.PLIKT_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
    cache._pending["clear"] = False
    cache._outage["generation"] = None


def cache_log_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "plikt.cache"]


def test_with_redis_stopped_every_page_renders_from_the_database_and_the_outage_is_logged_once(
    client, on_redis, caplog, django_user_model
):
    for path in PAGES:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"
    fresh = {path: text_of(client.get(path).content) for path in PAGES}

    on_redis.stop()
    with caplog.at_level(logging.INFO, logger="plikt.cache"):
        # What every page shows is read from the database again, then kept in the process
        # for a few seconds (no process could announce a change anyway): pages stay fast.
        with CaptureQueriesContext(connection) as first:
            client.get(PAGES[0])
        with CaptureQueriesContext(connection) as second:
            client.get(PAGES[0])
        assert len(second) < len(first), (len(first), len(second))
        for _ in range(3):
            for path in PAGES:
                response = client.get(path)
                assert response.status_code == 200, path
                assert text_of(response.content) == fresh[path]
        offence = OffencePage.objects.get(section="282")
        assert client.get(offence.url).status_code == 200
        assert client.get("/en/search/", {"q": "violence"}).status_code == 200
        assert client.get("/api/v2/offences/", {"section": "282"}).json()["items"]
        # An editor signs in: sessions, login throttling and the admin need no cache.
        django_user_model.objects.create_superuser("redaktor", "r@example.com", LOGIN_PASSWORD)
        signed_in = client.post(
            "/admin/login/", {"username": "redaktor", "password": LOGIN_PASSWORD}
        )
        assert signed_in.status_code == 302
        assert client.get("/admin/").status_code == 200
        client.logout()
        health = client.get("/healthz")
        assert (health.status_code, health.json()["cache"]) == (200, "down")
        assert client.get("/readyz").status_code == 200

        warnings = cache_log_lines(caplog)
        assert len(warnings) == 1, warnings  # once per process per minute, not per request
        assert "unavailable" in warnings[0]

        on_redis.start()
        time.sleep(RETRY_AFTER + 0.1)  # the backend asks again a moment after its last failure
        client.get(PAGES[1])
        assert client.get(PAGES[1])["X-Page-Cache"] == "hit"  # cached again
    assert "available again" in cache_log_lines(caplog)[-1]


def test_a_publish_while_redis_is_unreachable_reaches_readers_once_it_answers_again(
    client, on_redis
):
    """A frozen Redis keeps its data (a network split does too): the pages cached before the
    publish must not come back with it."""
    page = OffencePage.objects.get(section="282")
    url = "/lovbrudd/straffeloven-282/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    on_redis.process.send_signal(signal.SIGSTOP)
    try:
        page.title_nb = "Vold i nære relasjoner (oppdatert)"
        page.title_en = "Violence in close relationships (updated)"
        page.save_revision().publish()
        assert "(oppdatert)" in client.get(url).content.decode()
    finally:
        on_redis.process.send_signal(signal.SIGCONT)
    time.sleep(RETRY_AFTER + 0.1)
    assert "(oppdatert)" in client.get(url).content.decode()
    assert "(oppdatert)" in client.get(url).content.decode()


# --- PostgreSQL ----------------------------------------------------------------------------

ci_only = pytest.mark.skipif(
    os.environ.get("PLIKT_OUTAGE_TESTS") != "1",
    reason="the PostgreSQL outage test runs in CI (PLIKT_OUTAGE_TESTS=1, about 20 s)",
)


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL", "AWS_", "DATABASE_URL", "PLIKT_"))
    }
    env.update(DJANGO_SECRET_KEY="outage-test-" + "o" * 40, DJANGO_SECURE_SSL_REDIRECT="0")
    env.update(extra)
    return env


def build_site(env):
    """Static files, tables from the models and the demo site: tests/plikt/scale_stack.py's
    set-up (``migrate --run-syncdb``, seconds instead of the migrations' twenty)."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", scale_stack.SETUP, scale_stack.HOST, LOGIN_PASSWORD, ""],  # build
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def fetch(port, path, method="GET"):
    """(status, headers, body) over real HTTP; a 5xx is an answer, not an exception."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method, headers={"Host": scale_stack.HOST}
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def site_on_postgres(tmp_path_factory):
    """gunicorn (gunicorn.conf.py, 2 workers) on a private PostgreSQL and Redis."""
    postgres, redis = servers.PostgresServer(), servers.RedisServer()
    process = None
    try:
        postgres.start()
        redis.start()
        subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"import psycopg; psycopg.connect({postgres.url()!r}, "
             "autocommit=True).execute('CREATE DATABASE plikt')"],
            check=True,
        )  # fmt: skip
        folder = tmp_path_factory.mktemp("outage")
        port = servers.free_port()
        env = production_env(
            DATABASE_URL=postgres.url("plikt"),
            REDIS_URL=redis.url,
            DJANGO_ALLOWED_HOSTS=scale_stack.HOST,
            DJANGO_STATIC_ROOT=str(folder / "static"),
            DJANGO_MEDIA_ROOT=str(folder / "media"),
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="2",
            PYTHONPATH=str(ROOT),
            DJANGO_SETTINGS_MODULE="plikt.settings",
        )
        build_site(env)
        log_path = folder / "gunicorn.log"
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        with open(log_path, "w") as log:
            process = subprocess.Popen(  # noqa: S603
                [gunicorn, "--config", "gunicorn.conf.py", "plikt.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        servers.wait_for_port(port)
        deadline = time.monotonic() + 60
        while fetch(port, "/healthz")[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        yield port, postgres, log_path
    finally:  # whatever failed, no server of ours is left running
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        redis.stop()
        postgres.remove()


@ci_only
def test_with_postgresql_stopped_cached_pages_serve_and_the_rest_answers_503_until_it_returns(
    site_on_postgres,
):
    port, postgres, log_path = site_on_postgres
    cached = {}
    for path in PAGES:
        for _ in range(4):  # every worker, and into the page cache
            status, _headers, body = fetch(port, path)
            assert status == 200, path
        cached[path] = body
    uncached = {
        "nb": "/lovbrudd/straffeloven-282/",
        "en": "/en/offences/penal-code-282/",
        "se": "/se/lovbrudd/straffeloven-282/",
    }

    postgres.stop()
    try:
        for path, body in cached.items():
            status, headers, served = fetch(port, path)
            assert (status, headers["X-Page-Cache"]) == (200, "hit"), path
            assert served == body
        for language, path in uncached.items():
            status, headers, body = fetch(port, path)
            assert status == 503, path
            assert int(headers["Retry-After"]) > 0
            assert headers["Content-Language"] == language
            text = text_of(body)
            assert "112" in text and "116 006" in text
        english = text_of(fetch(port, uncached["en"])[2])
        assert "The site is briefly unavailable" in english
        assert "The site is briefly unavailable" not in text_of(fetch(port, uncached["nb"])[2])
        for path in ("/sok/?q=vold", "/en/search/?q=violence"):
            assert fetch(port, path)[0] == 503
        status, headers, body = fetch(port, "/api/v2/offences/?lang=en")
        assert (status, headers["Content-Type"]) == (503, "application/json")
        assert json.loads(body)["message"]
        health, ready = fetch(port, "/healthz"), fetch(port, "/readyz")
        assert health[0] == 200 and json.loads(health[2])["database"] == "down"
        assert ready[0] == 503
    finally:
        postgres.start()

    # Every kept connection died with the server: each worker tests its connection before
    # reusing it, so the first requests after the restart succeed.
    for _ in range(3):
        for path in uncached.values():
            assert fetch(port, path)[0] == 200, path
    assert fetch(port, "/readyz")[0] == 200

    time.sleep(0.5)  # the last lines reach the log
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line[:1] == "{"]
    errors = [line for line in lines if line["logger"] == "django.request"]
    assert errors, "the 503s were not logged"
    ids = [line["request_id"] for line in errors]
    assert "-" not in ids
    assert len(ids) == len(set(ids)), "an error was logged more than once"
    failed_pages = [
        line for line in errors if not line["message"].endswith(("/healthz", "/readyz"))
    ]
    assert all("traceback" in line for line in failed_pages)  # the probes' 503s raise nothing
