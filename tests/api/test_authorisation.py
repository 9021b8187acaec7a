"""The authorisation matrix: every API operation × every role, with each role's own and someone else's data.

``POLICY`` classifies every operation of the OpenAPI document; a new route fails
``test_every_operation_is_classified`` until someone decides who may call it. Each operation is then called as
anonymous and as each of the five roles with a request that is valid apart from authorisation, so a refusal can
only come from the authorisation check (401 anonymous, 403 signed in) and an allowed call is never refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from krapte.services.context import ROLE_PERMISSIONS, Role
from tests.conftest import FIXTURES, AccountFixture

PUBLIC = "public"  # anyone, anonymous included
SIGNED_IN = "signed-in"  # any account
PERSONAL = "personal"  # roles that hold personal data: job seekers (own), advisors (clients), admins; never analysts

# operation id -> PUBLIC, SIGNED_IN or the permission it needs
POLICY: dict[str, str] = {
    "meta": PUBLIC,
    "health": PUBLIC,
    "search_occupations": PUBLIC,
    "search_skills": PUBLIC,
    "get_occupation": PUBLIC,
    "get_skill": PUBLIC,
    "extract": PUBLIC,
    "list_regions": PUBLIC,
    "show_region": PUBLIC,
    "list_factor_sets": PUBLIC,
    "show_factor_set": PUBLIC,
    "list_occupations": PUBLIC,
    "list_pipelines": "aggregates.read",
    "import_pipeline": "labour.write",
    "show_pipeline": "aggregates.read",
    "forecast_pipeline": PUBLIC,
    "forecast_upload": PUBLIC,
    "supply": PUBLIC,
    "tension": PUBLIC,
    "start_plan": "jobs.run",
    "start_scenario_comparison": "jobs.run",
    "start_programme_plan": "aggregates.read",  # a national analysis: analysts and admins (jobs.run too)
    "programme_plan_result": SIGNED_IN,  # one's own job's result, as get_job
    "list_jobs": SIGNED_IN,
    "get_job": SIGNED_IN,
    "cancel_job": SIGNED_IN,
    "list_measures": PUBLIC,
    "create_measure": "registry.write",
    "export_measures": PUBLIC,
    "measures_overview": PUBLIC,
    "algoritmeregister": PUBLIC,
    "get_measure": PUBLIC,
    "edit_measure": "registry.write",
    "retire_measure": "registry.write",
    "measure_history": PUBLIC,
    "measure_report": PUBLIC,
    "list_indicators": PUBLIC,
    "import_indicators": "registry.write",
    "get_indicator": PUBLIC,
    "indicator_chart": PUBLIC,
    "list_kpis": PUBLIC,
    "evaluate_panel": PUBLIC,
    "me": PUBLIC,
    "erase_my_data": SIGNED_IN,
    "export_my_data": SIGNED_IN,
    "export_person": "users.manage",
    "erase_person": "users.manage",
    "verify_audit": "audit.read",
    "list_tokens": SIGNED_IN,
    "create_token": SIGNED_IN,
    "revoke_token": SIGNED_IN,
    "list_users": "users.manage",
    "create_user": "users.manage",
    # regional figures and programmes: public aggregates
    "regional_figures": PUBLIC,
    "regional_figures_csv": PUBLIC,
    "regional_map_svg": PUBLIC,
    "programmes": PUBLIC,
    "kpi_targets": PUBLIC,
    # orientation without an account: nothing is stored
    "pathways": PUBLIC,
    "pathways_for": PUBLIC,
    "training_plan": PUBLIC,
    "match_vacancies": PUBLIC,
    "funding_schemes": PUBLIC,
    "skill_choices": PUBLIC,
    "occupation_card": PUBLIC,
    "contact_point": PUBLIC,
    "profile_from_cv": PUBLIC,
    "export_vacancies": PUBLIC,
    "list_vacancies": PUBLIC,
    "get_vacancy": PUBLIC,
    "list_courses": PUBLIC,
    "get_course": PUBLIC,
    # personal data and the advisor's tools
    "list_profiles": PERSONAL,
    "save_profile": PERSONAL,
    "get_profile": PERSONAL,
    "replace_profile": PERSONAL,
    "delete_profile": PERSONAL,
    "list_overrides": PERSONAL,
    "match_candidates": "personal.clients",
    "override": "personal.clients",
    "fairness_report": "aggregates.read",
    "import_vacancies": "labour.write",
    "import_courses": "labour.write",
}

ROLES: list[str | None] = [None, *[r.value for r in Role]]
PROFILE = {"id": "matrix-1", "skills": [], "travel_km": 10}
MEASURE = {
    "id": "T-AUTH",
    "title_nl": "Proef",
    "pillars": ["P4"],
    "instrument_type": "governance",
    "lead_ministry": "EZK",
    "verification_status": "unverified",
}


def allowed(policy: str, role: str | None) -> bool:
    if policy == PUBLIC:
        return True
    if role is None:
        return False
    held = ROLE_PERMISSIONS[Role(role)]
    if policy == PERSONAL:
        return bool({"personal.own", "personal.clients", "users.manage"} & held)
    if policy == "personal.clients":  # admins act on everyone's data
        return bool({"personal.clients", "users.manage"} & held)
    return policy == SIGNED_IN or policy in held


class World:
    """The data each call needs: a victim account with a token, a stored measure and pipeline."""

    def __init__(self, client: Any, account: Callable[..., AccountFixture]) -> None:
        self.client = client
        self.account = account
        self.victim = account("job_seeker")
        admin = account("admin")
        client.post("/api/v1/measures", json={**MEASURE, "id": "T-EXISTING"}, headers=admin.headers)
        with (FIXTURES / "labour" / "projects_contract.csv").open("rb") as fh:
            client.post("/api/v1/projects", files={"file": ("plan.csv", fh, "text/csv")}, headers=admin.headers)

    def request(self, op: str, acct: AccountFixture | None) -> Any:
        c, h = self.client, acct.headers if acct else {}
        projects = (FIXTURES / "labour" / "projects_contract.csv").read_bytes()
        calls: dict[str, Callable[[], Any]] = {
            "list_pipelines": lambda: c.get("/api/v1/projects", headers=h),
            "import_pipeline": lambda: c.post(
                "/api/v1/projects",
                files={"file": ("p.csv", projects, "text/csv")},
                data={"pipeline": "p2", "replace": "true"},
                headers=h,
            ),
            "show_pipeline": lambda: c.get("/api/v1/projects/plan", headers=h),
            "start_plan": lambda: c.post(
                "/api/v1/plan", files={"projects": ("p.csv", projects, "text/csv")}, data={"time_limit": 5}, headers=h
            ),
            "start_scenario_comparison": lambda: c.post(
                "/api/v1/scenarios/compare", files={"projects": ("p.csv", projects, "text/csv")}, headers=h
            ),
            "start_programme_plan": lambda: c.post(
                "/api/v1/plan/programmes", json={"programmes": ["RES"], "time_limit": 1}, headers=h
            ),
            "programme_plan_result": lambda: c.get(f"/api/v1/plan/programmes/{self._own_job(h)}", headers=h),
            "create_measure": lambda: c.post("/api/v1/measures", json={**MEASURE, "id": f"T-{id(h)}"}, headers=h),
            "edit_measure": lambda: c.patch(
                "/api/v1/measures/T-EXISTING", json={"notes": "x"}, headers={**h, "If-Match": self._version()}
            ),
            "retire_measure": lambda: c.delete(
                "/api/v1/measures/T-EXISTING", headers={**h, "If-Match": self._version()}
            ),
            "import_indicators": lambda: c.post(
                "/api/v1/indicators/import?kind=uwv&indicator=vac&name=Vacatures&value_column=Openstaande%20vacatures",
                files={"file": ("u.csv", (FIXTURES / "uwv" / "vacatures-arbeidsmarktregio-demo.csv").read_bytes())},
                headers=h,
            ),
            "erase_my_data": lambda: c.delete("/api/v1/me", headers=h),
            "export_my_data": lambda: c.get("/api/v1/me/export", headers=h),
            "export_person": lambda: c.get(f"/api/v1/users/{self.victim.id}/export", headers=h),
            "erase_person": lambda: c.delete(f"/api/v1/users/{self.account('job_seeker').id}", headers=h),
            "verify_audit": lambda: c.get("/api/v1/audit/verify", headers=h),
            "list_tokens": lambda: c.get("/api/v1/tokens", headers=h),
            "create_token": lambda: self._from_session(acct, "/api/v1/tokens", {"name": "script"}),
            "revoke_token": lambda: c.delete(f"/api/v1/tokens/{self._own_token_id(h)}", headers=h),
            "list_users": lambda: c.get("/api/v1/users", headers=h),
            "list_profiles": lambda: c.get("/api/v1/profiles", headers=h),
            "save_profile": lambda: c.post("/api/v1/profiles", json=PROFILE, headers=h),
            "get_profile": lambda: c.get("/api/v1/profiles/no-such-profile", headers=h),
            "replace_profile": lambda: c.put("/api/v1/profiles/no-such-profile", json=PROFILE, headers=h),
            "delete_profile": lambda: c.delete("/api/v1/profiles/no-such-profile", headers=h),
            "list_overrides": lambda: c.get("/api/v1/profiles/no-such-profile/overrides", headers=h),
            "match_candidates": lambda: c.get("/api/v1/match/candidates/no-such-vacancy", headers=h),
            "override": lambda: c.post(
                "/api/v1/overrides",
                json={"subject": "no-such-profile", "item": "v1", "action": "hide", "reason": "test"},
                headers=h,
            ),
            "fairness_report": lambda: c.post(
                "/api/v1/fairness-report",
                files={"file": ("groups.csv", b"profile_id,group\np1,a\n", "text/csv")},
                data={"attribute": "group"},
                headers=h,
            ),
            "import_vacancies": lambda: c.post(
                "/api/v1/vacancies", files={"file": ("v.json", b"[]", "application/json")}, headers=h
            ),
            "import_courses": lambda: c.post(
                "/api/v1/courses", files={"file": ("c.json", b"[]", "application/json")}, headers=h
            ),
            "list_jobs": lambda: c.get("/api/v1/jobs", headers=h),
            "get_job": lambda: c.get(f"/api/v1/jobs/{self._own_job(h)}", headers=h),
            "cancel_job": lambda: c.delete(f"/api/v1/jobs/{self._own_job(h)}", headers=h),
            "create_user": lambda: c.post(
                "/api/v1/users",
                json={"username": f"new-{id(h)}@example.nl", "role": "job_seeker", "password": "x" * 12},
                headers=h,
            ),
        }
        return calls[op]()

    def _from_session(self, acct: AccountFixture | None, url: str, body: dict[str, Any]) -> Any:
        """A POST from a signed-in browser session (tokens are created from sessions, never from tokens)."""
        from fastapi.testclient import TestClient

        from tests.conftest import csrf, web_sign_in

        browser = TestClient(self.client.app)
        if acct is None:
            return browser.post(url, json=body)
        web_sign_in(browser, acct)
        return browser.post(url, json=body, headers={"X-CSRF-Token": csrf(browser), "Origin": "http://testserver"})

    def _own_job(self, headers: dict[str, str]) -> str:
        """A job of the caller's own (404 for any other: a job's existence is not revealed)."""
        if not headers:
            return "no-job"
        jobs = self.client.get("/api/v1/jobs", headers=headers).json()
        if jobs:
            return str(jobs[0]["id"])
        return "no-job"

    def _version(self) -> str:
        return '"{}"'.format(self.client.get("/api/v1/measures/T-EXISTING").json()["version"])

    def _own_token_id(self, headers: dict[str, str]) -> str:
        tokens = self.client.get("/api/v1/tokens", headers=headers).json() if headers else []
        return tokens[0]["id"] if tokens else "no-token"


def test_every_operation_is_classified(app: Any) -> None:
    operations = {op["operationId"] for ops in app.openapi()["paths"].values() for op in ops.values()}
    assert operations - POLICY.keys() == set(), "classify new operations in POLICY"
    assert POLICY.keys() - operations == set(), "remove operations that no longer exist from POLICY"


RESTRICTED = sorted(op for op, policy in POLICY.items() if policy != PUBLIC)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_restricted_operations_by_role(client: Any, account: Callable[..., AccountFixture], role: str | None) -> None:
    world = World(client, account)
    for op in RESTRICTED:
        acct = account(role) if role else None
        response = world.request(op, acct)
        if allowed(POLICY[op], role):
            assert response.status_code not in (401, 403), (op, role, response.text[:300])
        else:
            assert response.status_code == (401 if role is None else 403), (op, role, response.text[:300])
            assert response.json()["error"]["code"] in ("unauthenticated", "forbidden")


def test_own_and_someone_elses_data(client: Any, account: Callable[..., AccountFixture]) -> None:
    alice, bob = account("job_seeker"), account("job_seeker")
    bobs_token = client.get("/api/v1/tokens", headers=bob.headers).json()[0]["id"]
    # Alice can neither revoke nor see Bob's token, nor read Bob's data
    assert client.delete(f"/api/v1/tokens/{bobs_token}", headers=alice.headers).status_code == 404
    assert bobs_token not in {t["id"] for t in client.get("/api/v1/tokens", headers=alice.headers).json()}
    assert client.get(f"/api/v1/users/{bob.id}/export", headers=alice.headers).status_code == 403
    export = client.get("/api/v1/me/export", headers=alice.headers).json()
    assert alice.username in str(export) and bob.username not in str(export)
    assert "password_hash" not in str(export) and "token_hash" not in str(export)
    # an analyst receives aggregates only: never an account list or a person's export
    analyst = account("analyst")
    assert client.get("/api/v1/users", headers=analyst.headers).status_code == 403
    assert client.get(f"/api/v1/users/{bob.id}/export", headers=analyst.headers).status_code == 403
    # a token is limited to its scopes even when its owner's role allows more
    admin = account("admin")
    narrow = client.post(
        "/api/v1/tokens", json={"name": "read only", "scopes": ["audit.read"]}, headers=_session(client, admin)
    ).json()["token"]
    assert client.get("/api/v1/audit/verify", headers={"Authorization": f"Bearer {narrow}"}).status_code == 200
    refused = client.post("/api/v1/measures", json=MEASURE, headers={"Authorization": f"Bearer {narrow}"})
    assert refused.status_code == 403


def _session(client: Any, acct: AccountFixture) -> dict[str, str]:
    """Headers of a browser session (tokens cannot create tokens): sign in, then send the CSRF header."""
    from tests.conftest import csrf, web_sign_in

    web_sign_in(client, acct)
    return {"X-CSRF-Token": csrf(client), "Origin": "http://testserver"}


def test_a_token_cannot_create_tokens_and_a_bad_token_is_refused(client: Any, account: Any) -> None:
    user = account("analyst")
    made = client.post("/api/v1/tokens", json={"name": "x"}, headers=user.headers)
    assert made.status_code == 403
    bad = client.get("/api/v1/me", headers={"Authorization": "Bearer krt_not-a-token"})
    assert bad.status_code == 401 and bad.headers["WWW-Authenticate"] == "Bearer"


def test_a_session_cookie_alone_cannot_write_through_the_api(client: Any, account: Any) -> None:
    from tests.conftest import web_sign_in

    web_sign_in(client, account("registry_editor"))
    refused = client.post("/api/v1/measures", json=MEASURE)  # a cross-site fetch would look like this
    assert refused.status_code == 403 and refused.json()["error"]["details"]["reason"].startswith("csrf")
