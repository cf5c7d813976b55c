"""Which objects are translatable, what state translators work on, and what is out of date.

Translatable objects are discovered, never listed: every model registered with
modeltranslation (``plikt/translation.py`` and each app's ``translation.py``) that has content
fields (:func:`plikt.i18n.fallback.content_fields`). Page types and snippets added later join
the report, the export and the tracking without changes here.

Pages and revisioned snippets are read from their **latest revision**, not the live row:
translators cannot publish, so their work waits in drafts and revisions submitted for
moderation, and a Norwegian change saved as a draft should reach translators before it goes
live. Out-of-date tracking therefore compares each new revision with the previous one (a
``post_save`` on Wagtail's ``Revision``); models without revisions compare the row being saved
with the row in the database (``pre_save``).

A translation is

- *missing* when the Norwegian field has text and the language's field has none, or only
  some of its pieces (:func:`plikt.i18n.fallback.is_filled` decides);
- *out of date* when the Norwegian text has changed since the translation was saved: the
  :class:`~plikt.i18n.models.TranslationSource` row holds the hash it was made against;
- *complete* otherwise. A translation with no row (made before tracking existed) counts as
  made against the current text until the Norwegian text next changes.
"""

from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_save
from modeltranslation.translator import translator
from wagtail.models import DraftStateMixin, Page, Revision, RevisionMixin

from plikt import languages
from plikt.i18n.fallback import content_fields, has_stored, is_filled, raw_value
from plikt.i18n.models import TranslationSource
from plikt.i18n.segments import fingerprint, segments

MISSING = "missing"
OUTDATED = "outdated"
COMPLETE = "complete"


@cache
def translatable_models() -> tuple:
    """Concrete registered models with content fields, pages first, in a stable order."""
    found = []
    for model in translator.get_registered_models():
        if model._meta.abstract or model is Page or not content_fields(model):
            continue
        if model._meta.proxy:
            continue
        found.append(model)
    return tuple(sorted(found, key=lambda m: (not issubclass(m, Page), m._meta.label)))


def is_translatable(model) -> bool:
    return model in translatable_models()


def objects_of(model):
    """Instances of exactly this model (a page type's rows, not those of its subclasses)."""
    queryset = model._default_manager.all()
    if issubclass(model, Page):
        queryset = queryset.filter(content_type=ContentType.objects.get_for_model(model)).order_by(
            "path"
        )
    else:
        queryset = queryset.order_by("pk")
    return queryset


def working_state(obj):
    """The version translators work on: the latest revision if the object keeps revisions."""
    if isinstance(obj, RevisionMixin) and obj.latest_revision_id:
        return obj.get_latest_revision_as_object()
    return obj


def live_state(obj):
    """What readers see: the row itself, unless the object has drafts and is not live.

    Wagtail keeps a page's published content in its row and newer drafts in revisions, so
    the row of a live page is its live version whatever drafts wait on top of it.
    """
    if isinstance(obj, DraftStateMixin) and not obj.live:
        return None
    return obj


def iter_objects(models=None):
    """Every translatable object as stored: pages in tree order, then snippets."""
    models = models or translatable_models()
    pages = [obj for model in models if issubclass(model, Page) for obj in objects_of(model)]
    yield from sorted(pages, key=lambda page: page.path)
    for model in models:
        if not issubclass(model, Page):
            yield from objects_of(model)


def iter_states(models=None):
    """Working states of every translatable object: pages in tree order, then snippets."""
    for obj in iter_objects(models):
        yield working_state(obj)


def source_segments(obj, field: str, language: str = languages.DEFAULT):
    return segments(type(obj), field, raw_value(obj, field, language))


def source_hash(obj, field: str) -> str:
    return fingerprint(source_segments(obj, field))


def rows_for(objects=None) -> dict:
    """TranslationSource rows keyed by (content type id, object id, field, language)."""
    queryset = TranslationSource.objects.all()
    if objects is not None:
        by_type: dict[int, list[str]] = {}
        for obj in objects:
            ct = ContentType.objects.get_for_model(type(obj))
            by_type.setdefault(ct.pk, []).append(str(obj.pk))
        from django.db.models import Q

        condition = Q(pk__in=[])
        for ct_id, ids in by_type.items():
            condition |= Q(content_type_id=ct_id, object_id__in=ids)
        queryset = queryset.filter(condition)
    return {(r.content_type_id, r.object_id, r.field, r.language): r for r in queryset}


@dataclass
class LanguageStatus:
    """The status of one object in one language, field by field."""

    obj: object
    language: str
    missing: list = dc_field(default_factory=list)
    outdated: list = dc_field(default_factory=list)
    complete: list = dc_field(default_factory=list)

    @property
    def status(self) -> str:
        if self.missing:
            return MISSING
        if self.outdated:
            return OUTDATED
        return COMPLETE

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.outdated) + len(self.complete)


def object_status(obj, language_codes=languages.TRANSLATED_CODES, rows=None):
    """{language: LanguageStatus} for one object (in its working state)."""
    if rows is None:
        rows = rows_for([obj])
    ct_id = ContentType.objects.get_for_model(type(obj)).pk
    result = {code: LanguageStatus(obj, code) for code in language_codes}
    for name in content_fields(type(obj)):
        if not is_filled(obj, name, languages.DEFAULT):
            continue
        current = None
        for code in language_codes:
            status = result[code]
            if not is_filled(obj, name, code):
                status.missing.append(name)
                continue
            row = rows.get((ct_id, str(obj.pk), name, code))
            if row is not None:
                current = current or source_hash(obj, name)
                if row.source_hash != current:
                    status.outdated.append(name)
                    continue
            status.complete.append(name)
    return result


def outdated_fields(obj) -> dict[str, list[str]]:
    """{language: [field, ...]} for the languages where something is out of date."""
    return {
        code: status.outdated
        for code, status in object_status(working_state(obj)).items()
        if status.outdated
    }


# --- Recording ------------------------------------------------------------------------------


def _record(ct_id, obj, name, language, basis_segments):
    TranslationSource.objects.update_or_create(
        content_type_id=ct_id,
        object_id=str(obj.pk),
        field=name,
        language=language,
        defaults={
            "source_hash": fingerprint(basis_segments),
            "source": {segment.key: segment.text for segment in basis_segments},
        },
    )


def mark_up_to_date(obj, name: str, language: str) -> None:
    """Record that the translation of ``name`` was made against the current Norwegian text."""
    ct_id = ContentType.objects.get_for_model(type(obj)).pk
    _record(ct_id, obj, name, language, source_segments(obj, name))


def record_change(old, new) -> None:
    """Update tracking for one save: ``old`` is the previous state (or None), ``new`` the new.

    - A translation that changed (or appeared) was made against the new Norwegian text.
    - A translation that did not change while the Norwegian text did is out of date: if no
      row says what it was made against, it was the old Norwegian text.
    - An emptied translation has nothing to track.
    """
    model = type(new)
    ct_id = ContentType.objects.get_for_model(model).pk
    existing = rows_for([new])
    for name in content_fields(model):
        new_source = segments(model, name, raw_value(new, name, languages.DEFAULT))
        old_source = segments(model, name, raw_value(old, name, languages.DEFAULT)) if old else None
        for code in languages.TRANSLATED_CODES:
            key = (ct_id, str(new.pk), name, code)
            # Rows follow what is stored, a partly translated body included: its translated
            # pieces can go out of date like any other translation.
            if not has_stored(new, name, code):
                if key in existing:
                    existing[key].delete()
                continue
            new_translation = segments(model, name, raw_value(new, name, code))
            old_translation = segments(model, name, raw_value(old, name, code)) if old else None
            if old is None or not has_stored(old, name, code):
                _record(ct_id, new, name, code, new_source)
            elif fingerprint(old_translation) != fingerprint(new_translation):
                _record(ct_id, new, name, code, new_source)
            elif key not in existing and fingerprint(old_source) != fingerprint(new_source):
                _record(ct_id, new, name, code, old_source)


# --- Signals --------------------------------------------------------------------------------


def _on_revision_saved(sender, instance: Revision, created, raw=False, **kwargs):
    if raw or not created:
        return
    model = instance.content_type.model_class()
    if model is None or not is_translatable(model):
        return
    previous = (
        Revision.objects.filter(base_content_type_id=instance.base_content_type_id)
        .filter(object_id=instance.object_id)
        .exclude(pk=instance.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    new = instance.as_object()
    old = previous.as_object() if previous is not None else None
    if old is not None and type(old) is not type(new):
        old = None
    record_change(old, new)


def _on_model_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    """For models without revisions: compare with the row as it is in the database."""
    if raw or isinstance(instance, RevisionMixin) or not is_translatable(sender):
        return
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
    instance._plikt_previous_state = old


def _on_model_saved(sender, instance, raw=False, **kwargs):
    if raw or isinstance(instance, RevisionMixin) or not is_translatable(sender):
        return
    record_change(getattr(instance, "_plikt_previous_state", None), instance)


def connect() -> None:
    """Called from ``PliktConfig.ready``."""
    post_save.connect(_on_revision_saved, sender=Revision, dispatch_uid="plikt_i18n_revision")
    pre_save.connect(_on_model_saving, dispatch_uid="plikt_i18n_model_pre")
    post_save.connect(_on_model_saved, dispatch_uid="plikt_i18n_model_post")
