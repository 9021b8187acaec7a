"""krapte's matching and extraction described in the fields of the Algoritmeregister publication standard.

The Dutch Algoritmeregister (algoritmes.overheid.nl) asks public bodies to publish, per algorithm, the fields
of *Publicatiestandaard 1.0* (MinBZK/Algoritmeregister-Publicatiestandaard): general fields, responsible
use, how it works and meta data. :func:`algoritmeregister_record` fills them for krapte's skill extraction
and matching as an honest draft: a deploying organisation must complete organisation, contact details,
legal basis, processing register and impact assessments before publishing.
"""

from __future__ import annotations

from typing import Any

from krapte.errors import ValidationError

TO_COMPLETE = "IN TE VULLEN door de organisatie die krapte inzet"

# field name in the standard -> value; order follows the standard (algemeen, verantwoord gebruik, werking, meta)
RECORD: dict[str, Any] = {
    "naam": "krapte: vaardigheden herkennen en matchen (ESCO)",
    "organisatie": TO_COMPLETE + " (naam uit de TOOI-lijst)",
    "korte_omschrijving": (
        "krapte zoekt in een cv, vacature of opleidingstekst naar vaardigheden en beroepen uit de Europese "
        "ESCO-lijst en laat zien welke beroepen bij iemands vaardigheden passen. Een adviseur "
        "bekijkt de uitkomst samen met de persoon; het systeem beslist niets zelf."
    ),
    "thema": ["werk", "onderwijs en wetenschap", "economie"],
    "status": "In ontwikkeling",
    "begindatum": "2026-11",
    "einddatum": "",
    "contactgegevens": TO_COMPLETE,
    "link_naar_publiekspagina": TO_COMPLETE,
    "publicatiecategorie": (
        "A (hoog-risico AI-systeem) zodra de matching personen rangschikt of vacatures aanbeveelt aan een "
        "persoon (AI-verordening bijlage III punt 4a); C (overig) voor alleen vaardigheden herkennen en "
        "geaggregeerde monitoring. De inzettende organisatie legt de keuze per module vast."
    ),
    "link_naar_bronregistratie": TO_COMPLETE + " (openbare broncode van krapte, EUPL-1.2)",
    "doel_en_impact": (
        "Doel: werkzoekenden, werkenden en adviseurs (o.a. Regionale Mobiliteitsteams) helpen de stap naar "
        "technische en digitale banen te zetten door vaardigheden in één taal (ESCO) te beschrijven, en "
        "beleidsmakers laten volgen of maatregelen van het Actieplan Groene en Digitale Banen werken. "
        "Impact: de uitkomst beïnvloedt welk werk of welke opleiding een adviseur bespreekt. Fouten kunnen "
        "kansen verbergen, vooral bij mensen met ongebruikelijke loopbanen of tekst in een andere taal."
    ),
    "afwegingen": (
        "Proportionaliteit: krapte verwerkt alleen de tekst die de gebruiker zelf aanlevert en bewaart geen "
        "profielen tenzij de inzettende organisatie dat instelt. Monitoring gebruikt alleen geaggregeerde "
        "open data (CBS, DUO, UWV). Alternatief zonder algoritme: handmatig zoeken in de ESCO-lijst; dat is "
        "trager en minder consistent."
    ),
    "menselijke_tussenkomst": (
        "De uitkomst is een suggestie met uitleg (welke tekst leidde tot welke vaardigheid, met score). Een "
        "adviseur of de persoon zelf bevestigt of verwerpt elke vaardigheid; er is geen automatische afwijzing "
        "of rangschikking die een besluit vervangt."
    ),
    "risicobeheer": (
        "Bekende risico's: gemiste of verkeerde vaardigheden (herkenning is niet foutloos; gemeten kwaliteit "
        "staat in docs/benchmarks.md), taalbias (Nederlandse ESCO-labels zijn minder volledig dan Engelse), en "
        "automation bias bij adviseurs. Maatregelen: uitleg per suggestie, menselijke bevestiging, "
        "gepubliceerde meetresultaten op open testsets, geen gebruik van bijzondere persoonsgegevens, "
        "logging van modelversie en invoerreferentie. Effectschattingen van maatregelen krijgen een "
        "betrouwbaarheidsgraad; zwakke ontwerpen heten 'beschrijvend, geen causale claim'."
    ),
    "wettelijke_basis": TO_COMPLETE + " (bijv. taak op grond van de Wet SUWI voor UWV/gemeenten)",
    "titel_wettelijke_basis": TO_COMPLETE,
    "link_naar_verwerkingsregister": TO_COMPLETE,
    "impacttoetsen": [
        {"naam": "DPIA", "toelichting": TO_COMPLETE + "; verplicht bij profilering op grote schaal (AVG art. 35)"},
        {
            "naam": "IAMA",
            "toelichting": TO_COMPLETE + "; aanbevolen, en bij hoog-risico inzet de FRIA (AI-verordening art. 27)",
        },
    ],
    "gegevens": [
        "Tekst die de gebruiker aanlevert (cv, vacature, opleidingsbeschrijving); niet opgeslagen tenzij ingesteld",
        "ESCO-classificatie v1.2 (Europese Commissie), Nederlandse en Engelse labels",
        "CBS StatLine open data (o.a. 85004NED, 85005NED, 70960ned, 85523NED, 85276NED), CC BY 4.0",
        "Openbare cijfers uit Kamerstukken en Techniekpactmonitor (maatregelen en doelen van het actieplan)",
    ],
    "technische_werking": (
        "1. Lezen: het document (pdf, docx, tekst) wordt tekst; zinnen en woordgroepen worden herkend. "
        "2. Woordenlijst: alle Nederlandse en Engelse (alternatieve) labels van ESCO-vaardigheden, met "
        "Nederlandse vervoegingen en samenstellingen, worden in één doorgang gezocht (Aho-Corasick). "
        "3. Context: treffers in standaardtekst (bedrijfsomschrijving, aanbod, sollicitatie) vallen af; ontkende "
        "treffers ('geen ervaring met lassen vereist') worden apart getoond; algemene vaardigheden tellen pas mee "
        "bij een eis of herhaling. 4. Meertalig taalmodel: eis- en taakzinnen zonder treffer worden met een klein "
        "voorgetraind meertalig model (multilingual-e5-small, lokaal, zonder netwerk) vergeleken met de "
        "vaardigheden; boven een drempel wordt de dichtstbijzijnde vaardigheid voorgesteld. 5. Beroepen worden "
        "gerangschikt op overlap van vaardigheden (gewogen naar zeldzaamheid, essentieel/optioneel). Elke "
        "suggestie toont de tekst waaruit hij komt en een score. 6. Monitoring rekent alleen op geaggregeerde "
        "cijfers; effectschattingen (interrupted time series, difference-in-differences, synthetische controle) "
        "krijgen diagnostiek en een betrouwbaarheidsgraad."
    ),
    "leverancier": "Open source (krapte-ontwikkelaars); geen commerciële leverancier",
    "link_naar_broncode": "EUPL-1.2; " + TO_COMPLETE,
    "type_algoritme": (
        "Zelflerend (voorgetraind taalmodel voor embeddings) gecombineerd met regels (woordenlijst, drempels)"
    ),
    "zoektermen": ["vaardigheden", "ESCO", "matching", "arbeidsmarkt", "techniek", "ICT", "actieplan"],
    "taal": "nl",
    "schema": "Algoritmeregister Publicatiestandaard 1.0",
}

MAX_LENGTHS = {"naam": 100, "korte_omschrijving": 350, "doel_en_impact": 2500}


def algoritmeregister_record() -> dict[str, Any]:
    """The record, checked against the length limits of the standard."""
    for key, limit in MAX_LENGTHS.items():
        if len(RECORD[key]) > limit:
            raise ValidationError(f"field {key!r} is longer than the standard allows ({limit} characters)")
    return dict(RECORD)


def algoritmeregister_markdown() -> str:
    lines = [f"# {RECORD['naam']}", "", f"_{RECORD['schema']}_", ""]
    for key, value in algoritmeregister_record().items():
        if key in {"naam", "schema"}:
            continue
        lines.append(f"## {key.replace('_', ' ').capitalize()}")
        lines.append("")
        if isinstance(value, list):
            for item in value:
                lines.append(f"- {item['naam']}: {item['toelichting']}" if isinstance(item, dict) else f"- {item}")
        else:
            lines.append(str(value) or "–")
        lines.append("")
    return "\n".join(lines)
