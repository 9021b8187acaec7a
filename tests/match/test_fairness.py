"""Fairness metrics: four-fifths ratios and equal-opportunity gaps from a separate audit file."""

import pytest

from krapte.errors import InputError
from krapte.match.fairness import fairness_report, read_group_labels, selected_in_shortlists


def test_four_fifths_and_equal_opportunity() -> None:
    # group a: 6 of 10 selected; group b: 3 of 10 → ratio 0.5 fails the four-fifths rule
    selected = {f"a{i}": i < 6 for i in range(10)} | {f"b{i}": i < 3 for i in range(10)} | {"x": True}
    groups = {f"a{i}": "a" for i in range(10)} | {f"b{i}": "b" for i in range(10)}
    qualified = {f"a{i}": i < 8 for i in range(10)} | {f"b{i}": i < 6 for i in range(10)}
    r = fairness_report(selected, groups, qualified=qualified, attribute="geslacht")
    a, b = r.groups
    assert (a.rate, b.rate) == (0.6, 0.3) and b.ratio == pytest.approx(0.5) and b.adverse_impact
    assert not r.passes_four_fifths and r.unlabelled == 1
    assert a.tpr == pytest.approx(6 / 8) and b.tpr == pytest.approx(3 / 6)
    assert b.tpr_gap == pytest.approx(0.25) and a.tpr_gap == 0.0
    assert a.small and r.to_dict()["groups"][1]["four_fifths_ok"] is False


def test_equal_rates_pass() -> None:
    selected = {str(i): i % 2 == 0 for i in range(100)}
    groups = {str(i): "a" if i < 50 else "b" for i in range(100)}
    assert fairness_report(selected, groups).passes_four_fifths


def test_shortlists_and_audit_file() -> None:
    sel = selected_in_shortlists([["p1", "p2"], ["p2", "p3"]], ["p1", "p2", "p3", "p4"])
    assert sel == {"p1": True, "p2": True, "p3": True, "p4": False}
    labels = read_group_labels("profile_id,geslacht,leeftijdsgroep\np1,v,45+\np2,m,\n")
    assert labels == {"geslacht": {"p1": "v", "p2": "m"}, "leeftijdsgroep": {"p1": "45+"}}
    with pytest.raises(InputError, match="profile_id"):
        read_group_labels("naam,geslacht\nx,v\n")
