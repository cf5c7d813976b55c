"""Demo content for guidance: articles, case stories, the self-check, helplines and the
site's FAQ, about, accessibility and privacy pages, in Norwegian and English.

``load(home)`` is idempotent: pages are looked up by their Norwegian slug and helplines by
their Norwegian name, and anything that exists is left alone. Text is written for this site
from the project's reference notes. Where it rests on an unconfirmed fact, the page starts
with ``needs_legal_review`` set and a note saying what to check. Sámi fields stay empty: only a
qualified translator fills them.
"""

from django.db import transaction

from guidance.models import (
    CaseIndexPage,
    CasePage,
    GuidanceIndexPage,
    GuidancePage,
    Helpline,
    SelfCheckPage,
    Setting,
)
from plikt.demo import add_child, callout, ensure_home, heading, question, text, translated
from plikt.models import ContentPage

LOVDATA = "https://lovdata.no/lov/2005-05-20-28/§196"
LOVDATA_EN = "https://lovdata.no/NLE/lov/2005-05-20-28/§196"


def steps(title: str, items: list[tuple[str, str]]) -> dict:
    return {
        "type": "steps",
        "value": {"heading": title, "steps": [{"heading": h, "text": t} for h, t in items]},
    }


def links(title: str, items: list[tuple[str, object]]) -> dict:
    """A link list; each target is a page (linked by id) or an external address."""
    values = []
    for label, target in items:
        if isinstance(target, str):
            values.append({"title": label, "page": None, "url": target})
        elif target is not None:
            values.append({"title": label, "page": target.pk, "url": ""})
    return {"type": "links", "value": {"heading": title, "links": values}}


def a(page, label: str) -> str:
    """A rich-text link to a page; Wagtail renders the page's URL in the reader's language."""
    if page is None:
        return label
    return f'<a linktype="page" id="{page.pk}">{label}</a>'


# --- Helplines ----------------------------------------------------------------------------

HELPLINES = [
    {
        "number": "112",
        "url": "",
        "sort_order": 0,
        "name": {"nb": "Politiet – nødnummer", "en": "Police – emergency"},
        "opening_hours": {"nb": "Alltid åpent", "en": "Always open"},
        "audience": {
            "nb": "Når noen er i fare nå, eller livet står på spill.",
            "en": "When someone is in danger right now, or a life is at risk.",
        },
    },
    {
        "number": "02800",
        "url": "",
        "sort_order": 10,
        "name": {"nb": "Politiet – når du er i tvil", "en": "Police – when you are unsure"},
        "opening_hours": {"nb": "", "en": ""},
        "audience": {
            "nb": "Råd når du er usikker. Du kan drøfte en sak uten å si hvem det gjelder.",
            "en": "Advice when you are unsure. You can discuss a case without saying who it "
            "is about.",
        },
    },
    {
        "number": "116 111",
        "url": "",
        "sort_order": 20,
        "name": {"nb": "Alarmtelefonen for barn og unge", "en": "Alarmtelefonen for barn og unge"},
        "opening_hours": {"nb": "Gratis, hele døgnet", "en": "Free, day and night"},
        "audience": {
            "nb": "For barn og unge, og for voksne som er bekymret for et barn. Du kan være "
            "anonym.",
            "en": "For children and young people, and for adults worried about a child. You "
            "can stay anonymous.",
        },
    },
    {
        "number": "116 006",
        "url": "",
        "sort_order": 30,
        "name": {"nb": "Vold- og overgrepslinjen", "en": "Vold- og overgrepslinjen"},
        "opening_hours": {"nb": "Gratis, hele døgnet", "en": "Free, day and night"},
        "audience": {
            "nb": "For den som er utsatt for vold eller overgrep, familie, venner og fagfolk. "
            "Du kan være anonym.",
            "en": "For people exposed to violence or abuse, their family, friends and "
            "professionals. You can stay anonymous.",
        },
    },
    {
        "number": "",
        "url": "https://www.barnevernvakten.no/",
        "sort_order": 40,
        "name": {"nb": "Barnevernvakten", "en": "Child welfare out-of-hours service"},
        "opening_hours": {
            "nb": "Når barnevernet er stengt",
            "en": "When the child welfare service is closed",
        },
        "audience": {
            "nb": "Når et barn trenger hjelp raskt. Hver kommune har sin, med eget nummer: "
            "finn nummeret der du bor.",
            "en": "When a child needs help quickly. Each municipality has its own, with its "
            "own number: find the one where you live.",
        },
    },
    {
        "number": "",
        "url": "https://dinutvei.no/",
        "sort_order": 50,
        "name": {"nb": "Dinutvei.no", "en": "Dinutvei.no"},
        "opening_hours": {"nb": "", "en": ""},
        "audience": {
            "nb": "Oversikt over hjelp ved vold og overgrep der du bor.",
            "en": "Where to get help with violence and abuse where you live (in Norwegian).",
        },
    },
]


def load_helplines() -> None:
    for data in HELPLINES:
        fields = {k: v for k, v in data.items() if not isinstance(v, dict)}
        names = {k: v for k, v in data.items() if isinstance(v, dict)}
        if Helpline.objects.filter(name_nb=data["name"]["nb"]).exists():
            continue
        Helpline.objects.create(**fields, **translated(names))


# --- Guidance articles --------------------------------------------------------------------


def articles(p: dict) -> list[dict]:
    """The guidance articles; ``p`` holds the foundation pages to link to (or None)."""
    return [
        {
            "slug": {"nb": "slik-avverger-du", "en": "how-to-avert"},
            "title": {"nb": "Slik kan du avverge", "en": "How to avert"},
            "intro": {
                "nb": "Du kan avverge ved å melde fra til politiet, kontakte barnevernet eller "
                "hjelpe personen i trygghet. Du skal aldri sette deg selv i fare.",
                "en": "You can avert by telling the police, contacting the child welfare "
                "service or helping the person to safety. You must never put yourself in "
                "danger.",
            },
            "body": {
                "nb": [
                    callout(
                        "danger",
                        "Er noen i fare nå?",
                        '<p>Ring politiet på <a href="tel:112">112</a>.</p>',
                    ),
                    steps(
                        "Dette kan du gjøre",
                        [
                            (
                                "Ring politiet",
                                '<p>Ved akutt fare ringer du <a href="tel:112">112</a>. Er '
                                'du usikker, ringer du <a href="tel:02800">02800</a> og får '
                                "råd. Du kan drøfte saken uten å si hvem det gjelder.</p>",
                            ),
                            (
                                "Kontakt barnevernet når det gjelder et barn",
                                "<p>Gjelder det noen under 18 år, kan du kontakte barnevernet "
                                "i kommunen. Utenom kontortid har barnevernvakten vakt. "
                                "Barnevernvakten.no viser nummeret der du bor.</p>",
                            ),
                            (
                                "Hjelp personen i trygghet",
                                "<p>Du kan også avverge ved å hjelpe personen til et "
                                "krisesenter eller et annet trygt sted.</p>",
                            ),
                        ],
                    ),
                    heading("Du skal ikke sette deg selv i fare"),
                    text(
                        "<p>Du trenger ikke gripe inn fysisk. Er det ikke trygt å gjøre noe "
                        "selv, melder du fra til politiet. Det er å avverge.</p>"
                    ),
                    links(
                        "Les mer",
                        [
                            ("Når gjelder plikten?", p["when"]),
                            ("Hva er avvergingsplikten?", p["what"]),
                        ],
                    ),
                ],
                "en": [
                    callout(
                        "danger",
                        "Is someone in danger right now?",
                        '<p>Call the police on <a href="tel:112">112</a>.</p>',
                    ),
                    steps(
                        "What you can do",
                        [
                            (
                                "Call the police",
                                '<p>In acute danger, call <a href="tel:112">112</a>. If you '
                                'are unsure, call <a href="tel:02800">02800</a> for advice. '
                                "You can discuss the case without saying who it is about.</p>",
                            ),
                            (
                                "Contact the child welfare service if it is about a child",
                                "<p>If it is about someone under 18, you can contact the "
                                "municipality's child welfare service (barnevernet). Out of "
                                "office hours, the child welfare out-of-hours service "
                                "(barnevernvakten) is on call. Barnevernvakten.no lists the "
                                "number where you live.</p>",
                            ),
                            (
                                "Help the person to safety",
                                "<p>You can also avert by helping the person to a crisis "
                                "centre or another safe place.</p>",
                            ),
                        ],
                    ),
                    heading("You must not put yourself in danger"),
                    text(
                        "<p>You do not have to step in physically. If it is not safe to do "
                        "something yourself, tell the police. That is averting.</p>"
                    ),
                    links(
                        "Read more",
                        [
                            ("When does the duty apply?", p["when"]),
                            ("What is the duty to avert?", p["what"]),
                        ],
                    ),
                ],
            },
        },
        {
            "slug": {"nb": "sammen-med-den-det-gjelder", "en": "together-with-the-person"},
            "title": {
                "nb": "Avverge sammen med den det gjelder",
                "en": "Averting together with the person concerned",
            },
            "intro": {
                "nb": "Ofte kan du avverge sammen med den som er utsatt: snakk, lytt og bli enige "
                "om en plan. Da beholder du tilliten, og hjelpen blir bedre.",
                "en": "Often you can avert together with the person at risk: talk, listen and "
                "agree on a plan. That keeps their trust, and the help works better.",
            },
            "body": {
                "nb": [
                    steps(
                        "Slik kan du gå fram",
                        [
                            (
                                "Snakk med personen",
                                "<p>Finn et rolig sted og et tidspunkt der dere kan snakke "
                                "alene. Si hva du har sett eller hørt, og at du er bekymret.</p>",
                            ),
                            (
                                "Lytt",
                                "<p>La personen fortelle med egne ord. Vis at du tar det "
                                "alvorlig. Du trenger ikke få alle detaljer.</p>",
                            ),
                            (
                                "Vær ærlig om hva du må gjøre",
                                "<p>Ikke lov å holde på en hemmelighet du kanskje ikke kan "
                                "holde. Fortell hva du har plikt til, og hvorfor.</p>",
                            ),
                            (
                                "Bli enige om en plan",
                                "<p>Snakk om hvem som skal kontaktes, hvem som gjør det og "
                                "når. Tilby å være med, for eksempel når dere ringer "
                                "politiet eller barnevernet.</p>",
                            ),
                            (
                                "Tilpass til alder og hvor raskt det haster",
                                "<p>Et lite barn kan ikke ta ansvar for planen: da må "
                                "voksne handle. Er noen i fare nå, venter du ikke på en "
                                'avtale: ring <a href="tel:112">112</a>.</p>',
                            ),
                            (
                                "Hold kontakten",
                                "<p>Følg opp etterpå. Tillit bygges ved at du gjør det du "
                                "har sagt.</p>",
                            ),
                        ],
                    ),
                    callout(
                        "info",
                        "Plikten er din",
                        "<p>Vil ikke personen at du gjør noe, kan du likevel ha plikt til å "
                        "avverge. Fortell hva du kommer til å gjøre, og gjør det så skånsomt "
                        "du kan.</p>",
                    ),
                ],
                "en": [
                    steps(
                        "How to go about it",
                        [
                            (
                                "Talk to the person",
                                "<p>Find a calm place and a time when you can talk alone. Say "
                                "what you have seen or heard, and that you are worried.</p>",
                            ),
                            (
                                "Listen",
                                "<p>Let the person tell it in their own words. Show that you "
                                "take it seriously. You do not need every detail.</p>",
                            ),
                            (
                                "Be honest about what you must do",
                                "<p>Do not promise to keep a secret you may not be able to "
                                "keep. Say what your duty is, and why.</p>",
                            ),
                            (
                                "Agree on a plan",
                                "<p>Talk about who should be contacted, who does it and when. "
                                "Offer to be there, for example when you call the police or "
                                "the child welfare service.</p>",
                            ),
                            (
                                "Adapt to age and urgency",
                                "<p>A young child cannot carry the plan: adults must act. If "
                                "someone is in danger right now, do not wait for an "
                                'agreement: call <a href="tel:112">112</a>.</p>',
                            ),
                            (
                                "Stay in touch",
                                "<p>Follow up afterwards. Trust grows when you do what you "
                                "said you would.</p>",
                            ),
                        ],
                    ),
                    callout(
                        "info",
                        "The duty is yours",
                        "<p>If the person does not want you to act, you may still have a "
                        "duty to avert. Say what you are going to do, and do it as gently as "
                        "you can.</p>",
                    ),
                ],
            },
        },
        {
            "slug": {"nb": "taushetsplikt", "en": "confidentiality"},
            "title": {
                "nb": "Taushetsplikt og avvergingsplikt",
                "en": "Confidentiality and the duty to avert",
            },
            "intro": {
                "nb": "Avvergingsplikten gjelder selv om du har taushetsplikt.",
                "en": "The duty to avert applies even if you are bound by confidentiality.",
            },
            "body": {
                "nb": [
                    text(
                        "<p>Loven sier rett ut at avvergingsplikten gjelder uten hensyn til "
                        "taushetsplikt. Lærere, helsepersonell, ansatte i barnehager og andre "
                        "som har taushetsplikt, har derfor den samme plikten som alle andre "
                        "til å avverge de alvorlige lovbruddene paragrafen nevner.</p>"
                    ),
                    heading("Andre plikter du kan ha"),
                    text(
                        "<p>Mange yrker har i tillegg egne plikter, for eksempel "
                        "opplysningsplikten til barnevernet (barnevernsloven § 13-2) og "
                        "helsepersonellets plikt etter helsepersonelloven § 31. De gjelder "
                        "ved siden av avvergingsplikten.</p>"
                    ),
                    links("Les mer", [("Straffeloven § 196 på Lovdata", LOVDATA)]),
                ],
                "en": [
                    text(
                        "<p>The law says plainly that the duty to avert applies regardless of "
                        "any duty of confidentiality. Teachers, health workers, kindergarten "
                        "staff and others bound by confidentiality therefore have the same "
                        "duty as everyone else to avert the serious crimes the section "
                        "lists.</p>"
                    ),
                    heading("Other duties you may have"),
                    text(
                        "<p>Many professions also have duties of their own, such as the duty "
                        "to inform the child welfare service (Child Welfare Act section "
                        "13-2) and health personnel's duty under section 31 of the Health "
                        "Personnel Act. They apply alongside the duty to avert.</p>"
                    ),
                    links("Read more", [("Penal Code section 196 at Lovdata", LOVDATA_EN)]),
                ],
            },
        },
        {
            "slug": {"nb": "unntak", "en": "exemptions"},
            "title": {"nb": "Unntak fra plikten", "en": "Exemptions from the duty"},
            "intro": {
                "nb": "I noen tilfeller kan du ikke straffes for å la være å avverge. Det betyr "
                "ikke at du ikke kan hjelpe.",
                "en": "In some cases you cannot be punished for not averting. That does not "
                "mean you cannot help.",
            },
            "needs_legal_review": True,
            "legal_review_note": "Check the two exemptions (§ 196 third paragraph) and the "
            "§§ 312/314 under-16 rule against the Norwegian text at Lovdata: our reference "
            "confirms them only in the English translation. Check the sentence on priests and "
            "lawyers: that § 196 has no exemption for them is unconfirmed.",
            "body": {
                "nb": [
                    heading("Når du ikke kan straffes"),
                    text(
                        "<ul><li>Handlingen kom ikke så langt som til et straffbart forsøk.</li>"
                        "<li>Du kunne ikke avverge uten å utsette deg selv, dine nærmeste "
                        "eller en uskyldig for å bli siktet eller tiltalt, eller for fare for "
                        "liv, helse eller velferd.</li></ul>"
                        "<p>Dine nærmeste er blant annet ektefelle, slektninger i rett linje "
                        "og søsken.</p>"
                    ),
                    callout(
                        "info",
                        "Finnes det en trygg måte, gjelder plikten",
                        "<p>Unntaket gjelder bare når du ikke kunne avverge uten slik fare. "
                        "Kan du for eksempel ringe politiet eller hjelpe personen i trygghet "
                        "uten å utsette noen for fare, bør du gjøre det.</p>",
                    ),
                    heading("Incest og seksuell omgang mellom nærstående"),
                    text(
                        "<p>For incest (§ 312) og seksuell omgang mellom andre nærstående "
                        "(§ 314) gjelder plikten bare når den som blir utsatt for det, er "
                        "under 16 år.</p>"
                    ),
                    heading("Prester og advokater"),
                    text(
                        "<p>Vi har ikke funnet noe unntak i § 196 for prester eller "
                        "advokater. Er du i tvil om hva som gjelder for deg, ring politiet på "
                        '<a href="tel:02800">02800</a> og få råd.</p>'
                    ),
                ],
                "en": [
                    heading("When you cannot be punished"),
                    text(
                        "<ul><li>The act did not get as far as a punishable attempt.</li>"
                        "<li>You could not avert it without exposing yourself, your closest "
                        "or an innocent person to a charge or indictment, or to danger to "
                        "life, health or welfare.</li></ul>"
                        "<p>Your closest include your spouse, relatives in a direct line and "
                        "siblings.</p>"
                    ),
                    callout(
                        "info",
                        "If there is a safe way, the duty applies",
                        "<p>The exemption applies only when you could not avert without such "
                        "risk. If you can, for example, call the police or help the person to "
                        "safety without putting anyone at risk, you should.</p>",
                    ),
                    heading("Incest and sexual activity between close relations"),
                    text(
                        "<p>For incest (section 312) and sexual activity between other close "
                        "relations (section 314), the duty applies only when the person it is "
                        "done to is under 16.</p>"
                    ),
                    heading("Priests and lawyers"),
                    text(
                        "<p>We have not found any exemption in section 196 for priests or "
                        "lawyers. If you are unsure what applies to you, call the police on "
                        '<a href="tel:02800">02800</a> for advice.</p>'
                    ),
                ],
            },
        },
        {
            "slug": {"nb": "hvis-du-jobber-med-mennesker", "en": "if-you-work-with-people"},
            "title": {"nb": "Hvis du jobber med mennesker", "en": "If you work with people"},
            "intro": {
                "nb": "I skole, barnehage, helsetjeneste og fritid møter du mange. Plikten følger "
                "deg på jobb, og den er din, ikke arbeidsgiverens.",
                "en": "In schools, kindergartens, health services and leisure activities you "
                "meet many people. The duty follows you to work, and it is yours, not your "
                "employer's.",
            },
            "body": {
                "nb": [
                    text(
                        "<p>I 2018 fant Bufdir at bare én av ti ansatte i helsetjenester, "
                        "skoler, barnehager, SFO og fritidsklubber kjente til "
                        "avvergingsplikten og hva den innebærer. Derfor er det lurt å snakke "
                        "om den på arbeidsplassen før noe skjer.</p>"
                    ),
                    steps(
                        "Slik kan du forberede deg",
                        [
                            (
                                "Kjenn plikten",
                                "<p>Les hvem som har plikten, og når den gjelder: se "
                                "lenkene nedenfor.</p>",
                            ),
                            (
                                "Avtal rutiner",
                                "<p>Bli enige om hvem dere ringer, og hvordan dere støtter "
                                "hverandre. En rutine hjelper, men den tar ikke over din "
                                "personlige plikt.</p>",
                            ),
                            (
                                "Handle selv når det trengs",
                                "<p>Mener lederen din noe annet, fjerner ikke det din plikt. "
                                "Er du i tvil, ring politiet på "
                                '<a href="tel:02800">02800</a>.</p>',
                            ),
                            (
                                "Skriv ned hva du gjorde",
                                "<p>Noter hva du så eller hørte, og hva du gjorde, med dato "
                                "og klokkeslett.</p>",
                            ),
                        ],
                    ),
                    links(
                        "Les mer",
                        [
                            ("Hvem har avvergingsplikten?", p["who"]),
                            ("Når gjelder plikten?", p["when"]),
                        ],
                    ),
                ],
                "en": [
                    text(
                        "<p>In 2018 Bufdir found that only one in ten employees in health "
                        "services, schools, kindergartens, after-school programmes and "
                        "recreational clubs knew the duty to avert and what it entails. So it "
                        "is wise to talk about it at work before anything happens.</p>"
                    ),
                    steps(
                        "How to prepare",
                        [
                            (
                                "Know the duty",
                                "<p>Read who has the duty and when it applies: see the "
                                "links below.</p>",
                            ),
                            (
                                "Agree on routines",
                                "<p>Agree on whom to call and how you support each other. A "
                                "routine helps, but it does not replace your personal "
                                "duty.</p>",
                            ),
                            (
                                "Act yourself when needed",
                                "<p>If your manager thinks otherwise, that does not remove "
                                "your duty. If you are unsure, call the police on "
                                '<a href="tel:02800">02800</a>.</p>',
                            ),
                            (
                                "Write down what you did",
                                "<p>Note what you saw or heard and what you did, with the "
                                "date and time.</p>",
                            ),
                        ],
                    ),
                    links(
                        "Read more",
                        [
                            ("Who has the duty to avert?", p["who"]),
                            ("When does the duty apply?", p["when"]),
                        ],
                    ),
                ],
            },
        },
    ]


GUIDANCE_INDEX = {
    "slug": {"nb": "hva-kan-du-gjore", "en": "what-you-can-do"},
    "title": {"nb": "Hva kan du gjøre?", "en": "What can you do?"},
    "intro": {
        "nb": "Råd om hvordan du avverger, hvordan du gjør det sammen med den det gjelder, og "
        "hva som gjelder når du har taushetsplikt.",
        "en": "Advice on how to avert, how to do it together with the person concerned, and "
        "what applies when you are bound by confidentiality.",
    },
}

# --- Case stories -------------------------------------------------------------------------

CASE_INDEX = {
    "slug": {"nb": "eksempler", "en": "case-stories"},
    "title": {"nb": "Eksempler", "en": "Case stories"},
    "intro": {
        "nb": "Tenkte eksempler på hvordan avvergingsplikten kan se ut i hverdagen: hva noen "
        "la merke til, hva de gjorde, og hva loven sier.",
        "en": "Made-up examples of what the duty to avert can look like in everyday life: "
        "what someone noticed, what they did, and what the law says.",
    },
}

CASES = [
    {
        "setting": Setting.SCHOOL,
        "slug": {"nb": "laereren-som-spurte", "en": "the-teacher-who-asked"},
        "title": {"nb": "Læreren som spurte", "en": "The teacher who asked"},
        "intro": {
            "nb": "En lærer ser blåmerker på en elev for andre gang.",
            "en": "A teacher sees bruises on a pupil for the second time.",
        },
        "situation": {
            "nb": "<p>Sara er 13 år. Hun har blåmerker på armene og vil ikke ha gym.</p>",
            "en": "<p>Sara is 13. She has bruises on her arms and will not take part in PE.</p>",
        },
        "noticed": {
            "nb": "<p>Kontaktlæreren spør forsiktig. Sara forteller at faren slår henne når "
            "han drikker, og at det skjer ofte.</p>",
            "en": "<p>Her form teacher asks gently. Sara says her father hits her when he "
            "drinks, and that it happens often.</p>",
        },
        "action": {
            "nb": "<p>Læreren lytter, sier at hun tror på Sara, og forteller hva hun må "
            "gjøre. Samme dag kontakter hun barnevernet, og sammen melder de fra til "
            "politiet.</p>",
            "en": "<p>The teacher listens, says she believes Sara, and explains what she has "
            "to do. The same day she contacts the child welfare service, and together they "
            "report it to the police.</p>",
        },
        "law": {
            "nb": "<p>Mishandling i nære relasjoner er et av lovbruddene avvergingsplikten "
            "omfatter. Det er mest sannsynlig at volden fortsetter, og den kan fortsatt "
            "hindres. Taushetsplikten hindrer ikke læreren.</p>",
            "en": "<p>Abuse in close relationships is one of the crimes the duty to avert "
            "covers. It is most likely that the violence will go on, and it can still be "
            "stopped. Confidentiality does not stop the teacher.</p>",
        },
    },
    {
        "setting": Setting.KINDERGARTEN,
        "slug": {"nb": "det-barnet-fortalte", "en": "what-the-child-said"},
        "title": {"nb": "Det barnet fortalte", "en": "What the child said"},
        "intro": {
            "nb": "En barnehageansatt hører et barn fortelle noe som bekymrer henne.",
            "en": "A kindergarten worker hears a child say something that worries her.",
        },
        "situation": {
            "nb": "<p>Under lek forteller en gutt på fire år om ting en voksen gjør med ham, "
            "som et barn ikke skal vite om.</p>",
            "en": "<p>While playing, a four-year-old boy talks about things an adult does to "
            "him that a child should not know about.</p>",
        },
        "noticed": {
            "nb": "<p>Den ansatte skriver ned det gutten sa, med hans egne ord. Lederen mener "
            "de bør vente og se.</p>",
            "en": "<p>The worker writes down what the boy said, in his own words. Her manager "
            "thinks they should wait and see.</p>",
        },
        "action": {
            "nb": "<p>Hun mener det er mest sannsynlig at gutten blir utsatt for overgrep, og "
            "kontakter barnevernet og politiet samme dag.</p>",
            "en": "<p>She thinks it is most likely that the boy is being abused, and contacts "
            "the child welfare service and the police the same day.</p>",
        },
        "law": {
            "nb": "<p>Seksuelle overgrep mot barn er blant lovbruddene plikten omfatter. "
            "Plikten er personlig: at lederen mener noe annet, fjerner den ikke.</p>",
            "en": "<p>Sexual abuse of children is among the crimes the duty covers. The duty "
            "is personal: a manager's view does not remove it.</p>",
        },
    },
    {
        "setting": Setting.HEALTH,
        "slug": {"nb": "pa-legevakten", "en": "at-the-emergency-clinic"},
        "title": {"nb": "På legevakten", "en": "At the emergency clinic"},
        "intro": {
            "nb": "En sykepleier behandler en kvinne som sier hun er redd for å dra hjem.",
            "en": "A nurse treats a woman who says she is afraid to go home.",
        },
        "situation": {
            "nb": "<p>En kvinne kommer inn med et brudd i armen. Hun sier samboeren gjorde "
            "det, og at han har truet med mer.</p>",
            "en": "<p>A woman comes in with a broken arm. She says her partner did it, and "
            "that he has threatened to do more.</p>",
        },
        "noticed": {
            "nb": "<p>Sykepleieren ser at skadene passer med det hun forteller, og at hun er "
            "redd.</p>",
            "en": "<p>The nurse sees that the injuries fit what she says, and that she is "
            "afraid.</p>",
        },
        "action": {
            "nb": "<p>De snakker sammen og lager en plan: kvinnen drar til et krisesenter i "
            "stedet for hjem, og sykepleieren ringer politiet mens hun er der.</p>",
            "en": "<p>They talk and make a plan: the woman goes to a crisis centre instead of "
            "home, and the nurse calls the police while she is there.</p>",
        },
        "law": {
            "nb": "<p>Plikten gjelder uten hensyn til taushetsplikt. Å hjelpe personen til et "
            "trygt sted er en måte å avverge på, sammen med å melde fra.</p>",
            "en": "<p>The duty applies regardless of confidentiality. Helping the person to a "
            "safe place is one way of averting, alongside reporting.</p>",
        },
    },
    {
        "setting": Setting.LEISURE,
        "slug": {"nb": "treneren-og-sommerferien", "en": "the-coach-and-the-summer"},
        "title": {"nb": "Treneren og sommerferien", "en": "The coach and the summer"},
        "intro": {
            "nb": "En fotballtrener får høre at en spiller skal giftes bort.",
            "en": "A football coach hears that a player is to be married off.",
        },
        "situation": {
            "nb": "<p>Amina er 16 år. Hun forteller treneren at foreldrene vil at hun skal "
            "gifte seg i utlandet i sommer, og at hun ikke vil.</p>",
            "en": "<p>Amina is 16. She tells her coach that her parents want her to marry "
            "abroad this summer, and that she does not want to.</p>",
        },
        "noticed": {
            "nb": "<p>Treneren hører at reisen er bestilt, og at Amina er redd.</p>",
            "en": "<p>The coach hears that the trip is booked, and that Amina is afraid.</p>",
        },
        "action": {
            "nb": "<p>Treneren konfronterer ikke foreldrene, fordi det kan sette Amina i fare. "
            "Sammen med Amina kontakter hun barnevernet og politiet før ferien.</p>",
            "en": "<p>The coach does not confront the parents, as that could put Amina in "
            "danger. Together with Amina she contacts the child welfare service and the "
            "police before the holidays.</p>",
        },
        "law": {
            "nb": "<p>Tvangsekteskap ble lagt til i avvergingsplikten i 2020. Plikten gjelder "
            "mens det fortsatt er mulig å hindre det, altså før reisen.</p>",
            "en": "<p>Forced marriage was added to the duty to avert in 2020. The duty "
            "applies while it can still be prevented: before the trip.</p>",
        },
    },
    {
        "setting": Setting.FAMILY,
        "slug": {"nb": "broren", "en": "the-brother"},
        "title": {"nb": "Broren", "en": "The brother"},
        "intro": {
            "nb": "En kvinne forstår at broren hennes slår kjæresten sin.",
            "en": "A woman realises that her brother hits his girlfriend.",
        },
        "needs_legal_review": True,
        "legal_review_note": "Check that the exemption for exposing one's closest (§ 196 "
        "third paragraph, § 9) leaves the duty to avert in another way, e.g. by helping the "
        "person to safety, as this story says.",
        "situation": {
            "nb": "<p>Broren til Lene har en ny kjæreste. I familieselskap ser Lene at "
            "kjæresten har merker på halsen og er redd for ham.</p>",
            "en": "<p>Lene's brother has a new girlfriend. At a family party Lene sees marks "
            "on the girlfriend's neck, and that she is afraid of him.</p>",
        },
        "noticed": {
            "nb": "<p>Kjæresten forteller Lene at han tar kvelertak på henne når han blir "
            "sint.</p>",
            "en": "<p>The girlfriend tells Lene that he grips her by the throat when he gets "
            "angry.</p>",
        },
        "action": {
            "nb": "<p>Lene gir henne nummeret til Vold- og overgrepslinjen og hjelper henne "
            "til et krisesenter. Hun ringer også politiet på 02800 for å få råd.</p>",
            "en": "<p>Lene gives her the number of Vold- og overgrepslinjen and helps her to a "
            "crisis centre. She also calls the police on 02800 for advice.</p>",
        },
        "law": {
            "nb": "<p>Du kan ikke straffes for å la være å avverge hvis det bare kunne skje "
            "ved å utsette dine nærmeste for å bli siktet. Broren er en av Lenes nærmeste. "
            "Men Lene kan avverge på en annen måte: ved å hjelpe kjæresten i trygghet.</p>",
            "en": "<p>You cannot be punished for not averting if the only way would expose "
            "your closest to a charge. Her brother is one of Lene's closest. But Lene can "
            "avert in another way: by helping the girlfriend to safety.</p>",
        },
    },
    {
        "setting": Setting.NEIGHBOUR,
        "slug": {"nb": "gjennom-veggen", "en": "through-the-wall"},
        "title": {"nb": "Gjennom veggen", "en": "Through the wall"},
        "intro": {
            "nb": "En nabo hører skrik og slag fra leiligheten ved siden av.",
            "en": "A neighbour hears screams and blows from the flat next door.",
        },
        "situation": {
            "nb": "<p>Flere kvelder har Per hørt krangling og et barn som gråter. En natt "
            "hører han skrik, slag og noen som roper om hjelp.</p>",
            "en": "<p>Several evenings Per has heard fighting and a child crying. One night "
            "he hears screams, blows and someone calling for help.</p>",
        },
        "noticed": {
            "nb": "<p>Per er ikke sikker på hva som skjer, men det høres ut som noen blir "
            "alvorlig skadet.</p>",
            "en": "<p>Per is not sure what is happening, but it sounds as if someone is being "
            "badly hurt.</p>",
        },
        "action": {
            "nb": "<p>Han går ikke inn selv. Han ringer 112 og forteller hva han hører, og "
            "hva han har hørt før.</p>",
            "en": "<p>He does not go in himself. He calls 112 and says what he hears, and "
            "what he has heard before.</p>",
        },
        "law": {
            "nb": "<p>Du trenger ikke være sikker: det holder at det er mest sannsynlig. Du "
            "skal ikke sette deg selv i fare. Å ringe politiet er å avverge.</p>",
            "en": "<p>You do not need to be sure: it is enough that it is most likely. You "
            "must not put yourself in danger. Calling the police is averting.</p>",
        },
    },
]

# --- Self-check ---------------------------------------------------------------------------


def self_check(p: dict) -> dict:
    how = p.get("how")
    together = p.get("together")
    return {
        "slug": {"nb": "har-jeg-avvergingsplikt", "en": "do-i-have-a-duty-to-avert"},
        "title": {"nb": "Har jeg avvergingsplikt?", "en": "Do I have a duty to avert?"},
        "intro": {
            "nb": "Svar på noen korte spørsmål, så får du vite om avvergingsplikten kan gjelde "
            "for deg, og hva du kan gjøre.",
            "en": "Answer a few short questions to find out whether the duty to avert may "
            "apply to you, and what you can do.",
        },
        "body": {
            "nb": [
                text(
                    "<p>Vi lagrer ikke svarene dine. De står bare i adressen til siden, og "
                    "derfor i nettleserens historikk. Bruk gjerne «Forlat siden» når du er "
                    "ferdig.</p>"
                )
            ],
            "en": [
                text(
                    "<p>We do not store your answers. They are only in the address of the "
                    "page, and so in your browser's history. You can use “Exit this page” "
                    "when you are done.</p>"
                )
            ],
        },
        "offence_question": {
            "nb": "Gjelder det et av de alvorlige lovbruddene avvergingsplikten omfatter?",
            "en": "Is it one of the serious crimes the duty to avert covers?",
        },
        "offence_hint": {
            "nb": "For eksempel drap, grov vold, mishandling i nære relasjoner, voldtekt, "
            "seksuelle overgrep mot barn, kjønnslemlestelse, tvangsekteskap, menneskehandel "
            "eller ran.",
            "en": "For example killing, serious violence, abuse in close relationships, rape, "
            "sexual abuse of children, genital mutilation, forced marriage, human trafficking "
            "or robbery.",
        },
        "offence_close_label": {
            "nb": "Ja, incest eller seksuell omgang mellom andre nærstående (§ 312 eller § 314)",
            "en": "Yes, incest or sexual activity between other close relations (section 312 "
            "or 314)",
        },
        "under16_question": {
            "nb": "Er den som blir utsatt for det, under 16 år?",
            "en": "Is the person it is done to under 16?",
        },
        "under16_hint": {
            "nb": "For disse to lovbruddene gjelder plikten bare når den fornærmede er under 16.",
            "en": "For these two crimes, the duty applies only when the victim is under 16.",
        },
        "likely_question": {
            "nb": "Er det sikkert eller mest sannsynlig at det har skjedd, skjer eller vil skje?",
            "en": "Is it certain or most likely that it has happened, is happening or will happen?",
        },
        "likely_hint": {
            "nb": "Mest sannsynlig betyr mer sannsynlig enn ikke, altså over 50 prosent. Du "
            "trenger ikke være sikker.",
            "en": "Most likely means more likely than not: over 50 per cent. You do not need "
            "to be sure.",
        },
        "avertable_question": {
            "nb": "Er det fortsatt mulig å hindre handlingen eller følgene av den?",
            "en": "Can the act or its consequences still be prevented?",
        },
        "avertable_hint": {
            "nb": "Plikten gjelder også når noe allerede har skjedd, hvis følgene kan hindres, "
            "eller at det skjer igjen.",
            "en": "The duty also applies when something has already happened, if its "
            "consequences, or a repeat, can be prevented.",
        },
        "risk_question": {
            "nb": "Vil det å avverge utsette deg, dine nærmeste eller en uskyldig for fare, "
            "eller for å bli siktet for noe straffbart?",
            "en": "Would averting expose you, your closest or an innocent person to danger, "
            "or to being charged with a crime?",
        },
        "risk_hint": {
            "nb": "Dine nærmeste er blant annet ektefelle, foreldre, barn og søsken. Husk at "
            "det ofte er trygt å ringe politiet.",
            "en": "Your closest include your spouse, parents, children and siblings. "
            "Remember that calling the police is often safe.",
        },
        "duty_heading": {
            "nb": "Du har trolig avvergingsplikt: gjør noe nå",
            "en": "You probably have a duty to avert: act now",
        },
        "duty_body": {
            "nb": [
                steps(
                    "Slik kan du avverge",
                    [
                        (
                            "Er noen i fare nå?",
                            '<p>Ring politiet på <a href="tel:112">112</a>.</p>',
                        ),
                        (
                            "Meld fra",
                            '<p>Ring politiet på <a href="tel:02800">02800</a>. Gjelder det '
                            "et barn, kontakt også barnevernet, eller barnevernvakten utenom "
                            "kontortid.</p>",
                        ),
                        (
                            "Hjelp personen i trygghet",
                            "<p>Hvis det er trygt, kan du hjelpe personen til et krisesenter "
                            "eller et annet trygt sted. Sett ikke deg selv i fare.</p>",
                        ),
                    ],
                ),
                links(
                    "Les mer",
                    [
                        ("Slik kan du avverge", how),
                        ("Avverge sammen med den det gjelder", together),
                    ],
                ),
            ],
            "en": [
                steps(
                    "How to avert",
                    [
                        (
                            "Is someone in danger right now?",
                            '<p>Call the police on <a href="tel:112">112</a>.</p>',
                        ),
                        (
                            "Report it",
                            '<p>Call the police on <a href="tel:02800">02800</a>. If it is '
                            "about a child, also contact the child welfare service, or the "
                            "out-of-hours service (barnevernvakten) outside office hours.</p>",
                        ),
                        (
                            "Help the person to safety",
                            "<p>If it is safe, you can help the person to a crisis centre or "
                            "another safe place. Do not put yourself in danger.</p>",
                        ),
                    ],
                ),
                links(
                    "Read more",
                    [
                        ("How to avert", how),
                        ("Averting together with the person concerned", together),
                    ],
                ),
            ],
        },
        "may_heading": {
            "nb": "Du kan ha avvergingsplikt: få råd",
            "en": "You may have a duty to avert: get advice",
        },
        "may_body": {
            "nb": [
                text(
                    '<p>Ring politiet på <a href="tel:02800">02800</a> og få råd. Du kan '
                    "drøfte saken uten å si hvem det gjelder. Gjelder det et barn, kan du "
                    "også kontakte barnevernet.</p>"
                    "<p>Du skal ikke sette deg selv eller andre i fare. Ofte finnes det en "
                    "trygg måte, for eksempel å ringe politiet.</p>"
                ),
            ],
            "en": [
                text(
                    '<p>Call the police on <a href="tel:02800">02800</a> for advice. You can '
                    "discuss the case without saying who it is about. If it is about a child, "
                    "you can also contact the child welfare service.</p>"
                    "<p>You must not put yourself or others in danger. There is often a safe "
                    "way, such as calling the police.</p>"
                ),
            ],
        },
        "not_apply_heading": {
            "nb": "Avvergingsplikten gjelder trolig ikke, men du kan hjelpe",
            "en": "The duty to avert probably does not apply, but you can still help",
        },
        "not_apply_body": {
            "nb": [
                text(
                    "<p>Du kan fortsatt gjøre mye. Snakk med personen og lytt. Alarmtelefonen "
                    'for barn og unge (<a href="tel:116111">116 111</a>) og Vold- og '
                    'overgrepslinjen (<a href="tel:116006">116 006</a>) gir råd, også til '
                    "deg som er bekymret.</p>"
                    "<p>Får du vite mer, kan svaret bli et annet. Da kan du ta testen på "
                    "nytt.</p>"
                ),
            ],
            "en": [
                text(
                    "<p>You can still do a lot. Talk to the person and listen. Alarmtelefonen "
                    'for barn og unge (<a href="tel:116111">116 111</a>) and Vold- og '
                    'overgrepslinjen (<a href="tel:116006">116 006</a>) give advice, also to '
                    "people who are worried about someone.</p>"
                    "<p>If you learn more, the answer may change. Then take the check "
                    "again.</p>"
                ),
            ],
        },
        "disclaimer": {
            "nb": "Dette er veiledning, ikke juridisk rådgivning. Svaret bygger bare på det "
            "du har svart.",
            "en": "This is guidance, not legal advice. The answer rests only on what you told us.",
        },
    }


# --- Site pages (ContentPage) -----------------------------------------------------------


def site_pages(p: dict) -> list[dict]:
    # The footer links these four pages by their Norwegian slug (guidance/footer.py).
    return [
        {
            "show_in_menus": True,
            "slug": {"nb": "sporsmal-og-svar", "en": "questions-and-answers"},
            "title": {"nb": "Spørsmål og svar", "en": "Questions and answers"},
            "intro": {
                "nb": "Svar på det mange lurer på om avvergingsplikten.",
                "en": "Answers to what many people wonder about the duty to avert.",
            },
            "body": {
                "nb": [
                    question(
                        "Må jeg være sikker?",
                        "<p>Nei. Det er nok at det er mest sannsynlig, altså mer sannsynlig "
                        f"enn ikke. Les {a(p['when'], 'når plikten gjelder')}.</p>",
                    ),
                    question(
                        "Må jeg gripe inn selv?",
                        "<p>Nei. Du kan ringe politiet eller barnevernet, eller hjelpe "
                        "personen til et trygt sted. Du skal ikke sette deg selv i fare.</p>",
                    ),
                    question(
                        "Jeg har taushetsplikt. Gjelder plikten meg?",
                        "<p>Ja. Avvergingsplikten gjelder uten hensyn til taushetsplikt.</p>",
                    ),
                    question(
                        "Kan jeg få råd uten å si hvem det gjelder?",
                        '<p>Ja. Ring politiet på <a href="tel:02800">02800</a>. Du kan '
                        "drøfte saken uten å si hvem det gjelder.</p>",
                    ),
                    question(
                        "Det har allerede skjedd. Er det for sent?",
                        "<p>Ikke nødvendigvis. Plikten gjelder også følgene av det som har "
                        "skjedd, og å hindre at det skjer igjen.</p>",
                    ),
                    question(
                        "Hva skjer om jeg ikke gjør noe?",
                        "<p>Den som bryter plikten, kan straffes med bot eller fengsel i "
                        "inntil ett år.</p>",
                    ),
                    question(
                        "Lederen min sier at vi skal vente. Hva gjør jeg?",
                        "<p>Plikten er personlig. Lederens syn fjerner ikke din plikt.</p>",
                    ),
                ],
                "en": [
                    question(
                        "Do I have to be sure?",
                        "<p>No. It is enough that it is most likely: more likely than not. "
                        f"Read {a(p['when'], 'when the duty applies')}.</p>",
                    ),
                    question(
                        "Do I have to step in myself?",
                        "<p>No. You can call the police or the child welfare service, or "
                        "help the person to a safe place. You must not put yourself in "
                        "danger.</p>",
                    ),
                    question(
                        "I am bound by confidentiality. Does the duty apply to me?",
                        "<p>Yes. The duty to avert applies regardless of confidentiality.</p>",
                    ),
                    question(
                        "Can I get advice without saying who it is about?",
                        '<p>Yes. Call the police on <a href="tel:02800">02800</a>. You can '
                        "discuss the case without saying who it is about.</p>",
                    ),
                    question(
                        "It has already happened. Is it too late?",
                        "<p>Not necessarily. The duty also covers the consequences of what "
                        "happened, and stopping it from happening again.</p>",
                    ),
                    question(
                        "What happens if I do nothing?",
                        "<p>Anyone who breaks the duty can be punished with a fine or up to "
                        "one year in prison.</p>",
                    ),
                    question(
                        "My manager says we should wait. What do I do?",
                        "<p>The duty is personal. Your manager's view does not remove your "
                        "duty.</p>",
                    ),
                ],
            },
        },
        {
            "show_in_menus": False,
            "slug": {"nb": "om-nettstedet", "en": "about-this-site"},
            "title": {"nb": "Om nettstedet", "en": "About this site"},
            "intro": {
                "nb": "Plikt forklarer avvergingsplikten i straffeloven § 196 på norsk, engelsk "
                "og tre samiske språk.",
                "en": "Plikt explains the duty to avert in section 196 of the Penal Code in "
                "Norwegian, English and three Sámi languages.",
            },
            "body": {
                "nb": [
                    text(
                        "<p>I 2018 hadde 74 prosent av befolkningen ikke hørt om "
                        "avvergingsplikten. Dette nettstedet skal gjøre den kjent og lett å "
                        "forstå, for privatpersoner og for dem som jobber med mennesker.</p>"
                        "<p>Teksten er generell veiledning, ikke juridisk rådgivning. Selve "
                        f'loven finner du på <a href="{LOVDATA}">Lovdata</a>.</p>'
                        "<p>Samiske tekster skrives bare av kvalifiserte oversettere. Der en "
                        "tekst ikke er oversatt ennå, viser vi den norske.</p>"
                    ),
                    links(
                        "Om dette nettstedet",
                        [
                            ("Tilgjengelighetserklæring", p.get("accessibility")),
                            ("Personvern", p.get("privacy")),
                        ],
                    ),
                ],
                "en": [
                    text(
                        "<p>In 2018, 74 per cent of the population had not heard of the duty "
                        "to avert. This site aims to make it known and easy to understand, for "
                        "private persons and for people who work with people.</p>"
                        "<p>The text is general guidance, not legal advice. The law itself is "
                        f'at <a href="{LOVDATA_EN}">Lovdata</a>.</p>'
                        "<p>Sámi text is written only by qualified translators. Where a text "
                        "is not translated yet, we show the Norwegian.</p>"
                    ),
                    links(
                        "About this site",
                        [
                            ("Accessibility statement", p.get("accessibility")),
                            ("Privacy", p.get("privacy")),
                        ],
                    ),
                ],
            },
        },
        {
            "key": "accessibility",
            "show_in_menus": False,
            "slug": {"nb": "tilgjengelighet", "en": "accessibility"},
            "title": {"nb": "Tilgjengelighetserklæring", "en": "Accessibility statement"},
            "intro": {
                "nb": "Vi vil at alle skal kunne bruke nettstedet, også med skjermleser, "
                "tastatur eller forstørrelse.",
                "en": "We want everyone to be able to use this site, also with a screen "
                "reader, a keyboard or magnification.",
            },
            "body": {
                "nb": [
                    text(
                        "<p>Målet er å oppfylle WCAG 2.1 nivå AA. Nettstedet bygger på "
                        "Designsystemet, som er testet for universell utforming.</p>"
                        "<ul><li>Alt virker uten JavaScript, også selvtesten.</li>"
                        "<li>Knappen «Forlat siden» finnes på alle sider. Med tastatur kan "
                        "du trykke Shift tre ganger.</li>"
                        "<li>Tekst som ennå ikke er oversatt, vises på norsk og er merket "
                        "slik at skjermlesere leser den riktig.</li></ul>"
                    ),
                    heading("Si fra om feil"),
                    text(
                        "<p>Finner du noe som ikke virker for deg, vil vi gjerne høre om det.</p>"
                    ),
                ],
                "en": [
                    text(
                        "<p>The aim is to meet WCAG 2.1 level AA. The site is built on "
                        "Designsystemet, which is tested for accessibility.</p>"
                        "<ul><li>Everything works without JavaScript, the self-check "
                        "too.</li><li>The “Exit this page” button is on every page. With a "
                        "keyboard you can press Shift three times.</li>"
                        "<li>Text not yet translated is shown in Norwegian and marked so that "
                        "screen readers read it correctly.</li></ul>"
                    ),
                    heading("Tell us about problems"),
                    text("<p>If you find something that does not work for you, let us know.</p>"),
                ],
            },
        },
        {
            "key": "privacy",
            "show_in_menus": False,
            "slug": {"nb": "personvern", "en": "privacy"},
            "title": {"nb": "Personvern", "en": "Privacy"},
            "intro": {
                "nb": "Du kan lese her uten å bli sporet.",
                "en": "You can read here without being tracked.",
            },
            "body": {
                "nb": [
                    text(
                        "<ul><li>Vi setter ingen informasjonskapsler (cookies) når du "
                        "leser.</li><li>Vi bruker ikke analyseverktøy, og sidene henter "
                        "ingenting fra andre nettsteder.</li><li>Det du søker etter, og "
                        "svarene dine i selvtesten, blir ikke lagret eller skrevet i "
                        "loggene våre.</li></ul>"
                    ),
                    heading("Nettleseren din husker"),
                    text(
                        "<p>Nettleseren din husker hvilke sider du har besøkt, også søk og "
                        "svar i selvtesten, fordi de står i adressen. Knappen «Forlat "
                        "siden» tar deg raskt bort, men sletter ikke historikken. Bruk gjerne "
                        "et privat vindu.</p>"
                    ),
                ],
                "en": [
                    text(
                        "<ul><li>We set no cookies while you read.</li><li>We use no "
                        "analytics, and the pages load nothing from other sites.</li>"
                        "<li>What you search for, and your answers in the self-check, are not "
                        "stored or written to our logs.</li></ul>"
                    ),
                    heading("Your browser remembers"),
                    text(
                        "<p>Your browser remembers the pages you have visited, including "
                        "searches and self-check answers, because they are in the address. "
                        "“Exit this page” takes you away quickly but does not clear your "
                        "history. A private window can help.</p>"
                    ),
                ],
            },
        },
    ]


# --- Loading ------------------------------------------------------------------------------

PLAIN_FIELDS = ("show_in_menus", "setting", "needs_legal_review", "legal_review_note")


def _page_fields(data: dict) -> dict:
    """The page's translated fields ({"nb": ..., "en": ...}) plus the plain ones as they are."""
    plain = {k: v for k, v in data.items() if k in PLAIN_FIELDS}
    localised = {k: v for k, v in data.items() if isinstance(v, dict)}
    return {**plain, **translated(localised)}


def _child(parent, slug_nb: str):
    page = parent.get_children().filter(slug_nb=slug_nb).first()
    return page.specific if page else None


@transaction.atomic
def load(home=None):
    home = home or ensure_home()
    load_helplines()
    p = {
        "what": _child(home, "hva-er-avvergingsplikten"),
        "who": _child(home, "hvem-har-plikten"),
        "when": _child(home, "nar-gjelder-plikten"),
    }

    index = add_child(home, GuidanceIndexPage(show_in_menus=True, **_page_fields(GUIDANCE_INDEX)))
    made = [add_child(index, GuidancePage(**_page_fields(data))) for data in articles(p)]
    p["how"], p["together"] = made[0], made[1]

    cases = add_child(home, CaseIndexPage(show_in_menus=True, **_page_fields(CASE_INDEX)))
    for data in CASES:
        add_child(cases, CasePage(**_page_fields(data)))

    add_child(
        home,
        SelfCheckPage(
            show_in_menus=True,
            needs_legal_review=True,
            legal_review_note="Check the questions, the three outcome texts and the decision "
            "rules in guidance/selfcheck.py with a lawyer, in particular that a 'yes' to "
            "the danger question leads to 'you may have a duty' rather than 'does not apply'.",
            **_page_fields(self_check(p)),
        ),
    )

    # The accessibility and privacy pages first, so that "about" can link to them.
    for data in site_pages(p):
        if "key" in data:
            p[data["key"]] = add_child(home, ContentPage(**_page_fields(data)))
    for data in site_pages(p):
        if "key" not in data:
            add_child(home, ContentPage(**_page_fields(data)))
    return home
