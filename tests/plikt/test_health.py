"""/healthz (can this container serve readers?) and /readyz (can it take every request?).

The database or the cache is made to fail here; tests/plikt/test_outages.py stops real
servers."""

from unittest import mock

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db

DATABASE_DOWN = mock.patch(
    "django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")
)
CACHE_DOWN = mock.patch("plikt.views.cache_answers", return_value=False)


def test_both_answer_200_with_each_part_reported_when_all_is_well(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "database": "ok", "cache": "ok"}


def test_without_the_database_cached_pages_still_serve_readers_but_nothing_else(client, settings):
    settings.PLIKT_PAGE_CACHE_SECONDS = 300
    with DATABASE_DOWN:
        health, ready = client.get("/healthz"), client.get("/readyz")
    # A balancer keeps this container for readers (its cached pages) ...
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "down", "cache": "ok"}
    # ... and knows it cannot take searches, forms, the API or the admin.
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "down", "cache": "ok"}


def test_without_the_database_and_with_no_page_cache_nobody_can_be_served(client, settings):
    settings.PLIKT_PAGE_CACHE_SECONDS = 0
    with DATABASE_DOWN:
        assert client.get("/healthz").status_code == 503


def test_without_database_and_cache_both_say_unavailable(client, settings):
    settings.PLIKT_PAGE_CACHE_SECONDS = 300
    with DATABASE_DOWN, CACHE_DOWN:
        health, ready = client.get("/healthz"), client.get("/readyz")
    assert (health.status_code, ready.status_code) == (503, 503)
    assert health.json() == {"status": "unavailable", "database": "down", "cache": "down"}


def test_without_the_cache_every_request_still_works_so_the_container_is_ready(client):
    with CACHE_DOWN:
        health, ready = client.get("/healthz"), client.get("/readyz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "down"}
    assert ready.status_code == 200


def test_probes_by_ip_address_skip_host_validation(client):
    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.7").status_code == 200
