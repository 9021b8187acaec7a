"""Explainable matching of people and vacancies: vacancies for a profile and candidates for a vacancy.

The score of a (profile, vacancy) pair is a weighted sum of components, each in [0, 1]:

==============  ======  ==========================================================================================
component       weight  value
==============  ======  ==========================================================================================
essential       0.50    specificity-weighted share of the vacancy's required skills the person holds (soft
                        possession: a held skill counts with its weight, a similar skill with its semantic credit)
optional        0.15    the same over the nice-to-have skills (its weight moves to ``essential`` when there are none)
education       0.10    1 when the NLQF level meets the requirement, 0.5 one level below or unknown, else 0
hours           0.10    1 when the wanted hours fall in the vacancy's range, falling to 0 at 16 hours apart
travel          0.15    1 − 0.5 × distance / travel limit (gemeente centroids)
==============  ======  ==========================================================================================

``semantic`` is reported as the part of the skill components that came from similar rather than identical skills.
Hard requirements are filters that state their reason: required certificates and driving licences, the travel
limit, and an expired ``validThrough``. The open-hiring mode ranks on the filters and availability (hours and
travel) only, never on skills or diplomas. :mod:`krapte.match.index` computes the same score for a million
vacancies at once; tests check that both agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from krapte.match.geo import Gazetteer, default_gazetteer
from krapte.match.kept import derived
from krapte.match.models import Profile, Vacancy
from krapte.match.pathways import profile_held
from krapte.match.reasons import Reason, reason
from krapte.match.similarity import SemanticNeighbours, soft_possession
from krapte.match.skillset import SkillSet
from krapte.match.space import SkillSpace, skill_space
from krapte.taxonomy.model import Taxonomy

__all__ = [
    "DEFAULT_TRAVEL_KM",
    "MIN_SPECIFICITY",
    "OPEN_HIRING_WEIGHTS",
    "WEIGHTS",
    "Component",
    "Match",
    "Matcher",
    "education_fit",
    "hours_fit",
    "travel_fit",
]

WEIGHTS: Mapping[str, float] = {"essential": 0.50, "optional": 0.15, "education": 0.10, "hours": 0.10, "travel": 0.15}
OPEN_HIRING_WEIGHTS: Mapping[str, float] = {"hours": 0.5, "travel": 0.5}
MIN_SPECIFICITY = 0.05  # so that a vacancy listing only generic skills still has a defined coverage
DEFAULT_TRAVEL_KM = 30.0
HOURS_SPAN = 16.0


def education_fit(person_nlqf: int | None, required: int | None) -> float:
    if required is None:
        return 1.0
    if person_nlqf is None:
        return 0.5
    return 1.0 if person_nlqf >= required else 0.5 if person_nlqf == required - 1 else 0.0


def hours_fit(wanted: float | None, lo: float | None, hi: float | None) -> float:
    if wanted is None or (lo is None and hi is None):
        return 1.0
    lo_, hi_ = (lo if lo is not None else hi), (hi if hi is not None else lo)
    assert lo_ is not None and hi_ is not None
    gap = max(0.0, lo_ - wanted, wanted - hi_)
    return max(0.0, 1.0 - gap / HOURS_SPAN)


def travel_fit(distance_km: float | None, limit_km: float) -> float:
    if distance_km is None:
        return 0.5
    return max(0.0, 1.0 - 0.5 * distance_km / limit_km)


@dataclass(frozen=True)
class Component:
    name: str
    value: float
    weight: float
    detail: str = ""

    @property
    def contribution(self) -> float:
        return self.value * self.weight

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 4),
            "weight": self.weight,
            "contribution": round(self.contribution, 4),
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Match:
    """One profile–vacancy pair: score, components, matched and missing skills, and filters that failed."""

    profile_id: str
    vacancy_id: str
    title: str
    score: float
    eligible: bool
    components: tuple[Component, ...]
    matched: tuple[dict[str, Any], ...] = ()  # uri, label, how ("exact"/"similar"), credit, evidence
    missing_essential: tuple[dict[str, str], ...] = ()
    filters: tuple[str, ...] = ()  # reasons this pair is excluded
    distance_km: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    filter_reasons: tuple[Reason, ...] = ()  # ``filters`` as codes (krapte.match.reasons), for other languages

    def component(self, name: str) -> Component | None:
        return next((c for c in self.components if c.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile_id,
            "vacancy": self.vacancy_id,
            "title": self.title,
            "score": round(self.score, 4),
            "eligible": self.eligible,
            "components": [c.to_dict() for c in self.components],
            "matched": list(self.matched),
            "missing_essential": list(self.missing_essential),
            "filters": list(self.filters),
            "filter_codes": [r.to_dict() for r in self.filter_reasons],
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            **self.extra,
        }


#: how many profiles' held skill sets a matcher keeps (each keeps its profile object alive, so the id is not reused)
HELD_KEPT = 256


class Matcher:
    """Scores and explains profile–vacancy pairs against one taxonomy (and optional semantic neighbours)."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        neighbours: SemanticNeighbours | None = None,
        gazetteer: Gazetteer | None = None,
        today: date | None = None,
        lang: str = "nl",
    ) -> None:
        self.taxonomy = taxonomy
        self.space: SkillSpace = skill_space(taxonomy)
        self.neighbours = neighbours
        self.gazetteer = gazetteer or default_gazetteer()
        self.today = today or date.today()
        self.lang = lang
        self.weights = np.maximum(self.space.specificity, MIN_SPECIFICITY)
        self._held_sets: dict[Any, tuple[object, Any]] = {}

    # --- building blocks shared with the index ---------------------------------------------------------------
    def _profile_held(self, profile: Profile) -> SkillSet:
        """:func:`profile_held`, kept per profile object (a profile is scored against many vacancies, and a
        service may keep its stored profiles' objects across requests)."""
        held: SkillSet = derived(
            self._held_sets, id(profile), profile, lambda: profile_held(self.taxonomy, profile), limit=HELD_KEPT
        )
        return held

    def held_vector(self, profile: Profile) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """(soft possession, exact possession) over the skill space for a profile."""
        held = self._profile_held(profile)
        exact = self.space.vector(held.weights())
        soft = soft_possession(sparse.csr_matrix(exact[None, :]), self.neighbours).toarray()[0]
        return soft, exact

    def skill_row(self, skills: SkillSet) -> dict[int, float]:
        """Column → weight of one vacancy: W_ess·w_s/Σw over required skills, W_opt·w_s/Σw over optional ones,
        with ``w_s`` = specificity × the entry's weight (an extraction's confidence)."""
        idx = self.space.skill_index
        ess = [idx[u] for u in sorted(skills.essential) if u in idx]
        opt = [idx[u] for u in sorted(skills.optional) if u in idx and idx[u] not in set(ess)]
        w_ess, w_opt = WEIGHTS["essential"], WEIGHTS["optional"]
        if not opt:
            w_ess, w_opt = w_ess + w_opt, 0.0
        conf = {idx[e.uri]: e.weight for e in skills if e.uri in idx}
        row: dict[int, float] = {}
        for cols, share in ((ess, w_ess), (opt, w_opt)):
            w = {j: float(self.weights[j]) * conf[j] for j in cols}
            total = sum(w.values())
            for j in cols:
                row[j] = share * w[j] / total
        return row

    def filters(self, profile: Profile, vacancy: Vacancy, distance: float | None) -> list[str]:
        """Why this pair is excluded, as text (the default rendering of :meth:`filter_reasons`)."""
        return [r.text() for r in self.filter_reasons(profile, vacancy, distance)]

    def filter_reasons(self, profile: Profile, vacancy: Vacancy, distance: float | None) -> list[Reason]:
        """Why this pair is excluded, as reason codes (krapte.match.reasons)."""
        reasons = []
        held = {c.lower() for c in profile.certificates}
        for cert in vacancy.requirements.certificates:
            if cert.lower() not in held:
                reasons.append(reason("match.certificate_required", certificate=cert))
        licences = {d.upper() for d in profile.driving_licences}
        for lic in vacancy.requirements.driving_licences:
            if lic.upper() not in licences:
                reasons.append(reason("match.licence_required", licence=lic))
        limit = profile.travel_km or DEFAULT_TRAVEL_KM
        if distance is not None and distance > limit:
            reasons.append(reason("match.too_far", km=float(distance), limit=float(limit)))
        if vacancy.valid_through is not None and vacancy.valid_through < self.today:
            reasons.append(reason("match.expired", date=vacancy.valid_through.isoformat()))
        return reasons

    def distance(self, profile: Profile, vacancy: Vacancy) -> float | None:
        a, b = profile.home.gemeente, vacancy.location.gemeente
        if not a or not b or a not in self.gazetteer.centroids or b not in self.gazetteer.centroids:
            return None
        return self.gazetteer.distance_km(a, b)

    # --- one pair ----------------------------------------------------------------------------------------------
    def score(
        self,
        profile: Profile,
        vacancy: Vacancy,
        *,
        held: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None,
        open_hiring: bool = False,
        explain: bool = True,
    ) -> Match:
        """Score and explain one pair (``held`` = :meth:`held_vector` output, to reuse over many vacancies)."""
        soft, exact = held if held is not None else self.held_vector(profile)
        distance = self.distance(profile, vacancy)
        limit = profile.travel_km or DEFAULT_TRAVEL_KM
        hours = hours_fit(profile.hours_per_week, vacancy.hours_min, vacancy.hours_max)
        travel = travel_fit(distance, limit)
        codes = tuple(self.filter_reasons(profile, vacancy, distance))
        filters = [r.text() for r in codes]
        hours_detail = (
            f"gewenst {profile.hours_per_week:g} u, vacature {vacancy.hours_min or '?'}-{vacancy.hours_max or '?'} u"
            if profile.hours_per_week is not None
            else "gewenste uren onbekend"
        )
        travel_detail = f"{distance:.0f} km (grens {limit:.0f} km)" if distance is not None else "afstand onbekend"
        comps: tuple[Component, ...]
        if open_hiring:
            comps = (
                Component("hours", hours, OPEN_HIRING_WEIGHTS["hours"], hours_detail),
                Component("travel", travel, OPEN_HIRING_WEIGHTS["travel"], travel_detail),
            )
            total = sum(c.contribution for c in comps)
            return Match(
                profile.id,
                vacancy.id,
                vacancy.title,
                total,
                not filters,
                comps,
                filters=tuple(filters),
                distance_km=distance,
                extra={"mode": "open-hiring"},
                filter_reasons=codes,
            )
        row = self.skill_row(vacancy.skills)
        cols = np.fromiter(row, dtype=np.int64, count=len(row))
        vals = np.fromiter(row.values(), dtype=np.float64, count=len(row))
        ess_set = {self.space.skill_index[u] for u in vacancy.skills.essential if u in self.space.skill_index}
        w_ess = WEIGHTS["essential"] if len(ess_set) < len(cols) else WEIGHTS["essential"] + WEIGHTS["optional"]
        w_opt = WEIGHTS["essential"] + WEIGHTS["optional"] - w_ess
        is_ess = np.array([j in ess_set for j in cols], dtype=bool)
        contrib = vals * soft[cols] if len(cols) else vals
        ess_value = float(contrib[is_ess].sum()) / w_ess if len(cols) else 0.0
        opt_value = float(contrib[~is_ess].sum()) / w_opt if w_opt > 0 else 0.0
        similar = (exact[cols] < soft[cols]) if len(cols) else np.zeros(0, dtype=bool)
        semantic = float((vals * (soft[cols] - exact[cols]))[similar].sum()) if len(cols) else 0.0
        edu = education_fit(profile.education.nlqf, vacancy.requirements.min_nlqf)
        edu_detail = f"NLQF {profile.education.nlqf or '?'}, gevraagd {vacancy.requirements.min_nlqf or '-'}"
        comps = (
            Component("essential", ess_value, w_ess, f"{int((soft[cols][is_ess] >= 0.5).sum())} van {len(ess_set)}"),
            Component("optional", opt_value, w_opt),
            Component("education", edu, WEIGHTS["education"], edu_detail),
            Component("hours", hours, WEIGHTS["hours"], hours_detail),
            Component("travel", travel, WEIGHTS["travel"], travel_detail),
        )
        total = sum(c.contribution for c in comps)
        matched: tuple[dict[str, Any], ...] = ()
        missing: tuple[dict[str, str], ...] = ()
        if explain:
            matched, missing = self._explain(profile, cols, is_ess, soft, exact)
        return Match(
            profile.id,
            vacancy.id,
            vacancy.title,
            total,
            not filters,
            comps,
            matched,
            missing,
            tuple(filters),
            distance,
            extra={"semantic": round(semantic, 4), "mode": "skills"},
            filter_reasons=codes,
        )

    def _explain(
        self,
        profile: Profile,
        cols: npt.NDArray[np.int64],
        is_ess: npt.NDArray[np.bool_],
        soft: npt.NDArray[np.float64],
        exact: npt.NDArray[np.float64],
    ) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, str], ...]]:
        matched = []
        missing = []
        held_uris = self._profile_held(profile)
        for j, ess in zip(cols.tolist(), is_ess.tolist(), strict=True):
            uri = self.space.skill_uris[j]
            label = self.taxonomy.skills[uri].label(self.lang) if uri in self.taxonomy.skills else uri
            if soft[j] >= 0.5 or exact[j] > 0:
                entry = held_uris.get(uri)
                how = "exact" if exact[j] > 0 else "similar"
                item: dict[str, Any] = {"uri": uri, "label": label, "essential": ess, "how": how}
                item["credit"] = round(float(soft[j]), 3)
                if entry is not None:
                    item["source"] = entry.source
                    item["evidence"] = [e.to_dict() for e in entry.evidence]
                    if entry.origin:
                        item["origin"] = entry.origin
                else:
                    item["similar_to"] = self._closest_held(j, exact)
                matched.append(item)
            elif ess:
                missing.append({"uri": uri, "label": label})
        matched.sort(key=lambda m: (not m["essential"], m["how"] != "exact", -m["credit"]))
        return tuple(matched), tuple(missing)

    def _closest_held(self, j: int, exact: npt.NDArray[np.float64]) -> str:
        if self.neighbours is None:
            return ""
        row = self.neighbours.matrix.getrow(j)
        best = [(v * exact[k], k) for k, v in zip(row.indices.tolist(), row.data.tolist(), strict=True) if exact[k]]
        if not best:
            return ""
        uri = self.space.skill_uris[max(best)[1]]
        return self.taxonomy.skills[uri].label(self.lang)

    # --- many pairs --------------------------------------------------------------------------------------------
    def vacancies_for(
        self,
        profile: Profile,
        vacancies: Sequence[Vacancy],
        *,
        top: int = 20,
        open_hiring: bool = False,
        include_filtered: bool = False,
    ) -> list[Match]:
        """The best vacancies for one profile, each explained (filtered pairs only with ``include_filtered``)."""
        held = self.held_vector(profile)
        scored = [self.score(profile, v, held=held, open_hiring=open_hiring, explain=False) for v in vacancies]
        keep = [m for m in scored if include_filtered or m.eligible]
        keep.sort(key=lambda m: (not m.eligible, -m.score, m.vacancy_id))
        by_id = {v.id: v for v in vacancies}
        return [
            self.score(profile, by_id[m.vacancy_id], held=held, open_hiring=open_hiring) if m.eligible else m
            for m in keep[:top]
        ]

    def candidates_for(
        self,
        vacancy: Vacancy,
        profiles: Sequence[Profile],
        *,
        top: int = 20,
        open_hiring: bool = False,
        include_filtered: bool = False,
        held: Mapping[str, tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]] | None = None,
    ) -> list[Match]:
        """The best candidates for one vacancy, each explained (only the ``top`` kept are explained; ``held`` maps
        a profile id to its :meth:`held_vector`, to reuse over many vacancies)."""
        vectors = {p.id: held[p.id] if held and p.id in held else self.held_vector(p) for p in profiles}
        by_id = {p.id: p for p in profiles}
        scored = [self.score(p, vacancy, held=vectors[p.id], open_hiring=open_hiring, explain=False) for p in profiles]
        keep = [m for m in scored if include_filtered or m.eligible]
        keep.sort(key=lambda m: (not m.eligible, -m.score, m.profile_id))
        return [
            self.score(by_id[m.profile_id], vacancy, held=vectors[m.profile_id], open_hiring=open_hiring)
            for m in keep[:top]
        ]
