"""Nothing lives in one app process: the cache, sessions, login throttling and media are
shared by every gunicorn worker and container (README "Running at scale")."""

import json
import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

SHOW_SETTINGS = """
import json, plikt.settings as s
print(json.dumps({"caches": s.CACHES, "storages": s.STORAGES, "csp": s.SECURE_CSP,
                  "sessions": getattr(s, "SESSION_ENGINE", "django.contrib.sessions.backends.db")},
                 default=str))
"""


def production_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REDIS_URL", "AWS_", "DATABASE_URL"))
    }
    clean.update(DJANGO_SECRET_KEY="scale-test-" + "s" * 40, **env)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_production_cache_is_shared_database_cache_by_default_and_redis_when_configured():
    default = production_settings()["caches"]["default"]
    assert default["BACKEND"] == "plikt.cache_backends.DatabaseCache"
    redis = production_settings(REDIS_URL="redis://cache.internal:6379/0")["caches"]["default"]
    # Django's RedisCache, for which an unreachable Redis is a miss (plikt/cache_backends.py).
    assert redis["BACKEND"] == "plikt.cache_backends.RedisCache"
    assert redis["LOCATION"] == "redis://cache.internal:6379/0"
    # Development shares it too: `make run`'s server and the commands run beside it
    # (clear_page_cache, import_translations --publish, the scheduler) are separate processes.
    debug = production_settings(DJANGO_DEBUG="1")["caches"]["default"]
    assert debug["BACKEND"] == "plikt.cache_backends.DatabaseCache"


def test_sessions_and_login_throttling_are_kept_in_the_database():
    assert production_settings()["sessions"] == "django.contrib.sessions.backends.db"
    from axes.handlers.database import AxesDatabaseHandler
    from django.utils.module_loading import import_string

    assert issubclass(import_string(settings.AXES_HANDLER), AxesDatabaseHandler)


def test_media_goes_to_s3_when_a_bucket_is_configured_and_the_csp_allows_it():
    shown = production_settings(
        AWS_STORAGE_BUCKET_NAME="plikt-media", AWS_S3_CUSTOM_DOMAIN="media.plikt.example"
    )
    media = shown["storages"]["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "plikt-media"
    assert "https://media.plikt.example" in shown["csp"]["img-src"]

    from storages.backends.s3 import S3Storage

    storage = S3Storage(**media["OPTIONS"])  # no network needed to build URLs
    url = storage.url("original_images/kart.png")
    assert url == "https://media.plikt.example/original_images/kart.png"
    # Without a bucket: files on this disk (mounted shared storage in a cluster).
    plain = production_settings()["storages"]["default"]
    assert plain["BACKEND"] == "django.core.files.storage.FileSystemStorage"


@pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_two_processes_share_values_through_redis():
    from django.core.cache.backends.redis import RedisCache

    worker_a = RedisCache(REDIS_URL, {"KEY_PREFIX": "plikt-test"})
    worker_b = RedisCache(REDIS_URL, {"KEY_PREFIX": "plikt-test"})
    key = f"site-root-paths-{uuid.uuid4().hex}"
    worker_a.set(key, ["/home/"], timeout=30)
    try:
        assert worker_b.get(key) == ["/home/"]
    finally:
        worker_b.delete(key)
    assert worker_a.get(key) is None


@pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_the_site_renders_with_the_redis_cache(client, db, settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"plikt-test-{uuid.uuid4().hex}",
        }
    }
    try:
        for url in ("/", "/en/", "/se/"):
            assert client.get(url).status_code == 200
    finally:
        caches["default"].clear()
