"""Offline translation: export to PO, translate, import as a revision."""

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from plikt.i18n.po import export_catalog, import_catalog, parse_context
from plikt.models import ContentPage

SLUG = "hvem-har-plikten"


@pytest.fixture(autouse=True)
def _english_messages():
    # Import messages are in the active language; these tests read the English ones.
    with translation.override("en"):
        yield


@pytest.fixture
def page(db):
    return ContentPage.objects.get(slug_nb=SLUG)


def page_entries(po, page):
    prefix = f"plikt.ContentPage:{page.pk}:"
    return [entry for entry in po if entry.msgctxt.startswith(prefix)]


def export_file(tmp_path, *args):
    out = tmp_path / "out.po"
    call_command("export_translations", *args, "--output", str(out), stderr=None)
    return polib.pofile(str(out))


def translate_all(entries):
    for entry in entries:
        entry.msgstr = f"SE {entry.msgid}"


def test_export_has_one_entry_per_text_with_model_object_and_field_in_context(tmp_path, page):
    po = export_file(tmp_path, "--language", "se", "--only", "missing")
    entries = page_entries(po, page)
    contexts = [entry.msgctxt for entry in entries]
    assert f"plikt.ContentPage:{page.pk}:title" in contexts
    assert f"plikt.ContentPage:{page.pk}:intro" in contexts
    by_context = {entry.msgctxt: entry for entry in entries}
    assert by_context[f"plikt.ContentPage:{page.pk}:title"].msgid == page.title_nb
    assert po.metadata["Language"] == "se"

    body = [entry for entry in entries if parse_context(entry.msgctxt)[2] == "body"]
    # Demo body: paragraph, heading, paragraph, question (question + answer paragraph), and a
    # link list (its heading + three link titles; the link targets are not text).
    assert len(body) == 9
    block_ids = {block.id for block in page.body_nb}
    for entry in body:
        _label, _pk, _field, key = parse_context(entry.msgctxt)
        assert key.split(":")[0] in block_ids
        assert entry.msgstr == ""
        # Block structure and paragraph markup stay out of the text.
        assert "<p>" not in entry.msgid and '"type"' not in entry.msgid
    assert any(entry.msgctxt.endswith(":question") for entry in body)
    assert any(entry.msgctxt.endswith(":answer:0") for entry in body)


def test_export_of_a_translated_language_fills_msgstr(page):
    entries = page_entries(export_catalog("en", "all"), page)
    by_id = {entry.msgid: entry.msgstr for entry in entries}
    assert by_id[page.title_nb] == page.title_en
    assert by_id["Taushetsplikt hindrer deg ikke"] == "Confidentiality does not stop you"
    assert not any("fuzzy" in entry.flags for entry in entries)


def test_round_trip_writes_a_draft_with_the_same_block_structure(tmp_path, page):
    po = export_file(tmp_path, "--language", "se", "--only", "missing")
    translate_all(page_entries(po, page))
    path = tmp_path / "se.po"
    po.save(str(path))
    live_revision = page.live_revision_id

    call_command("import_translations", str(path), stdout=None)

    page.refresh_from_db()
    assert page.live_revision_id == live_revision  # a draft, not published
    assert page.has_unpublished_changes
    assert page.title_se in ("", None)  # the live row is untouched
    draft = page.get_latest_revision_as_object()
    assert draft.title_se == f"SE {page.title_nb}"
    assert [b.block_type for b in draft.body_se] == [b.block_type for b in page.body_nb]
    question = next(b for b in draft.body_se if b.block_type == "question")
    assert question.value["question"] == "SE Gjelder plikten også når jeg er på jobb?"
    assert str(question.value["answer"]).startswith("<p>SE Ja.")


def test_import_with_publish_makes_the_sami_page_live(client, tmp_path, page):
    po = export_catalog("se", "missing")
    translate_all(page_entries(po, page))
    path = tmp_path / "se.po"
    po.save(str(path))
    call_command("import_translations", str(path), "--publish", stdout=None)
    response = client.get(f"/se/{SLUG}/")
    assert "SE Taushetsplikt hindrer deg ikke" in response.content.decode()
    assert b'class="ds-alert site-notice"' not in response.content


def test_broken_entry_rejects_the_object_with_a_message_and_changes_nothing(tmp_path, page):
    other = ContentPage.objects.get(slug_nb="nar-gjelder-plikten")
    po = export_catalog("se", "missing")
    translate_all(page_entries(po, page) + page_entries(po, other))
    broken = next(e for e in page_entries(po, page) if e.msgctxt.endswith(":answer:0"))
    broken.msgstr = "Ja. <b>Plikten følger deg"  # never closed
    path = tmp_path / "se.po"
    po.save(str(path))
    before = page.latest_revision_id

    out = []
    with pytest.raises(CommandError):
        call_command("import_translations", str(path), stdout=_Collect(out))

    page.refresh_from_db()
    assert page.latest_revision_id == before
    assert not page.get_latest_revision_as_object().title_se
    summary = "\n".join(out)
    assert broken.msgctxt in summary and "not closed" in summary
    # Other objects in the same file are still imported.
    other.refresh_from_db()
    assert other.get_latest_revision_as_object().title_se == f"SE {other.title_nb}"


def test_invalid_block_value_is_rejected_by_the_blocks_own_validation(page):
    po = export_catalog("se", "missing")
    entries = page_entries(po, page)
    translate_all(entries)
    heading = next(e for e in entries if e.msgid == "Taushetsplikt hindrer deg ikke")
    heading.msgstr = "x" * 300  # the heading block allows 200 characters
    result = import_catalog(po)
    assert any("body does not validate" in line for line in result.rejected)
    page.refresh_from_db()
    assert not page.get_latest_revision_as_object().body_se


def test_disallowed_markup_and_script_links_are_rejected(page):
    for bad in ('<a href="javascript:alert(1)">x</a>', "<p>x</p>", '<b onclick="x">y</b>'):
        po = export_catalog("se", "missing")
        entries = page_entries(po, page)
        translate_all(entries)
        next(e for e in entries if e.msgctxt.endswith(":answer:0")).msgstr = bad
        result = import_catalog(po)
        assert result.rejected, bad
    page.refresh_from_db()
    assert not page.get_latest_revision_as_object().body_se


def test_entry_whose_norwegian_source_changed_after_export_is_refused(page):
    po = export_catalog("se", "missing")
    translate_all(page_entries(po, page))
    draft = page.get_latest_revision_as_object()
    draft.title_nb = "Ny norsk tittel"
    draft.save_revision()

    result = import_catalog(po)
    assert f"plikt.ContentPage:{page.pk}:title" in result.stale
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert not latest.title_se
    assert latest.intro_se == f"SE {page.intro_nb}"  # the unchanged fields still come in


def test_fuzzy_and_untranslated_entries_are_not_imported(page):
    po = export_catalog("se", "missing")
    entries = page_entries(po, page)
    title = next(e for e in entries if e.msgctxt.endswith(":title"))
    title.msgstr = "SE tittel"
    title.flags.append("fuzzy")
    result = import_catalog(po)
    assert result.fuzzy == 1 and not result.saved
    page.refresh_from_db()
    assert not page.get_latest_revision_as_object().title_se


def test_partly_translated_body_is_not_written(page):
    po = export_catalog("se", "missing")
    body = [e for e in page_entries(po, page) if ":body:" in e.msgctxt]
    body[0].msgstr = "SE bare første avsnitt"
    result = import_catalog(po)
    assert any("body" in line and "untranslated" in line for line in result.incomplete)
    page.refresh_from_db()
    assert not page.get_latest_revision_as_object().body_se


def test_out_of_date_entries_are_fuzzy_with_the_previous_source(page):
    old_intro, english = page.intro_nb, page.intro_en
    draft = page.get_latest_revision_as_object()
    draft.intro_nb = "En helt ny innledning."
    draft.save_revision()

    entries = page_entries(export_catalog("en", "outdated"), page)
    assert [parse_context(e.msgctxt)[2] for e in entries] == ["intro"]
    (intro,) = entries
    assert "fuzzy" in intro.flags
    assert intro.msgid == "En helt ny innledning."
    assert intro.previous_msgid == old_intro
    assert intro.msgstr == english


def test_import_of_a_file_without_language_header_reports_it(tmp_path, db):
    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n\nmsgctxt "plikt.ContentPage:1:title"\nmsgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Language header"):
        call_command("import_translations", str(path), stdout=None)


class _Collect:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text, *args, **kwargs):
        self.lines.append(text)

    def flush(self):
        pass
