"""Export translatable content as a PO catalog for one language, for offline translation.

    manage.py export_translations --language se [--only missing|outdated|all] --output se.po

See ``plikt/i18n/po.py`` for the format (one entry per paragraph, heading or block text).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plikt import languages
from plikt.i18n.po import ONLY_CHOICES, catalog_bytes, export_catalog


class Command(BaseCommand):
    help = "Write the translatable content as a PO file for one language."

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=languages.TRANSLATED_CODES)
        parser.add_argument("--only", default="all", choices=ONLY_CHOICES)
        parser.add_argument("--output", "-o", default="-", help="File to write, - for stdout.")

    def handle(self, *args, language, only, output, **options):
        po = export_catalog(language, only)
        data = catalog_bytes(po)
        if output == "-":
            self.stdout.write(data.decode("utf-8"), ending="")
        else:
            try:
                with open(output, "wb") as handle:
                    handle.write(data)
            except OSError as error:
                raise CommandError(
                    _("Cannot write %(file)s: %(error)s") % {"file": output, "error": error}
                ) from error
            self.stderr.write(f"{len(po)} entries for {language} ({only}) written to {output}")
