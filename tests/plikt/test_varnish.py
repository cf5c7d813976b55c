"""Varnish in front of two app processes, for real (README "Running at scale").

deploy/varnish/default.vcl runs in varnishd in front of two gunicorn processes (the
Dockerfile's command, production settings) that share one PostgreSQL database and one Redis
(tests/plikt/scale_stack.py). An editor publishes in app A's admin; readers read through
Varnish; app B is asked directly; then both apps stop.

Pages are kept PAGE_SECONDS here (PLIKT_PAGE_CACHE_SECONDS, so s-maxage) instead of
production's 600 s, so that the grace test need not wait long for a copy to go stale.

Without varnishd, redis-server or a PostgreSQL server these tests are skipped with a
message, except under REQUIRE_VARNISH=1 (CI), where that is a failure.
"""

import gzip
import http.client
import os
import subprocess
import time

import psycopg
import pytest
from django.db import connection
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests import demo_db
from tests.plikt import scale_stack
from tests.plikt.scale_stack import VARNISHD, VCL_DIR

# django_db: the stack copies the session's demo database, which pytest-django creates only
# when a selected test asks for it (this module alone would not).
pytestmark = [pytest.mark.varnish, pytest.mark.django_db]

PAGE_SECONDS = 8
LANGUAGES = ("nb", "en", "se", "sma", "smj")
PREFIX = {"nb": "", "en": "/en", "se": "/se", "sma": "/sma", "smj": "/smj"}
# A demo page no test changes: what the hit and grace tests read.
STEADY = {code: f"{PREFIX[code]}/hvem-har-plikten/" for code in LANGUAGES}
STEADY["en"] = "/en/who-has-the-duty/"
HOMES = {code: f"{PREFIX[code]}/" for code in LANGUAGES}
# The page the editor creates and then changes; the Sámi pages show the Norwegian text.
NEW_PAGE = {code: f"{PREFIX[code]}/skala/" for code in LANGUAGES}
NEW_PAGE["en"] = "/en/scale/"


def require_stack():
    lacks = scale_stack.missing()
    if not lacks:
        return
    message = "Varnish tests need " + "; ".join(lacks)
    if os.environ.get("REQUIRE_VARNISH") == "1":
        pytest.fail(f"{message} (REQUIRE_VARNISH=1)")
    pytest.skip(f"{message}; skipped (CI sets REQUIRE_VARNISH=1 and fails instead)")


@pytest.fixture(scope="module")
def stack(request, django_db_blocker, tmp_path_factory):
    require_stack()
    # The demo site this session has built already (SQLite): the stack copies it into its
    # PostgreSQL database instead of building it again there.
    request.getfixturevalue("django_db_setup")
    demo = None
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            demo = tmp_path_factory.mktemp("varnish-demo") / "demo.sqlite3"
            demo_db.save_as_file(demo)
    running = scale_stack.Stack(page_cache_seconds=PAGE_SECONDS, demo_db=demo)
    running.reader_responses = []
    read = running.read

    def read_and_keep(path, headers=None):
        response = read(path, headers)
        running.reader_responses.append((path, response))
        return response

    running.read = read_and_keep
    try:
        running.start()
        yield running
    finally:
        running.close()
        print("scale stack timings:", {k: round(v, 1) for k, v in running.timings.items()})


def page_form(title_nb, intro_nb, intro_en):
    """What the editor types into the admin's page form."""
    data = {
        "title_nb": title_nb,
        "slug_nb": "skala",
        "title_en": "Scale",
        "slug_en": "scale",
        "intro_nb": intro_nb,
        "intro_en": intro_en,
        "body_nb": streamfield([("text", rich_text("<p>Norsk tekst.</p>"))]),
        "body_en": streamfield([("text", rich_text("<p>English text.</p>"))]),
        "show_in_menus": "on",  # a section: the home page lists it
        "action-publish": "publish",
    }
    for code in ("se", "sma", "smj"):
        data[f"body_{code}"] = streamfield([])
    return nested_form_data(data)


@pytest.fixture(scope="module")
def editor(stack):
    """An editor signed in to app A's admin, who has created and published a new section."""
    browser = scale_stack.Browser(stack.app_ports["a"])
    browser.sign_in()
    response = browser.post(
        f"/admin/pages/add/plikt/contentpage/{stack.home_id}/",
        page_form("Skala", "Før endringen.", "Before the change."),
    )
    assert response.status == 302, response.text[:3000]
    with psycopg.connect(stack.database_url) as connection:
        (browser.page_id,) = connection.execute(
            "SELECT id FROM wagtailcore_page WHERE slug_nb = 'skala'"
        ).fetchone()
    return browser


def cache_status(response):
    return response.header("X-Cache")


def test_the_shipped_configuration_compiles():
    if not VARNISHD:
        require_stack()
    result = subprocess.run(  # noqa: S603
        [VARNISHD, "-C", "-f", str(VCL_DIR / "default.vcl"), "-p", f"vcl_path={VCL_DIR}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_page_read_twice_through_varnish_comes_from_varnish_the_second_time(stack):
    for code, path in STEADY.items():
        first = stack.read(path)
        second = stack.read(path)
        assert first.status == second.status == 200, (path, first.status)
        assert cache_status(second) == "hit", (path, cache_status(first), cache_status(second))
        assert len(second.header("X-Varnish").split()) == 2  # this request's id and the copy's
        assert int(second.header("Age")) >= 0
        assert second.body == first.body
        assert f'lang="{code}"' in second.text
        # The app's own headers travel with the copy; one request's id does not, nor the
        # lifetime meant for this (purged) cache.
        assert second.header("Cache-Control") == "public, max-age=60"
        assert "default-src 'self'" in second.header("Content-Security-Policy")
        assert not second.header("X-Request-ID")


def test_a_reader_who_accepts_gzip_gets_the_page_compressed(stack):
    plain = stack.read(STEADY["nb"])
    packed = stack.read(STEADY["nb"], {"Accept-Encoding": "gzip"})
    assert packed.header("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 2


def test_hashed_static_files_are_kept_as_immutable(stack):
    page = stack.read(STEADY["nb"]).text
    stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/css/plikt.") and stylesheet.endswith(".css")
    stack.read(stylesheet)
    again = stack.read(stylesheet)
    assert again.status == 200
    assert cache_status(again) == "hit"
    assert "immutable" in again.header("Cache-Control")


def test_the_admin_search_query_strings_and_editors_are_passed_to_the_app(stack):
    for path in ("/sok/?q=vold", "/en/search/?q=violence", "/en/search/", "/?utm_source=x"):
        stack.read(path)
        assert cache_status(stack.read(path)) == "pass", path
    # Editors sign in through Varnish: the admin keeps its CSRF cookie, every time.
    for _ in range(2):
        login = scale_stack.request(stack.varnish_port, "/admin/login/")
        assert login.status == 200
        assert cache_status(login) == "pass"
        assert any(cookie.startswith("csrftoken=") for cookie in login.set_cookies)
    # A signed-in editor reading the site is never given (or served) a shared copy.
    cookies = {"Cookie": "sessionid=abc; csrftoken=def"}
    signed_in = scale_stack.request(stack.varnish_port, STEADY["nb"], headers=cookies)
    assert cache_status(signed_in) == "pass"


def test_purge_is_accepted_only_from_the_configured_addresses(stack):
    path = STEADY["se"]
    stack.read(path)
    assert cache_status(stack.read(path)) == "hit"

    stranger = http.client.HTTPConnection("127.0.0.1", stack.varnish_port, timeout=10,
                                          source_address=("127.0.0.2", 0))  # fmt: skip
    stranger.request("PURGE", path, headers={"Host": scale_stack.HOST})
    assert stranger.getresponse().status == 405
    stranger.close()
    assert cache_status(stack.read(path)) == "hit"

    purge = scale_stack.request(stack.varnish_port, path, method="PURGE")
    assert purge.status == 200
    assert cache_status(stack.read(path)) == "miss"


def test_publishing_in_app_a_purges_every_language_and_app_b_shows_it_at_once(stack, editor):
    before = {"nb": "Før endringen.", "en": "Before the change."}
    after = {"nb": "Etter endringen.", "en": "After the change."}
    cached = [*NEW_PAGE.items(), *HOMES.items()]
    for code, path in cached:
        stack.read(path)
        copy = stack.read(path)
        assert cache_status(copy) == "hit", path
        assert before.get(code, before["nb"]) in copy.text, path
    # App B has read the home page's sections (kept in its process) before the change.
    assert before["nb"] in stack.ask_app("b", "/").text
    purged = stack.counter("MAIN.n_obj_purged")

    response = editor.post(
        f"/admin/pages/{editor.page_id}/edit/",
        page_form("Skala endret", after["nb"], after["en"]),
    )
    assert response.status == 302, response.text[:3000]

    # Wagtail sent PURGE for the page and its parent in all five languages, and each one
    # found its copy: Host and path as Varnish stored them.
    assert stack.counter("MAIN.n_obj_purged") - purged >= len(cached)
    for code, path in cached:
        fresh = stack.read(path)
        assert fresh.status == 200, path
        assert cache_status(fresh) == "miss", path
        assert after.get(code, after["nb"]) in fresh.text, path
        assert before.get(code, before["nb"]) not in fresh.text, path
    assert "Skala endret" in stack.read(NEW_PAGE["se"]).text  # Norwegian fallback, marked
    assert "Skala endret" in stack.read(HOMES["smj"]).text

    # App B, asked directly, shows the change at its next request.
    for path in (HOMES["nb"], NEW_PAGE["nb"], HOMES["sma"]):
        direct = stack.ask_app("b", path)
        assert after["nb"] in direct.text, path
        assert "Skala endret" in direct.text, path


def test_a_reader_sending_cookies_gets_the_shared_copy_and_no_cookie(stack):
    path = STEADY["nb"]
    stack.read(path)
    stray = stack.read(path, {"Cookie": "csrftoken=left-from-an-old-visit; _ga=GA1.2.3"})
    assert cache_status(stray).startswith("hit")  # a fresh or a just-stale copy: shared
    assert not stray.set_cookies
    # The password form of a private page comes with a CSRF cookie from the app; Varnish
    # does not hand it to a reader (README: such pages need "logged-in users" instead).
    assert stack.ask_app("a", "/privat/").set_cookies
    private = stack.read("/privat/")
    assert private.status == 200
    assert not private.set_cookies
    assert cache_status(private) != "hit"  # personal responses are never shared


def test_with_both_apps_stopped_varnish_serves_the_cached_page_for_a_while(stack):
    path = STEADY["en"]
    copy = stack.read(path)
    assert copy.status == 200
    stale_at = time.monotonic() + PAGE_SECONDS - int(copy.header("Age")) + 1
    stack.stop("app-a", "app-b")
    for name in ("a", "b"):
        with pytest.raises(ConnectionRefusedError):
            stack.ask_app(name, "/healthz")

    deadline = time.monotonic() + 30
    while stack.backend_health() != {"a": "sick", "b": "sick"}:
        assert time.monotonic() < deadline, stack.backend_health()
        time.sleep(0.5)
    time.sleep(max(0, stale_at - time.monotonic()))

    stale = stack.read(path)
    assert stale.status == 200
    assert cache_status(stale) == "hit-stale"
    assert int(stale.header("Age")) > PAGE_SECONDS
    assert stale.body == copy.body
    # Nothing answers what was never cached: the page above came from Varnish alone. The
    # reader gets the site's error page's words, with the police's numbers, in the URL's
    # language (Sámi falls back to Norwegian), not Varnish's own page.
    for path, language, heading in [
        ("/en/never-read/", "en", "Something went wrong"),
        ("/never-read/", "nb", "Noe gikk galt"),
        ("/smj/never-read/", "nb", "Noe gikk galt"),
    ]:
        error = stack.read(path)
        assert error.status == 503, path
        assert f'<html lang="{language}">' in error.text, path
        assert f"<h1>{heading}</h1>" in error.text and 'href="tel:112"' in error.text, path
        assert "Guru Meditation" not in error.text


def test_no_response_through_varnish_set_a_cookie_for_a_reader(stack):
    """Every reader's response in this module, from pages, static files, search, the private
    page, a 404 and the stale copies."""
    stack.read("/not-here/")
    stack.read("/sitemap.xml")
    assert len(stack.reader_responses) > 60
    with_cookies = [path for path, response in stack.reader_responses if response.set_cookies]
    assert with_cookies == []
