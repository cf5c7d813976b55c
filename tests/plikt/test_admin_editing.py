from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from plikt.models import ContentPage


def page_form(**fields):
    data = {
        "title_nb": "Ny side",
        "slug_nb": "ny-side",
        "title_en": "New page",
        "slug_en": "new-page",
        "intro_nb": "Kort innledning.",
        "intro_en": "Short introduction.",
        "body_nb": streamfield([("text", rich_text("<p>Norsk tekst.</p>"))]),
        "body_en": streamfield([("text", rich_text("<p>English text.</p>"))]),
        "action-publish": "publish",
    }
    for code in ("se", "sma", "smj"):
        data[f"body_{code}"] = streamfield([])
    data.update(fields)
    return nested_form_data(data)


def test_editor_creates_and_publishes_a_page_in_norwegian_and_english(admin_client, home):
    response = admin_client.post(f"/admin/pages/add/plikt/contentpage/{home.pk}/", page_form())
    assert response.status_code == 302, response.content[:2000]
    page = ContentPage.objects.get(slug_nb="ny-side")
    assert page.live
    assert page.title_en == "New page"

    nb = admin_client.get("/ny-side/")
    en = admin_client.get("/en/new-page/")
    assert b"Norsk tekst." in nb.content
    assert b"English text." in en.content
    assert b'lang="en"' in en.content


def test_editor_copies_a_page_giving_each_language_a_new_slug(admin_client, home):
    original = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    data = {"new_parent_page": home.pk, "publish_copies": "on"}
    for code in ("nb", "en", "se", "sma", "smj"):
        data[f"new_title_{code}"] = getattr(original, f"title_{code}") or ""
        data[f"new_slug_{code}"] = ""
    data.update(
        new_title_nb="Kopi",
        new_slug_nb="kopi",
        new_title_en="Copy",
        new_slug_en="copy",
    )
    response = admin_client.post(f"/admin/pages/{original.pk}/copy/", data)
    assert response.status_code == 302, response.content[:2000]

    copy = ContentPage.objects.get(slug_nb="kopi")
    assert copy.slug_en == "copy"
    assert copy.pk != original.pk
    assert admin_client.get("/kopi/").status_code == 200
    assert admin_client.get("/en/copy/").status_code == 200
    # The original keeps its own addresses.
    assert admin_client.get("/en/who-has-the-duty/").status_code == 200


def test_a_new_pages_slug_is_ascii_with_norwegian_letters_transliterated(admin_client, home):
    # Sent as typed, without the admin's JavaScript (which writes the same, see the browser
    # test): the address must not keep «ø», nor lose it as Django's slugify alone would.
    response = admin_client.post(
        f"/admin/pages/add/plikt/contentpage/{home.pk}/",
        page_form(title_nb="Bølge på fjæra", slug_nb="bølge-på-fjæra"),
    )
    assert response.status_code == 302, response.content[:2000]
    page = ContentPage.objects.get(title_nb="Bølge på fjæra")
    assert page.slug_nb == "bolge-pa-fjaera"
    assert admin_client.get("/bolge-pa-fjaera/").status_code == 200


def test_a_page_made_without_a_slug_gets_an_ascii_one_from_its_title(home):
    page = home.add_child(instance=ContentPage(title="Ærlig øving før påske"))
    assert page.slug == "aerlig-oving-for-paske"


def test_an_existing_pages_address_is_not_changed_by_saving_it(home):
    # A published address must not move: only new pages are transliterated.
    page = home.add_child(instance=ContentPage(title="Gammel", slug="gammel"))
    ContentPage.objects.filter(pk=page.pk).update(slug_nb="gåte", slug="gåte")
    page = ContentPage.objects.get(pk=page.pk)
    page.title = "Gammel side"
    page.full_clean()
    page.save()
    assert ContentPage.objects.get(pk=page.pk).slug_nb == "gåte"


def test_the_admin_slug_field_is_told_to_write_ascii(admin_client, home):
    html = admin_client.get(f"/admin/pages/add/plikt/contentpage/{home.pk}/").content.decode()
    slug = BeautifulSoup(html, "lxml").find("input", attrs={"name": "slug_nb"})
    assert slug["data-controller"] == "w-slug"
    # Stimulus reads a missing boolean value as false: the admin's urlify then transliterates.
    assert not slug.has_attr("data-w-slug-allow-unicode-value")


def test_the_intro_field_is_three_growing_lines_not_a_tall_box(admin_client, home):
    html = admin_client.get(f"/admin/pages/add/plikt/contentpage/{home.pk}/").content.decode()
    soup = BeautifulSoup(html, "lxml")
    for name in ("intro_nb", "intro_en"):
        intro = soup.find("textarea", attrs={"name": name})
        assert intro["rows"] == "3", name
        assert intro["data-controller"] == "w-autosize", name


def test_a_draft_left_by_an_abandoned_add_form_is_named_and_linked_in_norwegian(admin_client, home):
    # What Wagtail 8's autosave leaves when an editor types into "add page" and goes away.
    draft = home.add_child(instance=ContentPage(title="Ny side", slug="ny-side", live=False))
    response = admin_client.post(f"/admin/pages/add/plikt/contentpage/{home.pk}/", page_form())
    assert response.status_code == 200
    assert not ContentPage.objects.filter(slug_nb="ny-side").exclude(pk=draft.pk).exists()
    soup = BeautifulSoup(response.content, "lxml")
    errors = soup.select(".error-message")
    message = " ".join(p.get_text(" ", strip=True) for p in errors)
    assert "«ny-side»" in message and "utkastet «Ny side»" in message, message
    assert "aldri er publisert" in message
    assert "This slug is already in use" not in response.content.decode()
    link = [a for p in errors for a in p.find_all("a")]
    assert [a["href"] for a in link] == [f"/admin/pages/{draft.pk}/edit/"]
    assert link[0].get_text(strip=True) == "Åpne utkastet"


def test_a_published_page_with_the_address_is_named_with_what_to_do(admin_client, home):
    taken = ContentPage.objects.child_of(home).live().first()
    response = admin_client.post(
        f"/admin/pages/add/plikt/contentpage/{home.pk}/",
        page_form(slug_nb=taken.slug_nb, title_nb="Noe annet"),
    )
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "lxml").get_text(" ", strip=True)
    assert f"Adressen «{taken.slug_nb}» brukes allerede av siden «{taken.title_nb}»" in text
    assert "Velg en annen adresse (fanen Fremhev)" in text


def test_a_slug_the_admin_script_wrote_without_the_norwegian_letters_is_repaired(
    admin_client, home
):
    # Chromium, typing «Blåbær og øl» and clicking on: the script sent "blabr-og-l".
    response = admin_client.post(
        f"/admin/pages/add/plikt/contentpage/{home.pk}/",
        page_form(title_nb="Blåbær og øl", slug_nb="blabr-og-l"),
    )
    assert response.status_code == 302, response.content[:2000]
    assert ContentPage.objects.get(title_nb="Blåbær og øl").slug_nb == "blabaer-og-ol"


def test_a_slug_the_editor_chose_is_kept(admin_client, home):
    response = admin_client.post(
        f"/admin/pages/add/plikt/contentpage/{home.pk}/",
        page_form(title_nb="Blåbær og øl", slug_nb="bar"),
    )
    assert response.status_code == 302, response.content[:2000]
    assert ContentPage.objects.get(title_nb="Blåbær og øl").slug_nb == "bar"
