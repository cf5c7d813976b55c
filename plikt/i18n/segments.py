"""Split a translatable value into segments a translator can handle, and put it back together.

A *segment* is one piece of running text with a stable key inside its field:

- a plain text field (title, intro) is one segment with the key ``""``;
- rich text is split into paragraphs, list items and headings, keyed by position
  (``"0"``, ``"1"`` ...). Inline markup (``<a href>``, ``<b>``, ``<i>``) stays in the segment
  as written, because a translator must move a link to where it belongs in their sentence;
  the block markup around it (``<p>``, ``<ul><li>``, ``<h3>``) stays out of the text;
- a StreamField is walked block by block. A text inside it is keyed by its block path:
  ``"<block id>"`` for a text block, ``"<block id>:heading"`` for a child of a struct block,
  ``"<block id>:steps:<item id>:heading"`` inside a list, and a rich text inside a block gets
  its paragraph position appended. Only text is a segment: choices, images, page links and
  URLs are copied from the Norwegian value when a translation is rebuilt.

A StreamField stores its value as JSON (``[{"type", "value", "id"}, ...]``), and the walk below
reads and writes that JSON directly, guided by the block definitions, so the same code serves
extraction and rebuilding.
"""

import functools
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

# Block-level rich text elements whose content is one segment.
SEGMENT_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
# Block-level elements that only hold other blocks.
CONTAINER_TAGS = frozenset({"ul", "ol"})
# Inline markup a translator may use inside a segment, with the attributes each may carry.
INLINE_TAGS = {
    "a": {"href", "linktype", "id"},
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "br": set(),
}
VOID_TAGS = frozenset({"br"})
SAFE_URL_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
INTERNAL_LINK_TYPES = frozenset({"page", "document"})


@dataclass(frozen=True)
class Segment:
    key: str  # stable inside the field: block ids, child names, paragraph positions
    shape: str  # the same path with positions instead of ids, to match hand-made translations
    text: str
    rich: bool  # inline HTML allowed (rich text) or plain text


# --- Rich text ----------------------------------------------------------------------------


class _Tokenizer(HTMLParser):
    """Turns HTML into (kind, tag, raw) tokens, keeping the source text exactly."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.tokens: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, self.get_starttag_text()))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("startend", tag, self.get_starttag_text()))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag, f"</{tag}>"))

    def handle_data(self, data):
        self.tokens.append(("data", "", data))

    def handle_entityref(self, name):
        self.tokens.append(("data", "", f"&{name};"))

    def handle_charref(self, name):
        self.tokens.append(("data", "", f"&#{name};"))

    def handle_comment(self, data):
        self.tokens.append(("other", "", f"<!--{data}-->"))


def _tokens(html: str) -> list[tuple[str, str, str]]:
    parser = _Tokenizer()
    parser.feed(html)
    parser.close()
    return parser.tokens


def split_rich_text(html: str) -> list[str | int]:
    """The HTML as a template: structural strings, with an int where segment n goes.

    ``texts`` of the segments come from :func:`rich_text_segments`; joining the template with
    the segments (or their translations) in place gives the HTML back.
    """
    template, _texts = _split(html)
    return list(template)


def rich_text_segments(html: str) -> list[str]:
    return list(_split(html)[1])


# Every page view asks whether its fields are translated into each language, which splits
# the same stored rich text (the Norwegian source above all) again and again; the split is a
# pure function of the text, so it is kept for the texts seen most recently.
@functools.lru_cache(maxsize=1024)
def _split(html: str) -> tuple[tuple[str | int, ...], tuple[str, ...]]:
    template: list[str | int] = []
    texts: list[str] = []
    current: list[str] | None = None

    def flush():
        nonlocal current
        if current is None:
            return
        inner = "".join(current)
        current = None
        if strip_tags(inner).strip():
            lead = inner[: len(inner) - len(inner.lstrip())]
            trail = inner[len(inner.rstrip()) :]
            template.append(lead)
            template.append(len(texts))
            template.append(trail)
            texts.append(inner.strip())
        else:
            template.append(inner)

    for kind, tag, raw in _tokens(html):
        if kind in ("start", "end", "startend") and tag in SEGMENT_TAGS | CONTAINER_TAGS:
            flush()
            template.append(raw)
            if kind == "start" and tag in SEGMENT_TAGS:
                current = []
        elif current is not None:
            current.append(raw)
        elif kind == "data" and not raw.strip():
            template.append(raw)
        else:
            current = [raw]  # loose inline content outside any block element
    flush()
    return tuple(template), tuple(texts)


def join_rich_text(template: Sequence[str | int], texts: Sequence[str]) -> str:
    return "".join(texts[part] if isinstance(part, int) else part for part in template)


def check_inline_html(text: str) -> None:
    """Raise ValidationError unless ``text`` is well-formed inline markup we allow.

    A segment is the inside of one paragraph: block elements, unknown tags, unclosed or
    crossed tags, event-handler attributes and ``javascript:`` links are all refused.
    """
    stack: list[str] = []
    for kind, tag, raw in _tokens(text):
        if kind == "other":
            raise ValidationError(_("Comments and declarations are not allowed: %s") % raw)
        if kind == "data":
            if "<" in raw:
                raise ValidationError(_("Broken markup near “%s”.") % raw.strip()[:40])
            continue
        if tag not in INLINE_TAGS:
            raise ValidationError(_("The tag <%s> is not allowed in translated text.") % tag)
        if kind in ("start", "startend"):
            attrs = _Attributes.of(raw)
            extra = set(attrs) - INLINE_TAGS[tag]
            if extra:
                raise ValidationError(
                    _("The attribute %(attr)s is not allowed on <%(tag)s>.")
                    % {"attr": ", ".join(sorted(extra)), "tag": tag}
                )
            if tag == "a":
                _check_link(attrs)
            if kind == "start" and tag not in VOID_TAGS:
                stack.append(tag)
        else:
            if tag in VOID_TAGS:
                continue
            if not stack or stack[-1] != tag:
                raise ValidationError(_("The closing tag </%s> does not match.") % tag)
            stack.pop()
    if stack:
        raise ValidationError(_("The tag <%s> is not closed.") % stack[-1])


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag

    @classmethod
    def of(cls, raw: str) -> dict[str, str]:
        parser = cls()
        parser.feed(raw)
        parser.close()
        return parser.attrs


def _check_link(attrs: dict[str, str]) -> None:
    if "linktype" in attrs:
        if attrs["linktype"] not in INTERNAL_LINK_TYPES or not attrs.get("id", "").isdigit():
            raise ValidationError(_("An internal link needs a known link type and an id."))
        return
    href = attrs.get("href", "").strip()
    if not href:
        raise ValidationError(_("A link needs an address (href)."))
    if urlsplit(href).scheme.lower() not in SAFE_URL_SCHEMES:
        raise ValidationError(_("The link address %s is not allowed.") % href)


# --- Fields -------------------------------------------------------------------------------


def field_kind(model, field: str) -> str:
    model_field = model._meta.get_field(field)
    if isinstance(model_field, StreamField):
        return "stream"
    if isinstance(model_field, RichTextField):
        return "rich"
    return "plain"


def _is_text_block(block) -> bool:
    return isinstance(block, (blocks.CharBlock, blocks.TextBlock)) and not isinstance(
        block, (blocks.URLBlock, blocks.EmailBlock, blocks.RegexBlock)
    )


def stream_json(model, field: str, value) -> list:
    """A StreamField value (StreamValue, JSON string or list) as its JSON list, ids included."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = json.loads(value)
    if isinstance(value, list):
        return value
    stream_block = model._meta.get_field(field).stream_block
    return stream_block.get_prep_value(value)


def _walk(block, data, key: str, shape: str, leaf):
    """Walk JSON ``data`` of ``block``; ``leaf(key, shape, text, rich)`` returns the new text."""
    if isinstance(block, blocks.StreamBlock):
        result = []
        for position, child in enumerate(data or []):
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is None:
                result.append(child)
                continue
            child_key = _join(key, child.get("id") or str(position))
            child_shape = _join(shape, f"{position}.{child.get('type')}")
            value = _walk(child_block, child.get("value"), child_key, child_shape, leaf)
            result.append({**child, "value": value})
        return result
    if isinstance(block, blocks.StructBlock):
        data = dict(data or {})
        for name, child_block in block.child_blocks.items():
            if name in data:
                data[name] = _walk(
                    child_block, data[name], _join(key, name), _join(shape, name), leaf
                )
        return data
    if isinstance(block, blocks.ListBlock):
        result = []
        for position, item in enumerate(data or []):
            if isinstance(item, dict) and item.get("type") == "item":
                item_key = _join(key, item.get("id") or str(position))
                value = _walk(
                    block.child_block, item["value"], item_key, _join(shape, str(position)), leaf
                )
                result.append({**item, "value": value})
            else:  # the list format from before list items had ids
                result.append(
                    _walk(
                        block.child_block,
                        item,
                        _join(key, str(position)),
                        _join(shape, str(position)),
                        leaf,
                    )
                )
        return result
    if isinstance(block, blocks.RichTextBlock):
        return _walk_rich(data or "", key, shape, leaf)
    if _is_text_block(block) and isinstance(data, str) and data.strip():
        return leaf(key, shape, data, False)
    return data


def _walk_rich(html: str, key: str, shape: str, leaf) -> str:
    template, texts = _split(html)
    new = [
        leaf(_join(key, str(n)), _join(shape, f"{n}"), text, True) for n, text in enumerate(texts)
    ]
    return join_rich_text(template, new)


def _join(prefix: str, part: str) -> str:
    return f"{prefix}:{part}" if prefix else part


def _transform(model, field: str, value, leaf):
    kind = field_kind(model, field)
    if kind == "stream":
        stream_block = model._meta.get_field(field).stream_block
        return _walk(stream_block, stream_json(model, field, value), "", "", leaf)
    if kind == "rich":
        return _walk_rich(value or "", "", "", leaf)
    if isinstance(value, str) and value.strip():
        return leaf("", "", value, False)
    return value


def segments(model, field: str, value) -> list[Segment]:
    """The segments of one field value, in reading order."""
    found: list[Segment] = []

    def collect(key, shape, text, rich):
        found.append(Segment(key, shape, text.strip() if rich else text, rich))
        return text

    _transform(model, field, value, collect)
    return found


def rebuild(model, field: str, source_value, texts: dict[str, str]):
    """The source value with each segment's text replaced by ``texts[key]``.

    For a StreamField the result is the JSON list (block ids kept from the source, so the next
    export matches each translated segment to its source by key).
    """

    def replace(key, shape, text, rich):
        return texts[key]

    return _transform(model, field, source_value, replace)


def match(source: list[Segment], translation: list[Segment]) -> dict[str, str]:
    """The translated text for each source key, matched by key or, failing that, by position.

    Translations made by import reuse the source's block ids, so keys match. A translation an
    editor built by hand in the admin has its own ids: when its shape (block types, children
    and paragraph positions) is the same as the source's, segments are matched by position.
    """
    by_key = {segment.key: segment.text for segment in translation}
    found = {segment.key: by_key[segment.key] for segment in source if segment.key in by_key}
    if len(found) < len(source) and [s.shape for s in source] == [t.shape for t in translation]:
        found = {s.key: t.text for s, t in zip(source, translation, strict=True)}
    return found


def fingerprint(segment_list: list[Segment]) -> str:
    """A hash of the text of a value: what "the Norwegian source changed" compares."""
    payload = json.dumps([[s.key, s.text] for s in segment_list], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


_WS = re.compile(r"\s+")


def same_text(a: str, b: str) -> bool:
    """Compare msgids: PO tools may re-wrap lines, which changes nothing a reader sees."""
    return _WS.sub(" ", a).strip() == _WS.sub(" ", b).strip()
