"""Offline translation: every translatable text as a PO catalog, and back again (with polib).

Export writes one entry per segment (see :mod:`plikt.i18n.segments`):

- ``msgctxt`` = ``app_label.Model:<pk>:<field>[:<segment path>]``, for example
  ``plikt.ContentPage:7:body:0c1d…:question`` or ``plikt.ContentPage:7:intro``;
- ``msgid`` = the Norwegian text, ``msgstr`` = the current translation (empty if none);
- an out-of-date segment is ``fuzzy`` and carries the Norwegian text it was translated from
  as ``#| msgid`` (the "previous" text PO editors show side by side);
- an extracted comment names the object and field for the translator.

Import reads a catalog back for the language in its ``Language`` header. Per object, all or
nothing: every entry is checked first (source unchanged since export, markup allowed and well
formed, the rebuilt StreamField passes its blocks' ``clean()``, the field its validators);
one broken entry rejects the object's changes with a message and the object is left as it was.
Accepted changes are saved as a new revision, a draft unless ``publish`` is set. Entries
still marked fuzzy are not imported. An unchanged, non-fuzzy translation of an out-of-date
field confirms it: the field is marked up to date without a new revision.

A rich text field or StreamField is written with every translated segment, however few: a
segment not yet translated keeps its Norwegian text, which the site shows marked ``lang="nb"``
and the status report counts as missing (:func:`plikt.i18n.fallback.is_filled`). No
translator's work is lost to a half-finished body.
"""

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import polib
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import DraftStateMixin, RevisionMixin

from plikt import languages
from plikt.i18n import tracking
from plikt.i18n.fallback import content_fields, has_stored, raw_value, translated_pieces
from plikt.i18n.segments import (
    check_inline_html,
    field_kind,
    fingerprint,
    match,
    rebuild,
    same_text,
)

ONLY_CHOICES = ("all", "missing", "outdated")


def context_for(obj, name: str, key: str = "") -> str:
    base = f"{type(obj)._meta.label}:{obj.pk}:{name}"
    return f"{base}:{key}" if key else base


def parse_context(msgctxt: str) -> tuple[str, str, str, str]:
    """(model label, pk, field, segment key); raises ValueError when malformed."""
    parts = (msgctxt or "").split(":", 3)
    if len(parts) < 3 or not all(parts[:3]):
        raise ValueError(msgctxt)
    label, pk, name = parts[:3]
    return label, pk, name, parts[3] if len(parts) == 4 else ""


def _display(obj) -> str:
    title = getattr(obj, "draft_title", None) or str(obj)
    return f"{obj._meta.verbose_name} «{title}»"


def field_label(model, name: str) -> str:
    """The field's name as the admin shows it (``body`` is «Brødtekst» to a Norwegian)."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a name from an uploaded file: show it as it came
        return name


def _piece_name(obj, name: str, norwegian: str) -> str:
    """An entry as a translator finds it again: object, field and its Norwegian text."""
    label = f"{_display(obj)}, {field_label(type(obj), name)}"
    if field_kind(type(obj), name) == "plain":
        return label
    text = " ".join(norwegian.split())
    return f"{label}: «{text[:60]}{'…' if len(text) > 60 else ''}»"


# --- Export ---------------------------------------------------------------------------------


def export_catalog(language: str, only: str = "all", models=None) -> polib.POFile:
    if language not in languages.TRANSLATED_CODES:
        raise ValueError(language)
    if only not in ONLY_CHOICES:
        raise ValueError(only)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "plikt content",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": languages.BY_CODE[language].plural_forms,
        "X-Source-Language": languages.DEFAULT,
    }
    states = list(tracking.iter_states(models))
    rows = tracking.rows_for(states)
    for obj in states:
        status = tracking.object_status(obj, (language,), rows)[language]
        wanted = {
            "all": status.missing + status.outdated + status.complete,
            "missing": status.missing,
            "outdated": status.outdated,
        }[only]
        ct_row_prefix = (tracking.ContentType.objects.get_for_model(type(obj)).pk, str(obj.pk))
        for name in content_fields(type(obj)):
            if name not in wanted:
                continue
            source = tracking.source_segments(obj, name)
            pieces = translated_pieces(obj, name, language)
            if pieces is not None:
                translated = pieces[1]  # a piece still in Norwegian is exported untranslated
            else:
                translated = match(source, tracking.source_segments(obj, name, language))
            basis = {}
            if name in status.outdated:
                row = rows.get((*ct_row_prefix, name, language))
                basis = row.source if row is not None else {}
            for segment in source:
                entry = polib.POEntry(
                    msgctxt=context_for(obj, name, segment.key),
                    msgid=segment.text,
                    msgstr=translated.get(segment.key, ""),
                    comment=f"{_display(obj)}: {field_label(type(obj), name)}",
                )
                if name in status.outdated and entry.msgstr:
                    previous = basis.get(segment.key)
                    if previous is None or previous != segment.text:
                        entry.flags.append("fuzzy")
                        if previous:
                            entry.previous_msgid = previous
                po.append(entry)
    return po


# --- Import ---------------------------------------------------------------------------------


@dataclass
class ImportResult:
    language: str = ""
    saved: list = field(default_factory=list)  # "ContentPage «…»: title, body"
    confirmed: list = field(default_factory=list)
    stale: list = field(default_factory=list)  # object, field and text of a refused entry
    rejected: list = field(default_factory=list)  # "object: reason"
    incomplete: list = field(default_factory=list)
    fuzzy: int = 0
    untranslated: int = 0
    errors: list = field(default_factory=list)  # problems with the file itself

    @property
    def ok(self) -> bool:
        return not (self.errors or self.rejected or self.stale)

    def summary_lines(self) -> list[str]:
        lines = [
            _("Language: %s") % self.language,
            _("Saved: %d object(s)") % len(self.saved),
        ]
        lines += [f"  + {item}" for item in self.saved]
        if self.confirmed:
            lines.append(_("Confirmed up to date: %d field(s)") % len(self.confirmed))
            lines += [f"  = {item}" for item in self.confirmed]
        if self.stale:
            lines.append(
                _("Refused, the Norwegian text changed since export: %d entr(ies)")
                % len(self.stale)
            )
            lines += [f"  ! {item}" for item in self.stale]
            advice = _(
                "Export the file again: it will have the new Norwegian text of these "
                "entries, with your earlier translation kept for you to check."
            )
            lines.append(f"  {advice}")
        if self.rejected:
            lines.append(_("Rejected, nothing changed: %d object(s)") % len(self.rejected))
            lines += [f"  x {item}" for item in self.rejected]
        if self.incomplete:
            lines.append(_("Saved in part, some pieces are still untranslated:"))
            lines += [f"  - {item}" for item in self.incomplete]
        lines.append(
            _("Skipped: %(fuzzy)d fuzzy, %(empty)d untranslated entr(ies)")
            % {"fuzzy": self.fuzzy, "empty": self.untranslated}
        )
        lines += [f"  x {item}" for item in self.errors]
        return lines


class Rejected(Exception):
    pass


# A line of a PO file: a comment, a keyword with its quoted string, or a continuation string.
_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(
    rf"^(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}|{_STRING})$"
)
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
EMPTY_FILE = gettext_lazy(
    "The file is empty. Upload the .po file you translated, saved with its entries."
)


def _syntax_error(line: int) -> ValueError:
    return ValueError(
        _(
            "Line %(line)d of the file is not valid PO, for example a text without its closing "
            "quotation mark. Open the file in a PO editor (such as Poedit) or a text editor, "
            "correct line %(line)d and upload it again."
        )
        % {"line": line}
    )


def _check_syntax(text: str) -> None:
    """Find the first broken line ourselves: polib reads an unterminated string as empty.

    Left alone, such a file loses its ``Language`` header or an entry's text without a word,
    and the translator is told the wrong thing. A ``#~`` obsolete entry is a comment here.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not _PO_LINE.match(stripped):
            raise _syntax_error(number)


def read_catalog(data) -> polib.POFile:
    """A POFile from the file's contents (bytes or text); ValueError saying what is wrong.

    The messages are for a translator: what is wrong, where, and what to do about it.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")  # -sig: Notepad and others start with a BOM
        except UnicodeDecodeError as error:
            raise ValueError(
                _(
                    "The file is not UTF-8 text, so it cannot be a PO file exported here. "
                    "Upload the .po file itself (not a Word or PDF file), saved as UTF-8."
                )
            ) from error
    data = data.removeprefix("\ufeff")
    if not data.strip():
        raise ValueError(str(EMPTY_FILE))
    _check_syntax(data)
    # polib opens its argument as a path when one exists by that name: a leading newline
    # makes sure an uploaded file's contents are never taken for a path on the server.
    try:
        po = polib.pofile("\n" + data, wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        found = _POLIB_LINE.search(str(error))
        if found:  # polib counts the newline added above
            raise _syntax_error(max(int(found.group(1)) - 1, 1)) from error
        raise ValueError(_("This is not a readable PO file: %s") % error) from error
    if not len(po) and not po.metadata:
        raise ValueError(str(EMPTY_FILE))
    return po


def language_name(code: str) -> str:
    language = languages.BY_CODE.get(code)
    return f"{language.endonym} ({code})" if language else f"«{code}»"


def check_language(po: polib.POFile, chosen: str) -> None:
    """ValueError unless the file is for the language the translator chose.

    The file's ``Language`` header says which language its translations are in; importing a
    Lule Sámi file as Northern Sámi would put one language's text in the other's fields.
    """
    header = po.metadata.get("Language", "").strip()
    if header not in languages.TRANSLATED_CODES:
        raise ValueError(
            _(
                "The file does not say which language it is for (its Language header is "
                "“%(code)s”, not one of %(codes)s). Export a new file for %(chosen)s here and "
                "translate in that one."
            )
            % {
                "code": header,
                "codes": ", ".join(languages.TRANSLATED_CODES),
                "chosen": language_name(chosen),
            }
        )
    if header != chosen:
        raise ValueError(
            _(
                "This file is for %(file)s, but you chose %(chosen)s. Nothing was imported. "
                "Choose %(file)s to import it, or upload the file translated into %(chosen)s."
            )
            % {"file": language_name(header), "chosen": language_name(chosen)}
        )


def import_catalog(
    po: polib.POFile,
    *,
    language: str | None = None,
    publish: bool = False,
    user=None,
    can_edit=None,
    can_publish=None,
) -> ImportResult:
    """Write a catalog's translations back. ``can_edit``/``can_publish`` check each object.

    ``language`` is the one the translator chose; without it the file's header decides.
    """
    result = ImportResult(language=po.metadata.get("Language", "").strip())
    try:
        check_language(po, language or result.language)
    except ValueError as error:
        result.errors.append(str(error))
        return result

    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for entry in po:
        if entry.obsolete:
            continue
        try:
            label, pk, _name, _key = parse_context(entry.msgctxt)
        except ValueError:
            result.errors.append(_("Entry without a valid context: %s") % entry.msgid[:60])
            continue
        if "fuzzy" in entry.flags:
            result.fuzzy += 1
            continue
        if not entry.msgstr.strip():
            result.untranslated += 1
            continue
        grouped[(label, pk)].append(entry)

    for (label, pk), entries in grouped.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            result.rejected.append(_("%s: unknown content type") % label)
            continue
        if model not in tracking.translatable_models():
            result.rejected.append(_("%s: not translatable") % label)
            continue
        try:
            obj = model._default_manager.get(pk=pk)
        except (ObjectDoesNotExist, ValueError, ValidationError):
            result.rejected.append(
                _("%(label)s %(pk)s no longer exists: export the file again")
                % {"label": label, "pk": pk}
            )
            continue
        if can_edit is not None and not can_edit(obj):
            result.rejected.append(_("%s: you may not edit this") % _display(obj))
            continue
        publish_this = publish and (can_publish is None or can_publish(obj))
        try:
            with transaction.atomic():
                _import_object(obj, entries, result, publish_this, user)
        except Rejected as error:
            result.rejected.append(f"{_display(obj)}: {error}")
    return result


def _import_object(obj, entries, result: ImportResult, publish: bool, user) -> None:
    language = result.language
    state = tracking.working_state(obj)
    model = type(state)
    by_field: dict[str, list] = defaultdict(list)
    for entry in entries:
        _label, _pk, name, key = parse_context(entry.msgctxt)
        if name not in content_fields(model):
            raise Rejected(_("%s is not a translatable field") % name)
        by_field[name].append((key, entry))

    changed, confirmed = [], []
    left: dict[str, tuple[int, int]] = {}  # field: (pieces untranslated, pieces)
    for name, keyed in by_field.items():
        source = tracking.source_segments(state, name)
        source_by_key = {segment.key: segment for segment in source}
        pieces = translated_pieces(state, name, language)
        if pieces is not None:
            existing = dict(pieces[1])  # pieces still in Norwegian are not translations
        else:
            existing = match(source, tracking.source_segments(state, name, language))
        texts = dict(existing)
        confirmations = set()
        for key, entry in keyed:
            segment = source_by_key.get(key)
            if segment is None or not same_text(segment.text, entry.msgid):
                result.stale.append(_piece_name(state, name, entry.msgid))
                continue
            text = entry.msgstr
            if segment.rich:
                text = text.strip()
                try:
                    check_inline_html(text)
                except ValidationError as error:
                    raise Rejected(
                        f"{_piece_name(state, name, entry.msgid)}: {' '.join(error.messages)}"
                    ) from error
            texts[key] = text
            confirmations.add(key)
        if not confirmations and not existing:
            continue

        # A piece without a translation keeps the Norwegian text: the blocks stay valid (the
        # page can be saved and published in the admin as before) and the site shows that
        # piece in Norwegian, marked lang="nb" (plikt.i18n.fallback tells the pieces apart).
        missing = [segment for segment in source if not texts.get(segment.key, "").strip()]
        for segment in missing:
            texts[segment.key] = segment.text
        if missing:
            left[name] = (len(missing), len(source))
        new_value = _build_value(state, name, source, texts)
        localized = build_localized_fieldname(name, language)
        old_fp = fingerprint(tracking.source_segments(state, name, language))
        had_value = has_stored(state, name, language)
        setattr(state, localized, new_value)
        new_fp = fingerprint(tracking.source_segments(state, name, language))
        all_confirmed = len(confirmations) == len(source)
        if old_fp != new_fp or not had_value:
            changed.append((name, all_confirmed))
        elif all_confirmed:
            confirmed.append(name)

    if changed:
        _validate(state, [name for name, _c in changed], language)
        before = tracking.rows_for([state])
        _save(state, publish, user)
        ct_id = tracking.ContentType.objects.get_for_model(model).pk
        for name, all_confirmed in changed:
            key = (ct_id, str(state.pk), name, language)
            if all_confirmed:
                tracking.mark_up_to_date(state, name, language)
            elif key in before:  # a partial update leaves the rest of the field out of date
                old = before[key]
                tracking.TranslationSource.objects.filter(
                    content_type_id=ct_id, object_id=str(state.pk), field=name, language=language
                ).update(source_hash=old.source_hash, source=old.source)
        labels = ", ".join(field_label(model, name) for name, _c in changed)
        result.saved.append(f"{_display(state)}: {labels}")
        # Said only of what was saved: a file imported again changes nothing and says so.
        for name, _c in changed:
            if name in left:
                result.incomplete.append(
                    _(
                        "%(object)s: %(field)s, %(n)d of %(total)d pieces still untranslated "
                        "(shown in Norwegian until translated)"
                    )
                    % {
                        "object": _display(state),
                        "field": field_label(model, name),
                        "n": left[name][0],
                        "total": left[name][1],
                    }
                )
    for name in confirmed:
        tracking.mark_up_to_date(state, name, language)
        result.confirmed.append(f"{_display(state)}: {field_label(model, name)}")


def _build_value(state, name, source, texts):
    model = type(state)
    kind = field_kind(model, name)
    if kind == "plain":
        return texts[""]
    value = rebuild(model, name, raw_value(state, name, languages.DEFAULT), texts)
    if kind == "stream":
        stream_block = model._meta.get_field(name).stream_block
        try:
            stream_value = stream_block.to_python(value)
            stream_block.clean(stream_value)
        except ValidationError as error:
            raise Rejected(
                _("%(field)s does not validate: %(error)s")
                % {
                    "field": name,
                    "error": _flatten(error),
                }
            ) from error
        return stream_value
    return value


def _flatten(error: ValidationError) -> str:
    if hasattr(error, "as_json_data"):
        return str(error.as_json_data())
    return "; ".join(error.messages)


def _validate(state, names, language) -> None:
    for name in names:
        localized = build_localized_fieldname(name, language)
        model_field = state._meta.get_field(localized)
        if field_kind(type(state), name) == "stream":
            continue  # validated block by block above
        try:
            model_field.clean(getattr(state, localized), state)
        except ValidationError as error:
            raise Rejected(f"{name}: {' '.join(error.messages)}") from error


def _save(state, publish: bool, user) -> None:
    """Pages and revisioned snippets get a new revision; other models are saved directly.

    Saving runs in Norwegian: Wagtail copies ``page.title`` (the active language's value) to
    ``draft_title`` and checks ``page.slug`` for uniqueness, and both must be the Norwegian ones.
    """
    with translation.override(languages.DEFAULT):
        if isinstance(state, RevisionMixin):
            if not isinstance(state, DraftStateMixin):
                state.save()  # revisions only record history for these: the row is the content
            try:
                revision = state.save_revision(user=user, log_action=True)
            except ValidationError as error:
                raise Rejected("; ".join(error.messages)) from error
            if publish and isinstance(state, DraftStateMixin):
                revision.publish(user=user)
            return
        try:
            state.full_clean()
        except ValidationError as error:
            raise Rejected("; ".join(error.messages)) from error
        state.save()


def catalog_bytes(po: polib.POFile) -> bytes:
    buffer = io.StringIO()
    buffer.write(str(po))
    return buffer.getvalue().encode("utf-8")
