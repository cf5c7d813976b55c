"""LIX of every page of the demo as readers see it, in Norwegian and English.

Run by hand (it prints figures; it asserts nothing). It builds the demo site in a throwaway
SQLite database, renders each live page (and each outcome of the self-check) with Django's
test client, and measures the text of ``<main>`` with ``plikt.readability``:

    .venv/bin/python bench/readability.py

The limits the test suite holds the Norwegian pages to are in tests/plikt/test_plain_language.py
(35, and 30 for the page for young people). LIX is made for Scandinavian text; the English
figure is shown for comparison only.
"""

import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    sys.path.insert(0, str(ROOT))
    database = Path(tempfile.mkdtemp()) / "readability.sqlite3"
    os.environ.update(DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{database}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plikt.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import translation
    from wagtail.models import Page

    from guidance import selfcheck
    from plikt.readability import lix, main_text, word_count

    with contextlib.redirect_stdout(io.StringIO()):  # modeltranslation prints its SQL
        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_demo_content", verbosity=0)
    client = Client(HTTP_HOST="localhost")
    outcomes = {
        selfcheck.DUTY: "?offence=listed&likely=yes&avertable=yes&risk=no",
        selfcheck.MAY: "?offence=listed&likely=yes&avertable=yes&risk=unsure",
        selfcheck.NOT_APPLY: "?offence=no&asked=offence",
    }
    print(f"{'type':<18} {'slug nb / en':<62} {'LIX nb':>6} {'words':>5} {'LIX en':>6}")
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        views = {"": ""}
        if type(page).__name__ == "SelfCheckPage":
            views.update({f" ({key})": query for key, query in outcomes.items()})
        for label, query in views.items():
            figures = []
            for code in ("nb", "en"):
                with translation.override(code):
                    url = page.get_url()
                response = client.get(url + query)
                if response.status_code != 200:
                    raise SystemExit(f"{url + query}: HTTP {response.status_code}")
                text = main_text(response.content)
                figures.append((lix(text), word_count(text)))
            name = f"{page.slug_nb} / {page.slug_en or page.slug_nb}{label}"
            (nb, words), (en, _words) = figures
            print(f"{type(page).__name__:<18} {name:<62} {nb:>6.1f} {words:>5} {en:>6.1f}")


if __name__ == "__main__":
    main()
