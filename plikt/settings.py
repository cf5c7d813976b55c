"""Settings for Plikt, safe for production by default.

Every environment variable is read once, in the block below, with its type and default.
Optional services (PostgreSQL, Redis) switch on only when their variable is set.
Development mode is DJANGO_DEBUG=1 (``make run`` sets it).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from plikt import languages

BASE_DIR = Path(__file__).resolve().parent.parent


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in _str(name, default).split(",") if item.strip()]


# --- Environment: the only place variables are read --------------------------------------
DEBUG = _bool("DJANGO_DEBUG", False)
SECRET_KEY = _str("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = _list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
DATABASE_URL = _str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
SECURE_SSL_REDIRECT = _bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
WAGTAILADMIN_BASE_URL = _str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
MEDIA_ROOT = Path(_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STATIC_ROOT = Path(_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Where "Exit this page" goes: a neutral, fast, everyday site (the weather).
QUICK_EXIT_URL = _str("QUICK_EXIT_URL", "https://www.yr.no/")
REDIS_URL = _str("REDIS_URL", "")  # set: shared Redis cache; empty: the database cache
AWS_STORAGE_BUCKET_NAME = _str("AWS_STORAGE_BUCKET_NAME", "")  # set: media on S3 (see README)
AWS_S3_ENDPOINT_URL = _str("AWS_S3_ENDPOINT_URL", "") or None  # S3-compatible (MinIO, ...)
AWS_S3_REGION_NAME = _str("AWS_S3_REGION_NAME", "") or None
AWS_S3_CUSTOM_DOMAIN = _str("AWS_S3_CUSTOM_DOMAIN", "") or None  # a CDN in front of the bucket
SECURITY_CONTACT = _str("DJANGO_SECURITY_CONTACT", "")  # security.txt; empty: security@<host>
HSTS_PRELOAD = _bool("DJANGO_HSTS_PRELOAD", False)  # opt in before submitting to hstspreload
TRUSTED_PROXY_COUNT = int(_str("DJANGO_TRUSTED_PROXY_COUNT", "0"))  # proxies adding XFF
LOG_FORMAT = _str("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")  # "json" or "text"
LOG_LEVEL = _str("DJANGO_LOG_LEVEL", "INFO")
PAGE_CACHE_SECONDS = int(_str("PLIKT_PAGE_CACHE_SECONDS", "600"))  # 0: no full-page cache
FRONTEND_CACHE_PURGE_URL = _str("FRONTEND_CACHE_PURGE_URL", "")  # HTTP PURGE (Varnish, ...)
FRONTEND_CACHE_CLOUDFRONT_ID = _str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID", "")
# ------------------------------------------------------------------------------------------

if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. On a server, run with the site's environment "
            "(README: Deploying); on your own machine, put DJANGO_DEBUG=1 before the command."
        )
    SECRET_KEY = "insecure-development-key-never-used-in-production"  # noqa: S105

INSTALLED_APPS = [
    # wagtail-modeltranslation must come before Wagtail to patch its models and commands.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "plikt",
    "offences",
    "guidance",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",  # the read-only catalogue API at /api/v2/ (offences/api.py)
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",  # Wagtail API v2 is built on Django REST framework
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # its sitemap.xml template, for plikt/sitemaps.py
    "django.contrib.postgres",  # Wagtail's search index needs it on PostgreSQL
    "axes",  # login throttling for the admin
]

MIDDLEWARE = [
    "plikt.middleware.RequestIdMiddleware",  # first: every log line of the request carries it
    "plikt.middleware.HealthCheckMiddleware",  # before Host validation: probes use an IP
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "plikt.middleware.SecurityHeadersMiddleware",  # inside CSP: picks the admin policy
    # Outside the page cache, like every security header: a cached page gets it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "plikt.cache.PageCacheMiddleware",  # anonymous pages from the cache; see plikt/cache.py
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "plikt.middleware.SiteMiddleware",  # after Host validation; see plikt/routing.py
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "plikt.middleware.AdminFormsMiddleware",  # the admin's language and forms, for outages
    "django.contrib.messages.middleware.MessageMiddleware",
    "plikt.redirects.RedirectMiddleware",  # Wagtail's, under language prefixes; ?lang=
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "plikt.urls"
WSGI_APPLICATION = "plikt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guidance.context_processors.quick_exit",
            ],
        },
    },
]

# Connections are kept for a minute, and tested before reuse (CONN_HEALTH_CHECKS): after a
# database restart every kept connection is dead, and without the check the first request
# of each worker would fail on it.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server (not a refused connection) fails in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ---------------------------------------------------------------------------
languages.install_lang_info()
LANGUAGE_CODE = languages.DEFAULT
LANGUAGES = [(language.code, language.name) for language in languages.ALL]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"

MODELTRANSLATION_DEFAULT_LANGUAGE = languages.DEFAULT
MODELTRANSLATION_LANGUAGES = languages.CODES
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": (languages.DEFAULT,)}
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True

# --- Static and media --------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ORIGIN = ""  # where images come from when not from this origin (for the CSP)
if AWS_STORAGE_BUCKET_NAME:
    # Shared media for many app containers: S3 or any S3-compatible store (django-storages).
    # Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a
    # role), so no secret passes through settings. Public-read objects, plain URLs: images
    # are public content and plain URLs let the CDN cache them.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": AWS_S3_REGION_NAME,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGIN = AWS_S3_ENDPOINT_URL.rstrip("/")
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"

# --- Cache -------------------------------------------------------------------------------
# wagtail-modeltranslation keeps site root paths in the cache, and axes/sessions must agree
# across processes: every process of the site (gunicorn workers, containers, and in
# development runserver and the commands run beside it, such as clear_page_cache,
# import_translations --publish and the scheduler) must share one cache, or a change made by
# one leaves the others serving stale pages. Redis when REDIS_URL is set; otherwise the
# database cache (`createcachetable`, run by `make migrate`, the Docker release step and CI),
# which needs no extra service, in development too.
# Both are Django's backends with one change (plikt/cache_backends.py): an unreachable cache
# is a miss, so readers get pages rendered from the database instead of errors; the short
# socket timeouts keep a silent network from holding every request.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "plikt.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "plikt.cache_backends.DatabaseCache",
            "LOCATION": "plikt_cache",
        }
    }

# Full-page cache for anonymous readers (plikt/cache.py), cleared on publish and snippet
# saves; a CDN in front is purged in every language when one of these is set.
PLIKT_PAGE_CACHE_SECONDS = PAGE_CACHE_SECONDS
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
elif FRONTEND_CACHE_CLOUDFRONT_ID:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": FRONTEND_CACHE_CLOUDFRONT_ID,
        }
    }

# --- Wagtail -----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Plikt"
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # ASCII addresses: the admin writes ø as o (plikt/slugs.py)
WAGTAIL_I18N_ENABLED = False  # languages are fields on one page tree (wagtail-modeltranslation)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILAPI_LIMIT_MAX = 100  # the whole offence catalogue (about 50) fits in one API page

# --- Security ----------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preload is a promise to the browsers' built-in list that is slow to undo: the operator opts
# in with DJANGO_HSTS_PRELOAD=1; until then the deploy check's reminder is silenced.
SECURE_HSTS_PRELOAD = HSTS_PRELOAD
SILENCED_SYSTEM_CHECKS = [] if HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": a reader who follows a link to a helpline or lovdata.no does not tell that
# site they came from a page about reporting crimes.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # the load balancer probes over plain HTTP
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy through Django's own middleware (django.middleware.csp). Public
# pages carry no inline script or style at all, so neither nonces (which would defeat
# full-page caching) nor 'unsafe-inline' are needed. JSON-LD (<script
# type="application/ld+json">) is a data block, not a script: browsers never execute it, so
# script-src does not apply to it. data: images are Designsystemet's CSS SVG masks.
_IMAGES = [CSP.SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": _IMAGES,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin renders inline scripts and styles and previews pages in a same-origin
# iframe; plikt.middleware.SecurityHeadersMiddleware gives /admin/ this looser policy.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [*_IMAGES, "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "worker-src": [CSP.SELF, "blob:"],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
# Features the site never uses, switched off for it and anything it might embed. Only names
# Chromium knows (it logs a console error for others such as the retired interest-cohort).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone",
        "midi", "payment", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    ]
)  # fmt: skip

# --- Admin accounts ----------------------------------------------------------------------
# django-axes (plikt/login_throttling.py): signing in stops for 30 minutes, even with the right
# password, after 5 failures for one username from one address, or 30 from one address for
# any usernames (password spraying). Nobody can lock out an editor from elsewhere, or an
# office by a few typos. The database handler shares the counts between all processes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "plikt.login_throttling.AxesHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = 5  # one username from one address
PLIKT_ADDRESS_FAILURE_LIMIT = 30  # one address, all usernames together
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "plikt.login_throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "plikt.middleware.client_ip"
# Editors' sessions end after 8 hours without a request and when the browser closes. Saving
# on every request only touches sessions that hold something (Django skips empty ones), so
# anonymous readers still get no cookie.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The admin's browser would otherwise call wagtail.io (update check) and gravatar.com.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Logging -----------------------------------------------------------------------------
# One line per record on stderr: JSON in production, text in development. Every record
# carries the request id; query strings are cut from every message (they hold search words
# and self-check answers). Each error is logged once, with its traceback, by django.request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "plikt.logging.RequestIdFilter"},
        "no_query": {"()": "plikt.logging.StripQueryStringFilter"},
    },
    "formatters": {
        "json": {"()": "plikt.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "no_query"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Replace Django's default handlers so nothing is printed twice.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        # What the scheduler published, and which process leads (plikt/scheduler.py).
        "plikt.scheduler": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
