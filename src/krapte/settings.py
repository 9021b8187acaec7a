"""Typed settings read from environment variables.

=====================  ============================================  ==========================================
Variable               Meaning                                       Default
=====================  ============================================  ==========================================
KRAPTE_DATA_DIR        where krapte keeps its database and caches    the user data directory (platformdirs)
KRAPTE_DATABASE_URL    SQLAlchemy URL of the store                   ``sqlite:///<data dir>/krapte.sqlite``
KRAPTE_CACHE_DIR       derived artefacts (indexes, embeddings)       ``<data dir>/cache``
KRAPTE_LANG            default language of labels and pages          ``nl``
KRAPTE_MAX_UPLOAD_MB   largest document accepted for extraction      ``20``
KRAPTE_HOST/PORT       where ``krapte serve`` listens                ``127.0.0.1`` / ``8000``
KRAPTE_REDIS_URL       run background jobs on Redis (RQ workers)     unset: a local worker pool in the server
KRAPTE_MAX_*           request, archive and work limits              see :mod:`krapte.limits`
=====================  ============================================  ==========================================

Sign-in settings (``KRAPTE_SESSION_*``, ``KRAPTE_LOGIN_*``, ``KRAPTE_COOKIE_SECURE``, ``KRAPTE_OIDC_*``) are read
into :class:`AuthSettings`; docs/security.md lists them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import platformdirs

from krapte.errors import ConfigError
from krapte.limits import Limits

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")


@dataclass(frozen=True)
class OidcSettings:
    """An OpenID Connect provider next to local accounts (e.g. a government identity broker)."""

    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str  # e.g. https://krapte.example.nl/auth/oidc/callback
    scopes: str = "openid profile email"
    default_role: str = "job_seeker"  # role of an account created at its first OIDC sign-in
    label: str = "DigiD / eHerkenning"


@dataclass(frozen=True)
class AuthSettings:
    session_idle_minutes: int = 60
    session_max_hours: int = 12
    login_max_failures: int = 5  # per account name and per client address, within the window
    login_window_minutes: int = 15
    cookie_secure: bool | None = None  # None: Secure when the request came over https
    oidc: OidcSettings | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AuthSettings:
        oidc = None
        if env.get("KRAPTE_OIDC_ISSUER"):
            missing = [
                n
                for n in ("KRAPTE_OIDC_CLIENT_ID", "KRAPTE_OIDC_CLIENT_SECRET", "KRAPTE_OIDC_REDIRECT_URI")
                if not env.get(n)
            ]
            if missing:
                raise ConfigError(f"KRAPTE_OIDC_ISSUER is set but {', '.join(missing)} not", hint="set all four")
            oidc = OidcSettings(
                issuer=env["KRAPTE_OIDC_ISSUER"].rstrip("/"),
                client_id=env["KRAPTE_OIDC_CLIENT_ID"],
                client_secret=env["KRAPTE_OIDC_CLIENT_SECRET"],
                redirect_uri=env["KRAPTE_OIDC_REDIRECT_URI"],
                scopes=env.get("KRAPTE_OIDC_SCOPES", "openid profile email"),
                default_role=env.get("KRAPTE_OIDC_DEFAULT_ROLE", "job_seeker"),
                label=env.get("KRAPTE_OIDC_LABEL", "DigiD / eHerkenning"),
            )
        secure = env.get("KRAPTE_COOKIE_SECURE")
        return cls(
            session_idle_minutes=_int(env, "KRAPTE_SESSION_IDLE_MINUTES", 60),
            session_max_hours=_int(env, "KRAPTE_SESSION_MAX_HOURS", 12),
            login_max_failures=_int(env, "KRAPTE_LOGIN_MAX_FAILURES", 5),
            login_window_minutes=_int(env, "KRAPTE_LOGIN_WINDOW_MINUTES", 15),
            cookie_secure=None if not secure else secure.lower() in ("1", "true", "yes"),
            oidc=oidc,
        )


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    lang: Language = "nl"
    max_upload_bytes: int = 20 * 1024 * 1024
    host: str = "127.0.0.1"
    port: int = 8000
    cache_dir_override: Path | None = None
    redis_url: str | None = None
    auth: AuthSettings = AuthSettings()
    # days to keep each kind of personal record (None: keep); KRAPTE_RETENTION="session=30,api_token=400"
    retention: Mapping[str, int | None] = field(default_factory=lambda: dict(DEFAULT_RETENTION))
    limits: Limits = field(default_factory=Limits)

    @property
    def cache_dir(self) -> Path:
        """Derived artefacts (indexes, embeddings) built on first use; safe to delete."""
        return self.cache_dir_override or self.data_dir / "cache"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("KRAPTE_DATA_DIR") or platformdirs.user_data_dir("krapte")).expanduser()
        database_url = env.get("KRAPTE_DATABASE_URL") or f"sqlite:///{data_dir / 'krapte.sqlite'}"
        lang = env.get("KRAPTE_LANG", "nl")
        if lang not in LANGUAGES:
            raise ConfigError(
                f"KRAPTE_LANG={lang!r} is not a supported language",
                hint="set KRAPTE_LANG to 'nl' or 'en'",
            )
        return cls(
            data_dir=data_dir,
            database_url=database_url,
            lang=lang,
            max_upload_bytes=_int(env, "KRAPTE_MAX_UPLOAD_MB", 20) * 1024 * 1024,
            host=env.get("KRAPTE_HOST", "127.0.0.1"),
            port=_int(env, "KRAPTE_PORT", 8000),
            cache_dir_override=Path(env["KRAPTE_CACHE_DIR"]).expanduser() if env.get("KRAPTE_CACHE_DIR") else None,
            redis_url=env.get("KRAPTE_REDIS_URL") or None,
            auth=AuthSettings.from_env(env),
            retention=_retention(env.get("KRAPTE_RETENTION")),
            limits=Limits.from_env(env),
        )


#: Sessions are expired by the server long before this; the rows themselves go after a month.
DEFAULT_RETENTION: dict[str, int | None] = {"session": 30}


def parse_retention(text: str) -> dict[str, int | None]:
    """``"cv=365,session=30,editor_attribution=keep"`` → ``{"cv": 365, "session": 30, ...}`` (settings form)."""
    policy: dict[str, int | None] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, sep, value = part.partition("=")
        kind, value = kind.strip(), value.strip()
        if not sep or not kind:
            raise ConfigError(f"retention entry {part!r} is not KIND=DAYS", hint="e.g. cv=365,session=30,audit=keep")
        if value == "keep":
            policy[kind] = None
        elif value.isdigit():
            policy[kind] = int(value)
        else:
            raise ConfigError(f"retention for {kind!r} must be a number of days or 'keep', not {value!r}")
    return policy


def _retention(raw: str | None) -> dict[str, int | None]:
    return {**DEFAULT_RETENTION, **parse_retention(raw)} if raw else dict(DEFAULT_RETENTION)


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number", hint=f"set {name} to e.g. {default}") from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r} must be positive", hint=f"set {name} to e.g. {default}")
    return value


def check_language(lang: str) -> Language:
    """Validate a language code given by a user."""
    if lang not in LANGUAGES:
        raise ConfigError(f"language {lang!r} is not supported", hint="use 'nl' or 'en'")
    return lang
