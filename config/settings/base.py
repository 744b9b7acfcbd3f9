"""Settings shared by every environment. Everything that differs between machines comes from the
environment (see .env.example); production.py tightens what a live service needs."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CME_VAR_DIR", "") or BASE_DIR / "var")
if not VAR_DIR.is_absolute():
    VAR_DIR = BASE_DIR / VAR_DIR

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "local-only-insecure-key-change-me-in-every-real-deployment")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default="localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SERVICE_NAME = "Children missing education"
COUNCIL_NAME = env_str("CME_COUNCIL_NAME", "Hertfordshire County Council")
# The council's three-digit DfE local authority number: the schools import keeps only its establishments.
CME_LA_CODE = env_str("CME_LA_CODE", "919")
# The establishment number the council's own Common Transfer Files carry as their source (docs/ctf.md).
CME_CTF_SOURCE_ESTAB = env_str("CME_CTF_SOURCE_ESTAB", "0000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "cme.core",
    "cme.demo",
    "cme.audit",
    "cme.areas",
    "cme.schools",
    "cme.organisations",
    "cme.calendars",
    "cme.policy",
    "cme.notifications",
    "cme.accounts",
    "cme.jobs",
    "cme.people",
    "cme.cases",
    "cme.matching",
    "cme.enquiries",
    "cme.letters",
    "cme.legal",
    "cme.casework",
    "cme.referrals",
    "cme.reporting",
    "cme.exports",
    "cme.returns",
    "cme.worklist",
    "cme.reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cme.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cme.accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "cme.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cme" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "cme.core.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'cme.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=0),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock at BEGIN so
    # two requests never deadlock upgrading a read lock; busy_timeout waits instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
        "PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cme.accounts.backends.RoleBackend",
    # A CME officer the manager authorised may issue legal notices (docs/legal-interventions.md).
    "cme.legal.backends.LegalAuthorisationBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "worklist:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: 30 minutes idle (the cookie is renewed on every request) and 12 hours absolute
# (enforced by SessionLimitsMiddleware from the login time kept in the session).
SESSION_COOKIE_AGE = env_int("CME_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CME_SESSION_ABSOLUTE_SECONDS = env_int("CME_SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)

# Two-factor authentication (TOTP). Production requires it for every account.
CME_REQUIRE_2FA = env_bool("CME_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = SERVICE_NAME

# Lockout after repeated failed logins (ASVS 2.2.1): per account and address.
AXES_FAILURE_LIMIT = env_int("CME_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CME_LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Links to set a new password one account may be sent in an hour (further requests send nothing).
CME_PASSWORD_RESETS_PER_HOUR = env_int("CME_PASSWORD_RESETS_PER_HOUR", default=3)
# The sign-in form's field is "username" (Django's AuthenticationForm); axes would otherwise look
# for USERNAME_FIELD ("email"), record every failure with no username and lock nobody out.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# One rule for the client's address everywhere (lockouts, public referral limits): cme.core.client.
CME_TRUSTED_PROXY_COUNT = env_int("CME_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "cme.core.client.client_address"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "cme" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ("gds",)
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.0.0"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "cme-no-reply@localhost")
# GOV.UK Notify (docs/notifications.md): used instead of EMAIL_BACKEND when NOTIFY_API_KEY is set.
# Each email cme sends has its own Notify template, made of ((subject)) and ((body)): NOTIFY_TEMPLATE_<KEY>.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_REPLY_TO_ID = env_str("NOTIFY_REPLY_TO_ID", "")
NOTIFY_TEMPLATE_IDS = {
    key: env_str(f"NOTIFY_TEMPLATE_{key.upper()}", "")
    for key in (
        "new_referral",
        "school_task",
        "referral_acknowledgement",
        "new_account",
        "password_reset",
        "daily_digest",
        "overdue_urgent",
        "escalation",
        "policy_review",
    )
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOG_LEVEL = env_str("CME_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cme.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "cme.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # The default request logger repeats the full URL; the access log below records paths only.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "cme.core.views.csrf_failure"

# Referrals (docs/referrals.md). Methods a school must have tried before it refers a child who did not
# arrive on the agreed start date (policy 4.5), and how many public referrals one address may send an hour.
CME_SCHOOL_REQUIRED_ATTEMPT_METHODS = env_list("CME_SCHOOL_REQUIRED_ATTEMPT_METHODS", default="phone,email,letter")
CME_PUBLIC_REFERRALS_PER_HOUR = env_int("CME_PUBLIC_REFERRALS_PER_HOUR", default=5)
# The address cme's own links in emails start with, e.g. https://cme.council.example
CME_SITE_URL = env_str("CME_SITE_URL", "http://127.0.0.1:8000")
CME_DEMO_DATA_ALLOWED = env_bool("CME_DEMO_DATA_ALLOWED", default=True)

# Files made by background jobs (large exports): outside the web root, shared by the web server and the
# worker, served only to the job's owner, and deleted after CME_JOB_FILE_DAYS (manage.py purge_job_files).
CME_JOB_STORAGE_DIR = env_str("CME_JOB_STORAGE_DIR", "") or str(VAR_DIR / "job-files")
CME_JOB_FILE_DAYS = env_int("CME_JOB_FILE_DAYS", default=7)
# Exports of more rows than this run as a background job with a progress page; smaller ones download at once.
CME_EXPORT_INLINE_ROWS = env_int("CME_EXPORT_INLINE_ROWS", default=2000)

# Letters and notices (docs/letters.md): the letterhead. The address is a comma-separated list of lines.
CME_LETTERS_TEAM_NAME = env_str("CME_LETTERS_TEAM_NAME", "Children Missing Education Team")
CME_LETTERS_ADDRESS = env_list("CME_LETTERS_ADDRESS", default="County Hall,Example Road,Hertford,SG13 0AA")
CME_LETTERS_PHONE = env_str("CME_LETTERS_PHONE", "01632 960000")
CME_LETTERS_EMAIL = env_str("CME_LETTERS_EMAIL", "cme.team@council.example")
