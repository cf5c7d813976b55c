"""Test settings: production settings with what tests must override, and nothing else."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-0123456789abcdef-not-secret")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# Full-page cache off: tests change content in ways no signal sees (tests/plikt/test_cache.py
# switches it on).
os.environ.setdefault("PLIKT_PAGE_CACHE_SECONDS", "0")

from plikt.settings import *  # noqa: E402,F403

# The manifest needs collectstatic, which a fresh clone has not run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Production uses Redis or the database cache; tests keep the per-process cache they had.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
