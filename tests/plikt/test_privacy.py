"""Readers' privacy: no cookies, nothing from third parties, no query strings in any log.

The crawl is discovered at test time: live pages in all five languages (one of each page
type in ``make test``, every one with ``PLIKT_A11Y_FULL=1`` as in CI), every public route of
the URLconf, and every GET form on those pages (search, catalogue filters, the self-check)
filled in and followed a few steps, so views added later are covered too.
"""

import io
import json
import logging
import subprocess
import sys
from unittest import mock

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.plikt.public_urls import SECRET, crawl_once


def has_route(name):
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


@pytest.fixture
def reader():
    return Client()  # a fresh anonymous reader: no cookies of any kind


@pytest.mark.django_db
def test_no_cookie_is_set_for_an_anonymous_reader_anywhere():
    crawl = crawl_once()
    crawled = 0
    with_forms = 0
    for url, response in crawl.responses:
        crawled += 1
        with_forms += "?" in url
        assert response.status_code < 500, url
        assert not response.cookies, f"{url} sets {list(response.cookies)}"
        assert "Set-Cookie" not in response.headers, url
    # All five languages of the demo site were reached, and the search form once it exists.
    assert crawled >= 20
    if has_route("search"):
        assert with_forms >= 1
    assert not crawl.reader.cookies


@pytest.mark.django_db
def test_search_and_forms_work_as_get_without_csrf_tokens():
    crawl = crawl_once()
    for url, _response in crawl.pages():
        soup = crawl.soup(url)
        for form in soup.find_all("form"):
            assert (form.get("method") or "get").lower() == "get", f"POST form on {url}"
        assert not soup.find("input", attrs={"name": "csrfmiddlewaretoken"}), url


@pytest.mark.django_db
def test_public_pages_load_nothing_from_other_sites():
    crawl = crawl_once()
    for url, _response in crawl.pages():
        soup = crawl.soup(url)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"),
                          ("iframe", "src"), ("source", "srcset"), ("img", "srcset")):  # fmt: skip
            for element in soup.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and not {"stylesheet", "preload", "icon", "manifest"} & set(
                    element.get("rel", [])
                ):
                    continue  # canonical/alternate links are not fetched
                for candidate in value.split(","):
                    src = candidate.strip().split(" ")[0]
                    assert not src.startswith(("http://", "https://", "//")), f"{url}: {src}"


# --- Logs ---------------------------------------------------------------------------------


@pytest.fixture
def log_output():
    """What the production log handler writes (JSON lines), captured."""
    from plikt.logging import StripQueryStringFilter

    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, StripQueryStringFilter) for f in handler.filters)
    ]
    assert handlers, "the production LOGGING config is not installed"
    buffer = io.StringIO()
    old = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, old, strict=True):
        handler.setStream(stream)


def log_lines(buffer):
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_logs_of_searches_and_form_answers_never_contain_the_query(reader, log_output):
    crawl = crawl_once()
    submitted_names = set()
    for url, _response in crawl.responses:
        if "?" in url:
            submitted_names |= {pair.split("=")[0] for pair in url.split("?", 1)[1].split("&")}
    # Errors are logged with the path too: a 404 and a 500 with a query string.
    reader.get(f"/no-such-page/?q={SECRET}&answer={SECRET}")
    reader.get(f"/en/search/?q={SECRET}")
    with mock.patch("plikt.models.HomePage.get_context", side_effect=RuntimeError("boom")):
        broken = Client(raise_request_exception=False)
        assert broken.get(f"/?q={SECRET}").status_code == 500
    # runserver's request line goes through the same handler.
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET /search/?q={SECRET} HTTP/1.1", "200", "1234"
    )
    output = crawl.log_text + log_output.getvalue()
    assert output, "nothing was logged"
    assert SECRET not in output
    for name in submitted_names - {""}:
        assert f"?{name}=" not in output and f"&{name}=" not in output, name
    lines = log_lines(log_output)
    assert any(line["message"] == "Not Found: /no-such-page/" for line in lines)
    assert any('"GET /search/ HTTP/1.1"' in line["message"] for line in lines)


@pytest.mark.django_db
def test_each_error_is_logged_once_with_traceback_and_request_id(log_output):
    client = Client(raise_request_exception=False)
    with mock.patch("plikt.models.HomePage.get_context", side_effect=RuntimeError("boom")):
        response = client.get("/", headers={"X-Request-ID": "trace-0001-abcd"})
    assert response.status_code == 500
    errors = [line for line in log_lines(log_output) if line["level"] == "ERROR"]
    assert len(errors) == 1, errors
    assert errors[0]["request_id"] == "trace-0001-abcd"
    assert errors[0]["status"] == 500
    assert "RuntimeError: boom" in errors[0]["traceback"]
    assert errors[0]["message"] == "Internal Server Error: /"


def test_logs_name_no_client_address_or_user_agent(client, db, log_output):
    client.get("/missing/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="SecretBrowser/1.0")
    output = log_output.getvalue()
    assert "Not Found: /missing/" in output
    assert "203.0.113.77" not in output and "SecretBrowser" not in output


def test_strip_query_keeps_paths_and_cuts_queries():
    from plikt.logging import strip_query

    assert strip_query("GET /en/search/?q=vold&page=2 HTTP/1.1") == "GET /en/search/ HTTP/1.1"
    assert strip_query("Not Found: /a/b/") == "Not Found: /a/b/"
    assert strip_query("see https://x.example/p?a=1, ok") == "see https://x.example/p ok"


def test_gunicorn_access_lines_are_json_without_query_or_address():
    """gunicorn's own access-log record, formatted as the production config does."""
    script = f"""
import logging, datetime, types
from gunicorn.config import Config
from gunicorn.glogging import Logger
from plikt.logging import JsonFormatter
cfg = Config(); cfg.set("accesslog", "-")
log = Logger(cfg)
handler = logging.StreamHandler(__import__("sys").stdout)
handler.setFormatter(JsonFormatter())
log.access_log.handlers = [handler]
resp = types.SimpleNamespace(status="200 OK", sent=512, headers=[("X-Request-ID", "rid-12345678")])
environ = {{"REQUEST_METHOD": "GET", "RAW_URI": "/search/?q={SECRET}", "PATH_INFO": "/search/",
           "QUERY_STRING": "q={SECRET}", "SERVER_PROTOCOL": "HTTP/1.1",
           "REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "UA/1"}}
log.access(resp, [("USER-AGENT", "UA/1")], environ, datetime.timedelta(milliseconds=42))
"""
    result = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["path"] == "/search/"
    assert line["status"] == 200
    assert line["request_id"] == "rid-12345678"
    assert SECRET not in result.stdout and "203.0.113.9" not in result.stdout
