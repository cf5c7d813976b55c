"""How long the offence index takes to render, and with how many queries. Run by hand:

    .venv/bin/python bench/offences_index.py [--runs 50] [--extra 0] [--url /lovbrudd/]

It builds a throwaway test database (SQLite by default, PostgreSQL with DATABASE_URL), loads
the demo content, optionally adds ``--extra`` synthetic offences, then requests the index
through Django's test client ``--runs`` times after one warm-up request. The full-page cache
is off so every run renders the page. Prints the median, min and max time and the queries
per request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["PLIKT_PAGE_CACHE_SECONDS"] = "0"  # measure rendering, not the page cache


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--extra", type=int, default=0, help="synthetic offences to add")
    parser.add_argument("--url", default="/lovbrudd/")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo_content", verbosity=0)
        from offences.demo import Offence
        from offences.models import OffenceCategory, OffenceIndexPage, OffencePage

        index = OffenceIndexPage.objects.get()
        category = OffenceCategory.objects.order_by("sort_order").first()
        for number in range(args.extra):
            section = str(1000 + number)
            text = {"title": f"Test {section}", "summary": "Test."}
            texts = {"nb": text, "en": text}
            page = Offence(section, category.key, texts).page(category, headings={})
            index.add_child(instance=page)
            page.save_revision().publish()

        client = Client()
        assert client.get(args.url).status_code == 200  # warm-up: caches, templates
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(args.url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(args.url)

        print(
            f"{args.url} on {connection.vendor}, {OffencePage.objects.live().count()} offences, "
            f"{args.runs} runs: median {statistics.median(timings):.1f} ms "
            f"(min {min(timings):.1f}, max {max(timings):.1f}), {len(queries)} queries, "
            f"{len(response.content) / 1024:.1f} KiB HTML"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
