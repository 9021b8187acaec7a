"""Audit the locked dependencies (``requirements.lock``) for known vulnerabilities with pip-audit (``make audit-deps``).

pip-audit needs a vulnerability database over the network (PyPI's JSON API or OSV). First the script asks it
about one release with a published advisory (``jinja2==3.1.5``, CVE-2025-27516): if that probe finds nothing,
the database is not reachable from this machine (offline, or a package mirror without advisories) and the
audit is skipped with a message saying so, exit status 0. ``KRAPTE_REQUIRE_AUDIT=1`` turns the skip into a
failure (status 2). Otherwise every pin of ``requirements.lock`` (what ``make install`` installs) is audited
and any known vulnerability fails the run (status 1).

    python scripts/audit_deps.py [--service pypi|osv] [extra pip-audit arguments]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

LOCK = Path(__file__).resolve().parents[1] / "requirements.lock"
"""Every dependency, pinned (``make lock``)."""

PROBE = "jinja2==3.1.5"
"""A release with a published advisory; a working database must report it."""


def _pip_audit(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def database_answers(service: list[str]) -> tuple[bool, str]:
    """Whether the vulnerability database reports the advisory of :data:`PROBE`, and why not."""
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "probe.txt"
        requirements.write_text(PROBE + "\n", encoding="utf-8")
        try:
            result = _pip_audit([*service, "--no-deps", "--disable-pip", "-r", str(requirements)], timeout=120)
        except subprocess.TimeoutExpired:
            return False, "the vulnerability service did not answer within 120 s"
    if result.returncode == 1 and "jinja2" in result.stdout.lower():
        return True, ""
    reason = (result.stderr.strip().splitlines() or result.stdout.strip().splitlines() or ["no output"])[-1]
    return False, f"probe {PROBE} found no advisory ({reason})"


def main(argv: list[str]) -> int:
    try:
        import pip_audit  # noqa: F401
    except ImportError:
        print("audit-deps: pip-audit is not installed; install the dev extras: pip install -e '.[dev]'")
        return 2
    service: list[str] = []
    if argv[:1] == ["--service"] and len(argv) > 1:
        service, argv = ["--vulnerability-service", argv[1]], argv[2:]
    ok, reason = database_answers(service)
    if not ok:
        print(f"audit-deps: SKIPPED, no vulnerability database reachable from this machine: {reason}.")
        print("audit-deps: run `make audit-deps` where PyPI's JSON API (with advisories) or api.osv.dev answers.")
        return 2 if os.environ.get("KRAPTE_REQUIRE_AUDIT") == "1" else 0
    # the lock pins every dependency (`make install` installs with it), so its pins are audited as they stand
    result = _pip_audit(["--desc", "on", *service, "--no-deps", "--disable-pip", "-r", str(LOCK), *argv])
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    if result.returncode == 0:
        print(f"audit-deps: no known vulnerabilities in the locked dependencies ({LOCK.name})")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
