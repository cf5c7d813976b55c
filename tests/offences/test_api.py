from urllib.parse import urlparse

import pytest

from offences.models import OffencePage

pytestmark = pytest.mark.django_db


def offences(client, query="", headers=None):
    response = client.get(f"/api/v2/offences/?limit=100{query}", headers=headers)
    assert response.status_code == 200, response.content[:500]
    return {item["section"]: item for item in response.json()["items"]}


def test_api_lists_the_whole_catalogue_with_the_promised_fields(client):
    items = offences(client)
    assert len(items) == OffencePage.objects.live().count()
    item = items["282"]
    for key in (
        "law",
        "section",
        "letter",
        "title",
        "official_title",
        "summary",
        "category_info",
        "lovdata_url",
        "last_legal_review",
        "needs_legal_review",
        "meta",
    ):
        assert key in item, key
    assert item["category_info"]["key"] == "close-relationships"
    assert item["meta"]["html_url"].endswith("/lovbrudd/straffeloven-282/")
    assert item["legislation_identifier"] == "straffeloven § 282"


@pytest.mark.parametrize("code", ["nb", "en", "se", "sma", "smj"])
def test_api_answers_in_every_language_and_says_which_language_each_value_is_in(client, code):
    item = offences(client, f"&lang={code}")["282"]
    page = OffencePage.objects.get(section="282")
    expected = code if code in ("nb", "en") else "nb"  # Sámi falls back to Norwegian
    assert item["field_languages"]["title"] == expected
    assert item["field_languages"]["summary"] == expected
    assert item["title"] == getattr(page, f"title_{expected}")
    assert item["category_info"]["language"] == expected
    path = urlparse(item["meta"]["html_url"]).path
    if code == "en":
        assert path == "/en/offences/penal-code-282/"
    else:
        assert path == ("" if code == "nb" else f"/{code}") + "/lovbrudd/straffeloven-282/"


def test_api_follows_accept_language_when_no_lang_is_given(client):
    item = offences(client, headers={"Accept-Language": "en"})["282"]
    assert item["title"] == "Violence and abuse in the family"


def test_api_lang_parameter_does_not_leak_into_the_next_request(client):
    offences(client, "&lang=en")
    assert offences(client)["282"]["field_languages"]["title"] == "nb"


def test_api_detail_and_field_filter(client):
    page = OffencePage.objects.get(section="312")
    detail = client.get(f"/api/v2/offences/{page.pk}/?lang=en").json()
    assert detail["special_conditions"].startswith("The duty applies only")
    filtered = client.get("/api/v2/offences/?section=312").json()
    assert [item["id"] for item in filtered["items"]] == [page.pk]


def test_api_gives_the_paragraph_where_section_196_names_only_one(client):
    marriage = client.get("/api/v2/offences/?section=262&lang=en").json()["items"]
    assert len(marriage) == 1
    assert marriage[0]["paragraph"] == 2
    assert marriage[0]["legislation_identifier"] == "straffeloven § 262 annet ledd"
    assert offences(client)["282"]["paragraph"] is None


@pytest.mark.parametrize("query", ["?lang=xx", "?lang=" + "e" * 3000, "?nonsense=1", "?limit=abc"])
def test_api_bad_input_is_a_400_with_a_message(client, query):
    response = client.get("/api/v2/offences/" + query)
    assert response.status_code == 400
    assert response.json()


def test_api_hides_unpublished_offences(client):
    page = OffencePage.objects.get(section="282")
    page.unpublish()
    assert "282" not in offences(client)


@pytest.mark.parametrize("search", [" ", "!!", "*", "()"])
def test_search_without_a_word_is_refused_with_400_not_a_server_error(client, db, search):
    response = client.get("/api/v2/offences/", {"search": search})
    assert response.status_code == 400
    assert "search" in response.json()["message"]


@pytest.mark.parametrize(
    "query",
    ["search=drap&search_operator=1", "id=", "id=x", "id=%C2%B2"],
)
def test_malformed_parameters_are_refused_with_400_not_a_server_error(client, db, query):
    for path in ("/api/v2/offences/", "/api/v2/offences/find/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        assert response.json()["message"]


def test_an_id_beyond_64_bits_is_not_found_rather_than_a_server_error(client, db):
    huge = str(2**64)
    assert client.get(f"/api/v2/offences/{huge}/").status_code == 404
    assert client.get(f"/api/v2/offences/find/?id={huge}").status_code == 404
