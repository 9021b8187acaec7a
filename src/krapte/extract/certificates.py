"""Certificates and diplomas Dutch technical and digital vacancies ask for outside ESCO, with who issues them.

Each entry names the certificate, the scheme owner or standard body that defines it (the source of the entry),
and the spellings vacancies use. Variants (VCA Basis / VOL / VIL, NEN 3140 VOP / VP / IV / WV, F-gassen
categorie 1 / 2, EPA-W / EPA-U) are recognised next to the certificate. The list is curated for krapte from the
scheme owners' public descriptions; extend it here (one entry per certificate) and add an example to
``tests/extract/test_requirements.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class CertificateSpec:
    """One certificate: an id, its Dutch name, a category, the scheme owner (source) and how texts write it."""

    id: str
    name: str
    category: str
    source: str
    pattern: str
    variants: tuple[tuple[str, str], ...] = ()  # (variant id, regex that must follow within the same phrase)

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)


_ROLES_3140 = (
    ("VOP", r"\bVOP\b|voldoende\s+onderricht"),
    ("VP", r"\bVP\b|vakbekwaam\s+persoon"),
    ("WV", r"\bWV\b|werkverantwoordelijke"),
    ("IV", r"\bIV\b|installatieverantwoordelijke"),
)

CERTIFICATES: tuple[CertificateSpec, ...] = (
    CertificateSpec(
        "vca",
        "VCA (Veiligheid, gezondheid en milieu Checklist Aannemers)",
        "safety",
        "SSVV, Stichting Samenwerken voor Veiligheid (vca.nl): diploma's B-VCA, VOL-VCA, VIL-VCU",
        r"\b(?:B-?VCA|VOL-?VCA|VIL-?VCU|VCA)\b\*{0,2}",
        (
            ("VIL", r"\bVIL\b|VIL-?VCU"),
            ("VOL", r"\bVOL\b|\bvol\b|volledig|operationeel\s+leidinggevenden?"),
            ("Basis", r"\bbasis\b|\bB-?VCA\b|basisveiligheid"),
        ),
    ),
    CertificateSpec(
        "nen-3140",
        "NEN 3140 (bedrijfsvoering van elektrische installaties, laagspanning)",
        "electrical",
        "NEN, norm NEN 3140+A3:2019 (nen.nl); aanwijzing door de werkgever als VOP, VP, WV of IV",
        r"\bNEN[- ]?(?:EN[- ]?)?3140\b",
        _ROLES_3140,
    ),
    CertificateSpec(
        "nen-1010",
        "NEN 1010 (veiligheidsbepalingen voor laagspanningsinstallaties)",
        "electrical",
        "NEN, norm NEN 1010:2020 (nen.nl)",
        r"\bNEN[- ]?1010\b",
    ),
    CertificateSpec(
        "nen-9140",
        "NEN 9140 (bedrijfsvoering van elektrische installaties, hoogspanning)",
        "electrical",
        "NEN, norm NEN-EN 50110 / NEN 9140 (nen.nl)",
        r"\bNEN[- ]?9140\b",
        _ROLES_3140,
    ),
    CertificateSpec(
        "bei-bls",
        "BEI-BLS (Bedrijfsvoeringsregeling Elektrische Installaties, laagspanning)",
        "electrical",
        "Netbeheer Nederland, BEI-BLS voor werken aan het laagspanningsnet van de netbeheerders",
        r"\bBEI[- ]?BLS\b|\bBEI\b(?![- ]?BHS)",
        _ROLES_3140,
    ),
    CertificateSpec(
        "bei-bhs",
        "BEI-BHS (Bedrijfsvoeringsregeling Elektrische Installaties, hoogspanning)",
        "electrical",
        "Netbeheer Nederland, BEI-BHS voor werken aan het hoogspanningsnet van de netbeheerders",
        r"\bBEI[- ]?BHS\b",
        _ROLES_3140,
    ),
    CertificateSpec(
        "scios-scope-10",
        "SCIOS Scope 10 (inspectie elektrische installaties op brandrisico)",
        "electrical",
        "Stichting SCIOS, certificatieschema Scope 10 (scios.nl)",
        r"\bscope[- ]?10\b",
    ),
    CertificateSpec(
        "scios-scope-12",
        "SCIOS Scope 12 (inspectie zonnestroominstallaties)",
        "electrical",
        "Stichting SCIOS, certificatieschema Scope 12 (scios.nl)",
        r"\bscope[- ]?12\b",
    ),
    CertificateSpec(
        "f-gassen",
        "F-gassen (persoonscertificaat koudemiddelen, EU-verordening 2024/573 en 2015/2067)",
        "climate",
        "Rijksoverheid / RVO (F-gassenverordening); examens bij erkende instellingen, register bij Kiwa",
        r"\bF-?gassen\b|\bF-?gas\b|\bSTEK\b|koudemiddelen\s*(?:certificaat|diploma)",
        (
            ("categorie 1", r"\bcat(?:egorie)?\.?\s*(?:1|I)\b"),
            ("categorie 2", r"\bcat(?:egorie)?\.?\s*(?:2|II)\b"),
        ),
    ),
    CertificateSpec(
        "co-certificaat",
        "CO-vakbekwaamheid (certificering gasverbrandingstoestellen, sinds 2022 verplicht)",
        "climate",
        "Rijksoverheid, Besluit certificering installatiebedrijven gasverbrandingstoestellen; schema bij SCIOS",
        r"\bCO[- ](?:certifica(?:at|ering)|vakbekwaamheid|erkenning)\b",
    ),
    CertificateSpec(
        "brl-6000-21",
        "BRL 6000-21 (procescertificaat installatie van warmtepompsystemen)",
        "climate",
        "Kiwa, beoordelingsrichtlijn BRL 6000-21 (kiwa.com)",
        r"\bBRL[- ]?6000[- ]?21\b",
    ),
    CertificateSpec(
        "kvinl",
        "KvINL-erkenning (Kwaliteit voor installateurs NL, o.a. warmtepompen en zonnestroom)",
        "climate",
        "Stichting KvINL (kvinl.nl)",
        r"\bKvINL\b",
    ),
    CertificateSpec(
        "installq",
        "InstallQ-erkenning (erkenningsregeling installatiebranche)",
        "climate",
        "InstallQ (installq.nl)",
        r"\bInstallQ\b",
    ),
    CertificateSpec(
        "epa",
        "EPA (energieprestatieadviseur, energielabel)",
        "energy-advice",
        "RVO / BRL 9500 (rvo.nl): EPA-W voor woningen, EPA-U voor utiliteitsbouw",
        r"\bEPA[- ]?(?:W|U|adviseur)?\b(?![- ]?\d)",
        (("EPA-W", r"\bEPA[- ]?W\b|woningen"), ("EPA-U", r"\bEPA[- ]?U\b|utiliteit")),
    ),
    CertificateSpec(
        "code-95",
        "Code 95 (vakbekwaamheid beroepschauffeur)",
        "transport",
        "CBR / Rijksoverheid, Richtlijn (EU) 2022/2561 (cbr.nl)",
        r"\bcode[- ]?95\b",
    ),
    CertificateSpec(
        "heftruck",
        "Heftruckcertificaat",
        "transport",
        "Arbobesluit art. 7.32 (deskundige bediening); opleidingen o.a. TCVT",
        r"\bheftruck[- ]?(?:certificaat|diploma|rijbewijs)\b",
    ),
    CertificateSpec(
        "ipaf",
        "IPAF (hoogwerkercertificaat)",
        "safety",
        "International Powered Access Federation (ipaf.org)",
        r"\bIPAF\b|\bhoogwerker[- ]?(?:certificaat|diploma)\b",
    ),
    CertificateSpec(
        "bhv",
        "BHV (bedrijfshulpverlening)",
        "first-aid",
        "Arbowet art. 15; opleidingen o.a. NIBHV (nibhv.nl)",
        r"\bBHV\b|bedrijfshulpverlen(?:ing|er)",
    ),
    CertificateSpec(
        "ehbo",
        "EHBO (eerste hulp bij ongelukken)",
        "first-aid",
        "Het Oranje Kruis (ehbo.nl)",
        r"\bEHBO\b",
    ),
    CertificateSpec("itil", "ITIL (IT service management)", "digital", "PeopleCert / AXELOS", r"\bITIL\b"),
    CertificateSpec("prince2", "PRINCE2 (projectmanagement)", "digital", "PeopleCert / AXELOS", r"\bPRINCE ?2\b"),
    CertificateSpec(
        "scrum",
        "Scrum-certificaat (PSM / CSM)",
        "digital",
        "Scrum.org (PSM), Scrum Alliance (CSM)",
        r"\bPSM ?(?:I{1,3}|[123])?\b|\bCSM\b|\bscrum ?master[- ]certifica(?:at|te)\b",
    ),
    CertificateSpec("ccna", "Cisco CCNA", "digital", "Cisco (cisco.com)", r"\bCCNA\b"),
    CertificateSpec("istqb", "ISTQB (softwaretesten)", "digital", "ISTQB (istqb.org)", r"\bISTQB\b"),
    CertificateSpec(
        "azure",
        "Microsoft Azure-certificering (AZ-xxx)",
        "digital",
        "Microsoft (learn.microsoft.com)",
        r"\bAZ-\d{3}\b",
    ),
    CertificateSpec(
        "aws",
        "AWS Certified",
        "digital",
        "Amazon Web Services (aws.amazon.com/certification)",
        r"\bAWS[- ]certifi(?:ed|cering|caat)\b",
    ),
    CertificateSpec("cissp", "CISSP (informatiebeveiliging)", "digital", "ISC2 (isc2.org)", r"\bCISSP\b"),
)
