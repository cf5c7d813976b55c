"""Demo content for guidance: the helplines, and this app's pages.

The text is not here: it is in ``guidance/content/`` (``helplines.toml`` and ``pages/``: the
guidance articles, the case stories, the self-check, "Hide your visit" and the pages the footer
links to), read by ``plikt.content_files``. ``load(home)`` is idempotent: helplines are found by
their Norwegian name and pages by their Norwegian slug, and anything that exists is left alone.
"""

from pathlib import Path

from django.db import transaction

from guidance.models import Helpline
from plikt import content_files
from plikt.demo import ensure_home

CONTENT = Path(__file__).resolve().parent / "content"


def load_helplines() -> None:
    for data in content_files.read(CONTENT / "helplines.toml")["helpline"]:
        values = content_files.record_fields(Helpline, data)
        if not Helpline.objects.filter(name_nb=values["name_nb"]).exists():
            Helpline.objects.create(**values)


@transaction.atomic
def load(home=None):
    home = home or ensure_home()
    load_helplines()
    content_files.plant(home, CONTENT / "pages")
    return home
