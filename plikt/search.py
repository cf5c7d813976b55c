"""Site search, one language at a time.

A reader on /en/ searches the English text of each page, and the Norwegian text only where a
field has no English yet; a Sámi reader searches the Sámi text the same way. Wagtail's own
index cannot do that (every language of a page lands in one entry, with one stemming
configuration), so each live page keeps one ``SearchText`` row per language, written on
publish from the same fallback rule the templates use (``plikt.i18n.fallback``).

Each row holds three kinds of text, matched with falling weight: the title; the page's other
names (the fields its model's Wagtail ``search_fields`` boost, such as an offence's official
title and the everyday search words editors give it: «overgrep», «15 år»); and the text a
reader reads (introduction, summary, body). Only the last is quoted in snippets, so a snippet
never repeats the title or shows a list of search words.

Two query paths, one behaviour:

* PostgreSQL: a stored ``tsvector`` per row, stemmed with the language's configuration from
  ``plikt.languages`` (``norwegian`` for nb, ``english`` for en, ``simple`` for the Sámi
  languages), ranked with ``ts_rank`` and highlighted with ``ts_headline``.
* SQLite (development and tests): every word (English plurals and common Norwegian endings
  cut off) must occur in the lower-cased text; the hits are ordered by where the words occur
  (title, other names, text), and the snippet is cut around the first match in Python.

The reader's query never reaches the database as syntax: it is reduced to at most
``MAX_TERMS`` plain words first, so ``& | ! : * ( ) ' " \\`` and control characters are inert.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from plikt import languages
from plikt.i18n.fallback import content_fields, is_filled, raw_value

MAX_QUERY_LENGTH = 200  # characters kept of what the reader typed
MAX_TERMS = 8
SNIPPET_LENGTH = 220  # characters, for the SQLite path

# ts_headline marks matches with these; they cannot occur in indexed text (see _plain).
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- Cleaning what the reader typed --------------------------------------------------------


def clean_query(raw: str) -> str:
    """The query as shown back to the reader: no control characters, bounded length."""
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    return _SPACE.sub(" ", kept).strip()[:MAX_QUERY_LENGTH]


def query_terms(query: str) -> list[str]:
    """The distinct lower-cased words of a cleaned query, at most MAX_TERMS of them."""
    terms = []
    for word in _WORD.findall(query.lower()):
        word = word.strip("_")
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


# --- Keeping the per-language text ---------------------------------------------------------


def _plain(value: str) -> str:
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in value)
    return _SPACE.sub(" ", text).strip()


def boosted_fields(model) -> frozenset[str]:
    """Fields other than the title that the model's Wagtail ``search_fields`` boost.

    One declaration serves both indexes: Wagtail's (the admin's page search) and ours, where a
    boosted field counts as one of the page's names.
    """
    return frozenset(
        field.field_name
        for field in getattr(model, "search_fields", ())
        if isinstance(field, index.SearchField)
        and (field.boost or 1) > 1
        and field.field_name != "title"
    )


def _field_text(page, field: str, language: str) -> str:
    model_field = page._meta.get_field(field)
    value = raw_value(page, field, language)
    if isinstance(model_field, StreamField | RichTextField):
        parts = model_field.get_searchable_content(value)  # text only, tags stripped
    elif isinstance(value, str):
        parts = [value]
    else:
        parts = []
    return _plain(" ".join(str(part) for part in parts if part))


@dataclass
class PageText:
    """What one page says in one language, as its reader sees it (fallbacks included)."""

    title: str
    names: str  # the boosted fields: matched, never quoted
    text: str  # what the reader reads: the snippets come from here
    text_language: str  # the language of ``text``, or "" when it mixes two


def page_text(page, language: str) -> PageText:
    page = page.specific
    boosted = boosted_fields(type(page))
    title_language = language if is_filled(page, "title", language) else languages.DEFAULT
    title = _plain(raw_value(page, "title", title_language) or "")
    own, names, texts = [], [], []
    for field in content_fields(type(page)):
        if field == "title":
            continue
        if is_filled(page, field, language):
            field_language = language
        elif is_filled(page, field, languages.DEFAULT):
            field_language = languages.DEFAULT
        else:
            continue
        value = _field_text(page, field, field_language)
        if field in boosted:
            names.append(value)
        else:
            own.append(field_language == language)
            texts.append(value)
    if all(own):
        text_language = language
    elif not any(own):
        text_language = languages.DEFAULT
    else:
        text_language = ""
    return PageText(
        title=title,
        names=" ".join(n for n in names if n),
        text=" ".join(t for t in texts if t),
        text_language=text_language,
    )


def index_page(page) -> None:
    """Write (or remove) a page's rows: one per language while it is live, none otherwise."""
    from plikt.models import SearchText

    if not page.live:
        SearchText.objects.filter(page_id=page.pk).delete()
        return
    for language in languages.CODES:
        found = page_text(page, language)
        SearchText.objects.update_or_create(
            page_id=page.pk,
            language=language,
            defaults={
                "title": found.title,
                "names": found.names.lower(),  # never shown: kept folded for SQLite's match
                "text": found.text,
                "text_language": found.text_language,
                "folded": f"{found.title}\n{found.names}\n{found.text}".lower(),
            },
        )
    if _is_postgres():
        for language in languages.ALL:
            config = language.search_config
            SearchText.objects.filter(page_id=page.pk, language=language.code).update(
                vector=SearchVector("title", weight="A", config=config)
                + SearchVector("names", weight="B", config=config)
                + SearchVector("text", weight="C", config=config)
            )


def rebuild() -> int:
    """Re-index every live page; returns how many pages were indexed."""
    from plikt.models import SearchText

    count = 0
    SearchText.objects.exclude(page__live=True).delete()
    for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
        index_page(page)
        count += 1
    return count


def on_published(sender, instance, **kwargs):
    index_page(instance)


def on_unpublished(sender, instance, **kwargs):
    from plikt.models import SearchText

    SearchText.objects.filter(page_id=instance.pk).delete()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(on_published, dispatch_uid="plikt.search.published")
    page_unpublished.connect(on_unpublished, dispatch_uid="plikt.search.unpublished")


# --- Querying ------------------------------------------------------------------------------


@dataclass
class Result:
    page: Page
    title: str
    text_language: str
    snippet: str  # safe HTML: escaped text with <mark> around matches


# Endings cut off a word on SQLite, longest first, so "years" finds "15-year-old" and
# «voldtektene» finds «voldtekt». PostgreSQL's stemmers do this properly; the Sámi languages
# have none there either. A word keeps at least _MIN_STEM letters.
_ENDINGS = {
    "nb": ("ene", "er", "en", "et", "e"),
    "en": ("ies", "es", "s"),
}
_MIN_STEM = 4

# ts_rank's weights for D, C, B, A: the title, then the page's other names (search words),
# then its text. A word in the search words outweighs the same word deep in the text.
_RANK_WEIGHTS = [0.05, 0.2, 0.6, 1.0]


def sqlite_stem(term: str, language: str) -> str:
    for ending in _ENDINGS.get(language, ()):
        if term.endswith(ending) and len(term) - len(ending) >= _MIN_STEM:
            stem = term[: -len(ending)]
            return stem + "y" if ending == "ies" else stem
    return term


def search(query: str, language: str):
    """A queryset of ``SearchText`` rows matching every word, best first (empty for no words)."""
    from plikt.models import SearchText

    terms = query_terms(query)
    rows = SearchText.objects.filter(
        language=language, page__in=Page.objects.live().public().values("pk")
    )
    if not terms:
        return rows.none()
    if _is_postgres():
        config = languages.BY_CODE[language].search_config
        tsquery = SearchQuery(" ".join(terms), search_type="plain", config=config)
        return (
            rows.filter(vector=tsquery)
            .annotate(rank=SearchRank(F("vector"), tsquery, weights=_RANK_WEIGHTS))
            .order_by("-rank", "title", "pk")
        )
    stems = [sqlite_stem(term, language) for term in terms]
    for stem in stems:
        rows = rows.filter(folded__contains=stem)
    # Each word scores where it occurs: 4 in the title, 2 in the other names, 1 in the text.
    score = Value(0)
    for stem in stems:
        score = score + Case(
            When(title__icontains=stem, then=Value(4)),
            When(names__contains=stem, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return rows.annotate(score=score).order_by("-score", "title", "pk")


def with_snippets(rows, query: str, language: str) -> list[Result]:
    """Results for one page of rows, each with a highlighted snippet."""
    rows = list(rows.select_related("page")) if hasattr(rows, "select_related") else list(rows)
    terms = query_terms(query)
    if _is_postgres() and rows:
        from plikt.models import SearchText

        config = languages.BY_CODE[language].search_config
        tsquery = SearchQuery(" ".join(terms), search_type="plain", config=config)
        headlines = dict(
            SearchText.objects.filter(pk__in=[row.pk for row in rows])
            .annotate(
                headline=SearchHeadline(
                    "text",
                    tsquery,
                    config=config,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline")
        )
        snippets = {pk: _marked(headline or "") for pk, headline in headlines.items()}
    else:
        stems = [sqlite_stem(term, language) for term in terms]
        snippets = {row.pk: highlight(row.text, stems) for row in rows}
    return [
        Result(
            page=row.page,
            title=row.title,
            text_language=row.text_language,
            snippet=snippets.get(row.pk, ""),
        )
        for row in rows
    ]


def _marked(headline: str) -> str:
    """Escape a ts_headline result, then turn its markers into <mark> elements."""
    html = escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added


def highlight(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """A window of ``text`` around the first match, escaped, with matches in <mark>."""
    if not text:
        return ""
    pattern = (
        re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None
    )
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    pieces = []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        pieces.append(escape(window[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(window[position:]))
    html = "".join(pieces)
    if start > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece escaped above
