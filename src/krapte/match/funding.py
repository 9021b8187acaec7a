"""Funding schemes with eligibility and amount rules as data, and one pure function that decides.

A scheme's ``eligibility`` is a rule tree in a small JSON language, so a new scheme is a new row, not new code:

=========================================  =========================================================================
``{"all": [r, ...]}``                      every rule holds
``{"any": [r, ...]}``                      at least one holds
``{"not": r}``                             the rule does not hold
``{"fact": F, OP: V, "label": "..."}``     compares fact ``F`` with ``V``; OP is ``eq``, ``ne``, ``in``, ``not_in``,
                                           ``lt``, ``lte``, ``gt``, ``gte``, ``exists`` or ``true``
``{"ask": "...", "label": "..."}``         a condition krapte cannot check (it needs a fact a profile may not hold,
                                           such as the legal age limit): the decision becomes *conditional* and
                                           the text is shown to the person
=========================================  =========================================================================

Facts are ``person.*`` (from the profile: ``employment_status``, ``nlqf``, ``sector``), ``course.*`` (``kind``,
``nlqf``, ``accredited``, ``cost_eur``, ``duration_weeks``, ``digital``, ``green``, ``technical``, ``crebo``) and
``target.*`` (the goal: ``shortage``, ``green``, ``digital``, ``technical``, ``ontwikkelpad``). Logic is
three-valued: a fact that is not known makes a leaf *unknown*, which makes the decision *conditional* on it.

``amount`` is a rule too: ``{"kind": "percentage", "percent": 60, "cap": 24999}``, ``{"kind": "fixed", "amount":
2700}``, ``{"kind": "loan"}``, ``{"kind": "tax-exempt"}``, ``{"kind": "service"}`` (free advice) or ``{"kind":
"none"}``; ``"applies_to"``: ``course-cost`` (lowers what the course costs the person or employer) or
``employer`` (paid to the employer for the work-learning place) says how it counts in a net cost.

A scheme whose status is ``ended`` or whose ``valid_to`` has passed is never an option: :func:`decide` returns
status ``ended`` with the date. A scheme marked ``unverified`` carries that mark and its note into every decision.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

from krapte.errors import ValidationError
from krapte.match.reasons import Reason, reason

__all__ = [
    "DATASET",
    "AmountRule",
    "Decision",
    "FundingScheme",
    "decide",
    "decide_all",
    "default_schemes",
    "evaluate_rule",
    "evaluate_rule_reasons",
    "facts_for",
    "schemes_from_json",
    "validate_rule",
]

DATASET = "funding-schemes-2026"
Status = Literal["eligible", "conditional", "not-eligible", "ended"]
_OPS = ("eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "exists", "true")


@dataclass(frozen=True)
class AmountRule:
    """How much a scheme pays, as data."""

    kind: str = "none"  # percentage, fixed, loan, tax-exempt, service, case-by-case, none
    percent: float | None = None
    percent_by_nlqf: Mapping[str, float] | None = None  # NLQF level ("1".."8") -> percent; overrides percent
    amount: float | None = None
    cap: float | None = None
    applies_to: str = "course-cost"  # course-cost | employer | person
    text: str = ""
    text_en: str = ""  # English translation of ``text`` (the Dutch text is the source)

    def value(self, cost: float | None, nlqf: int | None = None) -> float:
        """The euros this scheme contributes to a course of ``cost`` (0 for loans, tax exemptions, services)."""
        if self.kind == "fixed":
            out = float(self.amount or 0.0)
        elif self.kind == "percentage" and cost is not None:
            percent = self.percent
            if self.percent_by_nlqf is not None:
                percent = self.percent_by_nlqf.get(str(nlqf)) if nlqf is not None else None
            out = cost * float(percent or 0.0) / 100.0
        else:
            return 0.0
        if self.cap is not None:
            out = min(out, self.cap)
        if cost is not None and self.applies_to == "course-cost":
            out = min(out, cost)
        return round(out, 2)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> AmountRule:
        data = data or {}
        return cls(
            kind=str(data.get("kind", "none")),
            percent=_num(data.get("percent")),
            percent_by_nlqf={str(k): float(v) for k, v in data["percent_by_nlqf"].items()}
            if data.get("percent_by_nlqf")
            else None,
            amount=_num(data.get("amount")),
            cap=_num(data.get("cap")),
            applies_to=str(data.get("applies_to", "course-cost")),
            text=str(data.get("text", "")),
            text_en=str(data.get("text_en", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass(frozen=True)
class FundingScheme:
    """One Dutch funding scheme with its source, dates and rules."""

    id: str
    name_nl: str
    name_en: str = ""
    issuer: str = ""
    executor: str = ""
    target_group: str = ""
    eligibility_summary: str = ""
    amount_rule_text: str = ""
    max_amount_eur: float | None = None
    status: str = "unknown"  # active | ended | unknown (as the sources show)
    valid_from: date | None = None
    valid_to: date | None = None
    application_window: str = ""
    source_url: str = ""
    source_title: str = ""
    source_date: str = ""
    checked_on: date | None = None
    notes: str = ""
    unverified: bool = False
    eligibility: Mapping[str, Any] = field(default_factory=dict)
    amount: AmountRule = AmountRule()
    kind: str = "subsidy"  # subsidy, loan, tax, service, fund
    budget_status: str = ""

    def ended_on(self, today: date) -> date | None:
        """The date the scheme ended, if it has ended by ``today`` (status 'ended' without a date: valid_to)."""
        if self.valid_to is not None and self.valid_to < today:
            return self.valid_to
        if self.status == "ended":
            return self.valid_to or today
        return None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in self.__dict__.items():
            if isinstance(v, date):
                out[k] = v.isoformat()
            elif isinstance(v, AmountRule):
                out[k] = v.to_dict()
            else:
                out[k] = v
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FundingScheme:
        validate_rule(data.get("eligibility") or {"all": []})
        return cls(
            id=str(data["id"]),
            name_nl=str(data.get("name_nl", data["id"])),
            name_en=str(data.get("name_en", "")),
            issuer=str(data.get("issuer", "")),
            executor=str(data.get("executor", "")),
            target_group=str(data.get("target_group", "")),
            eligibility_summary=str(data.get("eligibility_summary", "")),
            amount_rule_text=str(data.get("amount_rule_text", data.get("amount_rule", "")) or ""),
            max_amount_eur=_num(data.get("max_amount_eur")),
            status=str(data.get("status", "unknown")),
            valid_from=_day(data.get("valid_from")),
            valid_to=_day(data.get("valid_to")),
            application_window=str(data.get("application_window", "")),
            source_url=str(data.get("source_url", "")),
            source_title=str(data.get("source_title", "")),
            source_date=str(data.get("source_date", "")),
            checked_on=_day(data.get("checked_on")),
            notes=str(data.get("notes", "")),
            unverified=bool(data.get("unverified", False)),
            eligibility=data.get("eligibility") or {"all": []},
            amount=AmountRule.from_dict(data.get("amount")),
            kind=str(data.get("kind", "subsidy")),
            budget_status=str(data.get("budget_status", "")),
        )


@dataclass(frozen=True)
class Decision:
    """Whether one person (and course) qualifies for one scheme, why, and for how much."""

    scheme: FundingScheme
    status: Status
    reasons: tuple[str, ...]
    conditions: tuple[str, ...] = ()
    amount_eur: float = 0.0
    unverified: bool = False
    #: the same reasons and conditions as codes with parameters (krapte.match.reasons), for other languages
    reason_codes: tuple[Reason, ...] = ()
    condition_codes: tuple[Reason, ...] = ()

    @classmethod
    def of(
        cls,
        scheme: FundingScheme,
        status: Status,
        reasons: Iterable[Reason],
        conditions: Iterable[Reason] = (),
        amount_eur: float = 0.0,
    ) -> Decision:
        """A decision from reason codes; the text reasons are their default rendering (duplicates dropped)."""
        rs, cs = tuple(dict.fromkeys(reasons)), tuple(dict.fromkeys(conditions))
        return cls(
            scheme, status, tuple(dict.fromkeys(r.text() for r in rs)), tuple(dict.fromkeys(c.text() for c in cs)),
            amount_eur, scheme.unverified, rs, cs,
        )  # fmt: skip

    @property
    def is_option(self) -> bool:
        """Eligible or conditional, never ended."""
        return self.status in ("eligible", "conditional")

    def to_dict(self) -> dict[str, Any]:
        s = self.scheme
        return {
            "scheme": s.id,
            "name": s.name_nl,
            "name_en": s.name_en,
            "status": self.status,
            "reasons": list(self.reasons),
            "conditions": list(self.conditions),
            "reason_codes": [r.to_dict() for r in self.reason_codes],
            "condition_codes": [c.to_dict() for c in self.condition_codes],
            "amount_eur": self.amount_eur,
            "applies_to": s.amount.applies_to,
            "amount_rule": s.amount_rule_text,
            "unverified": self.unverified,
            "notes": s.notes if self.unverified else "",
            "source_url": s.source_url,
            "source_date": s.source_date,
            "checked_on": s.checked_on.isoformat() if s.checked_on else "",
            "valid_to": s.valid_to.isoformat() if s.valid_to else "",
        }


# --- the rule language ------------------------------------------------------------------------------------------
def validate_rule(rule: Mapping[str, Any], path: str = "eligibility") -> None:
    """Raise ValidationError naming the path of the first malformed node."""
    if not isinstance(rule, Mapping):
        raise ValidationError(f"{path}: a rule must be an object")
    if "all" in rule or "any" in rule:
        key = "all" if "all" in rule else "any"
        for i, sub in enumerate(rule[key]):
            validate_rule(sub, f"{path}.{key}[{i}]")
    elif "not" in rule:
        validate_rule(rule["not"], f"{path}.not")
    elif "ask" in rule:
        if not str(rule["ask"]).strip():
            raise ValidationError(f"{path}: 'ask' needs the condition text")
    elif "fact" in rule:
        ops = [op for op in _OPS if op in rule]
        if len(ops) != 1:
            raise ValidationError(f"{path}: a fact rule needs exactly one of {', '.join(_OPS)}")
    else:
        raise ValidationError(f"{path}: unknown rule {dict(rule)!r}", hint="use all, any, not, fact or ask")


_Tri = bool | None


def evaluate_rule(rule: Mapping[str, Any], facts: Mapping[str, Any], reasons: list[str], conditions: list[str]) -> _Tri:
    """Three-valued evaluation: True, False or None (unknown); appends the reason of each decisive leaf (as text;
    :func:`evaluate_rule_reasons` gives them as codes)."""
    rs: list[Reason] = []
    cs: list[Reason] = []
    result = evaluate_rule_reasons(rule, facts, rs, cs)
    reasons.extend(r.text() for r in rs)
    conditions.extend(c.text() for c in cs)
    return result


def _labelled(code: str, rule: Mapping[str, Any], label: str, key: str = "label") -> Reason:
    """A reason about a rule: its (Dutch) label, and the English one when the scheme data has it."""
    return reason(code, label=label, label_en=str(rule.get(f"{key}_en") or ""))


def _negated(r: Reason) -> Reason:
    if r.code == "funding.rule_met":
        return reason("funding.rule_not_met", **r.values)
    if r.code == "funding.rule_not_met":
        return reason("funding.rule_met", **r.values)
    return r


def evaluate_rule_reasons(
    rule: Mapping[str, Any], facts: Mapping[str, Any], reasons: list[Reason], conditions: list[Reason]
) -> _Tri:
    """:func:`evaluate_rule` with the reasons and conditions as :class:`Reason` codes."""
    if "all" in rule:
        results = [evaluate_rule_reasons(r, facts, reasons, conditions) for r in rule["all"]]
        return False if False in results else (None if None in results else True)
    if "any" in rule:
        sub_reasons: list[list[Reason]] = []
        sub_conditions: list[list[Reason]] = []
        results = []
        for r in rule["any"]:
            rs: list[Reason] = []
            cs: list[Reason] = []
            results.append(evaluate_rule_reasons(r, facts, rs, cs))
            sub_reasons.append(rs)
            sub_conditions.append(cs)
        if True in results:
            reasons.extend(sub_reasons[results.index(True)])
            return True
        if None in results:
            i = results.index(None)
            reasons.extend(sub_reasons[i])
            conditions.extend(sub_conditions[i])
            return None
        for rs in sub_reasons:
            reasons.extend(rs)
        return False
    if "not" in rule:
        rs, cs = [], []
        inner = evaluate_rule_reasons(rule["not"], facts, rs, cs)
        label = rule.get("label")
        if label:
            code = "funding.rule_met" if inner is False else "funding.rule_not_met"
            reasons.append(_labelled(code, rule, str(label)))
        else:
            reasons.extend(_negated(r) for r in rs)
        conditions.extend(cs)
        return None if inner is None else not inner
    if "ask" in rule:
        conditions.append(_labelled("funding.ask", rule, str(rule["ask"]), key="ask"))
        return None
    return _leaf(rule, facts, reasons, conditions)


def _leaf(rule: Mapping[str, Any], facts: Mapping[str, Any], reasons: list[Reason], conditions: list[Reason]) -> _Tri:
    name = str(rule["fact"])
    op = next(op for op in _OPS if op in rule)
    expected = rule[op]
    label = str(rule.get("label") or f"{name} {op} {expected}")
    value = facts.get(name)
    if op == "exists":
        result: _Tri = (value not in (None, "", ())) == bool(expected)
    elif value is None or value == "":
        conditions.append(_labelled("funding.fact_unknown", rule, label))
        return None
    elif op == "true":
        result = bool(value) == bool(expected)
    elif op == "eq":
        result = value == expected
    elif op == "ne":
        result = value != expected
    elif op == "in":
        result = value in expected
    elif op == "not_in":
        result = value not in expected
    else:
        try:
            a, b = float(value), float(expected)
        except (TypeError, ValueError):
            conditions.append(_labelled("funding.fact_unknown", rule, label))
            return None
        result = {"lt": a < b, "lte": a <= b, "gt": a > b, "gte": a >= b}[op]
    reasons.append(_labelled("funding.rule_met" if result else "funding.rule_not_met", rule, label))
    return result


# --- facts and decisions ------------------------------------------------------------------------------------------
def facts_for(
    profile: Any | None = None, course: Any | None = None, target: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The facts rules can read, from a profile, a course and a target description (plain values only)."""
    facts: dict[str, Any] = {}
    if profile is not None:
        facts["person.employment_status"] = profile.employment_status or None
        facts["person.nlqf"] = profile.education.nlqf
        facts["person.sector"] = profile.sector or None
    if course is not None:
        facts["course.kind"] = course.kind or None
        facts["course.nlqf"] = course.nlqf
        facts["course.accredited"] = course.accredited
        facts["course.cost_eur"] = course.cost_eur
        facts["course.duration_weeks"] = course.duration_weeks
        facts["course.crebo"] = course.crebo or None
        for flag in ("digital", "green", "technical"):
            facts[f"course.{flag}"] = bool(course.extra.get(flag)) if flag in course.extra else None
    for key, value in (target or {}).items():
        facts[f"target.{key}"] = value
    return facts


def decide(
    scheme: FundingScheme,
    facts: Mapping[str, Any],
    *,
    today: date,
    cost: float | None = None,
) -> Decision:
    """Decide one scheme for the given facts on ``today``; every decision states its reasons."""
    ended = scheme.ended_on(today)
    if ended is not None:
        code = "funding.ended" if scheme.status == "ended" else "funding.ran_until"
        return Decision.of(scheme, "ended", [reason(code, date=ended.isoformat())])
    if scheme.valid_from is not None and scheme.valid_from > today:
        return Decision.of(scheme, "not-eligible", [reason("funding.starts_later", date=scheme.valid_from.isoformat())])
    reasons: list[Reason] = []
    conditions: list[Reason] = []
    result = evaluate_rule_reasons(scheme.eligibility, facts, reasons, conditions)
    status: Status = "eligible" if result is True else ("not-eligible" if result is False else "conditional")
    if scheme.status == "unknown" and status != "not-eligible":
        conditions.append(reason("funding.status_unconfirmed"))
        if status == "eligible":
            status = "conditional"
    nlqf = facts.get("course.nlqf")
    amount = scheme.amount.value(cost, int(nlqf) if nlqf is not None else None) if status != "not-eligible" else 0.0
    return Decision.of(scheme, status, reasons, conditions, amount)


def decide_all(
    schemes: Iterable[FundingScheme],
    facts: Mapping[str, Any],
    *,
    today: date,
    cost: float | None = None,
    memo: dict[Any, Any] | None = None,
) -> list[Decision]:
    """Decisions for every scheme: options first (eligible, then conditional), then not eligible, then ended.

    ``memo`` (a dict the caller keeps for one person and day, e.g. over many courses) reuses a decision when the
    facts its rules read, the course's NLQF level and the cost are the same: many courses decide alike.
    """
    order = {"eligible": 0, "conditional": 1, "not-eligible": 2, "ended": 3}
    if memo is not None:
        return _decided_alike(tuple(schemes), facts, today, cost, memo)
    out = [decide(s, facts, today=today, cost=cost) for s in schemes]
    return sorted(out, key=lambda d: (order[d.status], -d.amount_eur, d.scheme.id))


def _decided_alike(
    schemes: tuple[FundingScheme, ...], facts: Mapping[str, Any], today: date, cost: float | None, memo: dict[Any, Any]
) -> list[Decision]:
    """:func:`decide_all`, kept by the values of the facts the schemes' rules read, the NLQF level and the cost
    (the rules compare values only, so equal values decide alike)."""
    ids = tuple(id(s) for s in schemes)
    kept = memo.get(("names", ids))
    if kept is None:
        names = sorted(frozenset().union(*(_rule_facts(s.eligibility) for s in schemes)) | {"course.nlqf"})
        kept = memo[("names", ids)] = (schemes, tuple(names))
    key: Any = ("all", ids, today, cost, tuple(facts.get(n) for n in kept[1]))
    try:
        hash(key)
    except TypeError:
        key = ("all", ids, today, cost, _frozen(key[4]))
    found = memo.get(key)
    if found is None:
        found = memo[key] = decide_all(schemes, facts, today=today, cost=cost)
    return list(found)


def _rule_facts(rule: Any) -> frozenset[str]:
    """The fact names a rule reads."""
    if isinstance(rule, Mapping):
        own = {str(rule["fact"])} if "fact" in rule else set()
        return frozenset(own.union(*(_rule_facts(v) for v in rule.values() if isinstance(v, Mapping | list))))
    if isinstance(rule, list):
        return frozenset().union(*(_rule_facts(r) for r in rule))
    return frozenset()


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    return value


def schemes_from_json(text: str | bytes) -> list[FundingScheme]:
    data = json.loads(text)
    rows = data["schemes"] if isinstance(data, Mapping) else data
    return [FundingScheme.from_dict(r) for r in rows]


@cache
def default_schemes() -> tuple[FundingScheme, ...]:
    """The 25 real Dutch schemes shipped in ``krapte/data/funding-schemes-2026`` (see docs/match.md)."""
    raw = (resources.files("krapte.data") / DATASET / "schemes.json").read_bytes()
    return tuple(schemes_from_json(raw))


def _num(value: Any) -> float | None:
    if value in (None, ""):
        return None
    return float(value)


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    if len(text) == 4:
        return date(int(text), 12, 31)
    if len(text) == 7:
        return date(int(text[:4]), int(text[5:7]), 28)
    return date.fromisoformat(text[:10])
