"""OpenID Connect sign-in against a provider stub on loopback: the flow, the account, and every refusal."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import sqlalchemy as sa

from krapte.errors import ConfigError, NotFoundError, PermissionDeniedError, ValidationError
from krapte.services import Context, Principal, Role, oidc
from krapte.services.oidc_tokens import clear_cache
from krapte.settings import AuthSettings, OidcSettings, Settings
from krapte.store import Store
from krapte.store import accounts as users_repo
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, ProviderStub, free_port, new_key, running, table_counts

REDIRECT_URI = "http://krapte.test/auth/oidc/callback"


@pytest.fixture
def provider() -> Iterator[ProviderStub]:
    with running(ProviderStub(redirect_uri=REDIRECT_URI)) as stub:
        yield stub
    clear_cache()


def make_settings(tmp_path: Path, issuer: str, **changes: Any) -> Settings:
    config = OidcSettings(
        issuer=issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=REDIRECT_URI, **changes
    )
    return Settings(data_dir=tmp_path, database_url="unused", auth=AuthSettings(oidc=config))


@pytest.fixture
def ctx(store: Store, provider: ProviderStub, tmp_path: Path) -> Context:
    return Context(store, Principal.anonymous(), make_settings(tmp_path, provider.issuer), client="127.0.0.1")


def authorize(url: str) -> dict[str, str]:
    """What the browser does at the provider: follow the authorization URL and read the redirect back."""
    response = httpx.get(url, follow_redirects=False)
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT_URI + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def sign_in(ctx: Context, next_path: str | None = "/beroepen") -> oidc.OidcSignIn:
    started = oidc.start_sign_in(ctx, next_path)
    back = authorize(started.url)
    return oidc.finish_sign_in(
        ctx, state=back["state"], code=back.get("code"), error=back.get("error"), browser_state=started.state
    )


def test_the_authorization_url_carries_state_nonce_and_an_s256_code_challenge(ctx: Context) -> None:
    started = oidc.start_sign_in(ctx, "/regio")
    query = {k: v[0] for k, v in parse_qs(urlsplit(started.url).query).items()}
    assert started.url.startswith(ctx.settings.auth.oidc.issuer + "/authorize?")  # type: ignore[union-attr]
    assert query["state"] == started.state and len(started.state) >= 43
    assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == REDIRECT_URI and "openid" in query["scope"].split()
    assert query["code_challenge_method"] == "S256" and len(query["nonce"]) >= 43
    with ctx.store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT * FROM oidc_pending")).mappings().one()
    assert row["state_hash"] == hashlib.sha256(started.state.encode()).hexdigest()  # the state itself is not kept
    assert row["nonce"] == query["nonce"] and row["return_to"] == "/regio"
    challenge = base64.urlsafe_b64encode(hashlib.sha256(row["code_verifier"].encode()).digest()).rstrip(b"=")
    assert query["code_challenge"] == challenge.decode()
    assert "code_verifier" not in query


def test_first_sign_in_creates_an_account_with_the_default_role_and_the_second_reuses_it(
    ctx: Context, provider: ProviderStub
) -> None:
    first = sign_in(ctx)
    assert first.created and first.return_to == "/beroepen"
    assert first.signed_in.account.role is Role.JOB_SEEKER
    assert first.signed_in.account.signs_in_with == "oidc"
    row = users_repo.get_user_by_subject(ctx.store, provider.issuer, provider.subject)
    assert row is not None and row.id == first.signed_in.account.id and row.password_hash is None
    # only issuer and subject are kept: not the name or e-mail address the provider also sent
    assert "Jan" not in row.display_name and "jan@" not in row.username
    with ctx.store.engine.connect() as conn:
        audit = conn.execute(sa.text("SELECT actor, action, detail FROM audit_log ORDER BY id")).all()
    assert [(a.actor, a.action) for a in audit] == [(row.id, "user.create"), (row.id, "auth.sign_in")]
    assert all("Jan" not in a.detail and "jan@" not in a.detail for a in audit)

    second = sign_in(ctx)
    assert not second.created and second.signed_in.account.id == first.signed_in.account.id
    assert second.signed_in.session_id != first.signed_in.session_id
    assert table_counts(ctx.store) | {"audit_log": 0} == {"users": 1, "sessions": 2, "oidc_pending": 0, "audit_log": 0}


def test_the_role_an_administrator_gave_is_kept_at_the_next_sign_in(ctx: Context) -> None:
    first = sign_in(ctx)
    with ctx.store.transaction() as conn:
        users_repo.update_user(conn, first.signed_in.account.id, role=Role.ADVISOR.value)
    assert sign_in(ctx).signed_in.account.role is Role.ADVISOR


def test_a_rotated_signing_key_is_fetched_again(ctx: Context, provider: ProviderStub) -> None:
    sign_in(ctx)  # caches the provider's key set
    provider.key = new_key("stub-2")
    assert not sign_in(ctx).created


def _expect_refusal(ctx: Context, reason: str, *, status: int = 400) -> None:
    before = table_counts(ctx.store)
    with pytest.raises(oidc.OidcRefusedError) as info:
        sign_in(ctx)
    assert info.value.details["reason"] == reason and info.value.http_status == status
    after = table_counts(ctx.store)
    assert after == {**before, "oidc_pending": 0}  # no account, no session, no audit entry; the state is used up


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"nonce": "not-the-nonce-krapte-sent"}, "nonce"),
        ({"nonce": None}, "missing_nonce"),
        ({"aud": "another-client"}, "audience"),
        ({"aud": [CLIENT_ID, "another-client"], "azp": "another-client"}, "audience"),
        ({"aud": [CLIENT_ID, "another-client"]}, "audience"),  # several audiences need azp = krapte
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
        ({"exp": None}, "missing_exp"),
        ({"iat": int(time.time()) + 3600}, "invalid_iat"),  # issued in the future
        ({"sub": 12345}, "invalid_sub"),
        ({"iss": "https://other-issuer.example"}, "issuer"),
        ({"sub": None}, "missing_sub"),
        ({"sub": "123456782"}, "subject_is_bsn"),  # a valid BSN (eleven test) is never stored
    ],
)
def test_id_tokens_with_wrong_claims_are_refused(
    ctx: Context, provider: ProviderStub, claims: dict[str, Any], reason: str
) -> None:
    provider.claims = claims
    _expect_refusal(ctx, reason)


@pytest.mark.parametrize("kid", ["stub-1", "unknown-kid"])
def test_an_id_token_signed_by_another_key_is_refused(ctx: Context, provider: ProviderStub, kid: str) -> None:
    provider.sign_with = new_key(kid)  # same key id as the provider's key, or one it never published
    _expect_refusal(ctx, "signature")


def test_a_provider_that_offers_only_hmac_or_none_is_not_used(ctx: Context, provider: ProviderStub) -> None:
    provider.metadata = {"id_token_signing_alg_values_supported": ["HS256", "none"]}
    with pytest.raises(oidc.ProviderUnavailableError):
        oidc.start_sign_in(ctx, "/")
    assert table_counts(ctx.store)["oidc_pending"] == 0


def test_endpoints_off_the_issuers_host_are_not_contacted(ctx: Context, provider: ProviderStub) -> None:
    provider.metadata = {"token_endpoint": "http://127.0.0.2:9/token"}
    with pytest.raises(oidc.ProviderUnavailableError, match="token_endpoint is not on the issuer's host"):
        oidc.start_sign_in(ctx, "/")


def test_a_discovery_document_for_another_issuer_is_refused(ctx: Context, provider: ProviderStub) -> None:
    provider.metadata = {"issuer": "https://impostor.example"}
    with pytest.raises(oidc.ProviderUnavailableError, match="names issuer"):
        oidc.start_sign_in(ctx, "/")


def test_an_unknown_state_is_refused(ctx: Context) -> None:
    oidc.start_sign_in(ctx, "/")
    with pytest.raises(oidc.OidcRefusedError) as info:
        oidc.finish_sign_in(ctx, state="made-up-state", code="x", browser_state="made-up-state")
    assert info.value.details["reason"] == "state_unknown"
    assert table_counts(ctx.store)["users"] == 0


def test_a_state_works_once(ctx: Context, provider: ProviderStub) -> None:
    started = oidc.start_sign_in(ctx, "/")
    back = authorize(started.url)
    oidc.finish_sign_in(ctx, state=back["state"], code=back["code"], browser_state=started.state)
    before = table_counts(ctx.store)
    with pytest.raises(oidc.OidcRefusedError) as info:
        oidc.finish_sign_in(ctx, state=back["state"], code=back["code"], browser_state=started.state)
    assert info.value.details["reason"] == "state_unknown"
    assert table_counts(ctx.store) == before and provider.token_requests == 1


def test_a_sign_in_started_in_another_browser_is_refused_and_its_state_is_used_up(ctx: Context) -> None:
    started = oidc.start_sign_in(ctx, "/")
    back = authorize(started.url)
    with pytest.raises(oidc.OidcRefusedError) as info:
        oidc.finish_sign_in(ctx, state=back["state"], code=back["code"], browser_state=None)
    assert info.value.details["reason"] == "state_browser"
    with pytest.raises(oidc.OidcRefusedError) as again:
        oidc.finish_sign_in(ctx, state=back["state"], code=back["code"], browser_state=started.state)
    assert again.value.details["reason"] == "state_unknown"
    assert table_counts(ctx.store)["users"] == 0


def test_a_sign_in_older_than_ten_minutes_is_refused(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    started = oidc.start_sign_in(ctx, "/")
    back = authorize(started.url)
    later = oidc._now() + timedelta(minutes=oidc.PENDING_MINUTES, seconds=1)
    monkeypatch.setattr(oidc, "_now", lambda: later)
    with pytest.raises(oidc.OidcRefusedError) as info:
        oidc.finish_sign_in(ctx, state=back["state"], code=back["code"], browser_state=started.state)
    assert info.value.details["reason"] == "state_expired"


def test_expired_pending_sign_ins_are_purged(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    oidc.start_sign_in(ctx, "/")
    later = oidc._now() + timedelta(minutes=oidc.PENDING_MINUTES, seconds=1)
    monkeypatch.setattr(oidc, "_now", lambda: later)
    oidc.start_sign_in(ctx, "/")
    assert table_counts(ctx.store)["oidc_pending"] == 1


def test_a_wrong_code_verifier_is_refused_by_the_provider(ctx: Context) -> None:
    started = oidc.start_sign_in(ctx, "/")
    back = authorize(started.url)
    with ctx.store.transaction() as conn:  # as if an attacker had the code but not this browser's verifier
        conn.execute(sa.text("UPDATE oidc_pending SET code_verifier = :v"), {"v": "x" * 64})
    with pytest.raises(oidc.OidcRefusedError) as info:
        oidc.finish_sign_in(ctx, state=back["state"], code=back["code"], browser_state=started.state)
    assert info.value.details["reason"] == "token_refused" and "invalid_grant" in info.value.message
    assert table_counts(ctx.store)["users"] == 0


def test_a_cancelled_sign_in_at_the_provider_is_refused(ctx: Context, provider: ProviderStub) -> None:
    provider.deny = True
    _expect_refusal(ctx, "provider_error")
    assert provider.token_requests == 0


def test_a_disabled_account_gets_no_session(ctx: Context) -> None:
    first = sign_in(ctx)
    with ctx.store.transaction() as conn:
        users_repo.update_user(conn, first.signed_in.account.id, disabled=True)
        conn.execute(sa.text("DELETE FROM sessions"))
    with pytest.raises(PermissionDeniedError):
        sign_in(ctx)
    assert table_counts(ctx.store)["sessions"] == 0


def test_an_unreachable_provider_is_a_clear_502(store: Store, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, f"http://127.0.0.1:{free_port()}")
    with pytest.raises(oidc.ProviderUnavailableError) as info:
        oidc.start_sign_in(Context(store, Principal.anonymous(), settings), "/")
    assert info.value.http_status == 502 and "did not answer" in info.value.message


def test_without_configuration_sign_in_is_not_found(store: Store, tmp_path: Path) -> None:
    ctx = Context(store, Principal.anonymous(), Settings(data_dir=tmp_path, database_url="unused"))
    with pytest.raises(NotFoundError, match="not configured"):
        oidc.start_sign_in(ctx, "/")
    with pytest.raises(NotFoundError):
        oidc.finish_sign_in(ctx, state="s", code="c", browser_state="s")
    assert oidc.sign_in_label(ctx.settings) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"default_role": "admin"}, "may not be admin"),
        ({"default_role": "superuser"}, "is not a role"),
    ],
)
def test_the_default_role_is_never_admin(tmp_path: Path, changes: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        oidc.oidc_settings(make_settings(tmp_path, "https://login.example.nl", **changes))


@pytest.mark.parametrize("issuer", ["http://login.example.nl", "ftp://login.example.nl", "https://x.nl/?a=1"])
def test_the_issuer_must_be_https_except_on_loopback(tmp_path: Path, issuer: str) -> None:
    with pytest.raises(ConfigError, match="not an https URL"):
        oidc.oidc_settings(make_settings(tmp_path, issuer))


@pytest.mark.parametrize("path", ["/", "/beroepen?q=las", "/maatregelen/m-1#budget"])
def test_local_return_paths_are_kept(path: str) -> None:
    assert oidc.safe_return_path(path) == path


@pytest.mark.parametrize(
    "value",
    [
        "https://evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "https:/evil.example",
        "javascript:alert(1)",
        "beroepen",
        "/\r\nSet-Cookie: x=1",
        "/" + "a" * 600,
    ],
)
def test_anything_but_a_local_path_is_refused_as_return_address(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        oidc.safe_return_path(value)
    assert info.value.details["reason"] == "open_redirect"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("123456782", True), ("12345678", False), ("123456789", False), ("pseudonym-1", False), ("1234567820", False)],
)
def test_bsn_shaped_subjects_are_recognised(value: str, expected: bool) -> None:
    assert oidc.is_bsn(value) is expected
