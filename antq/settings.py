"""Settings for ANTQ Festival, read from environment variables (see the README's table)."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from antq.object_storage import object_storage_config, object_storage_origins, object_storages

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# Only good enough for `make run` on a laptop; refused outside DEBUG.
DEVELOPMENT_SECRET_KEY = "antq-development-only-secret-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])


def check_production_settings(*, debug, secret_key, allowed_hosts):
    """Refuse to start a production (non-DEBUG) process with an insecure configuration."""
    if debug:
        return
    if (
        not secret_key
        or secret_key == DEVELOPMENT_SECRET_KEY
        or secret_key.startswith("django-insecure")
        or len(secret_key) < 32
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off."
        )
    if not allowed_hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must list the site's host names when DEBUG is off."
        )


check_production_settings(debug=DEBUG, secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "axes",
    "csp",
    # The kernel, the domain apps in their declared order, the interfaces, the demo.
    "core",
    "units",
    "accounts",
    "movements",
    "attendees",
    "notifications",
    "events",
    "awards",
    "stats",
    "portal",
    "staff",
    "demo",
]

MIDDLEWARE = [
    # First: the request id and the metrics cover everything below them.
    "core.logs.RequestIdMiddleware",
    "core.metrics.MetricsMiddleware",
    "core.health.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.replicas.ReplicaRoutingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "antq.urls"
WSGI_APPLICATION = "antq.wsgi.application"
ASGI_APPLICATION = "antq.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

# Widgets may use the project's templates (e.g. the unit picker).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: an embedded SQLite file by default (for `make run`), PostgreSQL in production.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'antq.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True


def database_pool_options(database):
    """psycopg 3 with Django's own connection pool, and timeouts short enough that a request
    fails fast while the database is away (see the README's "Database loss")."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    # When the database goes away, a request waits at most DATABASE_POOL_TIMEOUT for a
    # connection and then gets the error page (503 on /healthz/ready). The backend checks every
    # connection as it leaves the pool (core.postgresql: Django's CONN_HEALTH_CHECKS would have
    # the pool pause between dead connections), so that once the database is back the
    # connections it dropped are replaced, not handed to a request.
    database["ENGINE"] = "core.postgresql"
    database["CONN_HEALTH_CHECKS"] = False
    database.setdefault("OPTIONS", {})
    database["OPTIONS"]["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=2)
    # Set on every connection, so that it holds on a server whose configuration we do not own
    # (a managed database, the machine's default PostgreSQL under `make bench`): PostgreSQL's JIT
    # compiled the decision list's and the search's queries for 0.1-3.8 s, longer than running
    # them. Empty for a connection pooler that refuses startup options.
    session_options = env.str("DATABASE_SESSION_OPTIONS", default="-c jit=off")
    if session_options:
        database["OPTIONS"]["options"] = session_options
    database["OPTIONS"]["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=2),
        # How long the pool retries a connection it lost (1 s, then 2 s apart) before it stops
        # and lets the next request start again at once: short, so that the first request once
        # the database is back does not wait for a retry scheduled during the outage.
        "reconnect_timeout": env.float("DATABASE_POOL_RECONNECT_TIMEOUT", default=2),
    }


database_pool_options(DATABASES["default"])
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(exist_ok=True)

# Read replicas (core.replicas): the reads of public pages by anonymous visitors go to one of
# them; writes, staff pages and a visitor's reads in the DATABASE_REPLICA_PIN_SECONDS after
# they wrote go to the primary. Replicas are read-only copies (PostgreSQL streaming
# replication, deploy/README.md), so they are never migrated.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    _replica = environ.Env.db_url_config(_url)
    _replica["ATOMIC_REQUESTS"] = False
    # Under tests a replica is the test database itself.
    _replica["TEST"] = {"MIRROR": "default"}
    database_pool_options(_replica)
    DATABASES[f"replica_{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_number}")
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=10)
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work on Celery (antq/celery.py, core.tasks): the broker is CELERY_BROKER_URL, by
# default REDIS_URL (RabbitMQ works too: amqp://…). With no broker (`make run`, the tests) tasks
# run eagerly, in the process that sends them. Tasks are acknowledged once done, so a task of a
# worker that dies is given to another; what a user sees of a task is its core.Job row, so no
# result backend is needed.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task lost with its worker is given again after this long (Redis: the visibility timeout);
# longer than the longest task (a national export).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Periodic jobs, sent by the one `celery -A antq beat` of the installation (deploy/systemd).
CELERY_BEAT_SCHEDULE = {
    "awards-purge-staged-imports": {
        "task": "awards.staged_imports_purge",
        "schedule": 15 * 60,
    },
    "core-purge-finished-jobs": {"task": "core.jobs_purge", "schedule": 6 * 3600},
}
# Award exports of more awards than this, and award imports of more rows, are background jobs
# (awards.exports, awards.imports): the user follows them on a page that shows their progress
# and, for an export, offers the file when it is ready. Smaller ones are answered at once.
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=5000)
IMPORT_SYNC_MAX_ROWS = env.int("IMPORT_SYNC_MAX_ROWS", default=1000)
# How long browsers and shared caches may keep the public feed and calendars (Cache-Control);
# a reader asking again gets a 304 while nothing changed (core.conditional). Also the longest the
# app keeps a public page for visitors without a session, under versioned keys that any change
# to what the page shows leaves behind (core.pagecache). 0: neither.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.AdministratorRoleBackend",
    "accounts.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "manage:dashboard"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: lock a username and address pair after repeated failures, and an address
# alone (one machine trying many usernames) after more (accounts.throttling).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "accounts.throttling.LoginThrottleHandler"
AXES_LOCKOUT_CALLABLE = "portal.views.accounts.login_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# locale/vendor: Vietnamese for packages that ship none (see its header); makemessages leaves it.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "vendor"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Private files (documents, decision PDFs, staged imports, private photos): outside MEDIA_ROOT,
# served only by the permission-checked file view (core.storage, portal.views.files).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
# Behind nginx: the internal location that serves PRIVATE_MEDIA_ROOT (deploy/nginx.conf); empty,
# Django streams private files itself.
PRIVATE_MEDIA_ACCEL_PREFIX = env.str("PRIVATE_MEDIA_ACCEL_PREFIX", default="")
STORAGES = {
    "default": {"BACKEND": "core.storage.SplitStorage"},
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Object storage (antq/object_storage.py): with STORAGE_URL or AWS_STORAGE_BUCKET_NAME, public and
# private files go to an S3-compatible bucket instead (MinIO, Ceph, AWS): public renditions by
# URL, private files by URLs signed for STORAGE_PRIVATE_URL_SECONDS after the permission check.
STORAGE_PRIVATE_URL_SECONDS = env.int("STORAGE_PRIVATE_URL_SECONDS", default=60)
OBJECT_STORAGE = object_storage_config(
    url=env.str("STORAGE_URL", default=""),
    bucket=env.str("AWS_STORAGE_BUCKET_NAME", default=""),
    endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default=""),
    region=env.str("AWS_S3_REGION_NAME", default=""),
    access_key=env.str("AWS_ACCESS_KEY_ID", default=""),
    secret_key=env.str("AWS_SECRET_ACCESS_KEY", default=""),
)
if OBJECT_STORAGE:
    STORAGES.update(
        object_storages(OBJECT_STORAGE, private_url_seconds=STORAGE_PRIVATE_URL_SECONDS)
    )

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="antq@localhost")
# The site's address as its users reach it, for the links in mail (no request to take it from).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Uploaded photos: checked by content, size and pixel count before anything is decoded. A photo
# of 40 megapixels holds 160 MB of pixels once decoded (core.images bounds what one photo costs).
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_MB", default=20) * 1024 * 1024
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_MEGAPIXELS", default=40) * 1_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# A strict Content-Security-Policy: no inline scripts or styles, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Photos come from the bucket when media are on object storage.
        "img-src": ["'self'", "data:", *object_storage_origins(OBJECT_STORAGE)],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
# HTTPS only in production: plain HTTP is redirected (the proxy says which scheme the client used,
# SECURE_PROXY_SSL_HEADER), except /healthz for load balancers, and browsers are told to use
# HTTPS for a year (HSTS), subdomains included. Lower SECURE_HSTS_SECONDS while trying HTTPS out:
# a browser remembers it for as long as it says.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Readiness (/healthz/ready, core.health): every database, then these services, each given at
# most READINESS_TIMEOUT seconds. Other modules add theirs here (name: dotted path of a function
# that raises when its service does not answer).
READINESS_TIMEOUT = env.float("READINESS_TIMEOUT", default=2)
READINESS_CHECKS = {"storage": "core.health.storage_ping", "broker": "core.health.broker_ping"}
if REDIS_URL:
    READINESS_CHECKS["redis"] = "core.health.redis_ping"

# Prometheus metrics at /metrics (core.metrics): for these networks, or with
# "Authorization: Bearer <METRICS_TOKEN>"; a 404 for anyone else.
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128"])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# Logs on standard error, each line with the request's id (core.logs); LOG_FORMAT=json writes one
# JSON object per line for a log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
