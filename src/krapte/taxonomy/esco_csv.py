"""Read an official ESCO CSV release (zip or folder, any version from 1.1, any languages) into a Taxonomy.

The download from the ESCO portal is one zip per language with files named ``<table>_<lang>.csv``
(``occupations_nl.csv``, ``skills_en.csv``, ``occupationSkillRelations_en.csv`` ...). Several paths (zips,
folders, single CSV files) are merged into one multilingual taxonomy: labels, alternative and hidden labels and
descriptions per language; structure (ISCO code, skill type, hierarchy, relations, collections) from whichever
language comes first.

Bad input raises :class:`krapte.errors.DataImportError` naming file, line and column: missing occupation or
skill files, unknown or missing columns, URIs that are not ESCO URIs, text that is not UTF-8. Relations that
point at concepts not in the release are counted and reported as problems, not silently dropped.
A release without skills or without occupations is refused unless ``force=True``: activating it would leave
every lookup and extraction empty. Zips are checked against the archive limits (:mod:`krapte.limits`) first.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krapte.errors import DataImportError, ImportReport, Problem
from krapte.security.safe_zip import open_zip
from krapte.taxonomy.model import (
    IscoGroup,
    Occupation,
    Skill,
    SkillGroup,
    SkillRelation,
    Taxonomy,
)

Progress = Callable[[str], Any] | None
ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/[A-Za-z0-9_./-]+$")
_FILE = re.compile(r"^(?P<table>[A-Za-z]+)_(?P<lang>[a-z]{2}(?:-[A-Za-z]+)?)\.csv$")
COLLECTIONS = {
    "greenSkillsCollection": "green",
    "digitalSkillsCollection": "digital",
    "digCompSkillsCollection": "digcomp",
    "transversalSkillsCollection": "transversal",
    "languageSkillsCollection": "language",
    "researchSkillsCollection": "research",
}
# required columns per table; other known columns are accepted; anything else is an error
REQUIRED = {
    "occupations": {"conceptUri", "preferredLabel"},
    "skills": {"conceptUri", "preferredLabel"},
    "ISCOGroups": {"conceptUri", "code", "preferredLabel"},
    "skillGroups": {"conceptUri", "preferredLabel"},
    "broaderRelationsOccPillar": {"conceptUri", "broaderUri"},
    "broaderRelationsSkillPillar": {"conceptUri", "broaderUri"},
    "occupationSkillRelations": {"occupationUri", "relationType", "skillUri"},
    "skillSkillRelations": {"originalSkillUri", "relationType", "relatedSkillUri"},
    **{name: {"conceptUri"} for name in COLLECTIONS},
    "researchOccupationsCollection": {"conceptUri"},
}
KNOWN = {
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
    "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code",
    "skillType", "reuseLevel", "broaderType", "broaderUri", "occupationUri", "relationType", "skillUri",
    "originalSkillUri", "originalSkillType", "relatedSkillType", "relatedSkillUri", "broaderConceptUri",
    "broaderConceptPT", "naceCode",
}  # fmt: skip
IGNORED_TABLES = {"conceptSchemes", "skillsHierarchy", "dictionary"}


@dataclass(frozen=True)
class CsvSource:
    """One CSV file of the release: its table, language, a display name and its bytes."""

    table: str
    lang: str
    name: str
    data: bytes


def collect_sources(paths: list[Path]) -> list[CsvSource]:
    """All ESCO CSV files in the given zips, folders and files."""
    found: list[CsvSource] = []
    for path in paths:
        if not path.exists():
            raise DataImportError(f"{path} does not exist", file=str(path), hint="give an ESCO zip, folder or CSV")
        if path.is_dir():
            for f in sorted(path.rglob("*.csv")):
                _add(found, f.name, str(f), f.read_bytes())
        elif zipfile.is_zipfile(path):
            with open_zip(path, name=path.name) as zf:
                for info in sorted(zf.infolist(), key=lambda i: i.filename):
                    base = info.filename.rsplit("/", 1)[-1]
                    if base.endswith(".csv"):
                        _add(found, base, f"{path}!{info.filename}", zf.read(info))
        elif path.suffix == ".csv":
            _add(found, path.name, str(path), path.read_bytes())
        else:
            raise DataImportError(
                f"{path} is neither a zip, a folder nor a CSV file", file=str(path), hint="give the ESCO CSV download"
            )
    return found


def _add(found: list[CsvSource], base: str, name: str, data: bytes) -> None:
    m = _FILE.match(base)
    if not m or m["table"] in IGNORED_TABLES:
        return
    if m["table"] not in REQUIRED:
        return
    found.append(CsvSource(m["table"], m["lang"], name, data))


def read_rows(src: CsvSource, progress: Progress = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of one file with the line number each record starts on; checks encoding and columns."""
    try:
        text = src.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = src.data[: exc.start].count(b"\n") + 1
        raise DataImportError(
            "the file is not UTF-8 text", file=src.name, line=line, hint="ESCO CSV files are UTF-8; re-download it"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataImportError("the file is empty", file=src.name, line=1) from None
    unknown = [c for c in header if c not in KNOWN]
    if unknown:
        raise DataImportError(
            f"unknown column {unknown[0]!r}", file=src.name, line=1, column=unknown[0],
            hint=f"expected the columns of the ESCO {src.table} file",
        )  # fmt: skip
    missing = sorted(REQUIRED[src.table] - set(header))
    if missing:
        raise DataImportError(
            f"missing column {missing[0]!r}", file=src.name, line=1, column=missing[0],
            hint=f"an ESCO {src.table} file has the columns {', '.join(sorted(REQUIRED[src.table]))}",
        )  # fmt: skip
    start = reader.line_num + 1
    for count, record in enumerate(reader, start=1):
        if len(record) != len(header):
            if not any(record):
                start = reader.line_num + 1
                continue
            raise DataImportError(
                f"{len(record)} fields where the header has {len(header)}", file=src.name, line=start,
                hint="the CSV is damaged (unbalanced quotes?)",
            )  # fmt: skip
        yield start, dict(zip(header, record, strict=True))
        start = reader.line_num + 1
        if progress and count % 5000 == 0:
            progress(f"{src.name}: {count} rows")


def _check_uri(value: str, src: CsvSource, line: int, column: str) -> str:
    value = value.strip()
    if not ESCO_URI.match(value):
        raise DataImportError(
            "not an ESCO URI", file=src.name, line=line, column=column, value=value,
            hint="ESCO URIs start with http://data.europa.eu/esco/",
        )  # fmt: skip
    return value


def _multi(value: str) -> list[str]:
    parts = re.split(r"\n| \| ", value or "")
    return list(dict.fromkeys(" ".join(p.split()) for p in parts if p.strip()))


class _Builder:
    def __init__(self) -> None:
        self.concepts: dict[str, dict[str, dict[str, Any]]] = {
            k: {} for k in ("occupations", "skills", "ISCOGroups", "skillGroups")
        }

    def concept(self, table: str, uri: str) -> dict[str, Any]:
        return self.concepts[table].setdefault(
            uri, {"labels": {}, "alt": {}, "hidden": {}, "desc": {}, "broader": [], "extra": {}}
        )


def read_esco(
    paths: list[Path], *, version: str | None = None, progress: Progress = None, force: bool = False
) -> tuple[Taxonomy, ImportReport]:
    """Read and merge an ESCO CSV release; see the module docstring for what is checked.

    A release with no skills or no occupations raises :class:`DataImportError` unless ``force`` is true (then
    the report carries a problem saying so).
    """
    sources = collect_sources(paths)
    tables = {s.table for s in sources}
    if "occupations" not in tables:
        raise DataImportError(
            f"no occupations_<lang>.csv file among {', '.join(str(p) for p in paths)}",
            hint="give the complete ESCO CSV download (classification, CSV) of at least one language",
        )
    report = ImportReport()
    if "skills" not in tables:
        report.problems.append(Problem("no skills_<lang>.csv file: the release has occupations only"))
    b = _Builder()
    order = {"occupations": 0, "skills": 0, "ISCOGroups": 0, "skillGroups": 0}
    structural_lang: dict[str, str] = {}
    digest = hashlib.sha256()
    for src in sorted(sources, key=lambda s: (order.get(s.table, 1), s.lang != "en", s.lang, s.name)):
        digest.update(src.data)
        if progress:
            progress(f"reading {src.name}")
        if src.table in order:
            first = structural_lang.setdefault(src.table, src.lang) == src.lang
            for line, row in read_rows(src, progress):
                uri = _check_uri(row["conceptUri"], src, line, "conceptUri")
                c = b.concept(src.table, uri)
                lang = src.lang
                if row.get("preferredLabel", "").strip():
                    c["labels"][lang] = " ".join(row["preferredLabel"].split())
                for key, col in (("alt", "altLabels"), ("hidden", "hiddenLabels")):
                    if row.get(col):
                        c[key][lang] = _multi(row[col])
                desc = (row.get("description") or row.get("definition") or "").strip()
                if desc:
                    c["desc"][lang] = desc
                if first:
                    c["extra"] = {k: row.get(k, "") for k in ("code", "iscoGroup", "skillType", "reuseLevel", "status")}
                    c["extra"]["regulated"] = row.get("regulatedProfessionNote", "").rsplit("/", 1)[-1]
                report.add(f"{src.table}_{lang}")
    known = {t: set(v) for t, v in b.concepts.items()}
    all_known = set().union(*known.values())

    def unknown(src: CsvSource, line: int, column: str, uri: str) -> None:
        report.add("unknown_concept_references")
        if len(report.problems) < 1000:
            report.problems.append(Problem("relation to a concept not in this release", src.name, line, column, uri))

    relations: list[SkillRelation] = []
    essential: dict[str, list[str]] = {}
    optional: dict[str, list[str]] = {}
    collections: dict[str, set[str]] = {}
    research: set[str] = set()
    seen_tables: set[tuple[str, str]] = set()
    for src in sources:
        if src.table in order:
            continue
        # relation and collection tables are the same in every language: read one copy
        if (src.table, "*") in seen_tables:
            continue
        seen_tables.add((src.table, "*"))
        digest.update(src.data)
        for line, row in read_rows(src, progress):
            if src.table.startswith("broaderRelations"):
                child = _check_uri(row["conceptUri"], src, line, "conceptUri")
                parent = _check_uri(row["broaderUri"], src, line, "broaderUri")
                if child not in all_known or parent not in all_known:
                    unknown(src, line, "conceptUri" if child not in all_known else "broaderUri", child)
                    continue
                for table in known:
                    if child in known[table]:
                        b.concepts[table][child]["broader"].append(parent)
                report.add("broader_relations")
            elif src.table == "occupationSkillRelations":
                occ = _check_uri(row["occupationUri"], src, line, "occupationUri")
                skill = _check_uri(row["skillUri"], src, line, "skillUri")
                if occ not in known["occupations"] or skill not in known["skills"]:
                    unknown(src, line, "occupationUri" if occ not in known["occupations"] else "skillUri", skill)
                    continue
                target = essential if row["relationType"].strip() == "essential" else optional
                target.setdefault(occ, []).append(skill)
                report.add("occupation_skill_relations")
            elif src.table == "skillSkillRelations":
                a = _check_uri(row["originalSkillUri"], src, line, "originalSkillUri")
                z = _check_uri(row["relatedSkillUri"], src, line, "relatedSkillUri")
                if a not in known["skills"] or z not in known["skills"]:
                    unknown(src, line, "originalSkillUri" if a not in known["skills"] else "relatedSkillUri", z)
                    continue
                relations.append(SkillRelation(a, z, row["relationType"].strip()))
                report.add("skill_skill_relations")
            else:
                uri = _check_uri(row["conceptUri"], src, line, "conceptUri")
                if src.table == "researchOccupationsCollection":
                    research.add(uri)
                    continue
                if uri not in known["skills"]:
                    unknown(src, line, "conceptUri", uri)
                    continue
                collections.setdefault(uri, set()).add(COLLECTIONS[src.table])
                report.add(f"collection_{COLLECTIONS[src.table]}")

    def common(c: dict[str, Any], uri: str) -> dict[str, Any]:
        return {
            "uri": uri,
            "labels": c["labels"],
            "alt": {k: tuple(v) for k, v in c["alt"].items()},
            "hidden": {k: tuple(v) for k, v in c["hidden"].items()},
            "descriptions": c["desc"],
            "broader": tuple(dict.fromkeys(c["broader"])),
            "status": c["extra"].get("status") or "released",
        }

    occs = {
        u: Occupation(
            **common(c, u),
            code=c["extra"].get("code", ""),
            isco_code=c["extra"].get("iscoGroup", ""),
            essential_skills=tuple(dict.fromkeys(essential.get(u, ()))),
            optional_skills=tuple(dict.fromkeys(optional.get(u, ()))),
            regulated=c["extra"].get("regulated", ""),
            research=u in research,
        )
        for u, c in sorted(b.concepts["occupations"].items())
    }
    skills = {
        u: Skill(
            **common(c, u),
            skill_type=c["extra"].get("skillType", ""),
            reuse_level=c["extra"].get("reuseLevel", ""),
            collections=frozenset(collections.get(u, ())),
        )
        for u, c in sorted(b.concepts["skills"].items())
    }
    isco = {
        u: IscoGroup(**common(c, u), code=c["extra"].get("code", ""))
        for u, c in sorted(b.concepts["ISCOGroups"].items())
    }
    groups = {
        u: SkillGroup(**common(c, u), code=c["extra"].get("code", ""))
        for u, c in sorted(b.concepts["skillGroups"].items())
    }
    languages = tuple(sorted({s.lang for s in sources if s.table in order}))
    resolved_version = version or _guess_version(paths) or "unknown"
    tax = Taxonomy(
        version=resolved_version,
        occupations=occs,
        skills=skills,
        isco_groups=isco,
        skill_groups=groups,
        skill_relations=tuple(relations),
        languages=languages,
        source=digest.hexdigest()[:12],
    )
    report.counts.update(occupations=len(occs), skills=len(skills), isco_groups=len(isco), skill_groups=len(groups))
    empty = [kind for kind, items in (("occupations", occs), ("skills", skills)) if not items]
    if empty and not force:
        raise DataImportError(
            f"the release has no {' and no '.join(empty)}; importing it would activate a taxonomy without them",
            hint="give the complete ESCO CSV download, or force the import (force=True, `--force`) to keep it anyway",
        )
    if empty:
        report.problems.append(Problem(f"forced import of a release without {' and '.join(empty)}"))
    return tax, report


def _guess_version(paths: list[Path]) -> str | None:
    for p in paths:
        m = re.search(r"v?(\d+\.\d+(?:\.\d+)?)", p.name)
        if m:
            return m.group(1)
    return None
