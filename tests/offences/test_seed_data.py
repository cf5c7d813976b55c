import pytest
from django.core.management import call_command

from offences.models import Law, OffenceCategory, OffencePage

# The sections straffeloven § 196 names, from the project's reference notes.
LETTER_A = (
    "111 113 115 117 119 121 123 128 129 138 139 140 141 142 143 144 192 193 194 223 238 239 "
    "255 256 259 274 275 279 282 283 288 291 295 299 312 314 327 329 355 357"
).split()
PROBABLE_2020 = ["131", "133", "240", "253", "258", "284", "303"]
LETTER_B = ["50", "52", "96"]


pytestmark = pytest.mark.django_db


def sections(law):
    return set(OffencePage.objects.filter(law=law).values_list("section", flat=True))


def test_seed_has_every_section_the_reference_lists():
    assert len(LETTER_A) == 40
    assert set(LETTER_A + PROBABLE_2020) == sections(Law.STRAFFELOVEN)
    assert set(LETTER_B) == sections(Law.MILITAER_STRAFFELOV)
    assert {"7-5"} == sections(Law.SIKKERHETSLOVEN)
    assert set(
        OffencePage.objects.filter(law=Law.MILITAER_STRAFFELOV).values_list("letter", flat=True)
    ) == {"b"}
    assert OffencePage.objects.get(law=Law.SIKKERHETSLOVEN).letter == "c"


def test_every_seeded_offence_has_norwegian_and_english_text_and_no_sami_text():
    for page in OffencePage.objects.all():
        assert page.title_nb and page.title_en, page.section
        assert page.summary_nb and page.summary_en, page.section
        assert page.slug_nb and page.slug_en
        for code in ("se", "sma", "smj"):
            for name in ("title", "summary", "official_title", "special_conditions"):
                assert not getattr(page, f"{name}_{code}"), (page.section, name, code)
    for category in OffenceCategory.objects.all():
        assert category.name_nb and category.name_en
        assert not (category.name_se or category.name_sma or category.name_smj)


def test_incest_sections_carry_the_under_16_condition():
    for section in ("312", "314"):
        page = OffencePage.objects.get(law=Law.STRAFFELOVEN, section=section)
        assert "16" in page.special_conditions_nb and "16" in page.special_conditions_en
    others = OffencePage.objects.exclude(section__in=["312", "314"])
    assert not others.exclude(special_conditions_nb="").exclude(special_conditions_nb=None).exists()


def test_entries_resting_on_unconfirmed_facts_are_flagged_with_a_note():
    flagged = OffencePage.objects.filter(needs_legal_review=True)
    for page in flagged:
        assert page.legal_review_note.strip(), page.section
    # the 2020 additions, letters b and c, and sections whose title is unconfirmed
    for section in [*PROBABLE_2020, "50", "52", "96", "7-5", "327", "255", "117"]:
        assert flagged.filter(section=section).exists(), section
    assert "2020" in flagged.get(section="131").legal_review_note
    assert "2025" in flagged.get(section="291").legal_review_note
    # a title the reference confirms in both languages is not flagged
    assert not OffencePage.objects.get(section="282").needs_legal_review


def test_official_titles_are_only_given_where_known():
    assert (
        OffencePage.objects.get(section="282").official_title_nb == "Mishandling i nære relasjoner"
    )
    unknown = OffencePage.objects.get(section="192")
    assert not unknown.official_title_nb
    assert "official title" in unknown.legal_review_note.lower()


def test_reloading_the_seed_adds_nothing():
    before = (OffencePage.objects.count(), OffenceCategory.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (OffencePage.objects.count(), OffenceCategory.objects.count()) == before
    assert before[0] == 40 + 7 + 3 + 1
