"""Bodies of the matching endpoints (``/api/v1/pathways``, ``/training-plan``, ``/match/...``, ``/profiles``...).

A profile in a request has exactly the fields of :class:`krapte.match.Profile`; any other key is refused with 422,
and a protected characteristic (gender, age, origin, nationality, health, disability, ...) is refused by name.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from krapte.match import PROTECTED_ATTRIBUTES

__all__ = [
    "GapSkillOut",
    "OverrideIn",
    "PathwayContract",
    "PathwayRequest",
    "PersonRequest",
    "ProfileIn",
    "ProfileSaved",
    "ProfileSummary",
    "TrainingPlanRequest",
    "VacancyMatchRequest",
]


class ProfileIn(BaseModel):
    """A profile (no protected characteristics: there is no field for them and none can be added)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    skills: list[str | dict[str, Any]] = Field(default_factory=list, max_length=500)
    occupations: list[str | dict[str, Any]] = Field(default_factory=list, max_length=50)
    education: dict[str, Any] | None = None
    certificates: list[str] = Field(default_factory=list, max_length=100)
    driving_licences: list[str] = Field(default_factory=list, max_length=20)
    home: dict[str, Any] | str | None = None
    travel_km: float | None = Field(default=None, ge=0, le=500)
    hours_per_week: float | None = Field(default=None, ge=0, le=80)
    earliest_start: str | None = Field(default=None, max_length=10)
    employment_status: str = Field(default="", max_length=40)
    sector: str = Field(default="", max_length=60)

    @model_validator(mode="before")
    @classmethod
    def _no_protected(cls, data: Any) -> Any:
        if isinstance(data, dict):
            protected = sorted(k for k in data if str(k).lower() in PROTECTED_ATTRIBUTES)
            if protected:
                raise ValueError(
                    f"a profile cannot hold {', '.join(protected)}: protected characteristics are never inputs to "
                    "matching; fairness audits use a separate file"
                )
        return data

    def to_profile_dict(self, default_id: str) -> dict[str, Any]:
        data = self.model_dump(exclude_none=True)
        data["id"] = self.id or default_id
        return data


class PersonRequest(BaseModel):
    """Who the recommendation is for: a stored profile, a profile in the request, a past occupation or skills."""

    model_config = ConfigDict(extra="forbid")

    profile_id: str | None = Field(default=None, max_length=64)
    profile: ProfileIn | None = None
    origin: str | None = Field(default=None, max_length=500, description="ESCO URI, UUID or label")
    skills: list[str] | None = Field(default=None, max_length=500, description="self-declared ESCO skill URIs")


class PathwayRequest(PersonRequest):
    region: str | None = Field(default=None, max_length=100)
    top: int = Field(default=10, ge=1, le=100)
    any_target: bool = False
    target: str | None = Field(default=None, max_length=500, description="one chosen target instead of a ranking")
    lang: Literal["nl", "en"] = "nl"


class TrainingPlanRequest(PersonRequest):
    target: str = Field(max_length=500)
    objective: Literal["courses", "cost", "time"] = "courses"
    lang: Literal["nl", "en"] = "nl"


class VacancyMatchRequest(PersonRequest):
    top: int = Field(default=20, ge=1, le=100)
    open_hiring: bool = False


class GapSkillOut(BaseModel):
    uri: str
    label: str


class PathwayContract(BaseModel):
    """The machine-readable contract (the same as ``krapte pathways --json``)."""

    uri: str
    label: str
    similarity: float
    flags: list[str]
    gap_skills: list[GapSkillOut]


class OverrideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str = Field(max_length=300, description="a client's profile id, or a vacancy id for its candidates")
    item: str = Field(max_length=500, description="a vacancy id or occupation URI, or a candidate's profile id")
    action: Literal["hide", "pin"]
    reason: str = Field(min_length=1, max_length=1000)


class ProfileSaved(BaseModel):
    id: str


class ProfileSummary(BaseModel):
    id: str
    owner_id: str
    updated_at: str
    skills: int
    occupations: list[str]
