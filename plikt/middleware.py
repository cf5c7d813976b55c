"""Small middleware for what every response needs: a request id, the security headers
Django has no setting for (Permissions-Policy, and the Wagtail admin's own CSP), and the
Wagtail site, found without a query.

Django's SecurityMiddleware already sends HSTS, nosniff, Referrer-Policy and COOP, and
django.middleware.csp sends the public Content-Security-Policy; see plikt/settings.py.
"""

import re

from django.conf import settings
from django.utils.csp import CSP

from plikt import routing
from plikt.logging import ENVIRON_KEY, begin_request
from plikt.views import healthz, readyz


class RequestIdMiddleware:
    """Return the request's id (kept from X-Request-ID or made, see plikt.logging) to the
    caller, and keep it on the request.

    The id itself is set on ``request_started`` and cleared on ``request_finished``, so every
    log line of the request carries it, including those Django writes after the middleware
    chain; a request built without the handler (RequestFactory) gets one here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.META.get(ENVIRON_KEY) or begin_request(request.META)
        request.request_id = request_id
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before anything looks at the Host header.

    Load balancers and Docker's HEALTHCHECK probe by IP address, which is rightly not in
    ALLOWED_HOSTS; the health views reveal nothing, so they may skip host validation.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = {"/healthz": healthz, "/readyz": readyz}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; the looser CSP for the Wagtail admin.

    It sits inside django.middleware.csp's middleware, which honours a policy that a view
    set on ``response._csp_config`` (what Django's ``csp_override`` decorator does), so the
    admin's many views need no decorating one by one.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix) and not hasattr(response, "_csp_config"):
            # Page previews render the page through the whole middleware stack as a request
            # for its public URL, which gave the response the public policy (frame-ancestors
            # 'none' would block the preview panel's iframe): the admin's policy replaces it.
            del response[CSP.HEADER_ENFORCE]
            response._csp_config = settings.ADMIN_CSP
        return response


class AdminFormsMiddleware:
    """What the admin needs to fail well when the database is unreachable (plikt/errors.py).

    - The editor's language: Wagtail keeps it in the editor's profile, a database row, so it
      is copied into Django's language cookie, for ``/admin/`` only (readers never get it),
      whenever a signed-in editor opens an admin page. The 503 page reads it from there.
    - The filled-in form after Back: Wagtail sends every admin page ``no-store``, and a
      browser reloads a ``no-store`` page from the server when Back returns to it; during an
      outage that is another 503, and the editor's text is gone. Admin forms (create and
      edit) are sent ``private, no-cache`` instead: a normal visit still asks the server every
      time, while Back shows the copy the browser kept, with what the editor typed in it.
    """

    form_path = re.compile(r"^/admin/(?:.+/)?(?:edit|add|create|copy)/(?:[^/]+/)*$")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/") or response.status_code >= 400:
            return response
        language = _editor_language(request)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=365 * 24 * 60 * 60,
                path="/admin/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        if (
            request.method == "GET"
            and response.status_code == 200
            and self.form_path.match(request.path)
            and "no-store" in response.get("Cache-Control", "")
        ):
            response["Cache-Control"] = "private, no-cache, must-revalidate, max-age=0"
        return response


def _editor_language(request) -> str | None:
    """The admin language of the signed-in editor of this request, if any.

    Wagtail's admin views read the editor's profile already (to activate that language), so
    asking again costs no query.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    profile = getattr(user, "wagtail_userprofile", None)
    return profile.get_preferred_language() if profile is not None else None


def client_ip(request):
    """The reader's address for django-axes, behind DJANGO_TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the
    entry that many places from the right; anything further left could be forged.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class SiteMiddleware:
    """Tell Wagtail the request's site before it looks for it with a query of its own.

    Wagtail keeps the site it finds on ``request._wagtail_site``; ``plikt.routing.find_site``
    finds the same site without asking the database on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = routing.find_site(request)
        return self.get_response(request)
