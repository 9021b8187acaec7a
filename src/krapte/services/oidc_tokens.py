"""The provider side of OpenID Connect: discovery, the provider's signing keys, and ID-token validation.

krapte contacts only the configured issuer: its discovery document at ``<issuer>/.well-known/openid-configuration``
and the token and key endpoints it names, which must be on the issuer's own origin (scheme, host and port). The
issuer must use https, except on loopback (a development provider). Every request has a time-out and follows no
redirects. Discovery documents and key sets are kept in memory for an hour; an ID token signed with a key id that
is not in the cached set makes krapte fetch the set once more (the provider rotated its keys).

An ID token is accepted only when its signature verifies against the provider's key set with an asymmetric
algorithm (never ``none`` or a shared-secret HMAC), ``iss`` is the configured issuer, ``aud`` names krapte's
client id (and ``azp`` does too when present or when there are several audiences), ``exp`` is in the future and
``iat`` not, ``nonce`` is the one krapte sent, and ``sub`` is present. Clocks may differ by one minute.
"""

from __future__ import annotations

import functools
import ipaddress
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    DecodeError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from krapte.errors import ConfigError, KrapteError

__all__ = [
    "ALGORITHMS",
    "LEEWAY_SECONDS",
    "TIMEOUT",
    "OidcRefusedError",
    "ProviderMetadata",
    "ProviderUnavailableError",
    "check_issuer",
    "clear_cache",
    "provider_metadata",
    "tls_context",
    "validate_id_token",
]

#: Signature algorithms krapte accepts for ID tokens: asymmetric only.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
LEEWAY_SECONDS = 60
CACHE_SECONDS = 3600
MAX_DOCUMENT_BYTES = 1024 * 1024


class OidcRefusedError(KrapteError):
    """A sign-in through OpenID Connect is refused; ``reason`` says which check failed."""

    code = "oidc_refused"
    http_status = 400


class ProviderUnavailableError(KrapteError):
    """The identity provider did not answer, or answered with something krapte cannot use."""

    code = "oidc_provider_unavailable"
    http_status = 502


@dataclass(frozen=True)
class ProviderMetadata:
    """What krapte uses of the provider's discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: tuple[str, ...]


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context with the system's trusted certificates (``SSL_CERT_FILE`` adds others), made once.

    Loading the certificates takes a fifth of a second; an HTTP client made per request would pay it each time.
    """
    return ssl.create_default_context()


_cache: dict[str, tuple[float, Any]] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every cached discovery document and key set."""
    with _lock:
        _cache.clear()


def _cached(key: str) -> Any | None:
    with _lock:
        hit = _cache.get(key)
    return hit[1] if hit and time.monotonic() - hit[0] < CACHE_SECONDS else None


def _remember(key: str, value: Any) -> None:
    with _lock:
        _cache[key] = (time.monotonic(), value)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_issuer(issuer: str) -> None:
    """The issuer must be an https URL (http only on loopback), without query or fragment."""
    parts = urlsplit(issuer)
    secure = parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(parts.hostname or ""))
    if not parts.hostname or not secure or parts.query or parts.fragment:
        raise ConfigError(
            f"KRAPTE_OIDC_ISSUER={issuer!r} is not an https URL",
            hint="use the issuer URL your provider publishes, e.g. https://login.example.nl",
        )


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(
            url, timeout=TIMEOUT, follow_redirects=False, verify=tls_context(), headers={"accept": "application/json"}
        )
    except httpx.HTTPError as exc:
        raise ProviderUnavailableError(
            "the identity provider did not answer", hint="try again later", reason=type(exc).__name__
        ) from None
    if response.status_code != 200 or len(response.content) > MAX_DOCUMENT_BYTES:
        raise ProviderUnavailableError(
            f"the identity provider answered {response.status_code} for {urlsplit(url).path}", hint="try again later"
        )
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ProviderUnavailableError(f"the identity provider sent no JSON object at {urlsplit(url).path}")
    return body


def provider_metadata(issuer: str) -> ProviderMetadata:
    """The provider's discovery document, checked: same issuer, endpoints on the issuer's origin."""
    cached = _cached("meta:" + issuer)
    if isinstance(cached, ProviderMetadata):
        return cached
    check_issuer(issuer)
    doc = _get_json(issuer + "/.well-known/openid-configuration")
    if doc.get("issuer") != issuer:
        raise ProviderUnavailableError(
            f"the provider's discovery document names issuer {doc.get('issuer')!r}, not {issuer!r}",
            hint="set KRAPTE_OIDC_ISSUER to exactly the issuer the provider publishes",
        )
    endpoints: dict[str, str] = {}
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        value = doc.get(name)
        if not isinstance(value, str) or not value:
            raise ProviderUnavailableError(f"the provider's discovery document has no {name}")
        endpoints[name] = value
    for name in ("token_endpoint", "jwks_uri"):  # krapte itself contacts these: only on the issuer's origin
        if _origin(endpoints[name]) != _origin(issuer):
            raise ProviderUnavailableError(
                f"the provider's {name} is not on the issuer's host", hint="krapte contacts only the issuer"
            )
    if urlsplit(endpoints["authorization_endpoint"]).scheme not in ("https", _origin(issuer)[0]):
        raise ProviderUnavailableError("the provider's authorization_endpoint is not an https URL")
    offered = doc.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = tuple(a for a in ALGORITHMS if a in offered)
    if not algorithms:
        raise ProviderUnavailableError(
            f"the provider signs ID tokens only with {offered!r}", hint=f"krapte accepts {', '.join(ALGORITHMS)}"
        )
    meta = ProviderMetadata(issuer=issuer, algorithms=algorithms, **endpoints)
    _remember("meta:" + issuer, meta)
    return meta


def _key_set(meta: ProviderMetadata, *, refresh: bool = False) -> KeySet:
    cached = None if refresh else _cached("jwks:" + meta.jwks_uri)
    if isinstance(cached, KeySet):
        return cached
    doc = _get_json(meta.jwks_uri)
    keys = doc.get("keys")
    if not isinstance(keys, list):
        raise ProviderUnavailableError("the provider's key set has no keys")
    usable = [k for k in keys if isinstance(k, dict) and k.get("use", "sig") == "sig" and "d" not in k]
    try:
        key_set = KeySet.import_key_set({"keys": usable})
    except (JoseError, ValueError, TypeError):
        raise ProviderUnavailableError("the provider's key set cannot be read") from None
    _remember("jwks:" + meta.jwks_uri, key_set)
    return key_set


def _refused(message: str, reason: str, hint: str | None = None) -> OidcRefusedError:
    return OidcRefusedError(message, hint=hint or "start the sign-in again", reason=reason)


def _decode(id_token: str, meta: ProviderMetadata) -> dict[str, Any]:
    try:
        try:
            token = jwt.decode(id_token, _key_set(meta), algorithms=list(meta.algorithms))
        except InvalidKeyIdError:  # perhaps the provider rotated its keys: fetch them once more
            token = jwt.decode(id_token, _key_set(meta, refresh=True), algorithms=list(meta.algorithms))
    except (BadSignatureError, InvalidKeyIdError):
        raise _refused("the ID token's signature does not verify with the provider's keys", "signature") from None
    except (DecodeError, JoseError, ValueError):
        raise _refused("the ID token cannot be read", "malformed_token") from None
    return dict(token.claims)


def validate_id_token(id_token: str, *, meta: ProviderMetadata, client_id: str, nonce: str) -> dict[str, Any]:
    """The ID token's claims when every check passes; :class:`OidcRefusedError` naming the failed check otherwise."""
    if not isinstance(id_token, str) or not id_token or len(id_token) > 16384:
        raise _refused("the provider sent no usable ID token", "malformed_token")
    claims = _decode(id_token, meta)
    registry = jwt.JWTClaimsRegistry(
        leeway=LEEWAY_SECONDS,
        iss={"essential": True, "value": meta.issuer},
        aud={"essential": True, "value": client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(claims)
    except ExpiredTokenError:
        raise _refused("the ID token has expired", "expired") from None
    except MissingClaimError as exc:
        raise _refused(f"the ID token has no {exc.claim!r} claim", "missing_" + exc.claim) from None
    except ClaimError as exc:
        names = {"iss": "issuer", "aud": "audience", "nonce": "nonce"}
        reason = names.get(exc.claim, "invalid_" + exc.claim)
        raise _refused(f"the ID token's {exc.claim!r} claim is not the expected one", reason) from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if ("azp" in claims or len(audiences) > 1) and claims.get("azp") != client_id:
        raise _refused("the ID token was issued to another client (azp)", "audience")
    if not 0 < len(claims["sub"]) <= 255:
        raise _refused("the ID token's subject is empty or too long", "invalid_sub")
    return claims
