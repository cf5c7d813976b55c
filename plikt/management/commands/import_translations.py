"""Import a translated PO catalog (made by export_translations) as new revisions.

    manage.py import_translations se.po --language se [--publish]

``--language`` is the language the file must be for, as in export_translations: a file
exported for another language is refused rather than imported into the wrong fields.

Each object is all or nothing: entries whose Norwegian text changed since export are refused,
broken markup or invalid blocks reject that object's changes. A summary is printed; the exit
status is 1 when anything was refused or rejected.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plikt import languages
from plikt.i18n.po import check_language, import_catalog, read_catalog


class Command(BaseCommand):
    help = "Write the translations in a PO file back as drafts (or published with --publish)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--language",
            required=True,
            choices=languages.TRANSLATED_CODES,
            help="The language the file is translated into.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish instead of saving drafts."
        )

    def handle(self, *args, file, language, publish, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        try:
            po = read_catalog(data)  # bytes: read_catalog knows about BOMs and encodings
            check_language(po, language)
        except ValueError as error:
            raise CommandError(f"{file}: {error}") from error
        result = import_catalog(po, language=language, publish=publish)
        for line in result.summary_lines():
            self.stdout.write(line)
        if result.errors and not result.saved:
            raise CommandError("; ".join(result.errors))
        if not result.ok:
            raise CommandError(_("Some entries were refused or rejected: see the summary above."))
