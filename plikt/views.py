"""Views outside the page tree: the health and readiness answers for load balancers.

``/healthz``: can this container serve readers? Yes while the database answers, and also
while only the cache does, since pages in the page cache are served without the database
(plikt/cache.py). 503 only when neither is there. A balancer that drops containers on this
answer drops only those that can serve nobody: during a database outage every container
still serves its cached pages.

``/readyz``: can this container take every kind of request (search, forms, the API, the
admin)? Yes while the database answers. The cache is reported but not required: an
unreachable cache is a miss (plikt/cache_backends.py), so every request still works, only
more slowly.

Both report the database and the cache separately in their body, and both answer before
host validation (plikt.middleware.HealthCheckMiddleware), so probes may use an IP address.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from plikt import cache


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def cache_answers() -> bool:
    backend = caches[cache.CACHE_ALIAS]
    available = getattr(backend, "available", None)  # plikt.cache_backends' backends
    return available() if available else True  # LocMem (the tests) is always there


def _checks() -> dict:
    return {
        "database": "ok" if database_answers() else "down",
        "cache": "ok" if cache_answers() else "down",
    }


@never_cache
@require_safe
def healthz(request):
    """200 while this container can serve readers (database, or cached pages); else 503."""
    checks = _checks()
    database, cached_pages = checks["database"] == "ok", checks["cache"] == "ok"
    if database and cached_pages:
        status = "ok"
    elif database or (cached_pages and settings.PLIKT_PAGE_CACHE_SECONDS > 0):
        status = "degraded"  # serving, with less: say which part is missing
    else:
        status = "unavailable"
    return JsonResponse(
        {"status": status, **checks}, status=503 if status == "unavailable" else 200
    )


@never_cache
@require_safe
def readyz(request):
    """200 while this container can take every kind of request (the database answers)."""
    checks = _checks()
    ready = checks["database"] == "ok"
    body = {"status": "ready" if ready else "unavailable", **checks}
    return JsonResponse(body, status=200 if ready else 503)
