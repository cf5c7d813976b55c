"""Logs stay useful: every line of a request carries its id, including the lines Django writes
after the middleware has returned (4xx warnings, the /healthz 503), and an error is logged
once, with its traceback. Lines are captured as production writes them: through
plikt.logging's request-id filter and JSON formatter."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError

from plikt.logging import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def log_lines():
    handler = Lines()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler.lines
    root.removeHandler(handler)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "django.request"]


def test_a_4xx_warning_carries_the_request_id(client, log_lines):
    client.get("/en/no-such-page/", headers={"X-Request-ID": "req-404-abcdef12"})
    (line,) = request_lines(log_lines)
    assert (line["level"], line["status"], line["request_id"]) == (
        "WARNING",
        404,
        "req-404-abcdef12",
    )


def test_the_healthz_503_carries_the_request_id(client, settings, log_lines):
    settings.PLIKT_PAGE_CACHE_SECONDS = 0
    down = mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError
    )
    with down:
        client.get("/healthz", headers={"X-Request-ID": "probe-503-abcdef"})
    (line,) = request_lines(log_lines)
    assert (line["status"], line["request_id"]) == (503, "probe-503-abcdef")


def test_an_outage_error_is_logged_once_with_its_traceback(client, log_lines):
    client.raise_request_exception = False
    gone = OperationalError("server closed the connection unexpectedly")
    with mock.patch("plikt.routing.find_site", side_effect=gone):
        response = client.get("/en/who-has-the-duty/", headers={"X-Request-ID": "req-503-abcdef12"})
    assert response.status_code == 503
    (line,) = request_lines(log_lines)
    assert (line["level"], line["status"], line["request_id"]) == ("ERROR", 503, "req-503-abcdef12")
    assert "server closed the connection unexpectedly" in line["traceback"]


def test_lines_outside_a_request_say_so(log_lines, client):
    client.get("/")
    logging.getLogger("plikt").warning("between requests")
    assert log_lines[-1]["request_id"] == "-"
