"""Accounts as a user and an attacker meet them: argon2id hashes, sessions and tokens kept only as digests,
lock-out after failed sign-ins, password change ending other sessions, token scopes and revocation, no default
admin. Runs on SQLite and PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from krapte.errors import AuthenticationError, PermissionDeniedError, RateLimitedError, ValidationError
from krapte.services import Context, Principal, Role, accounts
from krapte.settings import Settings
from krapte.store import Store
from krapte.store import accounts as repo

PASSWORD = "correct horse battery"


def contexts(store: Store, tmp_path: Path) -> tuple[Context, Settings]:
    settings = Settings(data_dir=tmp_path, database_url=store.engine.url.render_as_string(hide_password=False))
    return Context(store, Principal.command_line("test"), settings, client="203.0.113.7"), settings


def signed_in_context(admin: Context, signed: accounts.SignedIn) -> Context:
    principal = accounts.principal_from_session(admin, signed.session_id)
    assert principal is not None
    return admin.with_principal(principal)


def test_there_is_no_default_admin_and_the_command_line_creates_the_first(store: Store, tmp_path: Path) -> None:
    admin, _ = contexts(store, tmp_path)
    assert accounts.has_admin(admin) is False  # a fresh store: nobody can sign in, no default password
    with pytest.raises(AuthenticationError):
        accounts.sign_in(admin, "admin", "admin")
    accounts.create_user(admin, "root@example.nl", role=Role.ADMIN, password=PASSWORD)
    assert accounts.has_admin(admin) is True
    with pytest.raises(ValidationError, match="at least"):
        accounts.create_user(admin, "short@example.nl", role=Role.ANALYST, password="kort")
    analyst = admin.with_principal(Principal(id="u-x", name="x", role=Role.ANALYST, via="session"))
    with pytest.raises(PermissionDeniedError):
        accounts.create_user(analyst, "other@example.nl", role=Role.ADMIN, password=PASSWORD)


def test_passwords_sessions_and_tokens_are_stored_only_as_hashes(store: Store, tmp_path: Path) -> None:
    admin, _ = contexts(store, tmp_path)
    accounts.create_user(admin, "ann@example.nl", role=Role.ANALYST, password=PASSWORD)
    row = repo.get_user_by_name(store, "ann@example.nl")
    assert row is not None and row.password_hash is not None
    assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash
    signed = accounts.sign_in(admin, "ann@example.nl", PASSWORD)
    ann = signed_in_context(admin, signed)
    issued = accounts.create_token(ann, "nightly import", ["aggregates.read"])
    assert issued.token.startswith("krt_")
    with store.engine.connect() as conn:  # every table, every text column: the secrets themselves are nowhere
        dump = repr([list(conn.exec_driver_sql(f"SELECT * FROM {t}")) for t in ("users", "sessions", "api_tokens")])
    for secret in (PASSWORD, signed.session_id, issued.token):
        assert secret not in dump
    token_principal = accounts.principal_from_token(admin, issued.token)
    assert token_principal is not None and token_principal.scopes == frozenset({"aggregates.read"})
    assert token_principal.via == "token" and token_principal.id == ann.principal.id


def test_failed_sign_ins_lock_the_account_name_even_for_the_right_password(store: Store, tmp_path: Path) -> None:
    admin, settings = contexts(store, tmp_path)
    accounts.create_user(admin, "bo@example.nl", role=Role.ANALYST, password=PASSWORD)
    for _ in range(settings.auth.login_max_failures):
        with pytest.raises(AuthenticationError) as info:
            accounts.sign_in(admin, "bo@example.nl", "wrong password!!")
        assert "name or password" in info.value.message  # never says which one was wrong
    with pytest.raises(RateLimitedError) as locked:
        accounts.sign_in(admin, "bo@example.nl", PASSWORD)
    assert locked.value.http_status == 429 and locked.value.details["retry_after_seconds"] > 0
    with pytest.raises(AuthenticationError):  # an unknown name fails the same way as a wrong password
        accounts.sign_in(admin, "nobody@example.nl", PASSWORD)


def test_a_password_change_ends_every_other_session(store: Store, tmp_path: Path) -> None:
    admin, _ = contexts(store, tmp_path)
    accounts.create_user(admin, "cy@example.nl", role=Role.ADVISOR, password=PASSWORD)
    here = accounts.sign_in(admin, "cy@example.nl", PASSWORD)
    elsewhere = accounts.sign_in(admin, "cy@example.nl", PASSWORD)
    assert here.session_id != elsewhere.session_id  # a new session id at every sign-in
    cy = signed_in_context(admin, here)
    with pytest.raises(AuthenticationError):
        accounts.change_password(cy, "not my password", "a new long password")
    accounts.change_password(cy, PASSWORD, "a new long password", keep_session_id=here.session_id)
    assert accounts.principal_from_session(admin, here.session_id) is not None
    assert accounts.principal_from_session(admin, elsewhere.session_id) is None
    with pytest.raises(AuthenticationError):
        accounts.sign_in(admin, "cy@example.nl", PASSWORD)
    assert accounts.sign_in(admin, "cy@example.nl", "a new long password").account.username == "cy@example.nl"
    accounts.sign_out(cy, here.session_id)
    assert accounts.principal_from_session(admin, here.session_id) is None


def test_tokens_stay_within_the_role_cannot_mint_tokens_and_die_when_revoked(store: Store, tmp_path: Path) -> None:
    admin, _ = contexts(store, tmp_path)
    accounts.create_user(admin, "dee@example.nl", role=Role.JOB_SEEKER, password=PASSWORD)
    dee = signed_in_context(admin, accounts.sign_in(admin, "dee@example.nl", PASSWORD))
    with pytest.raises(PermissionDeniedError, match="may not grant"):
        accounts.create_token(dee, "too much", ["registry.write"])
    issued = accounts.create_token(dee, "mine")
    via_token = admin.with_principal(accounts.principal_from_token(admin, issued.token))  # type: ignore[arg-type]
    with pytest.raises(PermissionDeniedError, match="cannot create tokens"):
        accounts.create_token(via_token, "another")
    accounts.revoke_token(dee, issued.info.id)
    assert accounts.principal_from_token(admin, issued.token) is None
    assert accounts.principal_from_token(admin, "krt_" + "x" * 43) is None  # a guessed token


def test_disabling_an_account_ends_its_sessions(store: Store, tmp_path: Path) -> None:
    admin, _ = contexts(store, tmp_path)
    account = accounts.create_user(admin, "eve@example.nl", role=Role.ANALYST, password=PASSWORD)
    signed = accounts.sign_in(admin, "eve@example.nl", PASSWORD)
    accounts.set_disabled(admin, account.id, True)
    assert accounts.principal_from_session(admin, signed.session_id) is None
    with pytest.raises(AuthenticationError):
        accounts.sign_in(admin, "eve@example.nl", PASSWORD)


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(app, analyst) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from tests.conftest import TEST_PASSWORD

    with TestClient(app, base_url="https://testserver") as client:
        client.get("/inloggen")
        response = client.post(
            "/inloggen",
            data={"username": analyst.username, "password": TEST_PASSWORD, "csrf_token": client.cookies["krapte_csrf"]},
            headers={"Origin": "https://testserver"},
            follow_redirects=False,
        )
    assert response.status_code == 303, response.text
    [cookie] = [c for c in response.headers.get_list("set-cookie") if c.startswith("krapte_session=")]
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite", "path"} <= flags and "samesite=lax" in cookie.lower()


def test_an_advisor_lists_only_their_own_clients_by_name(store: Store, tmp_path: Path) -> None:
    admin, _ = contexts(store, tmp_path)
    ids = {
        name: accounts.create_user(admin, f"{name}@example.nl", role=role, password=PASSWORD).id
        for name, role in [
            ("adviseur", Role.ADVISOR),
            ("collega", Role.ADVISOR),
            ("zoe", Role.JOB_SEEKER),
            ("bram", Role.JOB_SEEKER),
            ("anders", Role.JOB_SEEKER),
        ]
    }
    for advisor, client in [("adviseur", "zoe"), ("adviseur", "bram"), ("collega", "anders")]:
        accounts.add_client(admin, ids[advisor], ids[client])
    advisor = admin.with_principal(Principal(id=ids["adviseur"], name="adviseur", role=Role.ADVISOR, via="session"))
    assert [c.username for c in accounts.list_clients(advisor)] == ["bram@example.nl", "zoe@example.nl"]
    accounts.remove_client(admin, ids["adviseur"], ids["zoe"])
    assert [c.username for c in accounts.list_clients(advisor)] == ["bram@example.nl"]
