"""Green, digital and technical occupations: the rules that define "green and digital jobs" in krapte.

Skills are green or digital by ESCO's own collections (``greenSkillsCollection``, ``digitalSkillsCollection`` and
``digCompSkillsCollection``). Occupations are flagged from their essential skills and their ISCO-08 group:

=========  ==========================================================================================
green      at least ``GREEN_MIN_COUNT`` (3) essential skills are green, or at least ``GREEN_MIN_SHARE``
           (10 %) of the essential skills are green (and at least one is)
digital    at least ``DIGITAL_MIN_SHARE`` (25 %) of the essential skills are digital, or the ISCO-08
           sub-major group is 25 (ICT professionals) or 35 (ICT technicians)
technical  the ISCO-08 group is one of ``TECHNICAL_ISCO`` (engineering and science professionals 211, 214,
           215; science and engineering associate professionals 31; building, metal, machinery, handicraft
           and electrical/electronics trades 71–74)
=========  ==========================================================================================

Every flag comes with its evidence: the counts and shares, the green/digital skills behind them and the ISCO
group, so users can see why an occupation counts (``krapte taxonomy show``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from krapte.taxonomy.model import Occupation, Taxonomy

GREEN_MIN_COUNT = 3
GREEN_MIN_SHARE = 0.10
DIGITAL_MIN_SHARE = 0.25
DIGITAL_ISCO = ("25", "35")
TECHNICAL_ISCO = ("211", "214", "215", "31", "71", "72", "73", "74")


@dataclass(frozen=True)
class OccupationFlags:
    """The three flags of one occupation and why each is set (or not)."""

    uri: str
    green: bool
    digital: bool
    technical: bool
    essential_count: int
    green_skills: tuple[str, ...] = ()
    digital_skills: tuple[str, ...] = ()
    isco_code: str = ""
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def green_share(self) -> float:
        return len(self.green_skills) / self.essential_count if self.essential_count else 0.0

    @property
    def digital_share(self) -> float:
        return len(self.digital_skills) / self.essential_count if self.essential_count else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "green": self.green,
            "digital": self.digital,
            "technical": self.technical,
            "evidence": {
                "essential_skills": self.essential_count,
                "green_essential_skills": list(self.green_skills),
                "green_share": round(self.green_share, 3),
                "digital_essential_skills": list(self.digital_skills),
                "digital_share": round(self.digital_share, 3),
                "isco_code": self.isco_code,
                "reasons": self.reasons,
            },
        }


def occupation_flags(tax: Taxonomy, occupation: Occupation) -> OccupationFlags:
    """Apply the documented rules to one occupation."""
    essential = [tax.skills[u] for u in occupation.essential_skills if u in tax.skills]
    n = len(essential)
    green = tuple(s.uri for s in essential if s.is_green)
    digital = tuple(s.uri for s in essential if s.is_digital)
    isco = occupation.isco_code
    reasons: dict[str, str] = {}

    is_green = len(green) >= GREEN_MIN_COUNT or (bool(green) and len(green) / n >= GREEN_MIN_SHARE)
    reasons["green"] = (
        f"{len(green)} of {n} essential skills are green ({len(green) / n:.0%})"
        if n
        else "no essential skills recorded"
    ) + (f"; rule: at least {GREEN_MIN_COUNT} or at least {GREEN_MIN_SHARE:.0%}" if not is_green else "")

    digital_by_isco = isco[:2] in DIGITAL_ISCO
    is_digital = digital_by_isco or (n > 0 and len(digital) / n >= DIGITAL_MIN_SHARE)
    reasons["digital"] = (
        f"ISCO-08 group {isco[:2]} (ICT)"
        if digital_by_isco
        else (f"{len(digital)} of {n} essential skills are digital ({len(digital) / n:.0%})" if n else "no skills")
    ) + (f"; rule: at least {DIGITAL_MIN_SHARE:.0%} or ISCO 25/35" if not is_digital else "")

    technical_group = next((g for g in TECHNICAL_ISCO if isco.startswith(g)), "")
    reasons["technical"] = (
        f"ISCO-08 group {technical_group} is technical"
        if technical_group
        else f"ISCO-08 group {isco} is not among {', '.join(TECHNICAL_ISCO)}"
    )
    return OccupationFlags(
        uri=occupation.uri,
        green=is_green,
        digital=is_digital,
        technical=bool(technical_group),
        essential_count=n,
        green_skills=green,
        digital_skills=digital,
        isco_code=isco,
        reasons=reasons,
    )


_cache: dict[str, dict[str, OccupationFlags]] = {}


def all_flags(tax: Taxonomy) -> dict[str, OccupationFlags]:
    """Flags of every occupation of a taxonomy (computed once per taxonomy)."""
    if tax.key not in _cache:
        _cache[tax.key] = {uri: occupation_flags(tax, occ) for uri, occ in tax.occupations.items()}
    return _cache[tax.key]


def flagged(tax: Taxonomy, flag: str) -> tuple[str, ...]:
    """URIs of the occupations carrying ``flag`` ('green', 'digital' or 'technical')."""
    if flag not in ("green", "digital", "technical"):
        from krapte.errors import ValidationError

        raise ValidationError(f"unknown occupation flag {flag!r}", hint="use green, digital or technical")
    return tuple(uri for uri, f in all_flags(tax).items() if getattr(f, flag))
