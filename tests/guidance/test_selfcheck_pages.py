"""The self-check as a reader meets it: GET forms, one question per page, outcomes, errors."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from guidance import selfcheck as sc
from guidance.models import SelfCheckPage
from plikt import languages
from tests.guidance.test_selfcheck import PATH_IDS, PATHS

pytestmark = pytest.mark.django_db


def url_in(code: str) -> str:
    with translation.override(code):
        return SelfCheckPage.objects.live().get().get_url()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, BeautifulSoup(response.content, "lxml")


# The paths below share their first steps (every one starts at the same question): each
# step's page is rendered and parsed once for all of them, and the English walk through every
# step (test_no_step_of_any_path_shows_an_error_after_a_valid_answer) meets the very same
# addresses, so it reads them from here too. Only those tests use it; they read the demo site
# as every test starts it, and the answers live in the address alone.
_rendered = {}


def get_shared(client, url):
    if url not in _rendered:
        _rendered[url] = get(client, url)
    return _rendered[url]


def submit(client, soup, answer: str | None, get=get):
    """Send the question's form as a browser would: hidden fields plus the chosen radio."""
    form = soup.select_one("form.self-check__form")
    pairs = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    if answer is not None:
        radio = form.select_one(f"input[type=radio][value={answer}]")
        assert radio is not None, f"no choice {answer!r}"
        pairs.append((radio["name"], radio["value"]))
    return get(client, form["action"] + "?" + urlencode(pairs))


def main_text(soup) -> str:
    return soup.find("main").get_text(" ", strip=True)


def test_the_start_page_explains_and_links_to_the_first_question(client):
    _response, soup = get(client, url_in("en"))
    assert soup.h1.get_text(strip=True) == "Do I have a duty to avert?"
    start = soup.find("a", string="Start now")
    assert start["href"].endswith(sc.START_QUERY)
    assert not soup.select("form.self-check__form")


@pytest.mark.parametrize(("answers", "outcome"), PATHS, ids=PATH_IDS)
def test_every_path_through_the_forms_reaches_its_outcome(client, answers, outcome):
    page = SelfCheckPage.objects.live().get()
    _response, soup = get_shared(client, url_in("en") + sc.START_QUERY)
    for key, value in answers.items():
        # One question per page: its text is the page's only h1, inside the legend.
        assert soup.select_one("legend h1").get_text(strip=True) == getattr(
            page, f"{key}_question_en"
        )
        assert soup.select_one(".back-link")
        _response, soup = submit(client, soup, value, get=get_shared)
    assert soup.h1.get_text(strip=True) == getattr(page, f"{outcome}_heading_en")
    assert page.disclaimer_en in main_text(soup)


def test_every_step_shows_the_emergency_number(client):
    base = url_in("nb")
    queries = ["", sc.START_QUERY, "?offence=listed", "?offence=no", "?offence=x&asked=offence"]
    for query in queries:
        _response, soup = get(client, base + query)
        assert soup.select_one('main a[href="tel:112"]'), query


def test_an_empty_answer_shows_the_question_again_with_an_error_summary(client):
    _response, soup = get(client, url_in("en") + sc.START_QUERY)
    response, soup = submit(client, soup, None)
    summary = soup.select_one(".ds-error-summary")
    assert summary is not None
    assert "Choose an answer" in summary.get_text()
    # The summary links to the first choice, and the page title says there is an error.
    first_radio = soup.select_one("input[type=radio]")
    assert summary.a["href"] == "#" + first_radio["id"]
    assert soup.title.get_text().startswith("Error:")
    assert soup.select_one("legend h1").get_text(strip=True).startswith("Is it one of")


def error_shown(soup) -> list[str]:
    """Every sign of an error a reader would meet: summary, message, invalid radios, title."""
    signs = [el.name + "." + " ".join(el.get("class", [])) for el in soup.select(
        ".ds-error-summary, .ds-validation-message, [aria-invalid], [autofocus]"
    )]  # fmt: skip
    error_word = str(sc.ERRORS[sc.INVALID])  # the lazy strings follow the active language
    if soup.title.get_text().startswith(("Error:", "Feil:")) or error_word in soup.get_text():
        signs.append("title or text")
    return signs


@pytest.mark.parametrize("code", languages.CODES)
def test_no_step_of_any_path_shows_an_error_after_a_valid_answer(client, code):
    """Every question every path reaches, by sending each earlier question's form with each
    of its choices, in each language: a fresh question, with no error and no focus moved."""
    # English shares its pages with the path tests above (parsed pages are kept only for the
    # one language they read: a hundred parsed pages per language would be a lot to hold).
    get_step = get_shared if code == "en" else get
    with translation.override(code):
        _response, start = get_step(client, url_in(code) + sc.START_QUERY)
        assert error_shown(start) == []
        steps, to_answer, outcomes = 1, [start], 0
        while to_answer:
            soup = to_answer.pop()
            for radio in soup.select("form.self-check__form input[type=radio]"):
                _response, after = submit(client, soup, radio["value"], get=get_step)
                assert error_shown(after) == [], (code, radio["name"], radio["value"])
                if after.select_one("form.self-check__form"):
                    steps += 1
                    to_answer.append(after)
                else:
                    outcomes += 1
    # The walk met every step: each answered beginning of a path is one more question, and
    # every path ends on its own outcome page.
    beginnings = {
        tuple(answers.items())[:length]
        for answers, _outcome in PATHS
        for length in range(1, len(answers))
    }
    assert (steps, outcomes) == (1 + len(beginnings), len(PATHS))


@pytest.mark.parametrize("code", languages.CODES)
@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("?start=&asked=offence", sc.MISSING),  # Continue without choosing
        ("?offence=listed&asked=likely", sc.MISSING),
        ("?offence=listed&likely=perhaps&asked=likely", sc.INVALID),  # a garbage answer
        ("?offence=%3Cb%3E&asked=offence", sc.INVALID),
    ],
)
def test_a_missing_or_unreadable_answer_shows_one_error_summary_after_the_h1(
    client, code, query, error
):
    with translation.override(code):
        _response, soup = get(client, url_in(code) + query)
        message = str(sc.ERRORS[error])
    summaries = soup.select(".ds-error-summary")
    assert len(summaries) == 1
    summary = summaries[0]
    assert message in summary.get_text(" ", strip=True)
    # After the page's one h1 (the question), and no heading before that h1.
    h1 = soup.find("h1")
    assert summary.find_previous("h1") is h1
    assert not h1.find_all_previous(["h2", "h3", "h4", "h5", "h6"])
    # Valid HTML: aria-labelledby only where the element has a role that may be named (a
    # named <section> is a region; a plain <div> is not), pointing at the summary's heading.
    assert summary.name == "section" or summary.get("role")
    assert soup.find(id=summary["aria-labelledby"]) is summary.find(["h2", "h3"])
    assert "autofocus" in summary.attrs and summary["tabindex"] == "-1"
    assert summary.a["href"] == "#" + soup.select_one("input[type=radio]")["id"]


@pytest.mark.parametrize(
    "query",
    [
        "?offence=<script>alert(1)</script>&asked=offence",
        "?offence=listed&likely=perhaps&asked=likely",
        "?likely=yes&avertable=yes&risk=no&asked=risk",  # first answer removed
        "?offence=listed&offence=%00&asked=offence",
        "?offence=" + "a" * 3000,
        "?asked=<b>",
    ],
)
def test_tampered_answers_give_the_question_again_never_a_500(client, query):
    response, soup = get(client, url_in("en") + query)
    assert soup.select_one(".ds-error-summary") is not None
    assert soup.select_one("form.self-check__form") is not None
    assert b"<script>alert" not in response.content


def test_answers_are_never_stored_cached_or_sent_on(client):
    response, _soup = get(client, url_in("en") + "?offence=listed&likely=yes&asked=likely")
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert not client.session.keys()


def test_a_form_carries_earlier_answers_and_nothing_else(client):
    _response, soup = get(client, url_in("en") + "?offence=listed&likely=yes&junk=1&asked=likely")
    form = soup.select_one("form.self-check__form")
    assert form["method"] == "get"
    hidden = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    assert hidden == [("offence", "listed"), ("likely", "yes"), ("asked", "avertable")]
    assert not soup.find("input", attrs={"name": "csrfmiddlewaretoken"})


def checked(soup) -> list[str]:
    return [radio["value"] for radio in soup.select("input[type=radio][checked]")]


def test_back_link_from_an_outcome_returns_to_the_last_question_with_the_answer_chosen(client):
    query = "?offence=listed&likely=yes&avertable=yes&risk=no&asked=risk"
    _response, soup = get(client, url_in("en") + query)
    back = soup.select_one(".back-link")["href"]
    response, soup = get(client, back)
    assert soup.select_one("legend h1").get_text(strip=True).startswith("Would averting")
    assert checked(soup) == ["no"]
    assert not soup.select_one(".ds-error-summary")
    # Still only in the address: nothing stored, nothing cached, nothing sent on.
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_back_goes_question_by_question_keeping_every_answer_so_far(client):
    given = [("offence", "close"), ("under16", "unsure"), ("likely", "yes"), ("avertable", "no")]
    _response, soup = get(client, url_in("en") + sc.START_QUERY)
    for _key, value in given:
        _response, soup = submit(client, soup, value)
    assert soup.h1.get_text(strip=True) == SelfCheckPage.objects.live().get().not_apply_heading_en

    for position in reversed(range(len(given))):
        _response, soup = get(client, soup.select_one(".back-link")["href"])
        key, value = given[position]
        assert soup.select_one("input[type=radio]")["name"] == key
        assert checked(soup) == [value]
        form = soup.select_one("form.self-check__form")
        hidden = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
        assert hidden == [*given[:position], ("asked", key)]
    # Back from the first question: the start page.
    _response, soup = get(client, soup.select_one(".back-link")["href"])
    assert soup.find("a", string="Start now")


def test_a_changed_answer_after_going_back_takes_the_new_path(client):
    _response, soup = get(client, url_in("en") + "?offence=listed&likely=no&asked=likely")
    _response, soup = get(client, soup.select_one(".back-link")["href"])
    assert checked(soup) == ["no"]
    _response, soup = submit(client, soup, "yes")  # the form never carries "change"
    assert soup.select_one("input[type=radio]")["name"] == "avertable"
    assert checked(soup) == []


def test_editors_text_is_what_readers_see_in_each_language(client):
    page = SelfCheckPage.objects.live().get()
    page.likely_question_en = "Edited: is it more likely than not?"
    page.likely_question_se = ""
    page.save_revision().publish()
    _response, soup = get(client, url_in("en") + "?offence=listed&asked=offence")
    assert (
        soup.select_one("legend h1").get_text(strip=True) == "Edited: is it more likely than not?"
    )
    # Sámi has no text yet: the Norwegian question is shown, marked as Norwegian.
    _response, soup = get(client, url_in("se") + "?offence=listed&asked=offence")
    fallback = soup.select_one("legend h1 [lang=nb]")
    assert fallback is not None
    assert fallback.get_text(strip=True) == page.likely_question_nb


def test_the_offence_question_links_the_catalogue_when_there_is_one(client):
    from django.apps import apps

    _response, soup = get(client, url_in("en") + sc.START_QUERY)
    link = soup.find("a", string="See the offences the duty covers")
    try:
        catalogue = apps.get_model("offences", "OffenceIndexPage").objects.live().first()
    except LookupError:
        catalogue = None
    if catalogue is None:
        assert link is None
    else:
        with translation.override("en"):
            assert link["href"] == catalogue.get_url()
