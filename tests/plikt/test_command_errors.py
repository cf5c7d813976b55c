"""The project's management commands stop with their errors in Norwegian, the site's language.

Commands run in ``LANGUAGE_CODE`` (nb) unless they switch translation off, so a message marked
for translation reaches the operator in Norwegian, as the admin's do.
"""

import pytest
from django.core.management import CommandError, call_command


def test_create_local_admin_refuses_production_in_norwegian(db):
    with pytest.raises(CommandError) as raised:
        call_command("create_local_admin")  # the test settings run with DEBUG off
    assert str(raised.value) == "Bare for lokal utvikling: sett DJANGO_DEBUG=1."


def test_export_translations_says_in_norwegian_that_it_cannot_write(db, tmp_path):
    target = tmp_path / "missing-folder" / "se.po"
    with pytest.raises(CommandError) as raised:
        call_command("export_translations", language="se", output=str(target))
    assert str(raised.value).startswith(f"Kan ikke skrive {target}: ")


def test_check_law_says_in_norwegian_that_a_file_is_not_a_lovdata_document(db, tmp_path):
    latin1 = tmp_path / "lov.xml"
    latin1.write_bytes("<p>Straffeloven § 196 første ledd</p>".encode("latin-1"))
    with pytest.raises(CommandError) as raised:
        call_command("check_law", str(latin1))
    assert str(raised.value) == "lov.xml er ikke UTF-8-tekst og dermed ikke en XML-fil fra Lovdata"
