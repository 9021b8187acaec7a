"""Project pipelines: read CSV, JSON or Excel files into validated :class:`Project` objects.

Contract CSV header: ``id,name,technology,size,unit,gemeente,start_quarter,end_quarter``; planning adds
``earliest_start,latest_end,duration_quarters``; optional ``status`` and ``profile`` (construction weights per
quarter, ``0.2;0.3;0.5``). The location column may be ``gemeente``, ``location`` or ``res_region`` and holds a
gemeente code or name, a RES region (``ES23`` or its name) or an arbeidsmarktregio. Every row is checked; all
problems are reported together (file, row, column, value, fix) and no project is returned if any row is bad.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from krapte.errors import InputError, KrapteError, Problem, UnsupportedInputError
from krapte.labour.factors import FactorSet, factor_set
from krapte.labour.quarters import format_quarter, parse_quarter
from krapte.labour.regions import RegionMap, default_regions
from krapte.limits import LimitExceeded, current_limits
from krapte.security import safe_json
from krapte.security.safe_zip import open_zip

STATUSES = ("idea", "planned", "permitted", "under_construction", "operational", "cancelled")

# unit spellings (lower case, no spaces) -> (canonical unit, multiplier)
UNIT_ALIASES: dict[str, tuple[str, float]] = {
    "mw": ("MW", 1.0),
    "mwp": ("MW", 1.0),
    "mwe": ("MW", 1.0),
    "gw": ("MW", 1000.0),
    "gwp": ("MW", 1000.0),
    "kw": ("MW", 0.001),
    "kwp": ("MW", 0.001),
    "km": ("km", 1.0),
    "m": ("km", 0.001),
    "mile": ("km", 1.609344),
    "miles": ("km", 1.609344),
    "units": ("units", 1.0),
    "unit": ("units", 1.0),
    "stuks": ("units", 1.0),
    "stuk": ("units", 1.0),
    "homes": ("units", 1.0),
    "woningen": ("units", 1.0),
    "eur_mln": ("EUR_mln", 1.0),
    "eurmln": ("EUR_mln", 1.0),
    "mlneur": ("EUR_mln", 1.0),
    "meur": ("EUR_mln", 1.0),
    "m€": ("EUR_mln", 1.0),
    "€mln": ("EUR_mln", 1.0),
    "eur": ("EUR_mln", 1e-6),
    "€": ("EUR_mln", 1e-6),
    "keur": ("EUR_mln", 1e-3),
}


@dataclass(frozen=True)
class Project:
    """One project; sizes are in the technology's canonical unit, quarters are indices (see ``quarters``)."""

    id: str
    name: str
    technology: str
    size: float
    unit: str
    location: str
    start: int | None = None
    end: int | None = None
    earliest_start: int | None = None
    latest_end: int | None = None
    duration_quarters: int | None = None
    status: str = "planned"
    profile: tuple[float, ...] | None = None

    @property
    def duration(self) -> int:
        if self.start is not None and self.end is not None:
            return self.end - self.start + 1
        if self.duration_quarters is not None:
            return self.duration_quarters
        raise KrapteError(f"project {self.id!r} has neither a construction window nor a duration")

    @property
    def scheduled_start(self) -> int:
        """The fixed start, or the earliest start of the planning window."""
        start = self.start if self.start is not None else self.earliest_start
        if start is None:
            raise KrapteError(f"project {self.id!r} has no start quarter")
        return start

    def with_start(self, start: int) -> Project:
        """The same project, built from ``start`` for its duration (used by planning)."""
        from dataclasses import replace

        d = self.duration
        return replace(self, start=start, end=start + d - 1)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("start", "end", "earliest_start", "latest_end"):
            out[key] = format_quarter(out[key]) if out[key] is not None else None
        out["profile"] = list(self.profile) if self.profile else None
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Project:
        """Inverse of :meth:`to_dict` (trusted input, e.g. from the store)."""

        def q(v: Any) -> int | None:
            return parse_quarter(v) if v not in (None, "") else None

        return cls(
            id=str(data["id"]),
            name=str(data.get("name") or data["id"]),
            technology=str(data["technology"]),
            size=float(data["size"]),
            unit=str(data["unit"]),
            location=str(data["location"]),
            start=q(data.get("start")),
            end=q(data.get("end")),
            earliest_start=q(data.get("earliest_start")),
            latest_end=q(data.get("latest_end")),
            duration_quarters=int(data["duration_quarters"]) if data.get("duration_quarters") else None,
            status=str(data.get("status") or "planned"),
            profile=tuple(float(x) for x in data["profile"]) if data.get("profile") else None,
        )


def _text(row: Mapping[str, Any], *keys: str) -> tuple[str, str]:
    """The first non-empty value among ``keys`` and the column it came from."""
    for key in keys:
        value = row.get(key)
        if value is None:
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        text = str(value).strip()
        if text:
            return text, key
    return "", keys[0]


def validate_rows(
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    *,
    file: str,
    factors: FactorSet | None = None,
    regions: RegionMap | None = None,
) -> list[Project]:
    """Turn raw rows (row number, mapping) into projects; raise :class:`InputError` listing every problem."""
    factors = factors or factor_set()
    regions = regions or default_regions()
    problems: list[Problem] = []
    projects: list[Project] = []
    seen: dict[str, int] = {}

    for line, raw in rows:
        row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
        bad = len(problems)

        def problem(message: str, column: str, value: str, *, _line: int = line) -> None:
            problems.append(Problem(message, file=file, line=_line, column=column, value=value))

        pid, _ = _text(row, "id")
        if not pid:
            problem("id is empty; every project needs a unique id", "id", "")
        elif pid in seen:
            problem(f"id is used twice (also on row {seen[pid]}); ids must be unique", "id", pid)
        else:
            seen[pid] = line
        name, _ = _text(row, "name")
        tech, _ = _text(row, "technology")
        technology = None
        if tech not in factors.technologies:
            known = ", ".join(sorted(factors.technologies))
            problem(f"unknown technology; use one of {known}", "technology", tech)
        else:
            technology = factors.technologies[tech]
        size_text, _ = _text(row, "size")
        size = math.nan
        try:
            size = float(size_text.replace(",", ".")) if size_text else math.nan
            if not size_text:
                problem("size is empty; give the project size as a number", "size", "")
            elif not (size > 0 and math.isfinite(size)):
                problem("size must be a positive number", "size", size_text)
        except ValueError:
            problem("size is not a number (write e.g. 12.5)", "size", size_text)
        unit_text, _ = _text(row, "unit")
        unit, mult = (technology.unit, 1.0) if technology and not unit_text else ("", 1.0)
        if unit_text:
            key = unit_text.lower().replace(" ", "").replace(".", "")
            alias = UNIT_ALIASES.get(key)
            if alias is None or (technology and alias[0] != technology.unit):
                expect = technology.unit if technology else "MW, km, units or EUR_mln"
                problem(f"unit does not fit the technology; use {expect}", "unit", unit_text)
            else:
                unit, mult = alias
        loc_text, loc_col = _text(row, "gemeente", "location", "res_region", "region")
        location = ""
        if not loc_text:
            problem("location is empty; give a gemeente (code or name) or a RES region", "gemeente", "")
        else:
            try:
                location = regions.find(loc_text, kinds=("gemeente", "res", "arbeidsmarktregio")).code
            except KrapteError as exc:
                problem(f"{exc.message} ({exc.hint})" if exc.hint else exc.message, loc_col, loc_text)

        def quarter(col: str, *, _row: dict[str, Any] = row) -> int | None:
            text, _ = _text(_row, col)
            if not text:
                return None
            try:
                return parse_quarter(text)
            except KrapteError:
                problem("not a quarter; write e.g. 2027Q1", col, text)
                return None

        start, end = quarter("start_quarter"), quarter("end_quarter")
        earliest, latest = quarter("earliest_start"), quarter("latest_end")
        dur_text, _ = _text(row, "duration_quarters")
        duration = None
        if dur_text:
            try:
                duration = int(float(dur_text))
                if duration < 1 or duration != float(dur_text):
                    raise ValueError
            except ValueError:
                problem("duration_quarters must be a whole number of quarters >= 1", "duration_quarters", dur_text)
                duration = None
        if start is not None and end is not None and end < start:
            problem(f"end_quarter is before start_quarter {format_quarter(start)}", "end_quarter", format_quarter(end))
        if (start is None) != (end is None) and len(problems) == bad:
            col = "end_quarter" if end is None else "start_quarter"
            problem("give both start_quarter and end_quarter, or neither", col, "")
        if start is None and end is None and len(problems) == bad and (earliest is None or duration is None):
            problem(
                "no schedule: give start_quarter and end_quarter, or earliest_start and duration_quarters",
                "start_quarter",
                "",
            )
        if earliest is not None and latest is not None and duration is not None and latest - earliest + 1 < duration:
            problem(
                f"window {format_quarter(earliest)}..{format_quarter(latest)} is shorter than {duration} quarters",
                "latest_end",
                format_quarter(latest),
            )
        if start is not None and end is not None and duration is not None and end - start + 1 != duration:
            problem(
                f"duration_quarters differs from the window {format_quarter(start)}..{format_quarter(end)}",
                "duration_quarters",
                dur_text,
            )
        status, _ = _text(row, "status")
        status = status.lower() or "planned"
        if status not in STATUSES:
            problem(f"unknown status; use one of {', '.join(STATUSES)}", "status", status)
        profile = None
        prof_text, _ = _text(row, "profile")
        if prof_text:
            try:
                weights = [float(x) for x in prof_text.replace(",", ";").split(";") if x.strip()]
                if any(w < 0 for w in weights) or sum(weights) <= 0:
                    raise ValueError
                n = (end - start + 1) if start is not None and end is not None else duration
                if n is not None and len(weights) != n:
                    problem(f"profile has {len(weights)} weights for {n} quarters", "profile", prof_text)
                profile = tuple(w / sum(weights) for w in weights)
            except ValueError:
                problem("profile must be non-negative numbers separated by ';'", "profile", prof_text)
        if len(problems) == bad and technology is not None:
            projects.append(
                Project(
                    id=pid,
                    name=name or pid,
                    technology=technology.id,
                    size=size * mult,
                    unit=unit,
                    location=location,
                    start=start,
                    end=end,
                    earliest_start=earliest,
                    latest_end=latest,
                    duration_quarters=duration if duration is not None else None,
                    status=status,
                    profile=profile,
                )
            )
    if problems:
        shown = "; ".join(str(p) for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise InputError(
            f"{len(problems)} problem(s), nothing was imported: {shown}{more}",
            file=file,
            problems=problems,
            hint="fix the rows named above and import the file again",
        )
    if not projects:
        raise InputError(f"{file} contains no projects", file=file, hint="add rows below the header")
    return projects


#: The longest value a project row may hold (names and descriptions included).
MAX_FIELD_CHARS = 10_000


def _csv_rows(text: str, file: str = "") -> list[tuple[int, dict[str, Any]]]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    limit = current_limits().max_projects
    out: list[tuple[int, dict[str, Any]]] = []
    try:
        for row in reader:
            long = next((k for k, v in row.items() if isinstance(v, str) and len(v) > MAX_FIELD_CHARS), None)
            if long is not None:  # the csv module's own cap is process-wide and may have been raised elsewhere
                raise InputError(
                    f"a field holds more than {MAX_FIELD_CHARS} characters",
                    file=file,
                    line=reader.line_num,
                    column=str(long)[:50],
                    hint="a project row holds short values (ids, names, codes, numbers)",
                )
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                out.append((reader.line_num, row))
                if len(out) > limit:
                    raise LimitExceeded("max_projects", limit, what=f"the number of projects in {file or 'the file'}")
    except csv.Error as exc:
        raise InputError(f"not a readable CSV file ({exc})", file=file, line=reader.line_num) from None
    return out


def _json_rows(text: str, file: str) -> list[tuple[int, dict[str, Any]]]:
    data = safe_json.loads(text, name=file)
    if isinstance(data, dict):
        data = data.get("projects")
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise InputError(
            'JSON must be a list of project objects or {"projects": [...]}', file=file, hint="see docs/labour.md"
        )
    return [(i, item) for i, item in enumerate(data, start=1)]


def _excel_rows(content: bytes, file: str) -> list[tuple[int, dict[str, Any]]]:
    import openpyxl

    open_zip(content, name=file).close()  # refuses zip bombs before openpyxl inflates anything
    limit = current_limits().max_projects
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise InputError(f"not a readable Excel file ({type(exc).__name__})", file=file, hint="save as .xlsx") from None
    try:
        if not wb.worksheets:
            raise InputError("the workbook has no sheet", file=file, hint="put the projects on the first sheet")
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise InputError("the first sheet is empty", file=file, line=1, hint="put the header in row 1")
        names = [str(h).strip() if h is not None else "" for h in header]
        out = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            out.append((number, {n: v for n, v in zip(names, values, strict=False) if n}))
            if len(out) > limit:
                raise LimitExceeded("max_projects", limit, what=f"the number of projects in {file}")
    except (InputError, LimitExceeded):
        raise
    except Exception as exc:  # damaged sheet XML surfaces only while iterating
        raise InputError(f"not a readable Excel file ({type(exc).__name__})", file=file, hint="save as .xlsx") from None
    finally:
        wb.close()
    return out


def parse_projects(
    content: bytes,
    filename: str,
    *,
    factors: FactorSet | None = None,
    regions: RegionMap | None = None,
) -> list[Project]:
    """Parse an uploaded or read file by its extension (``.csv``, ``.json``, ``.xlsx``)."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".csv", ".txt", ".json"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"file is not UTF-8 (byte {exc.start})", file=filename, hint="save the file as UTF-8"
            ) from None
        rows = _json_rows(text, filename) if suffix == ".json" else _csv_rows(text, filename)
        header = rows[0][1].keys() if rows and suffix != ".json" else None
        if header is not None and "id" not in {h.strip().lower() for h in header if h}:
            raise InputError(
                "the header has no 'id' column",
                file=filename,
                line=1,
                hint="the header must be id,name,technology,size,unit,gemeente,start_quarter,end_quarter",
            )
    elif suffix in (".xlsx", ".xlsm"):
        rows = _excel_rows(content, filename)
    else:
        raise UnsupportedInputError(
            f"cannot read projects from a {suffix or 'extension-less'} file",
            file=filename,
            hint="use .csv, .json or .xlsx",
        )
    return validate_rows(rows, file=filename, factors=factors, regions=regions)


def read_projects(
    path: str | Path, *, factors: FactorSet | None = None, regions: RegionMap | None = None
) -> list[Project]:
    """Read a project file from disk (CSV, JSON or Excel)."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read project file: {exc.strerror}", file=str(path)) from None
    return parse_projects(content, str(path), factors=factors, regions=regions)


def projects_window(projects: Sequence[Project]) -> tuple[int, int]:
    """First construction quarter and last construction quarter over all projects."""
    starts = [p.scheduled_start for p in projects]
    ends = [p.scheduled_start + p.duration - 1 for p in projects]
    return min(starts), max(ends)
