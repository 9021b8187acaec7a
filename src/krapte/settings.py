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
KRAPTE_MAX_*           request, archive and work limits              see :mod:`krapte.limits`
=====================  ============================================  ==========================================
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
class Settings:
    data_dir: Path
    database_url: str
    lang: Language = "nl"
    max_upload_bytes: int = 20 * 1024 * 1024
    host: str = "127.0.0.1"
    port: int = 8000
    cache_dir_override: Path | None = None
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
            limits=Limits.from_env(env),
        )


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
