"""Search latency with 1,000 pages in 5 languages, on SQLite and on PostgreSQL.

Run by hand (it prints figures; it asserts nothing):

    .venv/bin/python bench/search.py                      # both databases
    .venv/bin/python bench/search.py --backend sqlite --pages 200 --queries 100

Each database is a throwaway: a temporary SQLite file, or a PostgreSQL database
``plikt_bench_<pid>`` created on PG_URL's server and dropped afterwards. The page text is
generated from small word lists: Norwegian and English words (so stemming has something to
do), and for the Sámi languages clearly synthetic tokens, never invented Sámi.

Two figures per language: ``search`` is what the search view asks the database (the matching
rows, their count and the highlighted snippets of the first page of ten); ``http`` is the
whole GET /sok/?q=..., /en/search/?q=... through Django's test client, templates included.
"""

import argparse
import contextlib
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"

WORDS = {
    "nb": (
        "plikt avverge vold overgrep politiet barnevernet melde fra taushetsplikt straff "
        "fengsel mishandling voldtekt tvangsekteskap lovbrudd sannsynlig hjelpe trygg sted "
        "lærer helsepersonell barnehage leder jobb privat handling følger skjer igjen "
        "anmelde varsle bekymring samtale råd nødnummer familie barn ungdom nabo venn"
    ).split(),
    "en": (
        "duty avert violence abuse police child welfare report confidentiality penalty "
        "prison maltreatment rape forced marriage crime likely help safe place teacher "
        "health worker kindergarten manager work private act consequences happening again "
        "notify concern conversation advice emergency family children youth neighbour friend"
    ).split(),
}
# A larger vocabulary so that a word occurs on some pages, not on all of them.
for _code in ("nb", "en"):
    WORDS[_code] += [f"{_code}ord{n}" for n in range(1500)]
for _code in ("se", "sma", "smj"):
    WORDS[_code] = [f"{_code}tok{n}" for n in range(1540)]  # synthetic, not Sámi
LANGS = ("nb", "en", "se", "sma", "smj")


def sentence(rng, language, words=14):
    return " ".join(rng.choice(WORDS[language]) for _ in range(words)).capitalize() + "."


def run(pages: int, queries: int, label: str) -> dict:
    """Inside a process whose DATABASE_URL points at an empty throwaway database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    with contextlib.redirect_stdout(io.StringIO()):  # modeltranslation prints its SQL
        call_command("migrate", "--noinput", verbosity=0)
    from plikt import search
    from plikt.demo import ensure_home
    from plikt.models import ContentPage

    rng = random.Random(196)
    home = ensure_home()
    started = time.perf_counter()
    for number in range(pages):
        fields = {}
        for language in LANGS:
            fields[f"title_{language}"] = sentence(rng, language, 5)
            fields[f"slug_{language}"] = f"{language}-page-{number}"
            fields[f"intro_{language}"] = sentence(rng, language, 25)
            fields[f"body_{language}"] = json.dumps(
                [{"type": "text", "value": f"<p>{sentence(rng, language, 60)}</p>"}] * 3
            )
        home.add_child(instance=ContentPage(live=True, **fields))
    created = time.perf_counter() - started
    started = time.perf_counter()
    indexed = search.rebuild()
    indexing = time.perf_counter() - started
    print(
        f"[{label}] {pages} pages created in {created:.1f} s; "
        f"{indexed} pages x {len(LANGS)} languages indexed in {indexing:.1f} s",
        flush=True,
    )

    client = Client()
    figures = {}
    for language in LANGS:
        timings, http_timings, counts = [], [], []
        for _ in range(queries):
            q = " ".join(rng.sample(WORDS[language], rng.choice((1, 1, 2))))
            t0 = time.perf_counter()
            paginator = Paginator(search.search(q, language), 10)
            page = paginator.page(1) if paginator.count else None
            if page:
                search.with_snippets(page.object_list, q, language)
            timings.append(time.perf_counter() - t0)
            counts.append(paginator.count)
            with translation.override(language):
                url = reverse("search")
            t0 = time.perf_counter()
            response = client.get(url, {"q": q})
            http_timings.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.status_code
        figures[language] = {
            "search": percentiles(timings),
            "http": percentiles(http_timings),
            "median_hits": statistics.median(counts),
        }
    return figures


def percentiles(samples):
    ordered = sorted(samples)
    return {
        "p50": 1000 * ordered[len(ordered) // 2],
        "p95": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
    }


def child(backend: str, database_url: str, args) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", backend, "--pages", str(args.pages)]
        + ["--queries", str(args.queries)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    lines = out.strip().splitlines()
    for line in lines[:-1]:
        print(line)
    return json.loads(lines[-1])


def bench_sqlite(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="plikt-bench-") as folder:
        return child("sqlite", f"sqlite:///{folder}/bench.sqlite3", args)


def bench_postgres(args) -> dict:
    import psycopg

    server = args.pg_url.rsplit("/", 1)[0]
    name = f"plikt_bench_{os.getpid()}"
    with psycopg.connect(args.pg_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return child("postgres", f"{server}/{name}", args)
    finally:
        with psycopg.connect(args.pg_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(backend: str, figures: dict) -> None:
    print(f"\n{backend}: latency in ms (p50 / p95), median hits per query")
    print(f"{'lang':<5} {'search p50':>10} {'p95':>8} {'http p50':>10} {'p95':>8} {'hits':>6}")
    for language, row in figures.items():
        s, h = row["search"], row["http"]
        print(
            f"{language:<5} {s['p50']:>10.1f} {s['p95']:>8.1f} "
            f"{h['p50']:>10.1f} {h['p95']:>8.1f} {row['median_hits']:>6}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200, help="per language")
    parser.add_argument("--pg-url", default=os.environ.get("PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.pages, args.queries, args.child)))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        figures = bench_sqlite(args) if backend == "sqlite" else bench_postgres(args)
        report(backend, figures)


if __name__ == "__main__":
    main()
