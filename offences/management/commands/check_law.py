"""``manage.py check_law FILE [--flag]``: is the catalogue still § 196 as Lovdata has it?

Reads a Lovdata XML document (an amending act such as ``nl-20250620-086.xml``, or the
consolidated straffeloven ``nl-20050520-028.xml`` from Lovdata's ``gjeldende-lover``), takes
§ 196 first paragraph letter a) from it (see ``offences/lovdata.py``) and compares it with the
live offence pages under letter a): sections added or removed, and headings changed (also
against each section's own heading where the document contains the section). One line per
entry that differs.

Exit status, so that it can run on a schedule: 0 when the catalogue matches, 1 when anything
differs, 2 when the file cannot be read as such a document. ``--flag`` marks every page of a
changed entry "needs legal review" with a note naming the document; it is saved and, where
the page had no unpublished draft, published, so readers see the notice at once.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from offences import lovdata
from offences.models import Law, Letter, OffencePage
from plikt import cache


class Command(BaseCommand):
    help = (
        "Compare straffeloven § 196 first paragraph letter a) in a Lovdata XML document with "
        "the offence catalogue. Exits 1 on any difference, 2 if the file cannot be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a Lovdata XML document, e.g. nl-20050520-028.xml")
        parser.add_argument(
            "--flag",
            action="store_true",
            help='mark every changed entry "needs legal review", with a note naming the file',
        )

    def handle(self, *args, file, flag=False, **options):
        try:
            document = lovdata.read(file)
        except lovdata.LovdataError as error:
            raise CommandError(str(error), returncode=2) from error

        catalogue = catalogue_entries()
        differences = lovdata.compare(document, catalogue)
        self.stdout.write(f"{document.label}: {document.shape}, «{document.title}»")
        self.stdout.write(
            f"§ 196 first paragraph letter a): {len(document.entries)} entries in the document, "
            f"{len(catalogue)} in the catalogue"
        )
        for difference in differences:
            self.stdout.write(f"  {difference.citation}: {difference.describe()}")

        if flag:
            for difference in differences:
                if not difference.page_ids:
                    self.stdout.write(
                        f"  {difference.citation}: nothing to flag (no offence page has it yet)"
                    )
                for page_id in difference.page_ids:
                    if flag_page(page_id, note_for(document, difference)):
                        self.stdout.write(f"  {difference.citation}: flagged for legal review")
                    else:
                        self.stdout.write(f"  {difference.citation}: already flagged")

        if differences:
            count = len(differences)
            raise CommandError(
                ngettext(
                    "%(count)d entry differs from %(name)s",
                    "%(count)d entries differ from %(name)s",
                    count,
                )
                % {"count": count, "name": document.name or _("the document")},
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("The catalogue matches the document."))


def catalogue_entries() -> list[lovdata.CatalogueEntry]:
    """Letter a) as readers see it: the live straffeloven offences named under letter a)."""
    pages = OffencePage.objects.live().filter(law=Law.STRAFFELOVEN, letter=Letter.A)
    return [
        lovdata.CatalogueEntry(section, paragraph, heading or "", pk)
        for pk, section, paragraph, heading in pages.values_list(
            "pk", "section", "paragraph", "official_title_nb"
        )
    ]


def note_for(document: lovdata.Document, difference: lovdata.Difference) -> str:
    return f"check_law, {document.label}: {difference.citation} {difference.describe()}."


@transaction.atomic
def flag_page(page_id: int, note: str) -> bool:
    """Flag the page with the note, in its live version and its latest draft alike."""
    page = OffencePage.objects.get(pk=page_id)
    if page.needs_legal_review and note in (page.legal_review_note or ""):
        return False
    had_draft = page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()  # the page itself when it has no draft
    for version in {id(v): v for v in (page, draft)}.values():
        version.needs_legal_review = True
        if note not in (version.legal_review_note or ""):
            version.legal_review_note = "\n".join(filter(None, [version.legal_review_note, note]))
    revision = draft.save_revision(log_action=True)
    if page.live and not had_draft:
        revision.publish(log_action=True)  # also empties the page cache
    else:
        # Keep the editor's draft unpublished; readers see the flag on the live page anyway.
        OffencePage.objects.filter(pk=page.pk).update(
            needs_legal_review=True, legal_review_note=page.legal_review_note
        )
        cache.clear()
    return True
