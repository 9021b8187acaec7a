"""Green, digital and technical occupations follow the documented rules and show their evidence."""

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.flags import GREEN_MIN_COUNT, flagged, occupation_flags

SOLAR_INSTALLER = "monteur zonnepanelen"


def _by_label(label: str):  # type: ignore[no-untyped-def]
    tax = default_taxonomy()
    return next(o for o in tax.occupations.values() if o.label("nl") == label)


def test_solar_panel_installer_is_green_and_technical_with_evidence() -> None:
    tax = default_taxonomy()
    f = occupation_flags(tax, _by_label(SOLAR_INSTALLER))
    assert f.green and f.technical and not f.digital
    assert len(f.green_skills) >= GREEN_MIN_COUNT
    assert all(tax.skills[u].is_green for u in f.green_skills)
    assert "essential skills are green" in f.to_dict()["evidence"]["reasons"]["green"]  # type: ignore[index]


def test_ict_isco_groups_are_digital() -> None:
    f = occupation_flags(default_taxonomy(), _by_label("softwareontwikkelaar voor de cloud"))
    assert f.digital and f.isco_code.startswith("25")
    assert "ICT" in f.reasons["digital"]


def test_flag_counts_are_plausible() -> None:
    tax = default_taxonomy()
    green, digital, technical = (len(flagged(tax, f)) for f in ("green", "digital", "technical"))
    assert 200 < green < 600
    assert 150 < digital < 600
    assert 500 < technical < 1000
