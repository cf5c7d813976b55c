"""/.well-known/security.txt (RFC 9116): where to report a vulnerability.

Expires is computed per request, 180 days ahead: the file can never go stale in a deploy
that nobody touched, and the RFC asks for less than a year.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

VALID_FOR = timedelta(days=180)


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    contact = settings.SECURITY_CONTACT or f"mailto:security@{request.get_host().split(':')[0]}"
    expires = (datetime.now(UTC) + VALID_FOR).replace(microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: no, en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
