"""The compact JSON form of a :class:`~krapte.taxonomy.model.Taxonomy` (embedded default, store snapshots).

One gzip-compressed JSON document::

    {"format": 1, "version": "1.2.0", "languages": [...], "source": "...",
     "isco_groups":  [{"uri", "code", "labels", "alt", "desc", "broader"}],
     "skill_groups": [{"uri", "code", "labels", "alt", "desc", "broader"}],
     "occupations":  [{"uri", "code", "isco", "labels", "alt", "hidden", "desc", "broader",
                       "essential", "optional", "regulated", "research", "status"}],
     "skills":       [{"uri", "labels", "alt", "hidden", "desc", "broader", "type", "reuse", "coll", "status"}],
     "skill_relations": [[original, relation_type, related], ...]}

Keys with empty values are left out. Labels, alternative labels and descriptions are keyed by language.
``essential``/``optional`` and the two ends of ``skill_relations`` are positions in the ``skills`` list (random
UUIDs compress badly; positions keep the file a few MB).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from krapte.taxonomy.model import (
    Concept,
    IscoGroup,
    Occupation,
    Skill,
    SkillGroup,
    SkillRelation,
    Taxonomy,
)

FORMAT = 1


def _tuples(d: dict[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in (d or {}).items() if v}


def _common(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "uri": row["uri"],
        "labels": row.get("labels") or {},
        "alt": _tuples(row.get("alt")),
        "hidden": _tuples(row.get("hidden")),
        "descriptions": row.get("desc") or {},
        "broader": tuple(row.get("broader") or ()),
        "status": row.get("status") or "released",
    }


def taxonomy_from_dict(data: dict[str, Any]) -> Taxonomy:
    """Build a Taxonomy from the JSON form."""
    if data.get("format") != FORMAT:
        from krapte.errors import InputError

        raise InputError(
            f"taxonomy snapshot has format {data.get('format')!r}, expected {FORMAT}",
            hint="rebuild it with 'make data' or re-import the ESCO release",
        )
    isco = {r["uri"]: IscoGroup(**_common(r), code=r.get("code", "")) for r in data.get("isco_groups", ())}
    groups = {r["uri"]: SkillGroup(**_common(r), code=r.get("code", "")) for r in data.get("skill_groups", ())}
    skill_uris = [r["uri"] for r in data.get("skills", ())]
    skills = {
        r["uri"]: Skill(
            **_common(r),
            skill_type=r.get("type", ""),
            reuse_level=r.get("reuse", ""),
            collections=frozenset(r.get("coll", ())),
        )
        for r in data.get("skills", ())
    }
    occupations = {
        r["uri"]: Occupation(
            **_common(r),
            code=r.get("code", ""),
            isco_code=r.get("isco", ""),
            essential_skills=tuple(skill_uris[i] for i in r.get("essential", ())),
            optional_skills=tuple(skill_uris[i] for i in r.get("optional", ())),
            regulated=r.get("regulated", ""),
            research=bool(r.get("research")),
        )
        for r in data.get("occupations", ())
    }
    relations = tuple(
        SkillRelation(original=skill_uris[o], relation_type=t, related=skill_uris[r])
        for o, t, r in data.get("skill_relations", ())
    )
    return Taxonomy(
        version=data["version"],
        occupations=occupations,
        skills=skills,
        isco_groups=isco,
        skill_groups=groups,
        skill_relations=relations,
        languages=tuple(data.get("languages", ("nl", "en"))),
        source=data.get("source", ""),
    )


def _concept_dict(c: Concept) -> dict[str, Any]:
    row: dict[str, Any] = {"uri": c.uri, "labels": dict(c.labels)}
    if c.alt:
        row["alt"] = {k: list(v) for k, v in c.alt.items() if v}
    if c.hidden:
        row["hidden"] = {k: list(v) for k, v in c.hidden.items() if v}
    if c.descriptions:
        row["desc"] = dict(c.descriptions)
    if c.broader:
        row["broader"] = list(c.broader)
    if c.status and c.status != "released":
        row["status"] = c.status
    return row


def taxonomy_to_dict(tax: Taxonomy) -> dict[str, Any]:
    """The JSON form of a Taxonomy (inverse of :func:`taxonomy_from_dict`)."""

    position = {uri: i for i, uri in enumerate(tax.skills)}

    def occ(o: Occupation) -> dict[str, Any]:
        row = _concept_dict(o)
        row.update(code=o.code, isco=o.isco_code)
        for key, value in (
            ("essential", [position[u] for u in o.essential_skills]),
            ("optional", [position[u] for u in o.optional_skills]),
            ("regulated", o.regulated),
            ("research", o.research),
        ):
            if value:
                row[key] = value
        return row

    def skill(s: Skill) -> dict[str, Any]:
        row = _concept_dict(s)
        for key, value in (("type", s.skill_type), ("reuse", s.reuse_level), ("coll", sorted(s.collections))):
            if value:
                row[key] = value
        return row

    return {
        "format": FORMAT,
        "version": tax.version,
        "languages": list(tax.languages),
        "source": tax.source,
        "isco_groups": [{**_concept_dict(g), "code": g.code} for g in tax.isco_groups.values()],
        "skill_groups": [{**_concept_dict(g), "code": g.code} for g in tax.skill_groups.values()],
        "occupations": [occ(o) for o in tax.occupations.values()],
        "skills": [skill(s) for s in tax.skills.values()],
        "skill_relations": [[position[r.original], r.relation_type, position[r.related]] for r in tax.skill_relations],
    }


def write_json_gz(data: dict[str, Any], path: Path) -> None:
    """Write the JSON form reproducibly (sorted keys, fixed gzip mtime) and atomically."""
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    tmp.replace(path)


def read_json_gz(data: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(gzip.decompress(data))
    return loaded
