"""``krapte evaluate did|scm|its|auto``: evaluate a measure on any panel CSV.

Thin: parse the options, read the CSV, call :func:`krapte.monitor.evaluate.evaluate`, render the result (a short
text summary, or the JSON contract with ``--json``), optionally write the picture (``--plot FILE.png|.svg``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from krapte.cli.common import echo_json, json_option, lang_option, settings
from krapte.errors import ValidationError

DESIGNS = ("did", "scm", "its", "auto")


def register(main: click.Group) -> None:
    main.add_command(evaluate_group)


@click.group("evaluate")
def evaluate_group() -> None:
    """Does a measure work? Difference-in-differences, synthetic control or interrupted time series.

    Example: krapte evaluate scm --panel basque.csv --unit regionname --time year --outcome gdpcap
    --treated "Basque Country (Pais Vasco)" --treatment-start 1970 --json
    """


def _options(f: Any) -> Any:
    options = [
        click.option(
            "--panel",
            "panel_path",
            required=True,
            type=click.Path(dir_okay=False, path_type=Path),
            help="Panel CSV in long format: one row per unit and period (, ; or tab separated).",
        ),
        click.option("--unit", required=True, help="Column naming the unit (region or series)."),
        click.option(
            "--time",
            "time_col",
            required=True,
            help="Column with the period: 2021, 2021Q3, 2021-07, 2021KW03 or a date.",
        ),
        click.option("--outcome", required=True, help="Numeric outcome column."),
        click.option(
            "--treated",
            multiple=True,
            help="Treated unit; repeat for more. UNIT=PERIOD gives a unit its own start (staggered).",
        ),
        click.option("--treatment-start", default=None, help="First treated period of the --treated units."),
        click.option(
            "--cohort-column",
            default=None,
            help="Column with each unit's first treated period (empty or 0: never treated).",
        ),
        click.option("--comparison", default=None, help="ITS: an untreated unit whose series serves as comparison."),
        click.option(
            "--treatment-end", default=None, help="ITS: first period after the measure ended (a second break)."
        ),
        click.option(
            "--control",
            type=click.Choice(["never", "notyet"]),
            default="never",
            show_default=True,
            help="DiD: never-treated or not-yet-treated units as controls.",
        ),
        click.option(
            "--predictor",
            "predictors",
            multiple=True,
            help="SCM: COL (pre-period mean) or COL:FROM..TO or COL:P1,P2; default: pre-period outcomes.",
        ),
        click.option("--fit-from", default=None, help="SCM: first pre-period used to choose the predictor weights."),
        click.option("--alpha", type=float, default=0.05, show_default=True, help="1 − confidence level."),
        click.option(
            "--bootstrap",
            type=int,
            default=999,
            show_default=True,
            help="Bootstrap draws (wild cluster / multiplier); 0 = analytical only.",
        ),
        click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the bootstrap."),
        click.option(
            "--plot",
            "plot_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Write the picture to this .png or .svg file.",
        ),
        lang_option,
        json_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _make_command(design: str) -> click.Command:
    helps = {
        "did": "Difference-in-differences (Callaway–Sant'Anna next to TWFE) for a measure rolled out over regions.",
        "scm": "Synthetic control for a measure in one region, with donor weights and placebo inference.",
        "its": "Interrupted time series for a national measure (optionally with a comparison series).",
        "auto": "Pick the design from the shape of the data (see docs/evaluation.md), then evaluate.",
    }

    @click.command(design, help=helps[design])
    @_options
    def command(**kwargs: Any) -> None:
        _run(design, **kwargs)

    return command


def _run(
    design: str,
    *,
    panel_path: Path,
    unit: str,
    time_col: str,
    outcome: str,
    treated: tuple[str, ...],
    treatment_start: str | None,
    cohort_column: str | None,
    comparison: str | None,
    treatment_end: str | None,
    control: str,
    predictors: tuple[str, ...],
    fit_from: str | None,
    alpha: float,
    bootstrap: int,
    seed: int,
    plot_path: Path | None,
    lang: str | None,
    as_json: bool,
) -> None:
    from krapte.monitor.evaluate import evaluate
    from krapte.monitor.evaluate.panel import read_panel_csv, treated_from_column
    from krapte.monitor.evaluate.scm import parse_predictor

    frame = read_panel_csv(panel_path)
    treated_arg: dict[str, Any] | list[str]
    if cohort_column:
        treated_arg = treated_from_column(frame, unit=unit, column=cohort_column)
    elif any("=" in t for t in treated):
        treated_arg = dict(_split_start(t, treatment_start) for t in treated)
    else:
        treated_arg = list(treated)
    fit_periods = None
    if fit_from is not None:
        fit_periods = [fit_from]
    result = evaluate(
        frame,
        design=design,  # type: ignore[arg-type]
        unit=unit,
        time=time_col,
        outcome=outcome,
        treated=treated_arg,
        treatment_start=treatment_start,
        comparison=comparison,
        treatment_end=treatment_end,
        control=control,  # type: ignore[arg-type]
        predictors=[parse_predictor(p) for p in predictors] or None,
        fit_periods=fit_periods,
        alpha=alpha,
        bootstrap=bootstrap,
        seed=seed,
    )
    if plot_path is not None:
        fmt = plot_path.suffix.lower().lstrip(".")
        if fmt not in ("png", "svg"):
            raise ValidationError(f"--plot file {str(plot_path)!r} must end in .png or .svg", value=str(plot_path))
        plot_path.write_bytes(result.plot(format=fmt, lang=lang or settings().lang))  # type: ignore[arg-type]
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(render_text(result.to_dict()))


def _split_start(value: str, default: str | None) -> tuple[str, Any]:
    if "=" in value:
        u, _, start = value.rpartition("=")
        return u, start
    if default is None:
        raise ValidationError(
            f"treated unit {value!r} has no start period",
            hint="write UNIT=PERIOD for every treated unit, or give --treatment-start",
        )
    return value, default


def render_text(d: dict[str, Any]) -> str:
    """A short human summary of the JSON contract."""

    def num(x: Any) -> str:
        return "n/a" if x is None else f"{x:.4g}"

    lines = [
        f"design:   {d['design']} ({d['diagnostics'].get('design_reason', '')})",
        f"estimate: {num(d['estimate'])}  [{num(d['ci_low'])}, {num(d['ci_high'])}]",
        f"grade:    {d['grade']}: {d['label']}",
    ]
    lines += [f"          - {r}" for r in d["grade_reasons"]]
    if d["weights"]:
        top = sorted(d["weights"].items(), key=lambda kv: -kv[1])
        lines.append("weights:  " + ", ".join(f"{k} {v:.3f}" for k, v in top if v >= 0.001))
    diag = d["diagnostics"]
    if d["design"] == "did":
        tw = diag["twfe"]
        lines.append(f"TWFE:     {num(tw['estimate'])}  [{num(tw['ci_low'])}, {num(tw['ci_high'])}]")
        if "wild_bootstrap" in tw:
            wb = tw["wild_bootstrap"]
            lines.append(
                f"          wild cluster bootstrap p = {num(wb['p_value'])} ({wb['weights']}, {wb['draws']} draws)"
            )
        if tw.get("randomization"):
            ri = tw["randomization"]
            how = "all" if ri.get("exhaustive") else "sampled"
            lines.append(
                f"          randomization inference p = {num(ri['p_value'])}  [{num(ri['ci_low'])}, "
                f"{num(ri['ci_high'])}] ({how} {ri['n_assignments']} assignments)"
            )
        lines.append(f"pre-trend: Wald p = {num(diag['pretrend']['p_value'])} on {diag['pretrend']['df']} lead(s)")
    if d["design"] == "scm" and diag.get("placebo"):
        pl = diag["placebo"]
        lines.append(f"placebo:  rank {pl['rank']} of {pl['n_units']}, p = {num(pl['p_value'])}")
        lines.append(f"pre-fit:  RMSPE {num(diag['pre_rmspe'])}")
    if d["design"] == "its":
        level, slope = diag["level_change"]["estimate"], diag["slope_change"]["estimate"]
        lines.append(f"level change {num(level)}, slope change {num(slope)}")
    for note in diag.get("notes", []):
        lines.append(f"note:     {note}")
    return "\n".join(lines)


for _design in DESIGNS:
    evaluate_group.add_command(_make_command(_design))
