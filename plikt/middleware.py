"""Small middleware for what every response needs: a request id, the security headers
Django has no setting for (Permissions-Policy, and the Wagtail admin's own CSP), and the
Wagtail site, found without a query.

Django's SecurityMiddleware already sends HSTS, nosniff, Referrer-Policy and COOP, and
django.middleware.csp sends the public Content-Security-Policy; see plikt/settings.py.
"""

import re
import uuid

from django.conf import settings
from django.utils.csp import CSP

from plikt import routing
from plikt.logging import request_id_var
from plikt.views import healthz

# A caller's id is kept when it looks like one (a UUID, a CDN's trace id): short, plain
# characters, so it can neither forge log lines nor carry a payload.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


class RequestIdMiddleware:
    """Keep the X-Request-ID a proxy sent, or make one; log it and return it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class HealthCheckMiddleware:
    """Answer /healthz before anything looks at the Host header.

    Load balancers and Docker's HEALTHCHECK probe by IP address, which is rightly not in
    ALLOWED_HOSTS; the health view reveals nothing, so it may skip host validation.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
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
