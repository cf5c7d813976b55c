"""Plain language, measured: the LIX of every Norwegian page of the demo, as readers see it.

LIX is computed by ``plikt.readability`` from the text of the rendered page's ``<main>``
element: the title, the introduction, every block of the body, the notices the templates add
(such as the legal-review sentence), link lists and buttons; not the header, the breadcrumbs,
the helplines box or the footer, which are the same on every page.

Scope: every live page of the demo site in Norwegian, of every page type except the offence
catalogue (``OffenceIndexPage`` and ``OffencePage``). Those pages name each offence by the
law's own heading, quoted word for word («forstyrrelse av den sikre drift av luftfartøy og skip
mv.»), which a reader needs exactly as the law says it and which no plain wording may replace;
their explanations are written and measured by the catalogue's own work. The self-check is
measured on its start page and on each of its three outcomes; its question steps are forms
of one question each.

Limits: 35 for every page in scope (easy: plain public information), 30 for the page written
for young people.
"""

import pytest
from django.utils import translation
from wagtail.models import Page

from guidance import selfcheck
from plikt.readability import lix, main_text, word_count

pytestmark = pytest.mark.django_db

LIMIT = 35
LIMITS = {"for-unge": 30}  # by Norwegian slug
EXCLUDED_TYPES = {"OffenceIndexPage", "OffencePage"}
SELF_CHECK_OUTCOMES = {
    selfcheck.DUTY: "?offence=listed&likely=yes&avertable=yes&risk=no",
    selfcheck.MAY: "?offence=listed&likely=yes&avertable=yes&risk=unsure",
    selfcheck.NOT_APPLY: "?offence=no&asked=offence",
}


def views_in_scope():
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        kind = type(page).__name__
        if kind in EXCLUDED_TYPES:
            continue
        yield page, ""
        if kind == "SelfCheckPage":
            for query in SELF_CHECK_OUTCOMES.values():
                yield page, query


def test_lix_counts_words_per_sentence_and_the_share_of_long_words():
    # 2 sentences, 10 words, 1 longer than six letters ("politiet"): 10/2 + 100 * 1/10 = 15.
    assert lix("Du kan ringe politiet. Det er alltid lov å spørre.") == pytest.approx(5 + 10)
    # A heading and a list item are sentences of their own; numbers are not words.
    assert lix("Ring 112\n\nVold- og overgrepslinjen\n\n- Lytt") == pytest.approx(5 / 3 + 20)
    assert lix("") == 0


def test_main_text_keeps_a_link_inside_its_sentence_and_blocks_apart():
    html = """<header>Meny</header><main><h1>Tittel</h1>
        <p>Les <a href="/x/">når plikten gjelder</a> før du ringer.</p>
        <ul><li>En</li><li>To</li></ul><script>ignored()</script></main>
        <footer>Bunntekst</footer>"""
    assert main_text(html) == "Tittel\n\nLes når plikten gjelder før du ringer.\n\nEn\n\nTo"


def test_every_norwegian_guidance_and_content_page_is_plain_language(client):
    measured, too_hard = [], []
    for page, query in views_in_scope():
        with translation.override("nb"):
            url = page.get_url() + query
        response = client.get(url)
        assert response.status_code == 200, url
        text = main_text(response.content)
        score, limit = lix(text), LIMITS.get(page.slug_nb, LIMIT)
        assert word_count(text) > 20, f"{url}: too little text to measure"
        measured.append(page.slug_nb)
        if score > limit:
            too_hard.append(f"{url}: LIX {score:.1f} > {limit}")
    assert not too_hard, "\n".join(too_hard)
    # Every page type in scope was measured, the page for young people among them.
    assert {"for-unge", "taushetsplikt", "om-nettstedet", "skjul-besoket"} <= set(measured)
    assert len(measured) >= 30
