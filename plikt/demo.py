"""Demo content for the core pages: the home page and pages about what the duty is.

Text is written for this site from the facts in the project's reference notes; every fact
used here is confirmed there. Sámi fields stay empty: only a qualified translator fills them.
"""

import json

from django.db import transaction
from wagtail.models import Page, Site

from plikt import languages
from plikt.models import ContentPage, HomePage


def text(html: str) -> dict:
    return {"type": "text", "value": html}


def heading(value: str) -> dict:
    return {"type": "heading", "value": {"text": value, "level": "h2"}}


def callout(variant: str, title: str, html: str) -> dict:
    return {"type": "callout", "value": {"variant": variant, "heading": title, "text": html}}


def question(q: str, html: str) -> dict:
    return {"type": "question", "value": {"question": q, "answer": html}}


HOME = {
    "title": {"nb": "Avvergingsplikten", "en": "The duty to avert"},
    "intro": {
        "nb": "Alle som bor i Norge har plikt til å prøve å stanse noen alvorlige lovbrudd, "
        "for eksempel vold, overgrep og tvangsekteskap. Her kan du lese hva plikten betyr, og "
        "hva du kan gjøre.",
        "en": "Everyone in Norway has a duty to try to stop certain serious crimes, such as "
        "violence, sexual abuse and forced marriage. Here you can read what the duty means and "
        "what you can do.",
    },
    "body": {
        "nb": [
            callout(
                "danger",
                "Er noen i fare nå?",
                '<p>Ring politiet på <a href="tel:112">112</a>. Er du usikker, kan du ringe '
                'politiet på <a href="tel:02800">02800</a> og få råd.</p>',
            )
        ],
        "en": [
            callout(
                "danger",
                "Is someone in danger right now?",
                '<p>Call the police on <a href="tel:112">112</a>. If you are unsure, you can '
                'call the police on <a href="tel:02800">02800</a> for advice.</p>',
            )
        ],
    },
}

PAGES = [
    {
        "slug": {"nb": "hva-er-avvergingsplikten", "en": "what-is-the-duty-to-avert"},
        "title": {"nb": "Hva er avvergingsplikten?", "en": "What is the duty to avert?"},
        "intro": {
            "nb": "Avvergingsplikten står i straffeloven § 196. Den sier at du skal prøve å "
            "hindre visse alvorlige lovbrudd, eller følgene av dem.",
            "en": "The duty to avert is set out in section 196 of the Penal Code. It says that "
            "you must try to prevent certain serious crimes, or their consequences.",
        },
        "body": {
            "nb": [
                text(
                    "<p>Loven sier at du skal prøve å avverge et alvorlig lovbrudd, enten ved å "
                    "melde fra til politiet eller på en annen måte. Plikten gjelder bare de "
                    "lovbruddene som paragrafen nevner, for eksempel drap, grov vold, "
                    "mishandling i nære relasjoner, voldtekt og seksuelle overgrep mot barn.</p>"
                ),
                heading("Du må ikke sette deg selv i fare"),
                text(
                    "<p>Du trenger ikke gripe inn fysisk. Det holder å gjøre noe som kan "
                    "stanse handlingen, for eksempel å ringe politiet eller barnevernet, eller "
                    "å hjelpe personen til et trygt sted.</p>"
                ),
                heading("Hva skjer om jeg ikke gjør noe?"),
                text(
                    "<p>Den som bryter avvergingsplikten, kan straffes med bot eller fengsel i "
                    "inntil ett år.</p>"
                ),
            ],
            "en": [
                text(
                    "<p>The law says you must try to avert a serious crime, either by reporting "
                    "it to the police or in some other way. The duty covers only the crimes "
                    "the section lists, such as murder, serious violence, abuse in close "
                    "relationships, rape and sexual abuse of children.</p>"
                ),
                heading("You do not have to put yourself in danger"),
                text(
                    "<p>You do not have to step in physically. It is enough to do something "
                    "that can stop the act, such as calling the police or the child welfare "
                    "service, or helping the person to a safe place.</p>"
                ),
                heading("What happens if I do nothing?"),
                text(
                    "<p>Anyone who breaks the duty to avert can be punished with a fine or up to "
                    "one year in prison.</p>"
                ),
            ],
        },
    },
    {
        "slug": {"nb": "hvem-har-plikten", "en": "who-has-the-duty"},
        "title": {"nb": "Hvem har avvergingsplikten?", "en": "Who has the duty to avert?"},
        "intro": {
            "nb": "Plikten gjelder alle: privatpersoner og ansatte, uansett yrke.",
            "en": "The duty applies to everyone: private persons and employees, whatever "
            "their job.",
        },
        "body": {
            "nb": [
                text(
                    "<p>Avvergingsplikten er personlig. Det betyr at du selv har ansvaret, også "
                    "når du er på jobb. Om lederen din mener noe annet, fjerner ikke det din "
                    "plikt.</p>"
                ),
                heading("Taushetsplikt hindrer deg ikke"),
                text(
                    "<p>Avvergingsplikten gjelder selv om du har taushetsplikt. Lærere, "
                    "helsepersonell og ansatte i barnehager har den samme plikten som alle "
                    "andre.</p>"
                ),
                question(
                    "Gjelder plikten også når jeg er på jobb?",
                    "<p>Ja. Plikten følger deg, både privat og på jobb.</p>",
                ),
            ],
            "en": [
                text(
                    "<p>The duty to avert is personal. You are responsible yourself, also at "
                    "work. If your manager thinks otherwise, that does not remove your "
                    "duty.</p>"
                ),
                heading("Confidentiality does not stop you"),
                text(
                    "<p>The duty to avert applies even if you are bound by confidentiality. "
                    "Teachers, health workers and kindergarten staff have the same duty as "
                    "everyone else.</p>"
                ),
                question(
                    "Does the duty apply when I am at work?",
                    "<p>Yes. The duty follows you, both in private and at work.</p>",
                ),
            ],
        },
    },
    {
        "slug": {"nb": "nar-gjelder-plikten", "en": "when-does-the-duty-apply"},
        "title": {"nb": "Når gjelder plikten?", "en": "When does the duty apply?"},
        "intro": {
            "nb": "Plikten gjelder når det er sikkert eller mest sannsynlig at et alvorlig "
            "lovbrudd er begått eller vil bli begått, og det fortsatt er mulig å avverge det.",
            "en": "The duty applies when it is certain or most likely that a serious crime has "
            "been or will be committed, and it can still be averted.",
        },
        "body": {
            "nb": [
                heading("Sikkert eller mest sannsynlig"),
                text(
                    "<p>Du trenger ikke være sikker. Det er nok at du mener det er mer "
                    "sannsynlig enn ikke, altså over 50 prosent, at lovbruddet skjer.</p>"
                ),
                heading("Mens det ennå er mulig"),
                text(
                    "<p>Plikten gjelder så lenge det er mulig å avverge handlingen. Den gjelder "
                    "også følgene av et lovbrudd som allerede har skjedd, og å hindre at det "
                    "skjer igjen.</p>"
                ),
            ],
            "en": [
                heading("Certain or most likely"),
                text(
                    "<p>You do not need to be sure. It is enough that you think it is more "
                    "likely than not, over 50 per cent, that the crime is happening.</p>"
                ),
                heading("While it is still possible"),
                text(
                    "<p>The duty applies as long as the act can still be averted. It also "
                    "covers the consequences of a crime that has already happened, and "
                    "stopping it from happening again.</p>"
                ),
            ],
        },
    },
]


def translated(fields: dict) -> dict:
    """{"title": {"nb": ..., "en": ...}} -> {"title_nb": ..., "title_en": ...}."""
    values = {}
    for name, by_language in fields.items():
        for code, value in by_language.items():
            if isinstance(value, list):
                value = json.dumps(value)
            values[f"{name}_{code}"] = value
    return values


def ensure_root_paths():
    """Right after migrate the root page's per-language url_path columns are empty."""
    root = Page.get_first_root_node()
    changed = False
    for code in languages.CODES:
        if getattr(root, f"url_path_{code}", None) != "/":
            setattr(root, f"url_path_{code}", "/")
            changed = True
    if changed:
        Page.objects.filter(pk=root.pk).update(**{f"url_path_{c}": "/" for c in languages.CODES})
    return root


def add_child(parent: Page, page: Page) -> Page:
    """Add and publish a page unless a sibling already has its Norwegian slug."""
    existing = parent.get_children().filter(slug_nb=page.slug_nb).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_home() -> HomePage:
    root = ensure_root_paths()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(slug="home", show_in_menus=False, **translated(HOME))
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.save()
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    return home


@transaction.atomic
def load() -> HomePage:
    home = ensure_home()
    for data in PAGES:
        add_child(home, ContentPage(show_in_menus=True, **translated(data)))
    from plikt.redirects import seed_old_addresses

    seed_old_addresses(home)  # a few old-site addresses, as Redirects editors can extend
    return home
