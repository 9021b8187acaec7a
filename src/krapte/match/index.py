"""A vacancy index for top-k matching among a million vacancies, computing exactly the :class:`Matcher` score.

Layout: the vacancies' skill weights (:meth:`Matcher.skill_row`) as a sparse matrix in CSC order, so one query
walks only the posting lists of the skills the person holds (an inverted index: sum over held skills ``j`` of
``posting[j] × soft[j]``), plus columns for gemeente, hours, required NLQF level, a bit mask of required
certificates and licences, and ``validThrough``. The fit components and the filters are vectorised over all
vacancies; only the top ``k`` are explained. :meth:`VacancyIndex.search_bruteforce` is the baseline: a full sparse
matrix–vector product over every stored skill weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from krapte.match.matching import DEFAULT_TRAVEL_KM, HOURS_SPAN, WEIGHTS, Match, Matcher
from krapte.match.models import Profile, Vacancy

__all__ = ["OTHER_MAX", "VacancyIndex"]

#: the most a vacancy can score without any shared skill: education + hours + travel
OTHER_MAX = WEIGHTS["education"] + WEIGHTS["hours"] + WEIGHTS["travel"]


@dataclass
class VacancyIndex:
    """Columns of many vacancies; build with :meth:`build` from objects (the benchmark fills the columns directly)."""

    matcher: Matcher
    ids: Sequence[str]
    postings: sparse.csc_matrix  # (vacancies, skills) float32 skill weights
    gemeente: npt.NDArray[np.int16]  # index into ``gemeente_codes``, -1 unknown
    hours_lo: npt.NDArray[np.float32]  # NaN unknown
    hours_hi: npt.NDArray[np.float32]
    min_nlqf: npt.NDArray[np.int8]  # 0 unknown
    required: npt.NDArray[np.uint64]  # bit mask over ``bits``
    valid_through: npt.NDArray[np.int32]  # date ordinal, 0 none
    bits: tuple[str, ...]  # "cert:vca", "licence:C", ...
    gemeente_codes: tuple[str, ...]
    vacancies: dict[str, Vacancy] | None = None
    _rows: sparse.csr_matrix | None = None
    _coords: npt.NDArray[np.float64] | None = None

    # --- building ----------------------------------------------------------------------------------------------
    @classmethod
    def build(cls, matcher: Matcher, vacancies: Sequence[Vacancy]) -> VacancyIndex:
        codes = tuple(sorted(matcher.gazetteer.centroids))
        gidx = {c: i for i, c in enumerate(codes)}
        bits: dict[str, int] = {}
        rows, cols, vals = [], [], []
        required = np.zeros(len(vacancies), dtype=np.uint64)
        for i, v in enumerate(vacancies):
            for j, w in matcher.skill_row(v.skills).items():
                rows.append(i)
                cols.append(j)
                vals.append(w)
            names = [f"cert:{c.lower()}" for c in v.requirements.certificates]
            names += [f"licence:{d.upper()}" for d in v.requirements.driving_licences]
            for name in names:
                if name not in bits and len(bits) < 64:
                    bits[name] = len(bits)
                if name in bits:
                    required[i] |= np.uint64(1 << bits[name])
        shape = (len(vacancies), len(matcher.space.skill_uris))
        postings = sparse.csc_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=shape)
        return cls(
            matcher=matcher,
            ids=[v.id for v in vacancies],
            postings=postings,
            gemeente=np.array([gidx.get(v.location.gemeente, -1) for v in vacancies], dtype=np.int16),
            hours_lo=np.array([np.nan if v.hours_min is None else v.hours_min for v in vacancies], dtype=np.float32),
            hours_hi=np.array([np.nan if v.hours_max is None else v.hours_max for v in vacancies], dtype=np.float32),
            min_nlqf=np.array([v.requirements.min_nlqf or 0 for v in vacancies], dtype=np.int8),
            required=required,
            valid_through=np.array(
                [v.valid_through.toordinal() if v.valid_through else 0 for v in vacancies], dtype=np.int32
            ),
            bits=tuple(sorted(bits, key=bits.__getitem__)),
            gemeente_codes=codes,
            vacancies={v.id: v for v in vacancies},
        )

    @property
    def nbytes(self) -> int:
        p = self.postings
        arrays = (
            p.data,
            p.indices,
            p.indptr,
            self.gemeente,
            self.hours_lo,
            self.hours_hi,
            self.min_nlqf,
            self.required,
            self.valid_through,
        )
        return int(sum(a.nbytes for a in arrays))

    # --- querying ----------------------------------------------------------------------------------------------
    def _held_bits(self, profile: Profile) -> np.uint64:
        have = {f"cert:{c.lower()}" for c in profile.certificates} | {
            f"licence:{d.upper()}" for d in profile.driving_licences
        }
        mask = 0
        for i, name in enumerate(self.bits):
            if name in have:
                mask |= 1 << i
        return np.uint64(mask)

    def _distances(self, profile: Profile) -> npt.NDArray[np.float64] | None:
        """Travel distance from the person's gemeente to every gemeente of :attr:`gemeente_codes` (None: unknown)."""
        home = profile.home.gemeente
        gaz = self.matcher.gazetteer
        if not home or home not in gaz.centroids:
            return None
        if self._coords is None:
            self._coords = gaz.coordinates(list(self.gemeente_codes))
        per_gemeente = gaz.distances_from(home, self._coords)
        if home in self.gemeente_codes:
            per_gemeente[self.gemeente_codes.index(home)] = 0.0
        return per_gemeente

    def _other(
        self, profile: Profile, open_hiring: bool, rows: npt.NDArray[np.int64] | None = None
    ) -> npt.NDArray[np.float64]:
        """Education, hours and travel contributions for ``rows`` (all when None); filtered rows at -inf."""
        sel = slice(None) if rows is None else rows
        gem = self.gemeente[sel]
        n = len(gem)
        limit = profile.travel_km or DEFAULT_TRAVEL_KM
        per_gemeente = self._distances(profile)
        dist = np.full(n, np.nan) if per_gemeente is None else np.where(gem >= 0, per_gemeente[gem], np.nan)
        travel = np.where(np.isnan(dist), 0.5, np.maximum(0.0, 1.0 - 0.5 * dist / limit))
        wanted = profile.hours_per_week
        if wanted is None:
            hours = np.ones(n)
        else:
            lo_raw, hi_raw = self.hours_lo[sel], self.hours_hi[sel]
            lo = np.where(np.isnan(lo_raw), hi_raw, lo_raw)
            hi = np.where(np.isnan(hi_raw), lo_raw, hi_raw)
            gap = np.maximum(0.0, np.maximum(lo - wanted, wanted - hi))
            hours = np.where(np.isnan(lo), 1.0, np.maximum(0.0, 1.0 - gap / HOURS_SPAN))
        if open_hiring:
            other = 0.5 * hours + 0.5 * travel
        else:
            p = profile.education.nlqf
            req = self.min_nlqf[sel].astype(np.int16)
            if p is None:
                edu = np.where(req > 0, 0.5, 1.0)
            else:
                edu = np.where((req == 0) | (p >= req), 1.0, np.where(p == req - 1, 0.5, 0.0))
            other = WEIGHTS["education"] * edu + WEIGHTS["hours"] * hours + WEIGHTS["travel"] * travel
        bad = (self.required[sel] & ~self._held_bits(profile)) != 0
        bad |= dist > limit
        valid = self.valid_through[sel]
        bad |= (valid > 0) & (valid < self.matcher.today.toordinal())
        return np.asarray(np.where(bad, -np.inf, other), dtype=np.float64)

    def _top(
        self, total: npt.NDArray[np.float64], k: int, rows: npt.NDArray[np.int64] | None = None
    ) -> list[tuple[str, float]]:
        k = min(k, len(total))
        if k == 0:
            return []
        part = np.argpartition(-total, k - 1)[:k]
        pos = part if rows is None else rows[part]
        order = np.lexsort((pos, -total[part]))
        return [(self.ids[int(pos[i])], float(total[part[i]])) for i in order if np.isfinite(total[part[i]])]

    def _within_reach(self, profile: Profile) -> npt.NDArray[np.int64] | None:
        """Rows of vacancies in gemeenten within the travel limit or of unknown place (None: no home known)."""
        per_gemeente = self._distances(profile)
        if per_gemeente is None:
            return None
        near = np.append(per_gemeente <= (profile.travel_km or DEFAULT_TRAVEL_KM), True)  # index -1: unknown
        return np.flatnonzero(near[self.gemeente])

    def search(
        self,
        profile: Profile,
        *,
        top: int = 20,
        open_hiring: bool = False,
        held: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None,
    ) -> list[tuple[str, float]]:
        """(vacancy id, score) of the best ``top`` eligible vacancies, best first (ties by position).

        Pruning, exact: a vacancy sharing no held skill scores at most :data:`OTHER_MAX` (education, hours and
        travel), so when ``top`` vacancies reached through the held skills' posting lists score at least that,
        no other vacancy is looked at. Open hiring looks only at vacancies within the travel limit.
        """
        if open_hiring:
            rows = self._within_reach(profile)
            return self._top(self._other(profile, True, rows), top, rows)
        soft, _ = held if held is not None else self.matcher.held_vector(profile)
        p = self.postings
        skill = np.zeros(len(self.ids), dtype=np.float32)
        for j in np.flatnonzero(soft):
            start, end = p.indptr[j], p.indptr[j + 1]
            if end > start:
                skill[p.indices[start:end]] += p.data[start:end] * np.float32(soft[j])
        rows = np.flatnonzero(skill)
        total = self._other(profile, False, rows) + skill[rows]
        found = self._top(total, top, rows)
        if len(found) >= top and found[-1][1] >= OTHER_MAX:
            return found
        return self._top(self._other(profile, False) + skill, top)

    def search_bruteforce(self, profile: Profile, *, top: int = 20) -> list[tuple[str, float]]:
        """Baseline: the skill part as one full sparse matrix–vector product over all vacancies, no pruning."""
        if self._rows is None:
            self._rows = self.postings.tocsr()
        soft, _ = self.matcher.held_vector(profile)
        total = self._other(profile, False) + self._rows @ soft.astype(np.float32)
        return self._top(total, top)

    def explain(self, profile: Profile, *, top: int = 20, open_hiring: bool = False) -> list[Match]:
        """:meth:`search` with every result explained by the :class:`Matcher` (needs the vacancy objects)."""
        if self.vacancies is None:
            raise ValueError("this index was built from columns; explanations need the vacancy objects")
        held = self.matcher.held_vector(profile)
        return [
            self.matcher.score(profile, self.vacancies[vid], held=held, open_hiring=open_hiring)
            for vid, _ in self.search(profile, top=top, open_hiring=open_hiring, held=held)
        ]
