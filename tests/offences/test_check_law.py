"""``manage.py check_law``: the catalogue against Lovdata's XML, in both of its formats."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from offences import lovdata
from offences.models import OffencePage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ACT = FIXTURES / "nl-20250620-086.xml"  # LOV-2025-06-20-86 as Lovdata ships it
CONSOLIDATED = FIXTURES / "nl-20050520-028.xml"  # a small straffeloven in the consolidated format
ROOT = Path(__file__).resolve().parents[2]


def check_law(*args):
    """(exit status, output) of the command, as a scheduler would see them."""
    out = StringIO()
    try:
        call_command("check_law", *map(str, args), stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def changed_document(tmp_path, text=None):
    """The consolidated sample with § 259 removed, § 300 added and § 327's heading changed."""
    text = text or CONSOLIDATED.read_text(encoding="utf-8")
    for old, new in (
        ("§ 259 (slaveri), ", ""),
        ("§ 299 (voldtekt", "§ 300 (voldtekt til samleie av barn under 14 år), § 299 (voldtekt"),
        ("§ 327 (ran)", "§ 327 (ran og grovt ran)"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "nl-20990101-028.xml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the parser -----------------------------------------------------------------------------


def test_parser_reads_letter_a_of_the_amending_act():
    document = lovdata.read(ACT)
    assert (document.identifier, document.shape) == ("LOV-2025-06-20-86", "amending act")
    assert len(document.entries) == 48
    first, last = document.entries[0], document.entries[-1]
    assert (first.section, first.heading) == ("111", "Krenkelse av Norges selvstendighet og fred")
    assert (last.section, last.heading) == (
        "357",
        "Forbund om fremkalling av fare for allmennheten",
    )
    marriage = next(e for e in document.entries if e.section == "262")
    assert (marriage.paragraph, marriage.heading) == (2, "Ekteskap med noen under 16 år")
    assert marriage.citation == "§ 262 annet ledd"
    # The sections the act itself rewrites, with their own headings.
    assert document.own_headings["279"] == (
        "Forbund om drap eller å volde betydelig skade på kropp eller helse"
    )


def test_parser_reads_the_consolidated_format_to_the_same_list():
    document = lovdata.read(CONSOLIDATED)
    assert (document.identifier, document.shape) == ("LOV-2005-05-20-28", "consolidated law")
    assert document.entries == lovdata.read(ACT).entries
    assert document.own_headings["255"] == "Grov frihetsberøvelse"


def test_parser_keeps_the_heading_words_and_capitalises_only_the_first_letter():
    entries = lovdata.parse_list(
        "§ 111 (krenkelse av Norges selvstendighet og fred), § 262 andre ledd (ekteskap med "
        "noen under 16 år) og § 7-5 (noe mv.),"
    )
    assert [(e.section, e.paragraph, e.heading) for e in entries] == [
        ("111", None, "Krenkelse av Norges selvstendighet og fred"),
        ("262", 2, "Ekteskap med noen under 16 år"),
        ("7-5", None, "Noe mv."),
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe not text",
        b"<html><body><p>Ingen lov her</p></body></html>",
        (FIXTURES.parent.parent / "README.md").read_bytes(),
    ],
)
def test_a_file_without_section_196_is_refused_with_exit_status_2(tmp_path, content, db):
    path = tmp_path / "document.xml"
    path.write_bytes(content)
    status, output = check_law(path)
    assert status == 2
    assert "document.xml" in output


def test_a_missing_file_is_refused_with_exit_status_2(tmp_path, db):
    status, output = check_law(tmp_path / "nope.xml")
    assert status == 2 and "nope.xml" in output


def test_another_law_with_a_section_196_is_not_taken_for_straffeloven(tmp_path, db):
    text = CONSOLIDATED.read_text(encoding="utf-8")
    text = text.replace("2005-05-20-28", "1999-03-26-17").replace("LOV-2005", "LOV-1999")
    path = tmp_path / "nl-19990326-017.xml"
    path.write_text(text, encoding="utf-8")
    assert check_law(path)[0] == 2


# -- the command on the demo catalogue ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("document", [ACT, CONSOLIDATED], ids=["amending-act", "consolidated"])
def test_the_catalogue_matches_both_documents_and_exits_0(document):
    status, output = check_law(document)
    assert status == 0, output
    assert "48 entries in the document, 48 in the catalogue" in output
    assert "matches" in output


@pytest.mark.django_db
def test_one_added_one_removed_one_changed_are_exactly_the_three_reported_and_exit_1(tmp_path):
    status, output = check_law(changed_document(tmp_path))
    assert status == 1
    reported = [line.strip() for line in output.splitlines() if line.startswith("  §")]
    assert reported == [
        "§ 259: removed: the catalogue has «Slaveri»; the document's letter a) does not name it",
        "§ 300: added: the document names it «Voldtekt til samleie av barn under 14 år»; "
        "no offence page has it",
        "§ 327: heading changed: the catalogue has «Ran», § 196 names it «Ran og grovt ran»",
    ]
    assert "3 oppføringer avviker" in output  # errors in the admin language, Norwegian


@pytest.mark.django_db
def test_a_sections_own_heading_is_compared_where_the_document_has_it(tmp_path):
    text = CONSOLIDATED.read_text(encoding="utf-8").replace(
        '<span class="legalArticleTitle">Grov frihetsberøvelse</span>',
        '<span class="legalArticleTitle">Grov frihetsberøvelse og bortføring</span>',
    )
    path = tmp_path / "nl-20990101-028.xml"
    path.write_text(text, encoding="utf-8")
    status, output = check_law(path)
    assert status == 1
    assert "§ 255: heading changed" in output
    assert "the section's own heading is «Grov frihetsberøvelse og bortføring»" in output


@pytest.mark.django_db
def test_without_flag_nothing_is_changed(tmp_path):
    before = list(OffencePage.objects.values_list("pk", "legal_review_note", "latest_revision"))
    check_law(changed_document(tmp_path))
    after = list(OffencePage.objects.values_list("pk", "legal_review_note", "latest_revision"))
    assert after == before


@pytest.mark.django_db
def test_flag_flags_exactly_the_changed_entries_with_a_note_naming_the_document(tmp_path, client):
    # As if a lawyer had checked the whole catalogue: nothing flagged, no notes. The pages the
    # document changes (§ 259, § 327) are cleared as an editor does it, in a published
    # revision; the others need only their live rows cleared, which the command and the
    # assertions read. (Publishing all 48 pages was nearly all of this test's time.)
    OffencePage.objects.update(needs_legal_review=False, legal_review_note="")
    for page in OffencePage.objects.filter(section__in=["259", "327"]):
        page.save_revision().publish()
    path = changed_document(tmp_path)

    status, output = check_law(path, "--flag")

    assert status == 1
    flagged = OffencePage.objects.filter(needs_legal_review=True)
    assert sorted(flagged.values_list("section", flat=True)) == ["259", "327"]
    for page in flagged:
        assert page.legal_review_note.startswith(f"check_law, {path.name} (LOV-2005-05-20-28): ")
        assert page.live and not page.has_unpublished_changes  # published: readers see it
    assert "§ 300: nothing to flag" in output
    ran = client.get("/en/offences/penal-code-327/")
    assert b"review-notice" in ran.content

    # Again: the notes are not repeated, also after a reviewer cleared the flag but kept the note.
    check_law(path, "--flag")
    page = OffencePage.objects.get(section="327")
    page.needs_legal_review = False
    page.save_revision().publish()
    check_law(path, "--flag")
    page = OffencePage.objects.get(section="327")
    assert page.needs_legal_review and page.legal_review_note.count("check_law") == 1


@pytest.mark.django_db
def test_flag_keeps_an_editors_unpublished_draft_unpublished(tmp_path):
    page = OffencePage.objects.get(section="327")
    page.needs_legal_review = False
    page.save_revision().publish()
    draft = page.get_latest_revision_as_object()
    draft.summary_nb = "Et utkast redaktøren ikke har publisert."
    draft.save_revision()

    check_law(changed_document(tmp_path), "--flag")

    page.refresh_from_db()
    assert page.needs_legal_review and page.has_unpublished_changes
    assert page.summary_nb != "Et utkast redaktøren ikke har publisert."
    latest = page.get_latest_revision_as_object()
    assert latest.summary_nb == "Et utkast redaktøren ikke har publisert."
    assert latest.needs_legal_review


def test_manage_py_check_law_gives_its_exit_status_to_the_shell(tmp_path):
    """The real command line, as a scheduler runs it (2: the file is not a Lovdata document;
    0 and 1 come from the same CommandError return codes, tested above with a database)."""
    result = subprocess.run(  # noqa: S603 - this interpreter, the project's manage.py
        [sys.executable, "manage.py", "check_law", str(tmp_path / "nope.xml")],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "kan ikke lese" in result.stderr and "nope.xml" in result.stderr
