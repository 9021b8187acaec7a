"""Property-based fuzzing of the whole API from its OpenAPI document (schemathesis), as three callers.

The callers are an anonymous visitor, a job seeker (the least privileged account) and an admin (every permission,
so the most code is reached); each sends its own credentials (``Authorization: Bearer``) with every request.
Every operation gets at most ``FUZZ_EXAMPLES`` generated requests per caller (60% valid, 40% invalid) from a fixed
seed; no answer may be a 5xx and every documented answer must match its schema. A refusal must be krapte's
documented error: 401 ``unauthenticated`` (with ``WWW-Authenticate: Bearer``) or 403 ``forbidden``, and an
anonymous caller must be refused somewhere (else the fuzzing did not run unauthenticated).
``KRAPTE_FUZZ_EXAMPLES`` raises the number of examples for a deeper local run.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.security.conftest import MakeClient

FUZZ_EXAMPLES = int(os.environ.get("KRAPTE_FUZZ_EXAMPLES", "10"))
CALLERS = ["anonymous", "job_seeker", "admin"]
REFUSALS = {401: "unauthenticated", 403: "forbidden"}
ERASE_SELF = "DELETE /api/v1/me"

# Findings in code this suite does not own, each still failing (the test says when one is fixed: remove it).
KNOWN_ISSUES: dict[str, str] = {}
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]


class Caller:
    """The credentials sent with every generated request, and a tally of the answers' status codes."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers
        self.statuses: Counter[int] = Counter()

    def check_refusal(self, response: Any) -> None:
        self.statuses[response.status_code] += 1
        code = REFUSALS.get(response.status_code)
        if code is None:
            return
        assert response.json()["error"]["code"] == code, response.text[:300]
        if response.status_code == 401:  # schemathesis lists every header's values
            assert response.headers.get("www-authenticate") in (["Bearer"], "Bearer"), dict(response.headers)


def _fuzz_operation(operation: Any, caller: Caller, failures: list[str]) -> None:
    for mode, share in ((GenerationMode.POSITIVE, 0.6), (GenerationMode.NEGATIVE, 0.4)):
        _fuzz_mode(operation, caller, mode, max(1, round(FUZZ_EXAMPLES * share)), failures)


def _fuzz_mode(operation: Any, caller: Caller, mode: GenerationMode, examples: int, failures: list[str]) -> None:
    try:
        strategy = operation.as_strategy(generation_mode=mode)
    except Exception:  # an operation with nothing to make invalid (no parameters) has no negative strategy
        return

    @given(case=strategy)
    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call(headers=caller.headers)
        case.validate_response(response, checks=CHECKS)
        caller.check_refusal(response)

    try:
        run()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Unsatisfiable:  # nothing in this operation can be made invalid (e.g. only free-text path parameters)
        return
    except BaseException as exc:  # one report per operation: hypothesis re-raises the smallest failing example
        failures.append(f"{operation.label}: {mode.value}: {str(exc)[:1500]}")


@pytest.mark.slow
@pytest.mark.parametrize("who", CALLERS)
def test_api_answers_every_generated_request_without_5xx_or_schema_violation(make_client: MakeClient, who: str) -> None:
    client = make_client(max_solver_seconds=2.0, anonymous=who == "anonymous", role=who)
    caller = Caller({"authorization": client.headers["authorization"]} if who != "anonymous" else {})
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    failures: list[str] = []
    known: list[str] = []
    seconds: dict[str, float] = {}
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    # erasing one's own account ends its token: that operation goes last, and its answers are not tallied
    operations.sort(key=lambda op: op.label == ERASE_SELF)
    tally = caller.statuses
    for operation in operations:
        if operation.label == ERASE_SELF:
            caller.statuses = Counter()
        start = time.perf_counter()
        _fuzz_operation(operation, caller, known if operation.label in KNOWN_ISSUES else failures)
        seconds[operation.label] = time.perf_counter() - start
    caller.statuses = tally
    print(who, "status codes:", dict(sorted(caller.statuses.items())), "total seconds:", round(sum(seconds.values())))
    print("fuzzing seconds per operation:", {k: round(v, 1) for k, v in sorted(seconds.items(), key=lambda x: -x[1])})
    assert len(seconds) > 25
    assert failures == [], "\n\n".join(failures)
    if who == "anonymous":  # the restricted operations refused the caller: it was not signed in
        assert caller.statuses[401] > 0 and caller.statuses[403] == 0, caller.statuses
    else:  # the token was accepted (a refused token would make every answer a 401)
        assert caller.statuses[401] == 0, caller.statuses
    if who == "job_seeker":  # and the role-restricted operations refused it
        assert caller.statuses[403] > 0, caller.statuses
    fixed = set(KNOWN_ISSUES) - {k.split(":", 1)[0] for k in known}
    assert not fixed, f"fixed, remove from KNOWN_ISSUES: {sorted(fixed)}"
