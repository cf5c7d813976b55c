"""Seed data for the catalogue: every offence straffeloven § 196 names, in nb and en.

Sources: the project's reference notes (facts tagged [C] confirmed or [U] unconfirmed). Titles
and summaries are written for this site. Where an entry rests on an unconfirmed fact (most
official titles, the 2020 additions, sections the 2025 consent reform may have renumbered),
it starts with ``needs_legal_review=True`` and a note saying exactly what to check; such
pages show readers a "not yet checked" notice and are listed in Reports → Legal review.
Sámi fields stay empty: only a qualified translator fills them.

``load(home)`` is idempotent: categories are found by key, pages by their Norwegian slug.
"""

from dataclasses import dataclass, field

from django.db import transaction

from offences.models import Law, Letter, OffenceCategory, OffenceIndexPage, OffencePage
from plikt.demo import add_child, translated

CATEGORIES = [
    # key, nb name, en name, nb description, en description
    (
        "killing",
        "Drap",
        "Killing",
        "Å ta livet av et annet menneske.",
        "Taking another person's life.",
    ),
    (
        "violence",
        "Grov vold",
        "Serious violence",
        "Vold som gir alvorlig skade på kropp eller helse.",
        "Violence that does serious harm to someone's body or health.",
    ),
    (
        "close-relationships",
        "Mishandling i nære relasjoner",
        "Abuse in close relationships",
        "Vold, trusler og annen mishandling av en partner, et barn eller andre man står nær.",
        "Violence, threats and other abuse of a partner, a child or someone else close.",
    ),
    (
        "sexual",
        "Voldtekt og seksuelle overgrep",
        "Rape and sexual abuse",
        "Seksuelle handlinger noen ikke har samtykket til eller ikke kan samtykke til.",
        "Sexual acts someone has not agreed to or cannot agree to.",
    ),
    (
        "children",
        "Overgrep mot barn",
        "Offences against children",
        "Seksuelle overgrep mot barn.",
        "Sexual abuse of children.",
    ),
    (
        "mutilation-forced-marriage",
        "Kjønnslemlestelse og tvangsekteskap",
        "Genital mutilation and forced marriage",
        "Å skade jenters kjønnsorganer, eller å tvinge noen til å gifte seg.",
        "Harming girls' genitals, or forcing someone to marry.",
    ),
    (
        "liberty",
        "Frihetsberøvelse og menneskehandel",
        "Deprivation of liberty and human trafficking",
        "Å holde noen fanget, eller å utnytte mennesker som en vare.",
        "Holding someone captive, or exploiting people as if they were goods.",
    ),
    (
        "robbery",
        "Ran",
        "Robbery",
        "Å stjele med vold eller trusler.",
        "Stealing by violence or threats.",
    ),
    (
        "terrorism-security",
        "Terror og rikets sikkerhet",
        "Terrorism and state security",
        "Terror og angrep på Norges selvstendighet, styreform og forsvar.",
        "Terrorism and attacks on Norway's independence, constitution and defence.",
    ),
    (
        "public-danger",
        "Allmennfare og miljø",
        "Public danger and the environment",
        "Handlinger som utsetter mange mennesker eller naturen for stor fare.",
        "Acts that put many people or the environment in serious danger.",
    ),
    (
        "other",
        "Andre lovbrudd",
        "Other offences",
        "Lovbrudd vi ikke har plassert i en gruppe ennå.",
        "Offences we have not yet placed in a group.",
    ),
]

# What a reviewer must check, by reason. Each flagged entry gets every note that applies.
CHECK_TITLE = (
    "Official title unconfirmed: compare the official title (nb and en) with the section's "
    "heading on Lovdata and correct it."
)
FILL_TITLE = (
    "Official title missing: fill it in (nb and en) from Lovdata, then rewrite the plain "
    "title and summary to say what the section actually covers."
)
CHECK_2020 = (
    "Inclusion unconfirmed: check that the amendment of 3 Nov 2020 (Prop. 66 L (2019–2020)) "
    "added this section to § 196, and under which letter."
)
CHECK_2025 = (
    "The consent reform of chapter 26 (in force 1 July 2025) may have renamed or renumbered "
    "this section: check its current number and title on Lovdata, and that § 196 still names it."
)
CHECK_EN = "English title unconfirmed: check it against the English translation at Lovdata."
CHECK_LINK = (
    "The Lovdata link is a search: once the act's Lovdata id is confirmed, add it to "
    "LOVDATA_IDS in offences/models.py."
)
CHECK_CATEGORY = "Category is a guess from the chapter: check it once the title is known."

UNDER_16 = {
    "nb": "Plikten gjelder bare når den som blir utsatt for handlingen, er under 16 år.",
    "en": "The duty applies only when the person the act is done to is under 16.",
}


@dataclass
class Offence:
    section: str
    category: str
    title: tuple[str, str]
    summary: tuple[str, str]
    official: tuple[str, str] = ("", "")
    checks: tuple[str, ...] = ()
    law: str = Law.STRAFFELOVEN
    letter: str = Letter.A
    conditions: dict = field(default_factory=dict)


def _unexplained(section, category, checks=(FILL_TITLE,)):
    """A section the reference lists but does not describe: say so rather than guess."""
    return Offence(
        section,
        category,
        (f"Lovbrudd etter straffeloven § {section}", f"Offence under section {section}"),
        (
            "Denne paragrafen er med i avvergingsplikten. Vi har ikke skrevet en forklaring av "
            "den ennå: les paragrafen hos Lovdata.",
            "This section is covered by the duty to avert. We have not written an explanation "
            "of it yet: read the section at Lovdata.",
        ),
        checks=(*checks, CHECK_CATEGORY) if category != "other" else checks,
    )


def _state_security(section, official=("", "")):
    checks = (CHECK_TITLE,) if official[0] else (FILL_TITLE,)
    return Offence(
        section,
        "terrorism-security",
        (
            "Angrep på Norges selvstendighet og sikkerhet",
            "Attack on Norway's independence and security",
        ),
        (
            "Et av lovbruddene som verner Norges selvstendighet, styreform og andre "
            "grunnleggende interesser for landet.",
            "One of the offences that protect Norway's independence, constitution and other "
            "basic national interests.",
        ),
        official=official,
        checks=checks,
    )


def _terror_related(section):
    return Offence(
        section,
        "terrorism-security",
        ("Terrorrelatert lovbrudd", "Terrorism-related offence"),
        (
            "Et av lovbruddene i kapitlet om terror og terrorrelaterte handlinger.",
            "One of the offences in the chapter on terrorism and terrorism-related acts.",
        ),
        checks=(
            FILL_TITLE,
            "Chapter unconfirmed: check that this section is in chapter 18 (terrorism).",
        ),
    )


OFFENCES = [
    # Letter a, as listed in the English translation before 2021.
    _state_security(
        "111",
        (
            "Krenkelse av Norges selvstendighet og fred",
            "Violation of Norway's independence and peace",
        ),
    ),
    _state_security(
        "113", ("Krenkelse av Norges statsforfatning", "Violation of Norway's constitution")
    ),
    _state_security(
        "115",
        (
            "Angrep på de høyeste statsorganenes virksomhet",
            "Attack on the work of the highest state bodies",
        ),
    ),
    _state_security("117"),
    _state_security("119"),
    _state_security("121"),
    _state_security("123"),
    _state_security("128"),
    _state_security("129"),
    _terror_related("138"),
    _terror_related("139"),
    _terror_related("140"),
    _terror_related("141"),
    _terror_related("142"),
    _terror_related("143"),
    _terror_related("144"),
    _unexplained("192", "other"),
    _unexplained("193", "other"),
    _unexplained("194", "other"),
    _unexplained("223", "other"),
    _unexplained("238", "other"),
    _unexplained("239", "other"),
    Offence(
        "255",
        "liberty",
        ("Å holde noen fanget", "Holding someone captive"),
        (
            "Å sperre inne eller på annen måte ta friheten fra et annet menneske.",
            "Locking someone up or otherwise taking away another person's freedom.",
        ),
        official=("Frihetsberøvelse", "Deprivation of liberty"),
        checks=(CHECK_TITLE,),
    ),
    Offence(
        "256",
        "liberty",
        ("Å holde noen fanget, grovt tilfelle", "Holding someone captive, aggravated"),
        (
            "En alvorlig frihetsberøvelse, for eksempel når den varer lenge eller skader den som "
            "holdes fanget.",
            "A serious case of taking someone's freedom, for example when it lasts long or "
            "harms the person held.",
        ),
        official=("Grov frihetsberøvelse", "Aggravated deprivation of liberty"),
        checks=(CHECK_TITLE,),
    ),
    Offence(
        "259",
        "liberty",
        ("Slaveri", "Slavery"),
        (
            "Å holde et menneske som slave eller drive handel med slaver.",
            "Keeping a person as a slave, or trading in slaves.",
        ),
        official=("Slaveri", "Slavery"),
        checks=(CHECK_TITLE,),
    ),
    Offence(
        "274",
        "violence",
        ("Vold som gir alvorlig skade", "Violence that causes serious injury"),
        (
            "Å skade et annet menneske så alvorlig at det får varige eller livstruende skader.",
            "Injuring another person so badly that the injuries are lasting or life-threatening.",
        ),
        official=("Grov kroppsskade", "Aggravated bodily harm"),
    ),
    Offence(
        "275",
        "killing",
        ("Drap", "Killing"),
        (
            "Å ta livet av et annet menneske med vilje.",
            "Deliberately taking another person's life.",
        ),
        official=("Drap", "Murder"),
        checks=(CHECK_EN,),
    ),
    _unexplained("279", "other"),
    Offence(
        "282",
        "close-relationships",
        ("Vold og mishandling i familien", "Violence and abuse in the family"),
        (
            "Å gjentatt eller grovt true, tvinge, slå eller krenke en partner, et barn eller "
            "andre i husstanden eller nær familie.",
            "Repeatedly or seriously threatening, forcing, hitting or violating a partner, a "
            "child or someone else in the household or close family.",
        ),
        official=("Mishandling i nære relasjoner", "Abuse in close relationships"),
    ),
    Offence(
        "283",
        "close-relationships",
        ("Grov vold og mishandling i familien", "Serious violence and abuse in the family"),
        (
            "Mishandling i nære relasjoner som er særlig alvorlig, for eksempel fordi den gir "
            "store skader eller varer lenge.",
            "Abuse in a close relationship that is especially serious, for example because it "
            "causes serious harm or goes on for a long time.",
        ),
        official=("Grov mishandling i nære relasjoner", "Aggravated abuse in close relationships"),
        checks=(CHECK_EN,),
    ),
    _unexplained("288", "other"),
    Offence(
        "291",
        "sexual",
        ("Voldtekt", "Rape"),
        (
            "Seksuell omgang med noen som ikke har samtykket, eller som ikke kan si nei.",
            "Sexual intercourse with someone who has not consented, or who cannot say no.",
        ),
        official=("Voldtekt", "Rape"),
        checks=(CHECK_2025,),
    ),
    Offence(
        "295",
        "sexual",
        ("Seksuelt misbruk av makt", "Sexual abuse of power"),
        (
            "Å utnytte en maktposisjon, et avhengighetsforhold eller noens sårbarhet til å få "
            "seksuell omgang.",
            "Using a position of power, someone's dependence or their vulnerability to obtain "
            "sexual intercourse.",
        ),
        official=("Misbruk av overmaktsforhold og lignende", "Abuse of a position of power etc."),
        checks=(CHECK_2025, CHECK_EN),
    ),
    Offence(
        "299",
        "children",
        ("Voldtekt av barn under 14 år", "Rape of a child under 14"),
        (
            "Seksuell omgang med et barn under 14 år. Barnet kan ikke samtykke.",
            "Sexual intercourse with a child under 14. A child cannot consent.",
        ),
        official=("Voldtekt av barn under 14 år", "Rape of a child under 14"),
        checks=(CHECK_TITLE, CHECK_2025),
    ),
    Offence(
        "312",
        "sexual",
        ("Incest", "Incest"),
        (
            "Seksuell omgang mellom nære slektninger i rett linje, som foreldre og barn.",
            "Sexual intercourse between close blood relatives in a direct line, such as parent "
            "and child.",
        ),
        official=("Incest", "Incest"),
        checks=(CHECK_2025,),
        conditions=UNDER_16,
    ),
    Offence(
        "314",
        "sexual",
        ("Seksuelle overgrep fra andre nærstående", "Sexual abuse by other close relations"),
        (
            "Seksuell omgang mellom andre som står hverandre nær, for eksempel steforeldre og "
            "stebarn eller fosterforeldre og fosterbarn.",
            "Sexual intercourse between others who are close, for example step-parent and "
            "stepchild or foster parent and foster child.",
        ),
        official=(
            "Seksuell omgang mellom andre nærstående",
            "Sexual activity between other close relations",
        ),
        checks=(CHECK_2025, CHECK_EN),
        conditions=UNDER_16,
    ),
    Offence(
        "327",
        "robbery",
        ("Ran", "Robbery"),
        (
            "Å stjele eller tvinge til seg noe ved å bruke vold eller trusler om vold.",
            "Stealing or taking something by force, using violence or threats of violence.",
        ),
        official=("Ran", "Robbery"),
        checks=(CHECK_TITLE,),
    ),
    _unexplained("329", "other"),
    _unexplained("355", "public-danger"),
    _unexplained("357", "public-danger"),
    # Probable 2020 additions (Prop. 66 L (2019–2020)); the sections themselves are unconfirmed.
    Offence(
        "131",
        "terrorism-security",
        ("Terror", "Terrorism"),
        (
            "Alvorlige voldshandlinger og ødeleggelser som skal skape frykt i befolkningen "
            "eller presse myndighetene.",
            "Serious acts of violence and destruction meant to spread fear among the public or "
            "to put pressure on the authorities.",
        ),
        official=("Terrorhandlinger", "Acts of terrorism"),
        checks=(CHECK_TITLE, CHECK_2020),
    ),
    Offence(
        "133",
        "terrorism-security",
        ("Avtale om å begå terror", "Agreeing to commit terrorism"),
        (
            "Å avtale med andre å begå en terrorhandling, eller å planlegge en.",
            "Agreeing with others to commit an act of terrorism, or planning one.",
        ),
        official=("Terrorforbund", "Terrorist conspiracy"),
        checks=(CHECK_TITLE, CHECK_2020),
    ),
    Offence(
        "240",
        "public-danger",
        ("Alvorlig miljøkriminalitet", "Serious environmental crime"),
        (
            "Å forurense eller skade naturen så alvorlig at det gir stor skade eller fare for "
            "skade på miljø eller helse.",
            "Polluting or harming nature so badly that it causes, or risks causing, serious harm "
            "to the environment or to health.",
        ),
        checks=(FILL_TITLE, CHECK_2020),
    ),
    Offence(
        "253",
        "mutilation-forced-marriage",
        ("Tvangsekteskap", "Forced marriage"),
        (
            "Å tvinge noen til å gifte seg, med vold, trusler eller annet press.",
            "Forcing someone to marry, by violence, threats or other pressure.",
        ),
        official=("Tvangsekteskap", "Forced marriage"),
        checks=(CHECK_2020, CHECK_EN),
    ),
    Offence(
        "258",
        "liberty",
        ("Grov menneskehandel", "Aggravated human trafficking"),
        (
            "Å utnytte mennesker til prostitusjon, tvangsarbeid eller lignende, særlig når "
            "offeret er et barn eller blir utsatt for vold.",
            "Exploiting people for prostitution, forced labour and the like, in particular when "
            "the victim is a child or is subjected to violence.",
        ),
        official=("Grov menneskehandel", "Aggravated human trafficking"),
        checks=(CHECK_TITLE, CHECK_2020),
    ),
    Offence(
        "284",
        "mutilation-forced-marriage",
        ("Kjønnslemlestelse", "Female genital mutilation"),
        (
            "Å skade eller fjerne deler av jenters eller kvinners kjønnsorganer, også når det "
            "skjer i utlandet.",
            "Cutting or removing parts of a girl's or woman's genitals, also when it is done "
            "abroad.",
        ),
        official=("Kjønnslemlestelse", "Female genital mutilation"),
        checks=(CHECK_2020, CHECK_EN),
    ),
    Offence(
        "303",
        "children",
        (
            "Grove seksuelle overgrep mot barn mellom 14 og 16 år",
            "Serious sexual abuse of a child aged 14 to 16",
        ),
        (
            "Særlig alvorlige seksuelle handlinger med barn mellom 14 og 16 år.",
            "Especially serious sexual acts with a child aged between 14 and 16.",
        ),
        checks=(FILL_TITLE, CHECK_2020, CHECK_2025),
    ),
    # Letter b: militær straffelov. Letter c: sikkerhetsloven.
    *[
        Offence(
            section,
            "terrorism-security",
            ("Militært lovbrudd", "Military offence"),
            (
                "Et lovbrudd etter militær straffelov som avvergingsplikten gjelder for.",
                "An offence under the Military Penal Code that the duty to avert covers.",
            ),
            law=Law.MILITAER_STRAFFELOV,
            letter=Letter.B,
            checks=(FILL_TITLE, CHECK_LINK),
        )
        for section in ("50", "52", "96")
    ],
    Offence(
        "7-5",
        "terrorism-security",
        ("Brudd på sikkerhetsloven", "Breach of the Security Act"),
        (
            "Et brudd på sikkerhetsloven som kan skade Norges sikkerhet. Paragraf 196 viser "
            "til § 7-5, jf. § 11-4.",
            "A breach of the Security Act that can harm Norway's security. Section 196 refers "
            "to section 7-5, read with section 11-4.",
        ),
        law=Law.SIKKERHETSLOVEN,
        letter=Letter.C,
        checks=(FILL_TITLE, CHECK_LINK),
    ),
]

SLUG_PREFIX = {
    Law.STRAFFELOVEN: ("straffeloven", "penal-code"),
    Law.MILITAER_STRAFFELOV: ("militaer-straffelov", "military-penal-code"),
    Law.SIKKERHETSLOVEN: ("sikkerhetsloven", "security-act"),
}

INDEX = {
    "slug": {"nb": "lovbrudd", "en": "offences"},
    "title": {"nb": "Lovbruddene plikten gjelder", "en": "The offences the duty covers"},
    "intro": {
        "nb": "Avvergingsplikten gjelder bare de lovbruddene som straffeloven § 196 nevner. "
        "Her finner du dem, sortert etter tema.",
        "en": "The duty to avert covers only the offences listed in section 196 of the Penal "
        "Code. Here you can find them, grouped by topic.",
    },
}


def load_categories() -> dict[str, OffenceCategory]:
    categories = {}
    for order, (key, name_nb, name_en, text_nb, text_en) in enumerate(CATEGORIES, start=1):
        category = OffenceCategory.objects.filter(key=key).first()
        if category is None:
            category = OffenceCategory.objects.create(
                key=key,
                sort_order=order * 10,
                **translated(
                    {
                        "name": {"nb": name_nb, "en": name_en},
                        "description": {"nb": text_nb, "en": text_en},
                    }
                ),
            )
        categories[key] = category
    return categories


def offence_page(offence: Offence, category: OffenceCategory) -> OffencePage:
    nb_prefix, en_prefix = SLUG_PREFIX[offence.law]
    fields = {
        "slug": {"nb": f"{nb_prefix}-{offence.section}", "en": f"{en_prefix}-{offence.section}"},
        "title": {"nb": offence.title[0], "en": offence.title[1]},
        "summary": {"nb": offence.summary[0], "en": offence.summary[1]},
    }
    if offence.official[0]:
        fields["official_title"] = {"nb": offence.official[0], "en": offence.official[1]}
    if offence.conditions:
        fields["special_conditions"] = offence.conditions
    return OffencePage(
        law=offence.law,
        section=offence.section,
        letter=offence.letter,
        category=category,
        needs_legal_review=bool(offence.checks),
        legal_review_note="\n".join(offence.checks),
        show_in_menus=False,
        **translated(fields),
    )


@transaction.atomic
def load(home):
    categories = load_categories()
    index = add_child(home, OffenceIndexPage(show_in_menus=True, **translated(INDEX)))
    for offence in OFFENCES:
        add_child(index, offence_page(offence, categories[offence.category]))
    return home
