"""CBS StatLine tables: OData v3 and v4 JSON as the APIs return them, and the CSV download.

**OData v3** (``https://opendata.cbs.nl/ODataApi/odata/<table>/…``): a folder with the recorded responses
``TableInfos.json``, ``DataProperties.json``, ``TypedDataSet.json`` (``TypedDataSet-2.json``… for pages
after an ``odata.nextLink``) and one ``<DimensionKey>.json`` code list per dimension. Each is the API body:
``{"odata.metadata": …, "value": [...]}``.

**OData v4** (``https://odata4.cbs.nl/CBS/<table>/…``): ``Properties.json``, ``Dimensions.json``,
``MeasureCodes.json``, ``Observations.json`` (``Observations-2.json``…) and ``<Dimension>Codes.json``.

**CSV**: the "onbewerkte dataset" download: one column per dimension (``RegioS``, ``Perioden``, …) with
CBS codes and one per topic (``OpgesteldVermogen_2``); ``;`` or ``,`` separated; ``.`` marks a missing value.

Every (topic × non-geographic, non-time dimension value) becomes one indicator, with the id
``cbs-<table>-<topic>[-<code>…]`` in lower case, the topic's unit and description, the table title as
source and the table's modification date as vintage. Regions coded ``…99`` ("niet in te delen") are
skipped and counted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from krapte.errors import DataImportError, InputError, Problem, ValidationError
from krapte.monitor.importers.common import ParsedPanel, fail_on, parse_number, read_csv
from krapte.monitor.indicators import Indicator, Observation, normalise_period, normalise_region
from krapte.security import safe_json
from krapte.security.safe_json import check_json_depth

CBS_LICENCE = "CC BY 4.0 (Bron: CBS)"
_TOPIC_COLUMN = re.compile(r"_\d+$")


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        check_json_depth(text, what=f"the JSON in {path.name}")
        body = json.loads(text)
    except UnicodeDecodeError:
        raise DataImportError("the recorded response is not UTF-8 JSON", file=path.name) from None
    except FileNotFoundError:
        raise DataImportError(
            f"the recorded response {path.name} is missing",
            file=str(path),
            hint="record every endpoint the importer needs (see docs/monitor.md)",
        ) from None
    except json.JSONDecodeError as exc:
        raise DataImportError(f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
    if not isinstance(body, dict) or not isinstance(body.get("value"), list):
        raise DataImportError(
            "an OData response has a top-level object with a 'value' array", file=str(path), column="value"
        )
    return body["value"]


def _load_object(path: Path) -> dict[str, Any]:
    try:
        body = safe_json.loads(path.read_bytes(), name=path.name)
    except InputError as exc:
        raise DataImportError(exc.message, file=path.name) from None
    if not isinstance(body, dict):
        raise DataImportError("the recorded response is not a JSON object", file=path.name)
    return body


def _pages(folder: Path, name: str) -> list[Path]:
    first = folder / f"{name}.json"
    rest = sorted(folder.glob(f"{name}-*.json"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [first, *rest]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def _indicator_id(table: str, topic: str, codes: Sequence[str]) -> str:
    return "-".join(["cbs", _slug(table), _slug(topic), *(_slug(c) for c in codes)])


def is_odata_folder(folder: Path) -> bool:
    return (folder / "TypedDataSet.json").exists() or (folder / "Observations.json").exists()


def read_cbs_odata(
    folder: Path,
    *,
    topics: Sequence[str] | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
) -> ParsedPanel:
    """Read a folder of recorded CBS OData responses (v3 or v4, detected from the file names)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataImportError(
            "a CBS OData import reads a folder of recorded responses", file=str(folder), hint="pass the folder"
        )
    if (folder / "TypedDataSet.json").exists():
        return _read_v3(folder, topics, where or {})
    if (folder / "Observations.json").exists():
        return _read_v4(folder, topics, where or {})
    raise DataImportError(
        "neither TypedDataSet.json (OData v3) nor Observations.json (OData v4) is in the folder",
        file=str(folder),
        hint="record the API responses under their endpoint names",
    )


class _Builder:
    """Turns coded cells into indicators and observations, collecting problems with their location."""

    def __init__(self, table: str, title: str, vintage: str, where: Mapping[str, Sequence[str]]) -> None:
        self.table = table
        self.title = title
        self.vintage = vintage
        self.where = {k: {c.strip() for c in v} for k, v in where.items()}
        self.panel = ParsedPanel()
        self.problems: list[Problem] = []
        self.indicators: dict[str, Indicator] = {}
        self.seen: set[tuple[str, str, str]] = set()

    def keep(self, dims: Mapping[str, str]) -> bool:
        return all(dims.get(k, "").strip() in codes for k, codes in self.where.items())

    def add(
        self,
        *,
        topic: str,
        topic_title: str,
        unit: str,
        description: str,
        extra: Sequence[tuple[str, str]],
        region: str,
        period: str,
        raw: Any,
        file: str,
        line: int | None,
        column: str,
    ) -> None:
        try:
            region_code = normalise_region(region)
            period_code, frequency = normalise_period(period)
        except ValidationError as exc:
            self.problems.append(Problem(exc.message, file=file, line=line, column=column, value=f"{region}/{period}"))
            return
        if region_code.endswith("99") and region_code[:2] in {"PV", "ES", "ET", "LD", "AM", "CR"}:
            self.panel.report.add("skipped unassignable regions")
            return
        if raw is None:
            self.panel.report.add("missing values")
            return
        try:
            value = float(raw) if not isinstance(raw, str) else parse_number(raw)
        except ValueError:
            self.problems.append(Problem("not a number", file=file, line=line, column=column, value=str(raw)))
            return
        if value is None:
            self.panel.report.add("missing values")
            return
        codes = [code for code, _ in extra]
        ind_id = _indicator_id(self.table, topic, codes)
        if ind_id not in self.indicators:
            labels = ", ".join(label for _, label in extra if label)
            indicator = Indicator(
                id=ind_id,
                name_nl=f"{topic_title} ({labels})" if labels else topic_title,
                unit=unit or "",
                source=f"CBS StatLine {self.table}: {self.title}".strip(": "),
                definition=description.strip(),
                licence=CBS_LICENCE,
                frequency=frequency,
            )
            self.indicators[ind_id] = indicator
            self.panel.indicators.append(indicator)
        key = (ind_id, region_code, period_code)
        if key in self.seen:
            self.problems.append(
                Problem("duplicate cell (same topic, region and period)", file=file, line=line, column=column)
            )
            return
        self.seen.add(key)
        self.panel.observations.append(
            Observation(ind_id, region_code, period_code, value, vintage=self.vintage, source=f"CBS {self.table}")
        )
        self.panel.report.add("observations")


def _read_v3(folder: Path, topics: Sequence[str] | None, where: Mapping[str, Sequence[str]]) -> ParsedPanel:
    infos = _load(folder / "TableInfos.json")
    info = infos[0] if infos else {}
    table = str(info.get("Identifier") or folder.name)
    props = _load(folder / "DataProperties.json")
    geo = [p["Key"] for p in props if p.get("Type") in {"GeoDimension", "GeoDetail"}]
    time = [p["Key"] for p in props if p.get("Type") == "TimeDimension"]
    dims = [p["Key"] for p in props if p.get("Type") == "Dimension"]
    topic_props = {p["Key"]: p for p in props if p.get("Type") == "Topic"}
    if not time:
        raise DataImportError(
            "DataProperties has no TimeDimension", file=str(folder / "DataProperties.json"), column="Type"
        )
    wanted = list(topics) if topics else list(topic_props)
    unknown = [t for t in wanted if t not in topic_props]
    if unknown:
        raise DataImportError(
            f"topic(s) {', '.join(unknown)} are not in table {table}",
            file=str(folder / "DataProperties.json"),
            column="Key",
            hint=f"known topics: {', '.join(topic_props)}",
        )
    labels = {d: {str(c["Key"]).strip(): str(c.get("Title", "")) for c in _load(folder / f"{d}.json")} for d in dims}
    builder = _Builder(table, str(info.get("Title", "")), str(info.get("Modified", ""))[:10], where)
    for page in _pages(folder, "TypedDataSet"):
        for n, row in enumerate(_load(page), start=1):
            if not builder.keep(row):
                continue
            extra = [(str(row[d]).strip(), labels[d].get(str(row[d]).strip(), "")) for d in dims]
            for topic in wanted:
                prop = topic_props[topic]
                builder.add(
                    topic=topic,
                    topic_title=str(prop.get("Title", topic)),
                    unit=str(prop.get("Unit") or ""),
                    description=str(prop.get("Description") or ""),
                    extra=extra,
                    region=str(row[geo[0]]) if geo else "NL",
                    period=str(row[time[0]]),
                    raw=row.get(topic),
                    file=str(page),
                    line=None,
                    column=f"value[{n - 1}].{topic}",
                )
    fail_on(builder.problems, folder, f"CBS table {table}")
    return builder.panel


def _read_v4(folder: Path, topics: Sequence[str] | None, where: Mapping[str, Sequence[str]]) -> ParsedPanel:
    props_path = folder / "Properties.json"
    props: dict[str, Any] = _load_object(props_path) if props_path.exists() else {}
    table = str(props.get("Identifier") or folder.name)
    dimensions = _load(folder / "Dimensions.json")
    geo = [d["Identifier"] for d in dimensions if d.get("Kind") == "GeoDimension"]
    time = [d["Identifier"] for d in dimensions if d.get("Kind") == "TimeDimension"]
    dims = [d["Identifier"] for d in dimensions if d.get("Kind") not in {"GeoDimension", "TimeDimension"}]
    measures = {m["Identifier"]: m for m in _load(folder / "MeasureCodes.json")}
    if not time:
        raise DataImportError("Dimensions has no TimeDimension", file=str(folder / "Dimensions.json"), column="Kind")
    wanted = set(topics) if topics else set(measures)
    unknown = sorted(wanted - set(measures))
    if unknown:
        raise DataImportError(
            f"measure(s) {', '.join(unknown)} are not in table {table}",
            file=str(folder / "MeasureCodes.json"),
            column="Identifier",
            hint=f"known measures: {', '.join(measures)}",
        )
    labels = {
        d: {str(c["Identifier"]): str(c.get("Title", "")) for c in _load(folder / f"{d}Codes.json")} for d in dims
    }
    builder = _Builder(table, str(props.get("Title", "")), str(props.get("Modified", ""))[:10], where)
    for page in _pages(folder, "Observations"):
        for n, row in enumerate(_load(page), start=1):
            measure = str(row.get("Measure", ""))
            if measure not in wanted or not builder.keep(row):
                continue
            m = measures[measure]
            extra = [(str(row[d]), labels[d].get(str(row[d]), "")) for d in dims]
            builder.add(
                topic=measure,
                topic_title=str(m.get("Title", measure)),
                unit=str(m.get("Unit") or ""),
                description=str(m.get("Description") or ""),
                extra=extra,
                region=str(row[geo[0]]) if geo else "NL",
                period=str(row[time[0]]),
                raw=row.get("Value"),
                file=str(page),
                line=None,
                column=f"value[{n - 1}].Value",
            )
    fail_on(builder.problems, folder, f"CBS table {table}")
    return builder.panel


def read_cbs_csv(
    path: Path,
    *,
    table: str,
    title: str = "",
    units: Mapping[str, str] | None = None,
    topics: Sequence[str] | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
    vintage: str = "",
) -> ParsedPanel:
    """Read a CBS CSV download ("onbewerkte dataset"); units per topic are given, as the CSV has none."""
    path = Path(path)
    header, rows = read_csv(path)
    time = [h for h in header if h == "Perioden"]
    if not time:
        raise DataImportError(
            "no 'Perioden' column", file=str(path), line=1, hint="this reader expects CBS coded columns"
        )
    geo = [h for h in header if "Regio" in h]
    topic_cols = [h for h in header if _TOPIC_COLUMN.search(h) and h not in geo]
    dims = [h for h in header if h not in {*geo, *time, *topic_cols, "ID"}]
    wanted = list(topics) if topics else topic_cols
    missing = [t for t in wanted if t not in topic_cols]
    if missing:
        raise DataImportError(
            f"topic column(s) {', '.join(missing)} are not in the file",
            file=str(path),
            line=1,
            hint=f"topic columns: {', '.join(topic_cols)}",
        )
    units = units or {}
    builder = _Builder(table, title, vintage, where or {})
    for line_no, row in rows:
        if not builder.keep(row):
            continue
        extra = [(row[d].strip(), "") for d in dims]
        for topic in wanted:
            builder.add(
                topic=topic,
                topic_title=re.sub(r"_\d+$", "", topic),
                unit=units.get(topic, ""),
                description="",
                extra=extra,
                region=row[geo[0]] if geo else "NL",
                period=row[time[0]],
                raw=row[topic],
                file=str(path),
                line=line_no,
                column=topic,
            )
    fail_on(builder.problems, path, f"CBS CSV {path.name}")
    return builder.panel
