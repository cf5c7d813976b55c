"""Security headers, security.txt, deploy checks and the hardened admin login."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.plikt.public_urls import crawl_once

ROOT = settings.BASE_DIR
PUBLIC_SAMPLE = ["/", "/en/", "/se/", "/sma/", "/smj/", "/no-such-page/", "/en/no-such-page/"]


def csp_directives(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL", "AWS_", "DATABASE_URL"))
    }
    env.update(extra)
    return env


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_SAMPLE)
def test_public_responses_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = csp_directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy.get(directive, [])
        assert "'unsafe-eval'" not in policy.get(directive, [])
    # Nothing is loaded from another origin (only data: images, for CSS masks).
    every_source = {source for values in policy.values() for source in values}
    assert every_source <= {"'self'", "'none'", "data:"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_SAMPLE)
def test_public_responses_carry_the_other_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = dict(
        item.strip().split("=", 1) for item in response.headers["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert permissions[feature] == "()", feature


@pytest.mark.django_db
def test_hsts_is_sent_for_a_year_with_subdomains_behind_the_tls_proxy(client):
    behind_proxy = client.get("/", headers={"X-Forwarded-Proto": "https"})
    hsts = behind_proxy.headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains"
    direct_https = client.get("/", secure=True)
    assert "max-age=31536000" in direct_https.headers["Strict-Transport-Security"]
    # Browsers ignore HSTS over plain HTTP; Django rightly leaves it out there.
    assert "Strict-Transport-Security" not in client.get("/")


@pytest.mark.django_db
def test_the_admin_has_its_own_looser_policy_that_still_forbids_framing_by_others(client):
    policy = csp_directives(client.get("/admin/login/").headers["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    # ... and the admin's looseness does not leak to the public pages.
    assert "'unsafe-inline'" not in client.get("/").headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_public_pages_contain_no_inline_code_the_policy_would_block():
    """Inline <script>/<style> and style="" would be blocked by the CSP (and nonces would break
    full-page caching). JSON-LD is a data block that browsers never execute: allowed."""
    crawl = crawl_once()
    pages = crawl.pages()
    assert pages
    for url, response in pages:
        assert response.status_code == 200, url
        soup = crawl.soup(url)
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue
            assert script.get("src"), f"inline <script> on {url}"
        assert not soup.find_all("style"), f"<style> element on {url}"
        styled = soup.find_all(style=True)
        assert not styled, f'style="" on {url}: {styled[0]!s:.120}'
        on_handlers = [
            (tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs
            if attr.startswith("on")
        ]  # fmt: skip
        assert not on_handlers, f"inline event handler on {url}: {on_handlers}"


@pytest.mark.django_db
def test_security_txt_names_a_contact_and_expires_within_a_year(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith(("mailto:", "https://"))
    expires = datetime.fromisoformat(fields["Expires"])
    now = datetime.now(UTC)
    assert now + timedelta(days=30) < expires < now + timedelta(days=365)


def test_deploy_check_reports_nothing_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(
            DJANGO_SECRET_KEY="a-long-random-production-key-" + "x9Q2" * 12,
            DJANGO_ALLOWED_HOSTS="plikt.example",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import plikt.settings"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_request_id_is_kept_when_valid_and_made_when_missing_or_hostile(client):
    kept = client.get("/healthz", headers={"X-Request-ID": "req-1234abcd"})
    assert kept["X-Request-ID"] == "req-1234abcd"
    made = client.get("/", headers={"X-Request-ID": 'evil"\n{"level":"ERROR"}'})
    assert made["X-Request-ID"] != 'evil"\n{"level":"ERROR"}'
    assert len(made["X-Request-ID"]) == 32
    assert client.get("/")["X-Request-ID"] != made["X-Request-ID"]


def test_passwords_need_at_least_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Fj0rd-kvist")  # 11
    validate_password("Fj0rd-kvist!")  # 12: accepted


# --- Admin login throttling (django-axes) -------------------------------------------------

PASSWORD = "a-very-long-correct-horse-password"


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user(
        "redaktor", "redaktor@example.com", PASSWORD, is_staff=True, is_superuser=True
    )


def login(client, username, password, ip="203.0.113.7"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_correct_password_signs_an_editor_in(client, editor):
    response = login(client, "redaktor", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def failures(client, count, username="redaktor", ip="203.0.113.7"):
    for _ in range(count):
        assert login(client, username, "wrong-password", ip=ip).status_code in (200, 429)


def test_login_locks_after_repeated_failures_and_says_when_to_try_again(client, editor):
    failures(client, settings.AXES_FAILURE_LIMIT)
    before = datetime.now(UTC)
    locked = login(client, "redaktor", PASSWORD)
    assert locked.status_code == 429  # even with the right password
    assert "_auth_user_id" not in client.session
    after = datetime.now(UTC)
    text = " ".join(locked.content.decode().split())
    with translation.override("nb"):  # the lockout page is in the site's default language
        assert translation.gettext("Login temporarily locked") in text
        wording = translation.gettext(
            "You can try again at %(time)s, in %(minutes)s minutes. Signing in will not work "
            "before then, even with the right password."
        )
    times = {  # the clock may pass a minute during the request
        timezone.localtime(moment + settings.AXES_COOLOFF_TIME).strftime("%H:%M")
        for moment in (before, after)
    }
    assert any(wording % {"time": time, "minutes": 30} in text for time in times), text


def test_a_stranger_elsewhere_cannot_lock_an_editor_out(client, editor):
    for number in range(settings.AXES_FAILURE_LIMIT * 2):
        login(client, "redaktor", "wrong-password", ip=f"198.51.100.{number + 1}")
    assert login(client, "redaktor", PASSWORD, ip="192.0.2.200").status_code == 302


def test_one_persons_typos_do_not_lock_colleagues_behind_the_same_address(
    client, editor, django_user_model
):
    office = "198.51.100.9"
    django_user_model.objects.create_user("kollega", "k@example.com", PASSWORD, is_staff=True)
    failures(client, settings.AXES_FAILURE_LIMIT, username="kollega", ip=office)
    assert login(client, "kollega", PASSWORD, ip=office).status_code == 429
    assert login(client, "redaktor", PASSWORD, ip=office).status_code == 302


def test_password_spraying_from_one_address_is_stopped_by_the_higher_address_limit(client, editor):
    sprayer = "198.51.100.66"
    limit = settings.PLIKT_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for number in range(limit - 1):  # one guess per username, never five for one
        login(client, f"bruker{number}", "Sommer2026!", ip=sprayer)
    assert login(client, "redaktor", PASSWORD, ip=sprayer).status_code == 302
    client.logout()
    login(client, "bruker-siste", "Sommer2026!", ip=sprayer)  # the limit-th failure
    assert login(client, "redaktor", PASSWORD, ip=sprayer).status_code == 429
    # Nobody else is affected.
    assert login(client, "redaktor", PASSWORD, ip="192.0.2.10").status_code == 302


def test_lock_expires_after_the_cool_off(client, editor):
    from axes.models import AccessAttempt

    failures(client, settings.AXES_FAILURE_LIMIT)
    assert login(client, "redaktor", PASSWORD).status_code == 429
    past = datetime.now(UTC) - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert login(client, "redaktor", PASSWORD).status_code == 302


def test_client_address_behind_trusted_proxies_is_taken_from_x_forwarded_for(rf, settings):
    from plikt.middleware import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5", REMOTE_ADDR="10.0.0.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1  # one proxy appended the address it saw; 6.6.6.6 is forged
    assert client_ip(request) == "203.0.113.5"


def test_editor_sessions_end_at_browser_close_and_after_eight_idle_hours(client, editor):
    login(client, "redaktor", PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 8 * 60 * 60
    # Activity keeps the session alive: each admin request saves it again.
    from django.contrib.sessions.models import Session

    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=datetime.now(UTC) + timedelta(minutes=5))
    client.get("/admin/")
    renewed = Session.objects.get(pk=key).expire_date
    assert renewed > datetime.now(UTC) + timedelta(hours=7)


def test_admin_previews_can_be_framed_by_the_admin_itself(admin_client, home):
    """A preview renders the page as a request for its public URL; the public policy's
    frame-ancestors 'none' must not come along, or the preview panel's iframe stays blank."""
    response = admin_client.get(f"/admin/pages/{home.pk}/view_draft/")
    assert response.status_code == 200
    policy = csp_directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert response.headers["Content-Security-Policy"].count("default-src") == 1
