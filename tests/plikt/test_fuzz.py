"""Fuzzing: random and hostile input to every public URL, query parameter and form.

Whatever a reader (or a scanner) sends, the answer is a page or a clear 4xx, never a 5xx and
never an unhandled exception (Django's test client re-raises those, failing the example).

Targets are discovered at test time where possible, so views added later are fuzzed too:
- every live page in every language, with the known query parameters and hostile headers;
- every GET form on those pages (search, catalogue filter, case-story filter, the
  self-check) with its own field names, mixing real choices and hostile values;
- paths under each language prefix, and made-up prefixes;
- the public JSON API with its parameters;
- URLconf routes that take parameters.
Bounded (``MAX_EXAMPLES`` per target, no deadline) so CI runs it in seconds.
"""

import os
import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plikt import languages
from tests.plikt.public_urls import live_page_urls, parametrised_routes, static_routes

# PLIKT_FUZZ_EXAMPLES=600 digs deeper by hand; make test and CI keep it quick.
MAX_EXAMPLES = int(os.environ.get("PLIKT_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,  # no example database: every run starts fresh, results never go stale
)

# Query parameters some public view reads (search, catalogue, case stories, self-check,
# pagination, the API); each is fuzzed on every page, not only where it belongs.
KNOWN_PARAMETERS = [
    "q", "page", "category", "setting", "lang", "limit", "offset", "fields", "search",
    "order", "type", "section", "child_of", "descendant_of", "locale", "asked", "start",
    "search_operator", "format", "id", "slug",
]  # fmt: skip

HOSTILE_STRINGS = [
    "", " ", "0", "-1", "1e9", "99999999999999999999999", "NaN", "Infinity", "None", "null",
    "true", "[]", "{}", "*", "%", "_", "\\", "'", '"', "' OR '1'='1", "1; DROP TABLE x;--",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "{% debug %}",
    "${jndi:ldap://x}", "../../../../etc/passwd", "%2e%2e%2f", "\x00", "a\x00b", "\r\nX: y",
    "\u202eevil", "\ufeff", "🙂" * 50, "ǥ" * 300, "a" * 3000, "-id", "title,-id", "id,,",
    "*,-title", "__proto__", "nb", "en", "se", "sma", "smj", "xx", "EN", "se-NO", "zh-Hant",
]  # fmt: skip

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(max_size=80),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
header_text = st.one_of(
    st.sampled_from(["", "*", "nb", "en;q=0.9", "se,sma;q=0.8", "xx-YY", "en;q=abc", "a" * 500]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
)
parameter_values = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


def assert_handled(response, url):
    assert response.status_code < 500, f"{response.status_code} for {url!r}"


def get(client, path, params=None, **headers):
    response = client.get(path, params or {}, headers=headers)
    assert_handled(response, (path, params))
    return response


@pytest.fixture
def pages(db):
    return live_page_urls()


_FORMS = {}


def discovered_forms(client, urls):
    """{action path: {field: [real values]}} for each GET form on the public pages (looked up
    once per test, not once per example)."""
    key = tuple(urls)
    if key not in _FORMS:
        _FORMS.clear()
        _FORMS[key] = _find_forms(client, urls)
    return _FORMS[key]


def _find_forms(client, urls):
    forms = {}
    for url in urls:
        soup = BeautifulSoup(client.get(url).content, "lxml")
        for form in soup.find_all("form"):
            if (form.get("method") or "get").lower() != "get":
                continue
            action = form.get("action") or url
            fields = forms.setdefault(action, {})
            for field in form.find_all(["input", "select", "textarea"]):
                name = field.get("name")
                if not name:
                    continue
                values = fields.setdefault(name, [])
                for option in field.find_all("option") if field.name == "select" else [field]:
                    if option.get("value") is not None:
                        values.append(option["value"])
    return forms


@FUZZ
@given(data=st.data())
def test_pages_survive_hostile_query_parameters_and_headers(client, pages, data):
    url = data.draw(st.sampled_from(pages), label="page")
    names = data.draw(st.lists(st.sampled_from(KNOWN_PARAMETERS), max_size=4, unique=True))
    params = {name: data.draw(parameter_values) for name in names}
    get(
        client,
        url,
        params,
        accept_language=data.draw(header_text),
        x_request_id=data.draw(header_text),
    )


@FUZZ
@given(data=st.data())
def test_every_get_form_survives_hostile_answers(client, pages, data):
    forms = discovered_forms(client, pages[:60])
    if not forms:
        pytest.skip("no GET forms on the public pages yet")
    action = data.draw(st.sampled_from(sorted(forms)), label="form")
    params = {}
    for name, real_values in forms[action].items():
        choice = data.draw(
            st.one_of(
                st.just(None),  # left out
                st.sampled_from(real_values) if real_values else st.just(""),
                parameter_values,
            )
        )
        if choice is not None:
            params[name] = choice
    get(client, action, params)


@FUZZ
@given(
    prefix=st.sampled_from(["", *(f"/{code}" for code in languages.CODES), "/xx", "/EN", "/se-no"]),
    segments=st.lists(hostile_text.filter(lambda s: s not in {".", ".."}), max_size=3),
    query=st.one_of(st.just(""), hostile_text),
)
def test_paths_under_every_language_prefix_are_pages_or_404s(client, db, prefix, segments, query):
    path = prefix + "/" + "".join(quote(segment, safe="") + "/" for segment in segments)
    response = client.get(path, {"q": query} if query else {})
    assert_handled(response, path)


def search_paths():
    try:
        search = reverse("search")
    except NoReverseMatch:
        return []
    return [search] + [f"/{code}{search}" for code in languages.CODES if code != "nb"]


@pytest.mark.skipif(not search_paths(), reason="no search view yet")
@FUZZ
@given(
    path=st.sampled_from(search_paths() or ["/"]),
    q=parameter_values,
    page=st.one_of(hostile_text, st.integers(-5, 10**12).map(str)),
)
def test_search_survives_any_query_and_page(client, db, path, q, page):
    get(client, path, {"q": q, "page": page})


# Every parameter the catalogue API reads (offences/api.py, Wagtail's PagesAPIViewSet and its
# filters), with values it understands: fuzzing mixes them with hostile ones, so that a real
# value in one parameter lets a hostile one in another reach the database.
API_PARAMETERS = {
    "lang": ["nb", "en", "se", "xx"],
    "limit": ["1", "100", "101", "0"],
    "offset": ["0", "50", "-1"],
    "fields": ["*", "_", "title", "-title", "*,-summary", "title,category_info", "meta(*)"],
    "search": ["drap", "vold i nære relasjoner", " ".join(["ord"] * 250)],
    "search_operator": ["and", "or"],
    "order": ["title", "-title", "random", "section", "id", "-first_published_at"],
    "type": ["offences.OffencePage", "plikt.ContentPage", "wagtailcore.Page", "offences.Nope"],
    "section": ["282", "312", "262"],
    "paragraph": ["1", "2"],
    "law": ["straffeloven"],
    "letter": ["a"],
    "child_of": ["1", "root"],
    "descendant_of": ["1", "3"],
    "html_path": ["/", "/lovbrudd/", "/lovbrudd/straffeloven-282/", "en/offences/"],
    "locale": ["nb"],
    "format": ["json", "api"],
    "id": ["1", "8"],
    "slug": ["straffeloven-282"],
    "category": ["close-relationships"],
}


def api_listings():
    return [route for route in static_routes() if route.startswith("/api/")]


@pytest.mark.skipif(not api_listings(), reason="no public API yet")
@FUZZ
@given(data=st.data())
def test_api_answers_hostile_parameters_with_4xx_not_5xx(client, db, data):
    """Listing, detail and find: JSON every time, never a 5xx, never a cookie."""
    listing = data.draw(st.sampled_from(api_listings()))
    endpoint = data.draw(
        st.one_of(
            st.just(""),
            st.just("find/"),
            st.integers(1, 60).map(lambda pk: f"{pk}/"),
            hostile_text.map(lambda v: quote(v, safe="") + "/"),
        ),
        label="endpoint",
    )
    names = data.draw(st.lists(st.sampled_from(sorted(API_PARAMETERS)), max_size=4, unique=True))
    params = {
        name: data.draw(st.one_of(st.sampled_from(API_PARAMETERS[name]), parameter_values))
        for name in names
    }
    response = get(client, listing + endpoint, params)
    assert not response.cookies, response.cookies
    if not 300 <= response.status_code < 400:  # find/ redirects to the detail URL
        assert response["Content-Type"].startswith("application/json"), response["Content-Type"]


def fill_route(pattern):
    """A path for a URLconf pattern with its parameters as drawable slots."""
    pattern = pattern.lstrip("^").rstrip("$")
    parts = re.split(r"(<[^>]+>|\([^)]*\)\*?)", pattern)
    return parts


@FUZZ
@given(data=st.data())
def test_routes_with_parameters_survive_any_value(client, db, data):
    routes = [pattern for pattern, _entry in parametrised_routes() if "_util/" not in pattern]
    if not routes:
        pytest.skip("no parametrised public routes")
    pattern = data.draw(st.sampled_from(routes), label="route")
    path = ""
    for part in fill_route(pattern):
        if part.startswith("<") or part.startswith("("):
            value = data.draw(st.one_of(st.integers(-5, 10**12).map(str), hostile_text), label=part)
            path += quote(value, safe="")
        else:
            path += part.replace("\\", "")
    get(client, "/" + path)
