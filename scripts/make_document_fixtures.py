"""Regenerate the document fixtures in ``tests/fixtures/documents/``: ``python scripts/make_document_fixtures.py``.

The CV and vacancy texts are written for the krapte project (fictitious people and employers) to exercise the
readers and extractors; they are examples, not real data. PDFs are written by a small PDF writer below (standard
Helvetica, WinAnsi encoding: what a word processor's "save as PDF" produces for Dutch text), the encrypted one with
pypdf, the scan with Pillow (an image and no text layer), the DOCX with python-docx. Output is deterministic.
"""

from __future__ import annotations

import io
import json
import random
import textwrap
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "documents"

CV_NL = """Curriculum vitae - Sanne de Vries (voorbeeld, geschreven voor het krapte-project)

Profiel
Gemotiveerde zij-instromer met acht jaar ervaring als servicemedewerker in de retail. Sinds 2023 in opleiding tot
eerste monteur elektrotechniek. Ik wil aan de slag in de energietransitie en installeer graag zonnepanelen en
warmtepompen.

Opleiding
2023 - heden: MBO niveau 3 Eerste monteur elektrotechnische installaties (BBL), ROC Midden Nederland
2012 - 2015: MBO niveau 2 Verkoper retail

Werkervaring
2023 - heden: leerling-monteur, Installatiebedrijf Voorbeeld BV, Utrecht
- aanleggen van elektrische installaties in woningen en het aansluiten van groepenkasten
- monteren van zonnepanelen en omvormers op daken
- storingen zoeken en verhelpen; meten en testen volgens NEN 1010
2015 - 2023: servicemedewerker, Bouwmarkt Voorbeeld, Amersfoort
- klanten adviseren over gereedschap en materialen
- voorraadbeheer en kassawerkzaamheden

Certificaten en rijbewijs
VCA Basis (2023), NEN 3140 voldoende onderricht persoon (VOP), rijbewijs B

Talen
Nederlands moedertaal, Engels B2

Beschikbaarheid
32 tot 40 uur per week
"""

#: a two-page CV (the load test's CV step, issue 10): a logistics worker who wants to install heat pumps
CV_NL_TWO_PAGES = """Curriculum vitae - Marco Jansen (voorbeeld, geschreven voor het krapte-project)

Persoonlijke gegevens
Woonplaats: Amersfoort
Rijbewijs: B, C en CE, code 95 geldig tot 2028
Beschikbaar: per direct, 32 tot 40 uur per week

Profiel
Ik ben 45 jaar en werk al meer dan twintig jaar in de logistiek. Eerst als magazijnmedewerker, daarna als
vrachtwagenchauffeur en de laatste jaren als teamleider in een distributiecentrum. Ik ben praktisch, werk netjes
en veilig, en ik los graag problemen op. Collega's en klanten weten wat ze aan me hebben. Ik wil graag monteur
warmtepompen worden en ben bereid daarvoor een opleiding te volgen naast mijn werk.

Werkervaring
2018 - heden: teamleider magazijn, Distributiecentrum Voorbeeld BV, Amersfoort
- leiding geven aan een team van twaalf magazijnmedewerkers in twee ploegen
- planning maken van de inslag en uitslag van goederen en het bijhouden van de voorraad
- nieuwe medewerkers inwerken en opleiden in veilig werken met de heftruck en de reachtruck
- werkoverleg voorbereiden en leiden, verzuim bespreken en beoordelingsgesprekken voeren
- storingen aan transportbanden en rolluiken melden en kleine reparaties zelf uitvoeren
- samenwerken met de technische dienst bij onderhoud aan de koel- en vriescellen
- het veiligheidsplan bijhouden en toolboxmeetings geven over veilig werken
- orders verwerken in het warehouse-managementsysteem en rapporten maken in Excel

2010 - 2018: vrachtwagenchauffeur, Transportbedrijf Voorbeeld, Utrecht
- vervoeren van goederen naar winkels en bouwplaatsen in heel Nederland
- laden en lossen van de vrachtwagen en het zekeren van de lading
- controleren van de vrachtwagen voor vertrek en kleine mankementen verhelpen
- bezorgen van installatiemateriaal, cv-ketels en zonnepanelen bij installateurs
- vrachtbrieven en digitale ritregistratie bijhouden
- contact houden met de planning en met klanten over levertijden

2003 - 2010: magazijnmedewerker, Groothandel Installatietechniek Voorbeeld, Nieuwegein
- orderpicken en verzendklaar maken van leidingen, fittingen, pompen en radiatoren
- klanten aan de balie helpen met het zoeken van onderdelen voor cv-installaties
- goederen ontvangen, controleren en opslaan
- voorraad tellen en verschillen uitzoeken

Opleiding
2023: cursus Basis elektrotechniek voor niet-elektrotechnici (avondopleiding, 10 weken)
2009: vakbekwaamheid chauffeur goederenvervoer (code 95)
1998 - 2002: MBO niveau 2 Logistiek medewerker, ROC Midden Nederland

Certificaten
VCA Basis (2022)
Heftruckcertificaat en reachtruckcertificaat (2019)
BHV, bedrijfshulpverlener (2021, jaarlijks herhaald)
EHBO (2020)

Wat ik al kan
- leiding geven aan een team en werk plannen
- veilig werken volgens VCA en de regels op de werkplek
- technische tekeningen en schema's lezen (geleerd in de cursus elektrotechniek)
- meten met een multimeter en eenvoudige elektrische storingen vinden
- netjes en nauwkeurig werken, ook onder tijdsdruk
- klanten te woord staan en uitleg geven
- werken met handgereedschap en elektrisch gereedschap

Hobby's en vrijwilligerswerk
Ik heb thuis zelf zonnepanelen op het dak gelegd en de omvormer aangesloten, samen met een erkend installateur.
Ik help bij de klussendienst van de buurtvereniging: kleine reparaties bij ouderen, zoals een kraan vervangen,
een lamp ophangen of een radiator ontluchten. In het weekend fiets ik graag en ik ben trainer bij het
jeugdvoetbal.

Wat ik zoek
Ik wil graag werken in de energietransitie. Het liefst als monteur warmtepompen of als servicemonteur
installatietechniek, in de regio Amersfoort of Utrecht. Ik ben bereid om in het begin te leren en te werken
(BBL) en een F-gassen certificaat te halen. Ik droom ervan om later een eigen team van monteurs te leiden.

Talen
Nederlands: moedertaal
Engels: goed in spreken, redelijk in schrijven
Duits: basis

Computervaardigheden
Excel, Word, Outlook, warehouse-managementsysteem, digitale ritregistratie

Referenties
Op verzoek beschikbaar.
"""

VACANCY_NL = """Monteur warmtepompen (32-40 uur) - vacature (voorbeeld, geschreven voor het krapte-project)

Wat ga je doen?
Als monteur warmtepompen installeer je lucht-water warmtepompen bij particulieren in de regio Utrecht. Je plaatst
de binnen- en buitenunit, sluit de installatie aan op het cv-systeem en de elektrische installatie, en neemt de
warmtepomp in bedrijf. Je voert onderhoud uit, lost storingen op en legt de klant uit hoe het systeem werkt.

Wat vragen wij?
- Een afgeronde mbo-opleiding niveau 3 of 4 in de installatietechniek of elektrotechniek
- Ervaring met het installeren van warmtepompen of cv-ketels is een pre
- In bezit van F-gassen certificaat (categorie 1) of bereid dit te halen
- VCA basis
- Rijbewijs B
- Je spreekt en schrijft goed Nederlands (minimaal B1)
- Geen ervaring met lassen vereist

Wat bieden wij?
Een salaris tussen 2.800 en 3.600 euro, een bedrijfsbus, 26 vakantiedagen en opleidingsbudget. Parttime mogelijk.
Wij zijn een gelijke-kansenwerkgever en moedigen iedereen aan te solliciteren.
"""

JOB_POSTING = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Elektromonteur zonnepanelen",
    "description": "<p>Voor onze projecten in Gelderland zoeken wij een <strong>elektromonteur</strong> die "
    "zonnepanelen en omvormers installeert op bedrijfsdaken.</p><ul><li>Je monteert zonnepanelen</li>"
    "<li>Je sluit omvormers aan op de groepenkast</li><li>Je test de installatie volgens NEN 1010</li></ul>",
    "qualifications": "VCA VOL, NEN 3140 (VP), rijbewijs BE",
    "educationRequirements": {"@type": "EducationalOccupationalCredential", "credentialCategory": "mbo niveau 4"},
    "skills": ["zonnepanelen installeren", "elektrische installaties testen"],
    "employmentType": "FULL_TIME",
    "workHours": "40 uur per week",
    "datePosted": "2025-03-01",
    "hiringOrganization": {"@type": "Organization", "name": "Zon Voorbeeld BV (fictief)"},
    "jobLocation": {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Arnhem", "addressRegion": "Gelderland",
                    "addressCountry": "NL"},
    },
}  # fmt: skip

HTML_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><title>Vacature Servicemonteur laadpalen | Voorbeeld</title>
<style>body { font-family: sans-serif; }</style><script>var tracking = "geen vaardigheid";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/vacatures">Alle vacatures</a> <a href="/contact">Contact</a></nav>
<header><h1>Servicemonteur laadpalen</h1></header>
<main>
<p>Je installeert en onderhoudt laadpalen voor elektrische auto&#39;s bij bedrijven en particulieren.</p>
<h2>Wat vragen wij?</h2>
<ul><li>MBO 4 elektrotechniek</li><li>NEN 3140 en VCA basis</li><li>Rijbewijs B</li></ul>
<p>Fulltime, 38 uur per week.</p>
</main>
<form><input name="email"><button>Solliciteer nu</button></form>
<footer>&copy; 2025 Voorbeeld BV &middot; Privacyverklaring &middot; Cookies</footer>
</body></html>
"""

HTML_WITH_JSON_LD = (
    "<!DOCTYPE html><html><head><title>Vacature</title>"
    '<script type="application/ld+json">' + json.dumps(JOB_POSTING, ensure_ascii=False) + "</script></head>"
    "<body><nav>menu</nav><p>Bekijk onze vacature.</p></body></html>\n"
)

MARKDOWN_CV = """# Curriculum vitae Jeroen Bakker (voorbeeld)

## Profiel
Ervaren **monteur** die wil overstappen naar de *installatietechniek*.

## Vaardigheden
- zonnepanelen monteren
- storingen verhelpen in [elektrische installaties](https://example.org)
- klanten adviseren

| Periode | Werkgever |
|---|---|
| 2019 - 2024 | Voorbeeld Service BV |
"""

ENGLISH_CV = """Curriculum vitae - Alex Jansen (example written for the krapte project)

Experienced software developer who wants to move into energy-grid data. I write Python, build data pipelines,
manage PostgreSQL databases and analyse smart-meter data. Bachelor (hbo) in computer science. Dutch B1, English C1.
"""

LATIN1_TEXT = (
    "Vacature: monteur verwarmingstechniek in Enschedé. Je onderhoudt cv-ketels en warmtepompen; "
    "één dag per week op kantoor. Ervaring met ‘koeltechniek’ is een pré.\n"
)


# --- a minimal PDF writer (text only, standard Helvetica, WinAnsiEncoding) --------------------------------------


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(text: str, title: str, lines_per_page: int = 52) -> bytes:
    """A valid PDF with ``text`` on A4 pages: what a word processor writes for a plain document."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, 95) or [""])
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    objects: list[bytes] = []
    font_id, pages_id = 3, 2
    page_ids: list[int] = []
    next_id = 4
    bodies: list[tuple[int, bytes]] = []
    for page_lines in pages:
        content = (
            b"BT /F1 10 Tf 50 800 Td 14 TL " + b" ".join(_pdf_string(li) + b" Tj T*" for li in page_lines) + b" ET"
        )
        content_id, page_id = next_id, next_id + 1
        next_id += 2
        bodies.append((content_id, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"))
        bodies.append(
            (
                page_id,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents %d 0 R >>" % content_id,
            )
        )
        page_ids.append(page_id)
    info_id = next_id
    objects_by_id = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        pages_id: b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % p for p in page_ids)
        + b"] /Count %d >>" % len(page_ids),
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        **dict(bodies),
        info_id: b"<< /Title " + _pdf_string(title) + b" /Producer (krapte fixture writer) >>",
    }
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for obj_id in sorted(objects_by_id):
        offsets[obj_id] = out.tell()
        out.write(b"%d 0 obj\n" % obj_id + objects_by_id[obj_id] + b"\nendobj\n")
    xref = out.tell()
    count = max(objects_by_id) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
    for obj_id in range(1, count):
        out.write(b"%010d 00000 n \n" % offsets[obj_id])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, info_id, xref))
    del objects
    return out.getvalue()


def encrypted_pdf(plain: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf(text: str) -> bytes:
    """An image-only PDF, like a scanner makes: the text is pixels, there is no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (620, 300), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(text.split("\n")[:12]):
        draw.text((20, 20 + 20 * i), line, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=72.0)
    return buffer.getvalue()


def cv_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Curriculum vitae Sanne de Vries"
    document.core_properties.author = "krapte fixture"
    blocks = text.strip().split("\n\n")
    document.add_heading(blocks[0], level=0)
    for block in blocks[1:]:
        head, *rest = block.split("\n")
        document.add_heading(head, level=1)
        for line in rest:
            if line.startswith("- "):
                document.add_paragraph(line[2:], style="List Bullet")
            else:
                document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Periode", "Werkgever"
    table.cell(1, 0).text, table.cell(1, 1).text = "2023 - heden", "Installatiebedrijf Voorbeeld BV"
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed timestamps so regenerating the fixture gives identical bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                content = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cv_pdf = text_pdf(CV_NL, "Curriculum vitae Sanne de Vries")
    files: dict[str, bytes] = {
        "cv_nl.txt": CV_NL.encode("utf-8"),
        "cv_nl.pdf": cv_pdf,
        "cv_nl_two_pages.pdf": text_pdf(CV_NL_TWO_PAGES, "Curriculum vitae Marco Jansen"),
        "cv_nl.docx": cv_docx(CV_NL),
        "cv_nl.md": MARKDOWN_CV.encode("utf-8"),
        "cv_en.txt": ENGLISH_CV.encode("utf-8"),
        "vacancy_nl.txt": VACANCY_NL.encode("utf-8"),
        "vacancy_nl.pdf": text_pdf(VACANCY_NL, "Monteur warmtepompen"),
        "vacancy_nl.html": HTML_PAGE.encode("utf-8"),
        "vacancy_jsonld.html": HTML_WITH_JSON_LD.encode("utf-8"),
        "jobposting.json": json.dumps(JOB_POSTING, ensure_ascii=False, indent=2).encode("utf-8"),
        "two_jobpostings.json": json.dumps([JOB_POSTING, JOB_POSTING], ensure_ascii=False).encode("utf-8"),
        "not_a_jobposting.json": b'{"naam": "geen vacature", "aantal": 3}\n',
        "invalid.json": b'{"@type": "JobPosting", "title": "kapot",\n  "description": }\n',
        "vacancy_cp1252.txt": LATIN1_TEXT.encode("cp1252"),
        "vacancy_latin1.txt": LATIN1_TEXT.replace("‘", "'").replace("’", "'").encode("latin-1") + b"\x81\n",
        "vacancy_utf16.txt": VACANCY_NL.encode("utf-16"),
        "cv_nl_pdf_named.txt": cv_pdf,  # a PDF with the wrong extension: detection reads the content
        "encrypted.pdf": encrypted_pdf(cv_pdf, "geheim"),
        "owner_only.pdf": encrypted_pdf(cv_pdf, ""),
        "scanned.pdf": scanned_pdf(CV_NL),
        "truncated.pdf": cv_pdf[: len(cv_pdf) // 3],
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\n",
        "garbage.bin": random.Random(7).randbytes(4096),
        "image.png": _png(),
        "old_word.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(files)} fixtures to {OUT}")


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


if __name__ == "__main__":
    main()
