"""Read-only JSON API of the catalogue, built on Wagtail API v2.

    GET /api/v2/offences/?lang=en           every offence, in English where translated
    GET /api/v2/offences/<id>/?lang=se      one offence; untranslated values fall back to nb
    GET /api/v2/offences/?section=282       Wagtail API v2 filters work on the plain fields
    GET /api/v2/offences/?section=262       § 262 second paragraph: "paragraph": 2

Values follow the language chosen by ``?lang=`` (else the Accept-Language header, else nb).
Wherever a value is not translated the Norwegian one is given, and ``field_languages`` says
which language each value is in, so a reusing service can mark it (``lang="nb"``).

Whatever an anonymous caller sends, the answer is JSON and never a 5xx: Wagtail passes some
parameters on to the database unchecked, so ``initial()`` refuses control characters (NUL
breaks PostgreSQL queries) in any parameter, a ``type`` that is not an offence page, and
malformed values, each with a 400 and a message; ``search`` is cut to the words the site's
own search keeps (plikt/search.py), since a query of hundreds of words overflows the search
backend's query builder. Only the JSON renderer is offered: REST framework's browsable HTML
view would set a CSRF cookie for readers.
"""

import re
import unicodedata

from django.utils import translation
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet

from offences.models import OffencePage
from plikt import languages, search

MAX_ID = 2**63 - 1  # the largest key a 64-bit integer column holds


def _has_control_character(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


class OffencesAPIViewSet(PagesAPIViewSet):
    model = OffencePage
    name = "offences"
    renderer_classes = [JSONRenderer]  # JSON only: no browsable API, no CSRF cookie
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["lang"])
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "law",
        "section",
        "paragraph",
        "letter",
        "legislation_identifier",
        "official_title",
        "summary",
        "special_conditions",
        "category_info",
        "lovdata_url",
        "last_legal_review",
        "needs_legal_review",
        "field_languages",
    ]

    def dispatch(self, request, *args, **kwargs):
        code = request.GET.get("lang")
        self.bad_language = code is not None and code not in languages.CODES
        if code is None or self.bad_language:
            # LocaleMiddleware gives every unprefixed path Norwegian, so read the header here.
            preferred = translation.get_language_from_request(request)
            code = preferred if preferred in languages.CODES else languages.DEFAULT
        self.language = code
        # override(), not activate(): the language must not leak into the next request.
        with translation.override(code):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        for name, values in request.GET.lists():
            if _has_control_character(name) or any(map(_has_control_character, values)):
                raise ValidationError({"message": f"{name!r} holds a control character."})
        if request.GET.get("format", "json") != "json":
            raise ValidationError({"message": "format must be json: the API answers in JSON."})
        super().initial(request, *args, **kwargs)
        if self.bad_language:
            raise ValidationError(
                {"message": f"Unknown lang; use one of {', '.join(languages.CODES)}."}
            )
        self._check_type(request.GET.get("type"))
        query = request.GET.get("search")
        if query is not None and not re.search(r"\w", query):
            # The SQLite search backend builds no query from blanks or bare punctuation and
            # fails; there is nothing to search for anyway.
            raise ValidationError({"message": "search needs at least one letter or digit."})
        if query is not None:
            self._cut_search(request, query)
        # Wagtail passes these on unchecked and answers a bad value with a 500.
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise ValidationError({"message": "search_operator must be 'and' or 'or'."})
        raw_id = request.GET.get("id")
        if raw_id is not None and not (raw_id.isascii() and raw_id.isdigit()):
            raise ValidationError({"message": "id must be a whole number."})
        if raw_id is not None and int(raw_id) > MAX_ID:
            raise NotFound()

    def _check_type(self, value):
        """Only offence pages are listed here: another page type would reach the database as
        a query on fields it does not have."""
        if value is None:
            return
        try:
            models = page_models_from_string(value)
        except (LookupError, ValueError):
            models = None
        if not models or not all(issubclass(model, self.model) for model in models):
            raise ValidationError({"message": "type must be offences.OffencePage."})

    @staticmethod
    def _cut_search(request, query):
        """Keep the words the site's own search keeps (at most search.MAX_TERMS)."""
        words = " ".join(search.query_terms(search.clean_query(query)))
        if not words:
            raise ValidationError({"message": "search needs at least one letter or digit."})
        if words != query:
            cut = request._request.GET.copy()
            cut["search"] = words
            request._request.GET = cut

    def detail_view(self, request, pk):
        # Databases cannot compare a key beyond 64 bits: no such page, rather than a crash.
        if int(pk) > MAX_ID:
            raise NotFound()
        return super().detail_view(request, pk)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "language", None):
            response["Content-Language"] = self.language
        response.setdefault("Vary", "Accept-Language")
        return response

    def get_queryset(self):
        return super().get_queryset().select_related("category")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("offences", OffencesAPIViewSet)
