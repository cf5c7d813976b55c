"""What the demo content tells readers, checked against the law: the corrected claims, the
topics a worried reader looks for, where they are linked from, and the flags on every page
that rests on a fact not yet confirmed. Pages are read as readers get them (rendered)."""

import re
from functools import cache

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation
from wagtail.models import Page

from guidance.models import Helpline, SelfCheckPage
from plikt.readability import main_text

pytestmark = pytest.mark.django_db

SELF_CHECK_NOT_APPLY = "?offence=no&asked=offence"
SELF_CHECK_DUTY = "?offence=listed&likely=yes&avertable=yes&risk=no"


def url_of(slug: str, code: str) -> str:
    with translation.override(code):
        return Page.objects.get(slug_nb=slug).get_url()


@cache
def rendered(slug: str, code: str, query: str = "") -> BeautifulSoup:
    # The demo pages are the same for every test in this module: each is rendered once.
    response = Client().get(url_of(slug, code) + query)
    assert response.status_code == 200, (slug, code, query)
    return BeautifulSoup(response.content, "lxml")


@cache
def text_of(slug: str, code: str, query: str = "") -> str:
    # Several tests read every page's text: each page's <main> is taken out of it once.
    return main_text(str(rendered(slug, code, query)))


def guidance_and_content_slugs() -> list[str]:
    pages = Page.objects.live().filter(depth__gt=1).exclude(content_type__app_label="offences")
    return list(pages.values_list("slug_nb", flat=True))


def links_to(soup: BeautifulSoup, href: str) -> bool:
    return soup.select_one(f'main a[href="{href}"]') is not None


# --- Corrected claims -----------------------------------------------------------------------


def test_the_home_page_says_the_duty_applies_to_everyone_not_only_to_residents():
    assert "Alle har plikt til å prøve" in text_of("home", "nb")
    assert "Everyone has a duty to try" in text_of("home", "en")
    for slug in guidance_and_content_slugs():
        assert "bor i Norge" not in text_of(slug, "nb"), slug


def test_no_page_forbids_readers_to_put_themselves_in_danger_it_says_they_need_not():
    forbidding = {
        "nb": re.compile(r"(må|skal) (ikke|aldri) sette deg selv", re.IGNORECASE),
        "en": re.compile(r"must (not|never) put yourself", re.IGNORECASE),
    }
    for slug in guidance_and_content_slugs():
        for code, pattern in forbidding.items():
            assert not pattern.search(text_of(slug, code)), (slug, code)
    assert "Du trenger ikke sette deg selv i fare" in text_of("hva-er-avvergingsplikten", "nb")
    assert "You do not have to put yourself in danger" in text_of("slik-avverger-du", "en")


def test_where_a_safe_way_exists_the_exemptions_page_says_you_must_use_it():
    text = text_of("unntak", "nb")
    assert "bør du gjøre det" not in text
    assert "uten fare for noen, skal du gjøre det" in text
    assert "you must do so" in text_of("unntak", "en")


def test_the_out_of_hours_child_welfare_service_is_not_said_to_be_one_per_municipality():
    line = Helpline.objects.get(url="https://www.barnevernvakten.no/")
    assert "Hver kommune har sin" not in line.audience_nb
    assert "Mange kommuner deler én barnevernvakt" in line.audience_nb
    assert "Many municipalities share one" in line.audience_en
    assert "Mange kommuner deler én vakt" in text_of("slik-avverger-du", "nb")


def test_the_about_page_does_not_claim_sami_text_that_does_not_exist_yet():
    assert not Page.objects.exclude(title_se="").exclude(title_se__isnull=True).exists()
    nb, en = text_of("om-nettstedet", "nb"), text_of("om-nettstedet", "en")
    assert "tre samiske språk" not in nb and "three Sámi languages" not in en
    assert "Sidene skal også komme på nordsamisk, sørsamisk og lulesamisk" in nb
    assert "are to be translated into Northern, Southern and Lule Sámi" in en


def test_the_self_check_hint_names_only_aggravated_human_trafficking():
    page = SelfCheckPage.objects.get()
    assert "grov menneskehandel" in page.offence_hint_nb
    assert not re.search(r"(?<!grov )menneskehandel", page.offence_hint_nb)
    assert "aggravated human trafficking" in page.offence_hint_en
    assert "ekteskap med barn under 16 år" in page.offence_hint_nb


# --- The topics a worried reader looks for --------------------------------------------------


@pytest.mark.parametrize(
    "slug, heading_nb, heading_en",
    [
        ("hva-er-avvergingsplikten", "Du skal prøve, ikke lykkes", "You must try, not succeed"),
        (
            "slik-avverger-du",
            "Ikke konfronter, ikke etterforsk",
            "Do not confront, do not investigate",
        ),
        (
            "etter-at-du-har-meldt-fra",
            "Du får kanskje ikke vite hva som skjer",
            "You may not be told what happens",
        ),
        ("si-fra-uten-plikt", "Har du taushetsplikt?", "Are you bound by confidentiality?"),
        ("andre-plikter", "Til barnevernet", "To the child welfare service"),
        ("andre-plikter", "For helsepersonell", "For health personnel"),
        ("andre-plikter", "For alle: ulykker og fare", "For everyone: accidents and danger"),
        (
            "tvangsekteskap-og-barneekteskap",
            "Ekteskap med barn under 16 år",
            "Marriage to a child under 16",
        ),
        ("for-unge", "Det er ikke din skyld", "It is not your fault"),
        ("skjul-besoket", "Bruk et privat vindu", "Use a private window"),
    ],
)
def test_each_topic_has_its_section_in_norwegian_and_english(slug, heading_nb, heading_en):
    for code, heading in (("nb", heading_nb), ("en", heading_en)):
        # As read: without the soft hyphens that long words of headings carry (hyphenation).
        headings = [
            h.get_text(strip=True).replace("\u00ad", "")
            for h in rendered(slug, code).select("main h2")
        ]
        assert heading in headings, (slug, code, headings)


def test_the_other_duties_page_names_each_provision_and_quotes_287_b_as_worded_since_2025():
    text = text_of("andre-plikter", "nb")
    for provision in ("barnevernsloven § 13-2", "helsepersonelloven § 31", "Straffeloven § 287"):
        assert provision in text
    quote = rendered("andre-plikter", "nb").select_one("main blockquote").get_text(" ", strip=True)
    assert quote.startswith("ved anmeldelse eller på annen måte etter evne å avverge brann")
    assert "fare for menneskeliv eller betydelig skade på kropp eller helse." in quote


def test_the_page_on_hiding_a_visit_has_the_slugs_the_exit_button_links_to(home):
    page = Page.objects.get(slug_nb="skjul-besoket")
    assert page.get_parent().pk == home.pk
    assert (url_of("skjul-besoket", "nb"), url_of("skjul-besoket", "en")) == (
        "/skjul-besoket/",
        "/en/hide-your-visit/",
    )


@pytest.mark.parametrize(
    "target, sources",
    [
        (
            "skjul-besoket",
            [
                ("personvern", ""),
                ("har-jeg-avvergingsplikt", ""),
                ("for-unge", ""),
                ("sporsmal-og-svar", ""),
            ],
        ),
        ("for-unge", [("home", ""), ("hvem-har-plikten", "")]),
        (
            "etter-at-du-har-meldt-fra",
            [
                ("slik-avverger-du", ""),
                ("hva-er-avvergingsplikten", ""),
                ("har-jeg-avvergingsplikt", SELF_CHECK_DUTY),
            ],
        ),
        (
            "si-fra-uten-plikt",
            [("nar-gjelder-plikten", ""), ("har-jeg-avvergingsplikt", SELF_CHECK_NOT_APPLY)],
        ),
        (
            "andre-plikter",
            [("taushetsplikt", ""), ("hvem-har-plikten", ""), ("hvis-du-jobber-med-mennesker", "")],
        ),
        ("tvangsekteskap-og-barneekteskap", [("treneren-og-sommerferien", "")]),
    ],
)
def test_new_topics_are_linked_from_where_readers_are(target, sources):
    for code in ("nb", "en"):
        href = url_of(target, code)
        for slug, query in sources:
            assert links_to(rendered(slug, code, query), href), (target, slug, code)


def test_new_pages_in_sami_show_the_norwegian_text_marked_as_norwegian(client):
    for slug in ("skjul-besoket", "for-unge", "etter-at-du-har-meldt-fra", "andre-plikter"):
        response = client.get(f"/se{url_of(slug, 'nb')}")
        assert response.status_code == 200, slug
        soup = BeautifulSoup(response.content, "lxml")
        assert soup.html["lang"] == "se"
        assert (
            soup.select_one("main h1 [lang=nb]").get_text()
            == Page.objects.get(slug_nb=slug).title_nb
        )


# --- Unconfirmed facts are flagged ----------------------------------------------------------


@pytest.mark.parametrize(
    "slug",
    [
        "etter-at-du-har-meldt-fra",
        "si-fra-uten-plikt",
        "tvangsekteskap-og-barneekteskap",
        "andre-plikter",
        "unntak",
        "det-barnet-fortalte",
        "broren",
        "har-jeg-avvergingsplikt",
    ],
)
def test_pages_resting_on_unconfirmed_facts_are_flagged_with_what_to_check_and_where(slug):
    page = Page.objects.get(slug_nb=slug).specific
    assert page.needs_legal_review, slug
    note = page.legal_review_note.lower()
    assert "check" in note and re.search(r"lovdata|lov-\d{4}|§", note), slug
