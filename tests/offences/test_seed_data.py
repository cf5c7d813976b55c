"""The catalogue the demo content builds: § 196 as in force, from offences/content/*.toml."""

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from offences import demo, lovdata
from offences.models import Law, Letter, OffenceCategory, OffenceIndexPage, OffencePage

ACT = Path(__file__).resolve().parents[1] / "fixtures" / "nl-20250620-086.xml"

pytestmark = pytest.mark.django_db


def letter_a_pages():
    return OffencePage.objects.filter(law=Law.STRAFFELOVEN, letter=Letter.A)


def test_the_catalogue_equals_letter_a_of_the_2025_act_read_by_the_check_law_parser():
    act = lovdata.read(ACT)
    assert len(act.entries) == 48
    expected = {(e.section, e.paragraph, e.heading) for e in act.entries}
    found = list(letter_a_pages().values_list("section", "paragraph", "official_title_nb"))
    assert len(found) == len(expected)
    assert set(found) - expected == set()  # nothing the act does not name, or names otherwise
    assert expected - set(found) == set()  # nothing the act names is missing


def test_section_262_is_only_its_second_paragraph():
    page = OffencePage.objects.get(section="262")
    assert page.paragraph == 2
    assert page.legislation_identifier == "straffeloven § 262 annet ledd"
    assert page.official_title_nb == "Ekteskap med noen under 16 år"
    assert page.lovdata_url == "https://lovdata.no/lov/2005-05-20-28/§262"
    assert "16" in page.special_conditions_nb and "second paragraph" in page.special_conditions_en


def test_the_headings_the_issue_found_wrong_are_the_acts():
    heading = {p.section: p.official_title_nb for p in letter_a_pages()}
    assert heading["255"] == "Grov frihetsberøvelse"
    assert heading["256"] == "Forbund om grov frihetsberøvelse"
    assert heading["279"] == "Forbund om drap eller å volde betydelig skade på kropp eller helse"
    assert heading["303"] == "Grov seksuell omgang mv. med barn mellom 14 og 16 år"


def test_letters_b_and_c_are_as_before():
    def sections(law):
        return set(OffencePage.objects.filter(law=law).values_list("section", flat=True))

    assert sections(Law.MILITAER_STRAFFELOV) == {"50", "52", "96"}
    assert sections(Law.SIKKERHETSLOVEN) == {"7-5"}
    assert set(
        OffencePage.objects.filter(law=Law.MILITAER_STRAFFELOV).values_list("letter", flat=True)
    ) == {"b"}
    assert OffencePage.objects.get(law=Law.SIKKERHETSLOVEN).letter == "c"


@pytest.mark.parametrize("code", ["nb", "en"])
def test_no_two_offences_share_a_title(code):
    titles = Counter(OffencePage.objects.values_list(f"title_{code}", flat=True))
    assert [title for title, count in titles.items() if count > 1] == []


def test_every_offence_has_norwegian_and_english_text_and_no_sami_text():
    for page in OffencePage.objects.all():
        for code in ("nb", "en"):
            for name in ("title", "summary", "body", "search_words", "slug"):
                assert getattr(page, f"{name}_{code}"), (page.section, name, code)
        for code in ("se", "sma", "smj"):
            for name in ("title", "summary", "official_title", "special_conditions", "body"):
                assert not getattr(page, f"{name}_{code}"), (page.section, name, code)
            assert not getattr(page, f"search_words_{code}")
    for category in OffenceCategory.objects.all():
        assert category.name_nb and category.name_en
        assert not (category.name_se or category.name_sma or category.name_smj)


# What a page said when nobody had written its explanation, and what invented shared titles
# looked like (issue 12): none of it may come back.
PLACEHOLDERS = re.compile(
    r"ikke skrevet|not (yet )?written|ennå ikke en forklaring|lorem|todo|placeholder|"
    r"Lovbrudd etter straffeloven §|Offence under section|Terrorrelatert lovbrudd|"
    r"Angrep på Norges selvstendighet og sikkerhet",
    re.IGNORECASE,
)


def test_no_offence_page_contains_placeholder_text():
    # What readers read of each page: every text field and the body, in both languages.
    for page in OffencePage.objects.all():
        for code in ("nb", "en"):
            body = BeautifulSoup(str(getattr(page, f"body_{code}")), "lxml")
            texts = [body.get_text(" ", strip=True)] + [
                getattr(page, f"{name}_{code}") or ""
                for name in ("title", "official_title", "summary", "special_conditions")
            ]
            found = PLACEHOLDERS.search(" ".join(texts))
            assert not found, (page.legislation_identifier, code, found)


def test_every_offence_explains_itself_beyond_its_summary():
    for page in OffencePage.objects.all():
        for code in ("nb", "en"):
            body = getattr(page, f"body_{code}")
            assert body.raw_data and body.raw_data[0]["type"] == "text", (page.section, code)


def test_conditions_of_section_196_are_on_the_pages_they_apply_to_only():
    for section in ("312", "314"):
        page = OffencePage.objects.get(law=Law.STRAFFELOVEN, section=section)
        assert "16" in page.special_conditions_nb and "under 16" in page.special_conditions_en
    with_condition = OffencePage.objects.exclude(special_conditions_nb="").exclude(
        special_conditions_nb=None
    )
    assert set(with_condition.values_list("section", flat=True)) == {"262", "312", "314"}


def test_what_the_act_settles_is_not_flagged_and_what_it_does_not_is_flagged_with_a_note():
    for page in OffencePage.objects.all():
        assert page.needs_legal_review and page.legal_review_note.strip(), page.section
        note = page.legal_review_note
        assert "Official title unconfirmed" not in note  # the act confirms every heading
        assert "Inclusion unconfirmed" not in note  # ... and that § 196 names the section
    note = {page.section: page.legal_review_note for page in OffencePage.objects.all()}
    assert "English" in note["111"] and "§ 111" in note["111"]
    assert "English" not in note["282"]  # its English heading is confirmed in the sources
    assert "explanation" not in note["291"].lower()  # the act gives § 291's whole text
    assert "under 16" in note["312"] and "second paragraph" in note["314"]
    assert "§ 262 second paragraph" in note["262"]
    assert "letter b)" in note["50"] and "LOVDATA_IDS" in note["50"]


def test_categories_fit_the_offences():
    category = {p.section: p.category.key for p in OffencePage.objects.select_related("category")}
    assert category["262"] == category["253"] == "forced-marriage"
    assert category["223"] == "false-accusation"
    assert category["192"] == category["193"] == category["194"] == "infrastructure"
    assert category["303"] == category["299"] == "children"
    assert not OffencePage.objects.filter(category=None).exists()


def test_search_words_say_what_a_worried_reader_types():
    page = OffencePage.objects.get(section="303")
    for word in ("15 år", "15-åring", "14 år", "voldtekt"):
        assert word in page.search_words_nb
    assert "15-year-old" in page.search_words_en
    assert "tvangsgifte" in OffencePage.objects.get(section="253").search_words_nb
    assert "omskjæring" in OffencePage.objects.get(section="284").search_words_nb
    assert "vold i hjemmet" in OffencePage.objects.get(section="282").search_words_nb


def test_reloading_the_demo_content_changes_nothing():
    before = list(OffencePage.objects.order_by("pk").values_list("pk", "live", "title_nb"))
    categories = OffenceCategory.objects.count()
    call_command("load_demo_content", verbosity=0)
    after = list(OffencePage.objects.order_by("pk").values_list("pk", "live", "title_nb"))
    assert after == before and OffenceCategory.objects.count() == categories
    assert len(before) == 48 + 3 + 1


def test_the_loader_unpublishes_and_flags_its_own_pages_that_left_the_data():
    index = OffenceIndexPage.objects.get()
    gone = OffencePage.objects.get(section="259")
    edited = OffencePage.objects.get(section="327")
    edited.save_revision(user=_editor()).publish()  # a person has worked on this one
    keep = {o.key for o in demo.offences()} - {(gone.law, "259", None), (edited.law, "327", None)}
    retired = demo.retire(index, keep)
    assert [page.pk for page in retired] == [gone.pk]
    gone.refresh_from_db()
    assert not gone.live and gone.needs_legal_review
    assert "no longer in offences/content/offences.toml" in gone.legal_review_note.lower()
    edited.refresh_from_db()
    assert edited.live


def _editor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("editor", "editor@example.com", "pw")
