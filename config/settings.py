"""Settings for the Norway welfare guide, driven by environment variables.

Every setting that differs between a laptop and production is read from the
environment through the small helpers below. They fail loudly on values they
do not understand, so a typo in a deployment stops start-up instead of quietly
running with an unsafe default. The README lists every variable.
"""

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import jquery_ui

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    if raw.strip() not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return raw.strip()


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def stop(message: str) -> NoReturn:
    """Stop start-up with one readable line instead of a traceback."""
    sys.stderr.write(f"Configuration error: {message}\n")
    raise SystemExit(1)


DEBUG = env_bool("DJANGO_DEBUG", False)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-for-local-use-only"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    stop("set DJANGO_SECRET_KEY to a long random value (or DJANGO_DEBUG=true on your own machine).")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # modeltranslation must come before admin so its admin classes take over.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",  # also for its Norwegian country names
    "django_htmx",
    "simple_history",
    "axes",
    # Content apps depend one way: content <- agreements <- guidance. Named by
    # their configs, since each apps.py also sees the ContentAppConfig base.
    "content.apps.ContentConfig",
    "agreements.apps.AgreementsConfig",
    "guidance.apps.GuidanceConfig",
    "about.apps.AboutConfig",
    "feedback.apps.FeedbackConfig",  # not a content app: a report must not empty the page cache
    "linkcheck.apps.LinkcheckConfig",  # nor is this: a link check's result is not content
]

MIDDLEWARE = [
    # The header-setting middleware comes first so that every response gets the
    # headers: static files, redirects that inner middleware builds, and the
    # https redirect SecurityMiddleware answers itself.
    "config.middleware.site_headers",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.refuse_too_many_fields",
    # 304 for a page the browser or a shared cache already has (by ETag).
    "django.middleware.http.ConditionalGetMiddleware",
    # Approved changes and expiries whose time has come are published before
    # the page cache is asked, so it never serves a page from before them
    # (content/scheduling.py); staff's ?preview=<id> is answered here too.
    "content.scheduling.ScheduledPublishingMiddleware",
    # Public pages come from the cache before any other work is done; they
    # are kept compressed and uncompressed, as asked for.
    "config.page_cache.AnonymousPageCacheMiddleware",
    "config.middleware.PublicPageGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VisitorLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so a locked-out login attempt never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.languages",
                "config.context_processors.content_version_for_fragments",
            ],
            # Admin's index reads every app (guides, link checks, visitors'
            # feedback), so its tags live in config, the layer above them all.
            "libraries": {"editor_attention": "config.editor_attention"},
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise,
# for example postgres://user:password@host:5432/name.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
DATABASES: dict[str, Mapping[str, Any]]
if DATABASE_URL:
    try:
        DATABASES = {
            "default": dj_database_url.parse(
                DATABASE_URL,
                conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
                conn_health_checks=True,
            )
        }
    except ValueError as error:
        stop(f"DATABASE_URL is not a database address Django understands ({error}).")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            # Opening the file and setting it up again for every request
            # costs more than many a page's queries.
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: one process needs nothing more than local memory. Several processes
# or hosts must share one cache, or an editor's change would show in some of
# them only: set REDIS_URL. Redis failing never fails a page
# (config/shared_cache.py); the short timeouts keep a hung Redis from
# holding pages up. Give Redis a memory limit and allkeys-lru (deploy/redis/redis.conf).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.shared_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "guide"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "guide",
            # Room for every page in both languages and many checklist results.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long a shared cache (nginx, a CDN) may keep a public page: an editor's
# change reaches every visitor within this many seconds (half again while the
# cache refreshes it). 0: shared caches keep nothing.
SHARED_CACHE_SECONDS = env_int("DJANGO_SHARED_CACHE_SECONDS", 60)

# Whether a publisher may approve a draft they wrote or last edited
# (content/workflow.py): "never", "always", or "when-only-publisher" (only
# while no other active publisher could approve it).
CONTENT_ALLOW_SELF_APPROVAL = env_choice(
    "DJANGO_CONTENT_ALLOW_SELF_APPROVAL",
    "when-only-publisher",
    ("never", "always", "when-only-publisher"),
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Where a login lands when its `next` is missing or refused as unsafe.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Languages: English first (the fallback), then Norwegian bokmål.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nb", _("Norwegian bokmål"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# Static files: hashed names, compressed, served by whitenoise with far-future
# cache headers. jQuery UI for the translation tabs in admin is served from
# here too, so admin makes no request to another origin.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/jquery-ui", jquery_ui.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Security. The policy allows nothing but this site's own files: no inline
# script or style anywhere, so pages need no nonce and stay cacheable.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), "
    "browsing-topics=()"
)

# Behind a TLS-terminating proxy in production. Turn the redirect off only
# where something in front already redirects, or for local load tests.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe the health check over plain http on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Admin logins: lock a user name at one address out after repeated failures,
# and an address after many failures across user names (password spraying).
# Failures are counted per client address, read behind DJANGO_PROXY_COUNT
# proxies (config/login_lockout.py); nobody elsewhere can lock an editor out.
# `make unlock` lifts every lock.
AXES_HANDLER = "config.login_lockout.UserAndAddressHandler"
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_ADDRESS_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"


def client_address_settings(proxy_count: int) -> tuple[tuple[str, ...], int | None]:
    """Where django-ipware finds the client's address behind `proxy_count` proxies.

    The proxy nearest the site is REMOTE_ADDR; each proxy appends the address
    it was reached from to X-Forwarded-For, so the client is the last entry
    but proxy_count - 1, whatever a client wrote in the header itself.
    django-ipware counts the entries after the client.
    """
    if proxy_count == 0:
        return ("REMOTE_ADDR",), None
    return ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), proxy_count - 1


PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    stop("DJANGO_PROXY_COUNT must be 0 or more.")
AXES_IPWARE_META_PRECEDENCE_ORDER, AXES_IPWARE_PROXY_COUNT = client_address_settings(PROXY_COUNT)
# Junk a client puts in front of the chain must not make ipware give up on it:
# the client would then be counted as the proxy, together with everyone else.
IPWARE_STRICT = False

# History: who changed what, shown in admin and revertible.
SIMPLE_HISTORY_REVERT_DISABLED = False
# A change reason names the countries added to or removed from an agreement,
# which can be many (the EEA agreement has 36): a text field, not 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs every 4xx with its full URL; the checklist's answers are
        # in the URL and must not end up in application logs.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
