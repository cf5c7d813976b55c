"""Shared fixtures for Chromium tests: one live server and one browser for the whole session.

Debian's Chromium at /usr/bin/chromium, driven by Playwright (never `playwright install`).
Without it these tests are skipped with a message, except under REQUIRE_BROWSER=1 (CI), where
a missing browser is a failure: the accessibility gate must not pass by not running.
"""

import os
import threading
from pathlib import Path

import pytest

from tests.stack_runway import with_stack_runway

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing may leave the machine: any third-party request fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def require_chromium():
    if CHROMIUM.exists():
        return
    message = f"Chromium not found at {CHROMIUM}: the browser suite cannot run"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (REQUIRE_BROWSER=1). Install it: apt-get install chromium")
    pytest.skip(f"{message}; skipped (CI sets REQUIRE_BROWSER=1 and fails instead)")


@pytest.fixture(scope="session")
def browser_server(django_db_setup, django_db_blocker):
    """A live server for the session, on the test database that holds the demo site.

    pytest-django's own ``live_server`` fixture flushes the database after each test, which
    would take the session's demo content away from every later test.
    """
    from pytest_django.live_server_helper import LiveServer

    require_chromium()
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1:0")
        server._live_server_modified_settings.enable()
    one_request_at_a_time(server.thread.httpd)
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


def one_request_at_a_time(httpd):
    """Every request thread of the live server uses the one in-memory SQLite connection of the
    test database, and so does the test. Two requests at once on it interleave their
    savepoints: seen on CI when the admin's page-leave beacon (editing-sessions/release) ran
    beside the save it left for, which then found neither its session nor its new revision.
    A real database gives each request its own connection; here they take turns, per request
    (not per keep-alive connection, which Chromium may hold open idle)."""
    application = httpd.get_app()
    turn = threading.Lock()

    def serve(environ, start_response):
        with turn:  # a request thread's render, as a test's own (tests/stack_runway.py)
            return with_stack_runway(lambda: application(environ, start_response))

    httpd.set_app(serve)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    # Playwright's sync API runs an event loop in this thread; Django would then refuse the
    # test's own (synchronous) database calls as "from an async context".
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def tab(browser):
    """One reused tab (a fresh context per page costs more than the page itself)."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()


EDITOR_PASSWORD = "a-very-long-correct-horse-password"


def sign_in_to_admin(page, base_url: str, username: str = "redaktor") -> None:
    """The admin's login form, filled in and sent as an editor would."""
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def sign_in_by_cookie(context, base_url: str, user) -> None:
    """Hand the browser the session an editor gets by signing in, without the two page loads
    of the login form and the dashboard: for tests about what a signed-in editor sees, not
    about signing in (which ``sign_in_to_admin`` keeps exercising, in test_admin_outage.py).

    Django's test client makes the session (in this test's transaction, which the live
    server sees through ``shared_connection``); the browser gets its cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": base_url, "httpOnly": True}]
    )


@pytest.fixture
def shared_connection(browser_server):
    """The live server sees this test's uncommitted rows (the editor) only through this
    thread's database connection. In a full ``make test`` run the connection the session's
    live server was handed is, by the time this test runs, no longer this thread's (some
    earlier test in the worker replaced it), and signing in then fails on SQLite's table lock:
    hand it this one for the test."""
    from django.db import connections

    override = browser_server.thread.connections_override
    handed, current = override.get("default"), connections["default"]
    if handed is not current:
        current.inc_thread_sharing()
        override["default"] = current
    yield
    if handed is not current:
        # The connection stays marked as shared: a request thread of a keep-alive browser
        # connection that outlives this test (a module's one tab) still closes it at its end,
        # and Django refuses that from another thread once the sharing count is back at 0.
        override["default"] = handed
