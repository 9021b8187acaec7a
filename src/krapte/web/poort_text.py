"""The words of the Gouden Poort, in B1 Dutch and in English (see docs/web.md for the language rules).

B1: short sentences, "je", everyday words. No ESCO, NLQF, ISCO, crebo, score numbers or file-format words.
"""

from __future__ import annotations

from krapte.settings import Language
from krapte.web.i18n import register

__all__ = ["MESSAGES_POORT", "register_texts"]

MESSAGES_POORT: dict[str, dict[Language, str]] = {
    "nav.poort": {"nl": "Ander werk vinden", "en": "Find other work"},
    "home.poort": {
        "nl": "Wil je ander werk? Kijk wat je al kunt en welk groen, digitaal of technisch werk bij je past.",
        "en": "Looking for other work? See what you can already do and which green, digital or technical work "
        "suits you.",
    },
    "home.poort_button": {"nl": "Begin hier", "en": "Start here"},
    "poort.title": {"nl": "Ander werk vinden", "en": "Find other work"},
    "poort.steps": {"nl": "Stappen", "en": "Steps"},
    "poort.step1": {"nl": "Beginnen", "en": "Start"},
    "poort.step2": {"nl": "Wat je al kunt", "en": "What you can do"},
    "poort.step3": {"nl": "Wat je kunt worden", "en": "What you could become"},
    "poort.step4": {"nl": "Hoe kom je daar", "en": "How to get there"},
    "poort.step5": {"nl": "Vacatures", "en": "Jobs now"},
    "poort.step6": {"nl": "Volgende stap", "en": "Next step"},
    "poort.nothing_stored": {
        "nl": "Je hebt geen account nodig. We bewaren niets, tenzij je dat zelf kiest.",
        "en": "You do not need an account. We keep nothing unless you choose to.",
    },
    "poort.error": {"nl": "Dat lukte niet.", "en": "That did not work."},
    "poort.other": {"nl": "Overig", "en": "Other"},
    "poort.english": {"nl": "(alleen in het Engels)", "en": "(only in Dutch)"},
    "poort.source": {"nl": "bron", "en": "source"},
    "poort.back": {"nl": "Terug", "en": "Back"},
    # step 1
    "poort.start.title": {"nl": "Welk werk past bij jou?", "en": "Which work suits you?"},
    "poort.start.intro": {
        "nl": "Je kunt al veel. Hier zie je welk groen, digitaal of technisch werk daarbij past. Je ziet ook "
        "welke opleiding je nodig hebt, wie kan betalen en welke vacatures er zijn.",
        "en": "You can already do a lot. Here you see which green, digital or technical work fits. You also see "
        "which training you need, who can pay and which jobs there are.",
    },
    "poort.start.choose": {"nl": "Kies hoe je wilt beginnen.", "en": "Choose how you want to start."},
    "poort.start.cv": {"nl": "Met je cv", "en": "With your CV"},
    "poort.start.cv_help": {
        "nl": "Kies je cv op je telefoon of computer. Dat mag een pdf, een Word-bestand of gewone tekst zijn.",
        "en": "Choose your CV on your phone or computer. It can be a PDF, a Word file or plain text.",
    },
    "poort.start.cv_file": {"nl": "Je cv", "en": "Your CV"},
    "poort.start.cv_paste": {"nl": "Of plak de tekst van je cv", "en": "Or paste the text of your CV"},
    "poort.start.cv_text": {"nl": "Tekst van je cv", "en": "Text of your CV"},
    "poort.start.cv_submit": {"nl": "Lees mijn cv", "en": "Read my CV"},
    "poort.start.occupation": {"nl": "Met je beroep", "en": "With your job"},
    "poort.start.occupation_label": {
        "nl": "Welk werk doe je nu, of deed je eerder?",
        "en": "What work do you do now, or did you do before?",
    },
    "poort.start.occupation_submit": {"nl": "Verder met dit beroep", "en": "Continue with this job"},
    "poort.start.skills": {"nl": "Kies wat je kunt", "en": "Choose what you can do"},
    "poort.start.skills_help": {
        "nl": "Open een groep en zet een vinkje bij wat je kunt.",
        "en": "Open a group and tick what you can do.",
    },
    "poort.start.skills_submit": {"nl": "Verder met deze keuze", "en": "Continue with these"},
    # step 2
    "poort.skills.title": {"nl": "Dit kun je al", "en": "This is what you can do"},
    "poort.skills.from_job": {"nl": "Je werk:", "en": "Your job:"},
    "poort.skills.intro": {
        "nl": "Klopt dit? Haal het vinkje weg als iets niet klopt. Voeg toe wat je mist.",
        "en": "Is this right? Untick what is wrong. Add what is missing.",
    },
    "poort.skills.none": {
        "nl": "We vonden nog niets. Voeg hieronder iets toe.",
        "en": "We found nothing yet. Add something below.",
    },
    "poort.skills.remove_help": {
        "nl": "Wensen, zoals 'ik wil monteur worden', en namen van werkgevers tellen we niet als iets wat je kunt.",
        "en": "Wishes, such as 'I want to become a fitter', and names of employers do not count as skills.",
    },
    "poort.skills.wishes": {"nl": "Dit wil je graag", "en": "This is what you would like"},
    "poort.skills.wishes_help": {
        "nl": "Dit staat in je cv als wens. We tellen het niet als iets wat je al kunt. Kun je het toch al? Zet dan "
        "een vinkje.",
        "en": "Your CV names this as a wish. We do not count it as something you can do. Can you do it already? "
        "Then tick it.",
    },
    "poort.skills.add": {"nl": "Iets toevoegen", "en": "Add something"},
    "poort.skills.search": {"nl": "Wat kun je nog meer?", "en": "What else can you do?"},
    "poort.skills.search_button": {"nl": "Zoeken", "en": "Search"},
    "poort.skills.suggestions": {
        "nl": "Bedoel je een van deze? Zet een vinkje.",
        "en": "Do you mean one of these? Tick it.",
    },
    "poort.skills.add_button": {"nl": "Toevoegen", "en": "Add"},
    "poort.skills.next": {"nl": "Bekijk welk werk past", "en": "See which work fits"},
    "poort.source.cv-extracted": {"nl": "uit je cv", "en": "from your CV"},
    "poort.source.self-declared": {"nl": "zelf gekozen", "en": "chosen by you"},
    "poort.source.inferred-from-occupation": {"nl": "hoort bij je werk", "en": "part of your job"},
    "poort.source.course": {"nl": "uit een opleiding", "en": "from a course"},
    "poort.about.title": {"nl": "Over jou", "en": "About you"},
    "poort.about.help": {
        "nl": "Dit helpt om werk en opleidingen in de buurt te vinden. Je hoeft het niet in te vullen.",
        "en": "This helps to find work and courses nearby. You do not have to fill it in.",
    },
    "poort.about.place": {"nl": "Waar woon je? (gemeente)", "en": "Where do you live? (municipality)"},
    "poort.about.travel": {"nl": "Hoe ver wil je reizen?", "en": "How far do you want to travel?"},
    "poort.about.hours": {
        "nl": "Hoeveel uur per week wil je werken?",
        "en": "How many hours a week do you want to work?",
    },
    # step 3
    "poort.cards.title": {"nl": "Dit werk past bij jou", "en": "This work suits you"},
    "poort.cards.intro": {
        "nl": "Dit is groen, digitaal of technisch werk dat bij je past. Kies een beroep om te zien hoe je daar komt.",
        "en": "This is green, digital or technical work that suits you. Choose a job to see how to get there.",
    },
    "poort.cards.none": {
        "nl": "We vonden nog geen werk dat goed past. Voeg meer toe wat je kunt.",
        "en": "We found no work that fits well yet. Add more things you can do.",
    },
    "poort.cards.weak": {
        "nl": "Dit werk past nog niet goed. Je moet er nog veel voor leren. Voeg toe wat je nog meer kunt, of "
        "praat met een adviseur.",
        "en": "This work does not fit well yet. You still need to learn a lot for it. Add what else you can do, "
        "or talk to an adviser.",
    },
    "poort.cards.why": {"nl": "Waarom het past", "en": "Why it fits"},
    "poort.cards.shared": {
        "nl": "Je kunt al {n} van de {total} belangrijkste dingen voor dit werk.",
        "en": "You can already do {n} of the {total} main things for this work.",
    },
    "poort.cards.shared_some": {"nl": "Bijvoorbeeld:", "en": "For example:"},
    "poort.cards.missing": {"nl": "Wat je nog moet leren", "en": "What you still need to learn"},
    "poort.cards.missing_none": {"nl": "Niets: je kunt al alles.", "en": "Nothing: you can do it all."},
    "poort.cards.more": {"nl": "en nog {n} andere dingen", "en": "and {n} other things"},
    "poort.cards.effort": {"nl": "Hoeveel leren", "en": "How much learning"},
    "poort.cards.effort_text": {"nl": "ongeveer {hours} leren: {label}", "en": "about {hours} of learning: {label}"},
    "effort.kort": {"nl": "een paar weken", "en": "a few weeks"},
    "effort.middel": {"nl": "een paar maanden naast je werk", "en": "a few months next to your job"},
    "effort.lang": {"nl": "een jaar of langer", "en": "a year or more"},
    "poort.cards.shortage": {"nl": "Vraag in je regio", "en": "Demand in your region"},
    "poort.cards.shortage_text": {
        "nl": "In {region} zijn er {cls} mensen voor dit werk.",
        "en": "In {region} there are {cls} people for this work.",
    },
    "poort.cards.shortage_unknown": {
        "nl": "Vul je woonplaats in om dit te zien.",
        "en": "Fill in where you live to see this.",
    },
    "poort.cards.shortage_none": {"nl": "Hierover hebben we geen cijfers.", "en": "We have no figures on this."},
    "poort.cards.wage": {"nl": "Wat je meestal verdient", "en": "Typical pay"},
    "poort.cards.wage_text": {
        "nl": "{hour} bruto per uur, dat is ongeveer {month} per maand bij 38 uur.",
        "en": "{hour} gross per hour, that is about {month} a month at 38 hours.",
    },
    "poort.cards.wage_range": {
        "nl": "De meeste mensen verdienen tussen {low} en {high} per uur.",
        "en": "Most people earn between {low} and {high} an hour.",
    },
    "poort.cards.wage_none": {"nl": "Hierover hebben we geen cijfers.", "en": "We have no figures on this."},
    "poort.cards.wage_compare.higher": {
        "nl": "Dat is meer dan in je huidige werk.",
        "en": "That is more than in your current job.",
    },
    "poort.cards.wage_compare.same": {
        "nl": "Dat is ongeveer gelijk aan je huidige werk.",
        "en": "That is about the same as your current job.",
    },
    "poort.cards.wage_compare.lower": {
        "nl": "Dat is minder dan in je huidige werk.",
        "en": "That is less than in your current job.",
    },
    "poort.cards.level.up": {
        "nl": "Dit werk vraagt een iets hoger niveau dan je nu hebt.",
        "en": "This work asks a slightly higher level than you have now.",
    },
    "poort.cards.page": {"nl": "Meer over dit beroep", "en": "More about this job"},
    "poort.cards.choose": {"nl": "Kies dit beroep", "en": "Choose this job"},
    "poort.cards.other": {"nl": "Kies ander werk", "en": "Choose other work"},
    "flag.green": {"nl": "groen", "en": "green"},
    "flag.digital": {"nl": "digitaal", "en": "digital"},
    "flag.technical": {"nl": "technisch", "en": "technical"},
    "fit.good": {"nl": "past goed", "en": "fits well"},
    "fit.fair": {"nl": "past redelijk", "en": "fits fairly"},
    "fit.weak": {"nl": "past matig", "en": "fits a little"},
    "shortage.zeer krap": {"nl": "veel te weinig", "en": "far too few"},
    "shortage.krap": {"nl": "te weinig", "en": "too few"},
    "shortage.gemiddeld": {"nl": "genoeg", "en": "enough"},
    "shortage.ruim": {"nl": "veel", "en": "many"},
    "shortage.zeer ruim": {"nl": "heel veel", "en": "very many"},
    "basis.measured": {"nl": "gemeten", "en": "measured"},
    "basis.imported": {"nl": "overgenomen", "en": "imported"},
    "basis.estimated": {"nl": "geschat", "en": "estimated"},
    "basis.demo": {"nl": "voorbeeld, geen echte gegevens", "en": "example, not real data"},
    "src.shortage": {
        "nl": "schatting van krapte op basis van UWV en ROA, {quarter}",
        "en": "krapte's estimate from UWV and ROA, {quarter}",
    },
    "src.wage": {"nl": "CBS, lonen per beroepsgroep 2022", "en": "CBS, wages by occupation group 2022"},
    "src.wage_wider": {
        "nl": "CBS, lonen van een bredere beroepsgroep 2022",
        "en": "CBS, wages of a wider occupation group 2022",
    },
    "src.effort": {
        "nl": "schatting van krapte uit wat je nog moet leren",
        "en": "krapte's estimate from what you still need to learn",
    },
    # step 4
    "poort.plan.title": {"nl": "Zo word je {job}", "en": "How to become {job}"},
    "poort.plan.intro": {
        "nl": "Dit zijn opleidingen die samen leren wat je nog mist. Je ziet ook wie kan helpen betalen.",
        "en": "These courses together teach what you still miss. You also see who can help pay.",
    },
    "poort.plan.objective": {"nl": "Wat vind je het belangrijkst?", "en": "What matters most to you?"},
    "objective.courses": {"nl": "zo min mogelijk opleidingen", "en": "as few courses as possible"},
    "objective.cost": {"nl": "zo goedkoop mogelijk", "en": "as cheap as possible"},
    "objective.time": {"nl": "zo snel mogelijk", "en": "as fast as possible"},
    "poort.plan.recompute": {"nl": "Pas het plan aan", "en": "Change the plan"},
    "poort.plan.none": {
        "nl": "We vonden geen opleiding die hierbij past. Vraag het aan een adviseur.",
        "en": "We found no course for this. Ask an adviser.",
    },
    "poort.plan.nothing_missing": {
        "nl": "Je hoeft niets meer te leren voor dit werk.",
        "en": "You need to learn nothing more for this work.",
    },
    "poort.plan.mbo_school": {
        "nl": "een mbo-school die deze opleiding geeft",
        "en": "a vocational school (mbo) that offers this programme",
    },
    "poort.plan.teaches": {"nl": "Hier leer je:", "en": "Here you learn:"},
    "poort.plan.duration": {"nl": "Duur", "en": "Length"},
    "poort.plan.cost": {"nl": "Kosten", "en": "Cost"},
    "poort.plan.cost_unknown": {"nl": "onbekend: vraag het aan de school", "en": "unknown: ask the school"},
    "poort.plan.net_cost": {"nl": "Wat je zelf betaalt", "en": "What you pay yourself"},
    "poort.plan.net_cost_if": {"nl": "als je aan de voorwaarden voldoet", "en": "if you meet the conditions"},
    "poort.plan.funding": {"nl": "Wie kan helpen betalen", "en": "Who can help pay"},
    "poort.plan.funding_none": {
        "nl": "We vonden geen regeling voor deze opleiding.",
        "en": "We found no scheme for this course.",
    },
    "funding.eligible": {"nl": "Dit past bij jou", "en": "This fits you"},
    "funding.conditional": {"nl": "Misschien, als:", "en": "Maybe, if:"},
    "poort.plan.unknown_fact": {"nl": "(dat weten we niet)", "en": "(we do not know this)"},
    "poort.plan.why": {"nl": "Waarom:", "en": "Why:"},
    "poort.plan.unverified": {
        "nl": "Let op: dit is niet zeker. Vraag het na.",
        "en": "Note: this is not certain. Check it.",
    },
    "poort.plan.amount": {"nl": "Bedrag", "en": "Amount"},
    "poort.plan.checked": {"nl": "gecontroleerd op", "en": "checked on"},
    "poort.plan.total": {"nl": "Samen", "en": "Together"},
    "poort.plan.total_one": {"nl": "1 opleiding van ongeveer {weeks}.", "en": "1 course of about {weeks}."},
    "poort.plan.total_many": {
        "nl": "{n} opleidingen, samen ongeveer {weeks}.",
        "en": "{n} courses, together about {weeks}.",
    },
    "poort.plan.total_net": {"nl": "Je betaalt zelf ongeveer {net}.", "en": "You pay about {net} yourself."},
    "poort.plan.total_net_unknown": {
        "nl": "Wat je zelf betaalt, weten we niet. Vraag het aan de school.",
        "en": "We do not know what you pay yourself. Ask the school.",
    },
    "poort.plan.more_funding": {"nl": "Meer regelingen ({n})", "en": "More schemes ({n})"},
    "poort.plan.uncovered": {
        "nl": "Dit leer je nog niet met deze opleidingen:",
        "en": "These courses do not teach this yet:",
    },
    "poort.plan.ended": {"nl": "Regelingen die zijn gestopt", "en": "Schemes that have ended"},
    "poort.plan.ended_help": {
        "nl": "Deze regelingen kun je niet meer gebruiken.",
        "en": "You can no longer use these schemes.",
    },
    "poort.plan.advice": {"nl": "Gratis advies", "en": "Free advice"},
    "poort.plan.demo": {"nl": "voorbeeld, geen echte opleiding", "en": "example, not a real course"},
    "poort.plan.plan_basis": {
        "nl": "Kosten en duur komen van de school. Bedragen van regelingen zijn geschat.",
        "en": "Cost and length come from the school. Scheme amounts are estimated.",
    },
    "poort.plan.to_jobs": {"nl": "Bekijk vacatures", "en": "See jobs"},
    # step 5
    "poort.jobs.title": {"nl": "Vacatures die nu bij je passen", "en": "Jobs that suit you now"},
    "poort.jobs.intro": {
        "nl": "Deze vacatures passen bij wat je nu al kunt, bij je reisafstand en bij je uren.",
        "en": "These jobs fit what you can do now, your travel distance and your hours.",
    },
    "poort.jobs.demo_notice": {
        "nl": "Let op: dit zijn voorbeeldvacatures. Het zijn geen echte banen.",
        "en": "Note: these are example jobs. They are not real jobs.",
    },
    "poort.jobs.demo": {"nl": "Voorbeeld, geen echte baan", "en": "Example, not a real job"},
    "poort.jobs.none": {"nl": "We vonden geen vacatures in de buurt.", "en": "We found no jobs nearby."},
    "poort.jobs.employer": {"nl": "Werkgever", "en": "Employer"},
    "poort.jobs.where": {"nl": "Waar", "en": "Where"},
    "poort.jobs.distance": {"nl": "ongeveer {km} van je huis", "en": "about {km} from your home"},
    "poort.jobs.distance_basis": {
        "nl": "hemelsbreed tussen gemeenten, met een toeslag voor de weg",
        "en": "straight line between municipalities, plus a margin for the road",
    },
    "poort.jobs.hours": {"nl": "Uren per week", "en": "Hours a week"},
    "poort.jobs.salary": {"nl": "Loon", "en": "Pay"},
    "poort.jobs.why": {"nl": "Waarom deze vacature", "en": "Why this job"},
    "poort.jobs.skills_match": {"nl": "Je kunt al: {skills}", "en": "You can already: {skills}"},
    "poort.jobs.skills_none": {
        "nl": "Je kunt nog niets van de vaardigheden in deze vacature.",
        "en": "You do not have the skills in this job yet.",
    },
    "poort.jobs.missing": {"nl": "Nog leren: {skills}", "en": "Still to learn: {skills}"},
    "poort.jobs.hours_ok": {"nl": "De uren passen bij je.", "en": "The hours suit you."},
    "poort.jobs.travel_ok": {"nl": "Het is binnen je reisafstand.", "en": "It is within your travel distance."},
    "poort.jobs.to_next": {"nl": "Naar de volgende stap", "en": "To the next step"},
    "unit.HOUR": {"nl": "per uur", "en": "an hour"},
    "unit.MONTH": {"nl": "per maand", "en": "a month"},
    "unit.YEAR": {"nl": "per jaar", "en": "a year"},
    # step 6
    "poort.next.title": {"nl": "Je volgende stap", "en": "Your next step"},
    "poort.next.werkcentrum": {"nl": "Praat met een adviseur", "en": "Talk to an adviser"},
    "poort.next.werkcentrum_text": {
        "nl": "Het Werkcentrum in je regio helpt je gratis. Neem deze samenvatting mee.",
        "en": "The Werkcentrum in your region helps you for free. Take this summary with you.",
    },
    "poort.next.national": {
        "nl": "Voor jouw regio kennen we nog geen Werkcentrum. Kijk op de landelijke website.",
        "en": "We do not know a Werkcentrum for your region yet. Look at the national website.",
    },
    "poort.next.rmt": {
        "nl": "De regionale mobiliteitsteams zijn gestopt op 31 december 2024. De Werkcentra nemen hun werk over.",
        "en": "The regional mobility teams stopped on 31 December 2024. The Werkcentra take over their work.",
    },
    "poort.next.no_site": {"nl": "geen website bekend", "en": "no website known"},
    "poort.next.print": {"nl": "Print of bewaar als pdf", "en": "Print or save as PDF"},
    "poort.next.save": {"nl": "Bewaar in je account", "en": "Save in your account"},
    "poort.next.save_help": {
        "nl": "Met een account kun je dit later weer bekijken. Je adviseur kan je een account geven.",
        "en": "With an account you can see this again later. Your adviser can give you an account.",
    },
    "poort.next.sign_in": {"nl": "Inloggen om te bewaren", "en": "Sign in to save"},
    "poort.next.summary": {"nl": "Samenvatting", "en": "Summary"},
    "poort.next.skills": {"nl": "Wat je al kunt", "en": "What you can do"},
    "poort.next.target": {"nl": "Het werk dat je kiest", "en": "The work you chose"},
    "poort.next.no_target": {"nl": "Je hebt nog geen beroep gekozen.", "en": "You have not chosen a job yet."},
    "poort.next.courses": {"nl": "Opleidingen", "en": "Courses"},
    "poort.next.jobs": {"nl": "Vacatures", "en": "Jobs"},
    "poort.next.made_on": {"nl": "Gemaakt met krapte, de Gouden Poort.", "en": "Made with krapte, the Gouden Poort."},
    "poort.next.pdf": {"nl": "Download als pdf", "en": "Download as PDF"},
    "poort.next.pdf_help": {
        "nl": "De pdf maken we alleen voor jou. We bewaren hem niet.",
        "en": "We make the PDF only for you. We do not keep it.",
    },
    "poort.pdf.title": {"nl": "Ander werk vinden: jouw samenvatting", "en": "Find other work: your summary"},
    "poort.pdf.made": {
        "nl": "Gemaakt op {date}. We hebben niets van je bewaard.",
        "en": "Made on {date}. We kept nothing about you.",
    },
    "poort.pdf.page": {"nl": "Bladzijde {n}", "en": "Page {n}"},
    "nav.account_page": {"nl": "Naar je account", "en": "To your account"},
    "poort.saved.title": {"nl": "Bewaard", "en": "Saved"},
    "poort.saved.text": {"nl": "Je profiel staat nu in je account.", "en": "Your profile is now in your account."},
}


def register_texts() -> None:
    register(MESSAGES_POORT)
