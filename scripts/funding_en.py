"""English versions of the funding rules' texts, for English pages (used by ``scripts/build_match.py``).

The Dutch text is the source: every rule label (``label``), question (``ask``) and amount explanation (``text``)
in ``src/krapte/data/funding-schemes-2026/schemes.json`` is written by hand in Dutch from the sources
(``scripts/build_match.py`` RULES). :func:`add_english` adds ``label_en``, ``ask_en`` and ``text_en`` next to
each of them from :data:`EN`, a translation made by hand for krapte (not an official text), and marks the file
with ``"translations"``. A Dutch text without an English one stops the build, so no Dutch reason ends up on an
English page unnoticed.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EN", "TRANSLATION_NOTE", "add_english"]

TRANSLATION_NOTE = (
    "label_en, ask_en and text_en are English translations made by hand for krapte (scripts/funding_en.py); the "
    "Dutch label, ask and text are the source and decide"
)

#: Dutch rule text → English (translated by hand; keep the meaning, not the legal wording)
EN: dict[str, str] = {
    # questions a person has to answer (ask)
    "UWV geeft vooraf toestemming": "UWV agrees in advance",
    "de opleiding hoort bij een functie in een erkend Ontwikkelpad (o.a. Techniek, Bouw en Energie; Hoveniers en "
    "Groenvoorziening)": "the course belongs to a job in a recognised development path (for example technology, "
    "construction and energy; gardening and landscaping)",
    "de opleiding staat in bijlage 4 van de Subsidieregeling praktijkleren": "the course is listed in annex 4 of "
    "the work-based learning subsidy scheme",
    "een werkgever geeft een baangarantie of -intentie": "an employer guarantees or intends to give you a job",
    "er is een praktijkovereenkomst met een SBB-erkend leerbedrijf": "there is a work placement agreement with a "
    "training company recognised by SBB",
    "je aanstelling is ten minste 15 uur per week": "you are employed for at least 15 hours a week",
    "je adviseur werk van UWV beslist": "your UWV work adviser decides",
    "je bent jonger dan 57 jaar (wettelijke leeftijdsgrens)": "you are younger than 57 (legal age limit)",
    "je bent zij-instromer uit een andere sector in een technische functie": "you are switching from another "
    "sector into a technical job",
    "je hebt de Nederlandse nationaliteit, die van een EU/EER-land of Zwitserland, of een passende "
    "verblijfsvergunning (wettelijke voorwaarde)": "you have Dutch nationality, that of an EU/EEA country or "
    "Switzerland, or a suitable residence permit (legal condition)",
    "je werkgever is een mkb-bedrijf (minder dan 250 werknemers)": "your employer is a small or medium-sized "
    "business (fewer than 250 employees)",
    "je werkgever wil de opleidingskosten vergoeden": "your employer is willing to pay for the course",
    "je werkt bij een SBB-erkend leerbedrijf met een praktijkovereenkomst (het leerbedrijf vraagt aan)": "you work "
    "at a training company recognised by SBB with a work placement agreement (the company applies)",
    # rules krapte checks (label)
    "beroepsopleiding met beroepspraktijkvorming (bbl)": "vocational course combined with work (bbl)",
    "de opleiding is NLQF-ingeschaald": "the course has a Dutch qualification level (NLQF)",
    "de opleiding is een mbo-opleiding in de derde leerweg": "the course is a vocational (mbo) course in the "
    "third learning route",
    "de opleiding is erkend": "the course is recognised",
    "de opleiding is erkend en geregistreerd": "the course is recognised and registered",
    "de opleiding is gericht op de klimaat- en energietransitie": "the course is aimed at the climate and energy "
    "transition",
    "de opleiding is mbo-bbl of hbo duaal/deeltijd met een praktijkdeel": "the course is a work-based vocational "
    "(mbo-bbl) course or a dual/part-time higher professional (hbo) course with work experience",
    "de opleiding leidt naar een kansrijk beroep": "the course leads to a job with good prospects",
    "de scholing duurt hoogstens een jaar": "the training takes one year at most",
    "door OCW erkende mbo-, hbo- of wo-opleiding": "a vocational, higher professional or university course "
    "recognised by the Ministry of Education (OCW)",
    "doorlooptijd hoogstens 12 maanden": "takes 12 months at most",
    "erkende hbo-/wo-opleiding of voltijd mbo-bol (niet bbl of derde leerweg)": "a recognised higher "
    "professional or university course, or a full-time vocational course at school (mbo-bol; not bbl or the "
    "third learning route)",
    "je bent in loondienst (je werkgever vraagt aan)": "you are employed (your employer applies)",
    "je bent werkende of werkzoekende": "you are working or looking for work",
    "je hebt een WW-, WIA-, WAO-, WAZ-, Wajong- of ZW-uitkering": "you receive a WW, WIA, WAO, WAZ, Wajong or ZW "
    "benefit",
    "je hebt een WW-uitkering": "you receive unemployment benefit (WW)",
    "je werkgever is aangesloten bij OOM (mkb-metaal)": "your employer is a member of OOM (small and medium "
    "metal businesses)",
    "je werkgever valt onder A+O Metalektro": "your employer falls under A+O Metalektro",
    "je werkgever valt onder Wij Techniek (installatietechniek)": "your employer falls under Wij Techniek "
    "(installation engineering)",
    "je werkgever valt onder de cao Metalektro": "your employer falls under the Metalektro collective agreement",
    "kortdurende scholing (hoogstens een jaar)": "short training (one year at most)",
    "praktijkleerplaats in een mbo-bbl-opleiding": "a work placement in a work-based vocational (mbo-bbl) course",
    "richting een krapteberoep": "towards a job with a shortage of workers",
    "training in digitalisering of robotisering": "training in digitalisation or robotics",
    # how much a scheme pays (amount.text)
    "max. EUR 2.700 per praktijkleerplaats per studiejaar, voor het leerbedrijf": "up to EUR 2,700 per work "
    "placement per school year, for the training company",
    "extra max. EUR 500 per praktijkleerplaats (studiejaar 2025/2026), voor het leerbedrijf": "up to EUR 500 "
    "extra per work placement (school year 2025/2026), for the training company",
    "max. EUR 2.700 per praktijkplaats van 40 weken, voor het leerbedrijf": "up to EUR 2,700 per work placement "
    "of 40 weeks, for the training company",
    "60% van advies- en leercultuurkosten van het mkb-bedrijf; de scholing zelf niet": "60% of the business's "
    "costs for advice and a learning culture; not the training itself",
    "percentage van de opleidingskosten naar NLQF-niveau; bronnen verschillen, laagste genomen": "a percentage "
    "of the course costs by qualification level (NLQF); the sources differ, the lowest is used",
    "lening tot het collegegeld/lesgeld; terugbetalen binnen 15 jaar": "a loan up to the tuition fee; pay it "
    "back within 15 years",
    "je werkgever kan de kosten onbelast vergoeden": "your employer can pay the costs tax-free",
    "scholingstegoed per bedrijf: bedrijfsrecht + individueel recht (2024: EUR 900 + EUR 90 per medewerker); "
    "hier het deel voor een bedrijf met één medewerker": "a training allowance per company: a company part plus "
    "a part per employee (2024: EUR 900 + EUR 90 per employee); shown here for a company with one employee",
    "EUR 650 per afgerond half jaar (2024), voor de werkgever": "EUR 650 per completed half year (2024), for the "
    "employer",
    "EUR 2.700 - 4.200 per leerling per jaar (2023-2024), voor de werkgever; laagste genomen": "EUR 2,700 - "
    "4,200 per student per year (2023-2024), for the employer; the lowest is used",
    "UWV kan de kosten betalen; geen vast bedrag": "UWV may pay the costs; no fixed amount",
    "max. EUR 2.500 richting een krapteberoep zonder baangarantie (regels 2018)": "up to EUR 2,500 towards a job "
    "with a shortage of workers, without a job guarantee (2018 rules)",
    "kosteloos advies over leren en werken": "free advice on learning and work",
    "kosteloos advies over werk en scholing, zonder afspraak": "free advice on work and training, no appointment "
    "needed",
}


def _english(text: str) -> str:
    if text not in EN:
        raise SystemExit(f"no English text for the funding text {text!r}: add it to scripts/funding_en.py EN")
    return EN[text]


def _rule(rule: Any) -> Any:
    if isinstance(rule, dict):
        out = {k: _rule(v) for k, v in rule.items()}
        for key in ("label", "ask"):
            if isinstance(rule.get(key), str) and rule[key]:
                out[f"{key}_en"] = _english(rule[key])
        return out
    if isinstance(rule, list):
        return [_rule(r) for r in rule]
    return rule


def add_english(schemes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The schemes with ``label_en``/``ask_en`` on every rule and ``text_en`` on every amount explanation."""
    out = []
    for scheme in schemes:
        scheme = {**scheme, "eligibility": _rule(scheme.get("eligibility") or {"all": []})}
        amount = dict(scheme.get("amount") or {})
        if amount.get("text"):
            amount["text_en"] = _english(str(amount["text"]))
        scheme["amount"] = amount
        out.append(scheme)
    return out
