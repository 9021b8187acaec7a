"""The matching endpoints under /api/v1: the pathways contract, profiles under every role, overrides, candidates,
the fairness report, catalogue import/export, and that a profile cannot carry a protected characteristic."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from krapte.services import Context, Principal, accounts
from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy
from tests.conftest import AccountFixture as Account

LASSER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


def profile_body(pid: str, gemeente: str = "GM0344") -> dict[str, Any]:
    return {
        "id": pid,
        "occupations": [{"uri": LASSER, "current": True}],
        "home": {"gemeente": gemeente},
        "travel_km": 30,
        "hours_per_week": 36,
    }


def vacancies_jsonl() -> bytes:
    essential = sorted(default_taxonomy().occupations[LASSER].essential_skills)
    rows = [
        {"id": "v-utrecht", "title": "Lasser", "gemeente": "Utrecht", "skills": essential, "hours_min": 32},
        {"id": "v-kok", "title": "Kok", "gemeente": "Utrecht", "skills": []},
    ]
    return "\n".join(json.dumps(r) for r in rows).encode()


class People:
    def __init__(self, app: Any, settings: Settings, account: Callable[..., Account]) -> None:
        self.seeker = account("job_seeker")
        self.other_seeker = account("job_seeker")
        self.advisor = account("advisor")
        self.other_advisor = account("advisor")
        self.analyst = account("analyst")
        self.admin = account("admin")
        admin = Context(app.state.store, Principal.command_line("test"), settings)
        accounts.add_client(admin, self.advisor.id, self.seeker.id)

    def headers(self, who: str) -> dict[str, str]:
        return {} if who == "anonymous" else getattr(self, who).headers


@pytest.fixture
def people(app: Any, settings: Settings, account: Callable[..., Account]) -> People:
    return People(app, settings, account)


@pytest.fixture
def stored(client: TestClient, people: People) -> str:
    """The seeker's profile (the advisor's client) and two vacancies; returns the profile id."""
    files = {"file": ("vacancies.jsonl", vacancies_jsonl(), "application/x-ndjson")}
    r = client.post("/api/v1/vacancies", files=files, data={"format": "jsonl"}, headers=people.analyst.headers)
    assert r.status_code == 201, r.text
    r = client.post("/api/v1/profiles", json=profile_body("p-seeker"), headers=people.seeker.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_get_pathways_is_exactly_the_contract(client: TestClient) -> None:
    r = client.get("/api/v1/pathways", params={"from": "lasser", "top": 3, "region": "AM13"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body) == 3
    assert all(list(p) == ["uri", "label", "similarity", "flags", "gap_skills"] for p in body)
    assert all(set(g) == {"uri", "label"} for p in body for g in p["gap_skills"])
    assert client.get("/api/v1/pathways", params={"from": " "}).status_code == 404
    assert client.get("/api/v1/pathways", params={"from": "lasser", "top": 0}).status_code == 422


def test_orientation_works_anonymously_and_stores_no_profile(client: TestClient, people: People, stored: str) -> None:
    body = {"profile": profile_body("anon"), "top": 3}
    paths = client.post("/api/v1/pathways", json=body)
    assert paths.status_code == 200 and "reasons" in paths.json()[0]
    plan = client.post("/api/v1/training-plan", json={"origin": "lasser", "target": paths.json()[0]["uri"]})
    assert plan.status_code == 200 and "courses" in plan.json()
    found = client.post("/api/v1/match/vacancies", json={"profile": profile_body("anon")})
    assert found.status_code == 200 and found.json()[0]["vacancy"] == "v-utrecht"
    assert client.get("/api/v1/profiles/anon", headers=people.admin.headers).status_code == 404
    assert client.get("/api/v1/funding-schemes").status_code == 200
    assert client.get("/api/v1/skill-choices").json()
    assert client.get("/api/v1/contact-point", params={"region": "Amersfoort"}).json()["regional"] is True
    assert client.get("/api/v1/occupation-card", params={"occupation": LASSER, "region": "AM13"}).json()["wage"]


@pytest.mark.parametrize("field", ["geslacht", "leeftijd", "nationality", "gender", "age"])
def test_a_profile_cannot_hold_a_protected_characteristic(client: TestClient, people: People, field: str) -> None:
    body = {**profile_body("p1"), field: "x"}
    r = client.post("/api/v1/profiles", json=body, headers=people.seeker.headers)
    assert r.status_code == 422 and field in r.text
    r = client.post("/api/v1/pathways", json={"profile": body})
    assert r.status_code == 422
    assert (
        client.post(
            "/api/v1/profiles", json={**profile_body("p1"), "hobby": 1}, headers=people.seeker.headers
        ).status_code
        == 422
    )


# who → expected status of reading, changing and deleting the seeker's profile
MATRIX = [
    ("anonymous", 401),
    ("seeker", 200),
    ("other_seeker", 404),
    ("advisor", 200),
    ("other_advisor", 404),
    ("analyst", 403),
    ("admin", 200),
]


@pytest.mark.parametrize(("who", "expected"), MATRIX)
def test_profile_authorisation_matrix(client: TestClient, people: People, stored: str, who: str, expected: int) -> None:
    h = people.headers(who)
    assert client.get(f"/api/v1/profiles/{stored}", headers=h).status_code == expected
    put = client.put(f"/api/v1/profiles/{stored}", json=profile_body(stored, "GM0363"), headers=h)
    assert put.status_code == expected
    by_id = client.post("/api/v1/match/vacancies", json={"profile_id": stored}, headers=h)
    assert by_id.status_code == expected
    listed = client.get("/api/v1/profiles", headers=h)
    if expected == 200:
        assert stored in [p["id"] for p in listed.json()]
    else:
        assert listed.status_code in (401, 403) or stored not in [p["id"] for p in listed.json()]
    assert client.delete(f"/api/v1/profiles/{stored}", headers=h).status_code == (204 if expected == 200 else expected)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("seeker", 403), ("advisor", 200), ("other_advisor", 200), ("analyst", 403), ("admin", 200)],
)
def test_candidates_authorisation(client: TestClient, people: People, stored: str, who: str, expected: int) -> None:
    r = client.get("/api/v1/match/candidates/v-utrecht", headers=people.headers(who))
    assert r.status_code == expected
    if expected == 200:
        ids = [m["profile"] for m in r.json()]
        assert ids == ([] if who == "other_advisor" else [stored])  # only own clients (admin: everyone)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("seeker", 403), ("advisor", 204), ("other_advisor", 404), ("analyst", 403), ("admin", 204)],
)
def test_override_authorisation_and_effect(
    client: TestClient, people: People, stored: str, who: str, expected: int
) -> None:
    body = {"subject": stored, "item": "v-utrecht", "action": "hide", "reason": "al gesolliciteerd"}
    assert client.post("/api/v1/overrides", json=body, headers=people.headers(who)).status_code == expected
    found = client.post("/api/v1/match/vacancies", json={"profile_id": stored}, headers=people.seeker.headers).json()
    assert ("v-utrecht" in [m["vacancy"] for m in found]) is (expected != 204)
    if expected == 204:
        listed = client.get(f"/api/v1/profiles/{stored}/overrides", headers=people.seeker.headers).json()
        assert listed[0]["reason"] == "al gesolliciteerd"


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("seeker", 403), ("advisor", 403), ("analyst", 200), ("admin", 200)],
)
def test_fairness_report_only_for_analysts_and_aggregates_only(
    client: TestClient, people: People, stored: str, who: str, expected: int
) -> None:
    audit_csv = f"profile_id,geslacht\n{stored},v\n".encode()
    r = client.post(
        "/api/v1/fairness-report",
        files={"file": ("audit.csv", audit_csv, "text/csv")},
        data={"attribute": "geslacht", "kind": "vacancies"},
        headers=people.headers(who),
    )
    assert r.status_code == expected
    if expected == 200:
        assert r.json()["groups"][0]["group"] == "v" and stored not in r.text


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("seeker", 403), ("advisor", 403), ("analyst", 201), ("admin", 201)]
)
def test_catalogue_import_needs_labour_write(client: TestClient, people: People, who: str, expected: int) -> None:
    files = {"file": ("v.jsonl", vacancies_jsonl(), "application/x-ndjson")}
    assert client.post("/api/v1/vacancies", files=files, headers=people.headers(who)).status_code == expected
    courses = {"file": ("c.csv", b"id,name,cost\nc1,Lascursus,400\n", "text/csv")}
    assert client.post("/api/v1/courses", files=courses, headers=people.headers(who)).status_code == expected


def test_catalogues_are_public_and_export_json_ld(client: TestClient, stored: str) -> None:
    assert [v["id"] for v in client.get("/api/v1/vacancies", params={"region": "AM13"}).json()] == [
        "v-kok",
        "v-utrecht",
    ]
    assert client.get("/api/v1/vacancies/v-utrecht").json()["location"]["gemeente"] == "GM0344"
    assert client.get("/api/v1/vacancies/nope").status_code == 404
    doc = client.get("/api/v1/vacancies.jsonld")
    assert doc.headers["content-type"].startswith("application/ld+json")
    assert {g["@type"] for g in doc.json()["@graph"]} == {"JobPosting"}
