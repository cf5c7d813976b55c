"""plikt.i18n.ui with a partly translated Sámi catalog: only the fallback is marked nb.

The real Sámi catalogs are empty today, so a test catalog stands in for a translator's first
strings. Its "translations" are the English msgid with a "[se]" tag: placeholders, not Sámi.
"""

import polib
import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.utils import translation

from guidance import selfcheck
from guidance.models import Setting
from plikt.i18n import ui

TRANSLATED = ("Exit this page", "Yes", "Site search", "School")


def placeholder(msgid: str) -> str:
    return f"[se] {msgid}"


@pytest.fixture
def partial_catalog(tmp_path, settings):
    """A Sámi catalog that translates only TRANSLATED, ahead of the project's catalogs."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "se"}
    for msgid in TRANSLATED:
        po.append(polib.POEntry(msgid=msgid, msgstr=placeholder(msgid)))
    folder = tmp_path / "se" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po.save_as_mofile(str(folder / "django.mo"))
    # Changing LOCALE_PATHS empties Django's translation cache (django.test.signals).
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    with translation.override("se"):
        yield


def render(source: str, **context) -> BeautifulSoup:
    html = engines["django"].from_string("{% load i18n plikt_i18n %}" + source).render(context)
    return BeautifulSoup(f'<div lang="se">{html}</div>', "lxml")


def language_of(element) -> str:
    """The nearest lang attribute: the language a screen reader reads the element in."""
    if element.has_attr("lang"):
        return element["lang"]
    return element.find_parent(attrs={"lang": True})["lang"]


def test_the_catalog_decides_which_language_a_string_is_in(partial_catalog):
    assert ui.message_language("Exit this page") == "se"
    assert ui.message_language("Search") == "nb"  # not in the Sámi catalog: Norwegian shown
    assert ui.message_language("No msgid like this") == "en"  # in no catalog: the msgid shown
    assert ui.gettext("Exit this page") == placeholder("Exit this page")
    assert ui.gettext("Search").lang == "nb"
    with translation.override("en"):
        assert ui.message_language("Search") == "en"
    with translation.override("nb"):
        assert ui.message_language("Search") == "nb"


def test_translate_tag_marks_only_the_fallback(partial_catalog):
    soup = render('<p>{% translate "Exit this page" %}</p><p>{% translate "Search" %}</p>')
    translated, fallback = soup.find_all("p")
    assert translated.get_text() == placeholder("Exit this page")
    assert translated.find(attrs={"lang": True}) is None  # read as Sámi, like the page
    assert fallback.get_text() == "Søk"
    assert fallback.find("span")["lang"] == "nb"


def test_blocktranslate_marks_the_fallback_and_keeps_its_markup(partial_catalog):
    soup = render(
        "<p>{% blocktranslate trimmed %}If someone is in danger now, call the police on "
        '<a class="ds-link" href="tel:112">112</a>.{% endblocktranslate %}</p>'
    )
    span = soup.find("p").find("span", attrs={"lang": "nb"})
    assert span is not None and span.find("a")["href"] == "tel:112"


def test_attributes_take_their_language_from_the_element(partial_catalog):
    soup = render(
        "{% translate 'Site search' as label %}"
        '<form aria-label="{{ label }}"{% lang_of label %}></form>'
        "{% translate 'Language' as other %}"
        '<nav aria-label="{{ other }}"{% lang_of other %}></nav>'
    )
    assert soup.find("form")["aria-label"] == placeholder("Site search")
    assert not soup.find("form").has_attr("lang")
    assert soup.find("nav")["aria-label"] == "Språk"
    assert soup.find("nav")["lang"] == "nb"


def test_translated_text_inside_a_norwegian_element_is_marked_with_the_page_language(
    partial_catalog,
):
    soup = render(
        "{% translate 'Language' as label %}"
        '<form aria-label="{{ label }}"{% lang_of label %}>{% with text_lang=label.lang %}'
        '<button>{% translate "Exit this page" %}</button><b>{% translate "Search" %}</b>'
        "{% endwith %}</form>"
    )
    assert soup.find("form")["lang"] == "nb"
    assert soup.find("button").find("span")["lang"] == "se"
    assert soup.find("b").find("span") is None  # Norwegian inside Norwegian: no mark needed


def test_python_labels_carry_their_language(partial_catalog):
    labels = {choice["value"]: choice["label"] for choice in selfcheck.choices_for("likely")}
    assert (labels["yes"], labels["yes"].lang) == (placeholder("Yes"), "se")
    assert (labels["no"], labels["no"].lang) == ("Nei", "nb")
    assert ui.text(Setting.SCHOOL.label).lang == "se"
    assert ui.text(Setting.FAMILY.label).lang == "nb"
    soup = render("<p>{% marked yes %}</p><p>{% marked no %}</p>", **labels)
    yes, no = soup.find_all("p")
    assert yes.find("span") is None
    assert no.find("span")["lang"] == "nb"


def test_a_sami_page_with_a_partial_catalog_marks_only_the_fallback(partial_catalog, client, db):
    soup = BeautifulSoup(client.get("/se/").content, "lxml")
    exit_button = soup.select_one(".quick-exit__button")
    assert exit_button.get_text(strip=True) == placeholder("Exit this page")
    assert language_of(exit_button) == "se"
    # The search form (on the search page since the header has only a link to it).
    form = BeautifulSoup(client.get("/se/sok/").content, "lxml").select_one(
        "main form[role=search]"
    )
    assert form["aria-label"] == placeholder("Site search")
    assert language_of(form) == "se"
    assert language_of(form.find("button").find(string=True).parent) == "nb"  # «Søk»


def test_english_pages_get_no_norwegian_marks_from_the_interface(client, db):
    soup = BeautifulSoup(client.get("/en/").content, "lxml")
    marked = soup.select("[lang=nb]")
    # Only the language switcher's link to the Norwegian site, which names itself «norsk».
    assert [element.get_text(strip=True) for element in marked] == ["norsk"]


def test_a_msgid_from_a_variable_is_looked_up_on_every_render(partial_catalog):
    template = engines["django"].from_string(
        "{% load i18n plikt_i18n %}<p>{% translate msgid %}</p>"
    )
    for _ in range(2):  # Django flags its variable to translate after the first render
        exit_text = BeautifulSoup(template.render({"msgid": "Exit this page"}), "lxml")
        assert exit_text.find("span") is None
        search = BeautifulSoup(template.render({"msgid": "Search"}), "lxml")
        assert search.find("span")["lang"] == "nb"
