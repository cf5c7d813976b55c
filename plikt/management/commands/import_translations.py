"""Import a translated PO catalog (made by export_translations) as new revisions.

    manage.py import_translations se.po [--publish]

Each object is all or nothing: entries whose Norwegian text changed since export are refused,
broken markup or invalid blocks reject that object's changes. A summary is printed; the exit
status is 1 when anything was refused or rejected.
"""

from django.core.management.base import BaseCommand, CommandError

from plikt.i18n.po import import_catalog, read_catalog


class Command(BaseCommand):
    help = "Write the translations in a PO file back as drafts (or published with --publish)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--publish", action="store_true", help="Publish instead of saving drafts."
        )

    def handle(self, *args, file, publish, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                po = read_catalog(handle.read())
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        result = import_catalog(po, publish=publish)
        for line in result.summary_lines():
            self.stdout.write(line)
        if result.errors and not result.saved:
            raise CommandError("; ".join(result.errors))
        if not result.ok:
            raise CommandError("Some entries were refused or rejected: see the summary above.")
