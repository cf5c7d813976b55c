"""Offline translation: export to PO, translate, import as a revision."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.rich_text import RichText

from plikt.i18n import tracking
from plikt.i18n.fallback import is_translated
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

    call_command("import_translations", str(path), "--language", "se", stdout=None)

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
    call_command("import_translations", str(path), "--language", "se", "--publish", stdout=None)
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
        call_command("import_translations", str(path), "--language", "se", stdout=_Collect(out))

    page.refresh_from_db()
    assert page.latest_revision_id == before
    assert not page.get_latest_revision_as_object().title_se
    summary = "\n".join(out)
    # Named as the translator finds it: page, field and the start of the Norwegian text.
    assert f"«{page.title_nb}», body: «{broken.msgid[:30]}" in summary
    assert "not closed" in summary
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
    assert len(result.stale) == 1
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
        call_command("import_translations", str(path), "--language", "se", stdout=None)


# --- A body translated piece by piece ---------------------------------------------------------


def lang_of(html: str, text: str) -> str | None:
    """The language a reader's browser takes ``text`` to be in: its nearest lang attribute."""
    soup = BeautifulSoup(html, "lxml")
    # Headings carry soft hyphens (plikt.hyphenation): a reader sees the words without them.
    node = soup.find(string=lambda found: found and text in found.replace("\u00ad", ""))
    assert node is not None, f"{text!r} is not on the page"
    return next((parent["lang"] for parent in node.parents if parent.has_attr("lang")), None)


def give_two_piece_body(page):
    """The issue's case: a published body of two pieces (two text blocks)."""
    with translation.override("nb"):
        draft = page.get_latest_revision_as_object()
        draft.body_nb = [
            ("text", RichText("<p>Første tekstbit i brødteksten.</p>")),
            ("text", RichText("<p>Andre tekstbit i brødteksten.</p>")),
        ]
        draft.save_revision().publish()
    page.refresh_from_db()


def import_file(tmp_path, po, *args):
    path = tmp_path / "se.po"
    po.save(str(path))
    out = []
    call_command("import_translations", str(path), "--language", "se", *args, stdout=_Collect(out))
    return "\n".join(out)


def test_one_of_two_body_pieces_translated_is_kept_shown_and_counted_missing(
    client, tmp_path, page
):
    give_two_piece_body(page)
    po = export_file(tmp_path, "--language", "se", "--only", "missing")
    entries = page_entries(po, page)
    for entry in entries:
        if parse_context(entry.msgctxt)[2] in ("title", "intro"):
            entry.msgstr = f"TEST-SE {entry.msgid}"
    first, second = [e for e in entries if parse_context(e.msgctxt)[2] == "body"]
    first.msgstr = "TEST-SE første tekstbit"

    summary = import_file(tmp_path, po, "--publish")

    assert "1 of 2 pieces still untranslated" in summary
    page.refresh_from_db()
    assert "TEST-SE første tekstbit" in str(page.body_se)  # the translator's work is kept
    html = client.get(f"/se/{SLUG}/").content.decode()
    assert lang_of(html, "TEST-SE første tekstbit") == "se"
    assert lang_of(html, "Andre tekstbit i brødteksten.") == "nb"
    assert "Første tekstbit i brødteksten." not in html  # the translation, not both
    # The report and everything asking "is it translated?" see the body as missing.
    status = tracking.object_status(tracking.working_state(page), ("se",))["se"]
    assert status.missing == ["body"] and "title" in status.complete
    assert not is_translated(page, "se")
    # The next export asks only for the piece still missing, and keeps the one translated.
    again = {e.msgid: e.msgstr for e in page_entries(export_catalog("se", "missing"), page)}
    assert again[first.msgid] == "TEST-SE første tekstbit"
    assert again[second.msgid] == ""


def test_importing_the_same_partial_file_again_changes_nothing_and_says_so(tmp_path, page):
    give_two_piece_body(page)
    po = export_catalog("se", "missing")
    first = next(e for e in page_entries(po, page) if parse_context(e.msgctxt)[2] == "body")
    first.msgstr = "TEST-SE første tekstbit"
    import_file(tmp_path, po)
    page.refresh_from_db()
    revision = page.latest_revision_id

    summary = import_file(tmp_path, po)

    assert "Saved: 0 object(s)" in summary and "still untranslated" not in summary
    page.refresh_from_db()
    assert page.latest_revision_id == revision


def test_translating_the_last_piece_completes_the_body(client, tmp_path, page):
    give_two_piece_body(page)
    po = export_catalog("se", "missing")
    translate_all(page_entries(po, page))
    body = [e for e in page_entries(po, page) if parse_context(e.msgctxt)[2] == "body"]
    body[1].msgstr = ""
    import_file(tmp_path, po, "--publish")

    po = export_catalog("se", "missing")
    (rest,) = [e for e in page_entries(po, page) if not e.msgstr]
    rest.msgstr = f"SE {rest.msgid}"
    import_file(tmp_path, po, "--publish")

    page.refresh_from_db()
    status = tracking.object_status(tracking.working_state(page), ("se",))["se"]
    assert not status.missing and "body" in status.complete
    html = client.get(f"/se/{SLUG}/").content.decode()
    assert lang_of(html, "SE Andre tekstbit i brødteksten.") == "se"
    assert lang_of(html, "SE Første tekstbit i brødteksten.") == "se"


def test_in_a_partly_translated_block_each_norwegian_piece_is_marked(client, tmp_path, page):
    po = export_catalog("se", "missing")
    entries = page_entries(po, page)
    question = next(e for e in entries if e.msgctxt.endswith(":question"))
    question.msgstr = "TEST-SE spørsmål"
    link_heading = next(e for e in entries if e.msgctxt.endswith(":heading"))
    link_heading.msgstr = "TEST-SE les mer"

    import_file(tmp_path, po, "--publish")

    html = client.get(f"/se/{SLUG}/").content.decode()
    assert lang_of(html, "TEST-SE spørsmål") == "se"
    assert lang_of(html, "Ja. Plikten følger deg") == "nb"  # its answer
    assert lang_of(html, "TEST-SE les mer") == "se"
    assert lang_of(html, "For deg som er ung") == "nb"  # a link title in the same block
    assert lang_of(html, "Taushetsplikt hindrer deg ikke") == "nb"  # a block not begun


def test_a_partly_translated_body_can_still_be_published_in_the_admin(tmp_path, page):
    give_two_piece_body(page)
    po = export_catalog("se", "missing")
    first = next(e for e in page_entries(po, page) if parse_context(e.msgctxt)[2] == "body")
    first.msgstr = "TEST-SE første tekstbit"
    import_file(tmp_path, po)
    draft = page.get_latest_revision_as_object()
    draft.full_clean()  # every block valid: an editor's next publish is not blocked by it


# --- Messages a translator can act on ------------------------------------------------------


def write_po(tmp_path, text: str, *, encoding="utf-8") -> str:
    path = tmp_path / "in.po"
    path.write_bytes(text.encode(encoding))
    return str(path)


HEADER = (
    'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
)


def title_entry(page, msgstr='"TEST-SE tittel"'):
    return (
        f'msgctxt "plikt.ContentPage:{page.pk}:title"\nmsgid "{page.title_nb}"\nmsgstr {msgstr}\n'
    )


def run_import(path, language="se"):
    out = []
    call_command("import_translations", path, "--language", language, stdout=_Collect(out))
    return "\n".join(out)


def test_an_unterminated_string_is_reported_with_its_line(tmp_path, page):
    path = write_po(tmp_path, HEADER.format(code="se") + title_entry(page, '"TEST-SE tittel'))
    with pytest.raises(CommandError) as raised:
        run_import(path)
    message = str(raised.value)
    assert "Line 8" in message and "quotation mark" in message
    assert "Language" not in message
    assert not page.get_latest_revision_as_object().title_se


def test_an_unterminated_header_string_is_a_syntax_error_not_a_missing_header(tmp_path, db):
    path = write_po(tmp_path, 'msgid ""\nmsgstr ""\n"Language: se\n\nmsgid "a"\nmsgstr "b"\n')
    with pytest.raises(CommandError, match="Line 3 "):
        run_import(path)


def test_an_empty_file_is_reported_as_empty(tmp_path, db):
    for content in ("", "\n  \n", "\ufeff"):
        with pytest.raises(CommandError, match="The file is empty"):
            run_import(write_po(tmp_path, content))


def test_a_file_with_a_byte_order_mark_is_imported(tmp_path, page):
    path = write_po(tmp_path, HEADER.format(code="se") + title_entry(page), encoding="utf-8-sig")
    summary = run_import(path)
    assert "Saved: 1 object(s)" in summary
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title_se == "TEST-SE tittel"


def test_a_file_for_another_language_is_refused_naming_both(tmp_path, page):
    path = write_po(tmp_path, HEADER.format(code="smj") + title_entry(page))
    with pytest.raises(CommandError) as raised:
        run_import(path, language="se")
    message = str(raised.value)
    assert "julevsámegiella (smj)" in message and "davvisámegiella (se)" in message
    page.refresh_from_db()
    assert not page.get_latest_revision_as_object().title_se
    assert not page.get_latest_revision_as_object().title_smj


def test_a_stale_entry_is_named_by_page_title_and_field_with_advice(tmp_path, page):
    po = export_catalog("se", "missing")
    translate_all(page_entries(po, page))
    draft = page.get_latest_revision_as_object()
    draft.intro_nb = "En ny norsk innledning."
    with translation.override("nb"):
        draft.save_revision()
    path = tmp_path / "se.po"
    po.save(str(path))
    summary = []
    with pytest.raises(CommandError):
        call_command("import_translations", str(path), "--language", "se", stdout=_Collect(summary))
    text = "\n".join(summary)
    assert f"«{page.title_nb}», intro" in text
    assert f"plikt.ContentPage:{page.pk}:intro" not in text
    assert "Export the file again" in text


def test_messages_are_in_norwegian_for_a_norwegian_translator(tmp_path, page):
    path = write_po(tmp_path, HEADER.format(code="smj") + title_entry(page))
    with translation.override("nb"), pytest.raises(CommandError) as raised:
        run_import(path, language="se")
    message = str(raised.value)
    with translation.override("en"):
        assert "This file is for" not in message
    assert "julevsámegiella (smj)" in message


class _Collect:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text, *args, **kwargs):
        self.lines.append(text)

    def flush(self):
        pass
