"""Job carving: a sub-role of a vacancy that one person can fill now, and what remains for the rest of the team.

For a vacancy no candidate covers, :func:`carve` splits the vacancy's skills into the part the person holds (from
experience or from diplomas: declared, extracted and inferred skills all count) and the rest. The sub-role is
offered when it carries at least :data:`MIN_SHARE` of the vacancy's specificity-weighted skill weight and at least
:data:`MIN_SKILLS` skills; its tasks are listed per ESCO skill group so an employer can see the shape of the job.
:func:`carve_team` does this greedily for several people until the vacancy is covered or nobody adds anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from krapte.match.matching import Matcher
from krapte.match.models import Profile, Vacancy

__all__ = ["MIN_SHARE", "MIN_SKILLS", "Carving", "carve", "carve_team"]

MIN_SHARE = 0.3
MIN_SKILLS = 3
HELD = 0.5


@dataclass(frozen=True)
class Carving:
    """The sub-role one person can take on, and the remaining tasks."""

    profile_id: str
    vacancy_id: str
    share: float  # specificity-weighted share of the vacancy's skills in the sub-role
    viable: bool
    sub_role: tuple[dict[str, Any], ...]  # skill groups with their skills the person covers
    remaining: tuple[dict[str, Any], ...]  # skill groups with the skills left for the rest of the team
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile_id,
            "vacancy": self.vacancy_id,
            "share": round(self.share, 3),
            "viable": self.viable,
            "sub_role": list(self.sub_role),
            "remaining": list(self.remaining),
            "reason": self.reason,
        }


def _grouped(matcher: Matcher, cols: list[int]) -> tuple[dict[str, Any], ...]:
    space, tax = matcher.space, matcher.taxonomy
    groups: dict[str, list[dict[str, str]]] = {}
    for j in cols:
        uri = space.skill_uris[j]
        groups.setdefault(space.groups[j], []).append({"uri": uri, "label": tax.skills[uri].label(matcher.lang)})
    return tuple(
        {"group": code, "label": space.group_label(code, matcher.lang), "skills": skills}
        for code, skills in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    )


def carve(matcher: Matcher, vacancy: Vacancy, profile: Profile, *, exclude: Sequence[str] = ()) -> Carving:
    """The part of ``vacancy`` that ``profile`` can do (skills in ``exclude`` are already taken by others)."""
    soft, _ = matcher.held_vector(profile)
    row = matcher.skill_row(vacancy.skills)
    taken = {matcher.space.skill_index[u] for u in exclude if u in matcher.space.skill_index}
    open_cols = [j for j in row if j not in taken]
    mine = [j for j in open_cols if soft[j] >= HELD]
    rest = [j for j in open_cols if soft[j] < HELD]
    total = sum(row.values())
    share = sum(row[j] for j in mine) / total if total else 0.0
    viable = share >= MIN_SHARE and len(mine) >= MIN_SKILLS
    reason = f"{len(mine)} van {len(row)} vaardigheden ({share:.0%} van het gewicht) passen bij deze persoon" + (
        "" if viable else f"; te weinig voor een deeltaak (min. {MIN_SHARE:.0%} en {MIN_SKILLS} vaardigheden)"
    )
    return Carving(profile.id, vacancy.id, share, viable, _grouped(matcher, mine), _grouped(matcher, rest), reason)


def carve_team(matcher: Matcher, vacancy: Vacancy, profiles: Sequence[Profile]) -> tuple[list[Carving], Carving | None]:
    """Greedy: repeatedly give the largest viable sub-role to the person who covers most of what is still open.

    Returns the carvings in order and, when skills remain, the remainder as a carving without a person.
    """
    taken: list[str] = []
    chosen: list[Carving] = []
    left = list(profiles)
    while left:
        options = [(carve(matcher, vacancy, p, exclude=taken), p) for p in left]
        best, person = max(options, key=lambda o: o[0].share)
        if not best.viable:
            break
        chosen.append(best)
        taken.extend(s["uri"] for g in best.sub_role for s in g["skills"])
        left.remove(person)
    row = matcher.skill_row(vacancy.skills)
    done = {matcher.space.skill_index[u] for u in taken}
    rest = [j for j in row if j not in done]
    total = sum(row.values())
    remainder = None
    if rest:
        share = sum(row[j] for j in rest) / total if total else 0.0
        remainder = Carving(
            "",
            vacancy.id,
            share,
            False,
            (),
            _grouped(matcher, rest),
            f"{len(rest)} vaardigheden blijven over voor de rest van het team",
        )
    return chosen, remainder
