"""Reading straffeloven § 196 first paragraph letter a) out of Lovdata's own XML.

Lovdata publishes its documents as HTML-like XML (its open data sets ``gjeldende-lover`` and
``lovtidend``). Two shapes matter here:

- **An amending act** (``nl-20250620-086.xml``, LOV-2025-06-20-86): each change is an
  ``<article class="change" data-change-part="lov/2005-05-20-28/§196/ledd/1/bokstav/a">``
  whose text gives the new wording; a replaced section is a ``futureLegalArticle``.
- **A consolidated law** (``nl-20050520-028.xml``, straffeloven as in force): one
  ``<article class="legalArticle" data-name="§196">`` per section, its heading in
  ``<span class="legalArticleTitle">``, then one ``<article class="legalP">`` per paragraph.

Either way letter a) is one ``<li>`` of a list, a sentence such as «§ 111 (krenkelse av Norges
selvstendighet og fred), … § 262 annet ledd (ekteskap med noen under 16 år), … og § 357
(forbund om fremkalling av fare for allmennheten),». :func:`parse` turns that into
:class:`Entry` values, and :func:`compare` sets them against the catalogue.

Headings: § 196 writes them in lower case because they stand inside its sentence; Lovdata heads
each section with the same words starting with a capital («§ 279. Forbund om drap …»), and
that is how the catalogue keeps them (``official_title``). Only the first letter differs; the
words are compared exactly.

The parser is the standard library's ``html.parser`` building a small tree: the documents are
HTML, not strict XML, and nothing else is needed at run time.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.utils.translation import gettext as _

STRAFFELOVEN = "lov/2005-05-20-28"

# Norwegian ordinals as Lovdata cites paragraphs («§ 262 annet ledd»). Both forms of 2 occur:
# § 196 itself says «annet ledd»; newer acts write «andre ledd».
ORDINALS = {
    "første": 1,
    "annet": 2,
    "andre": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
}
CITED_ORDINAL = {1: "første", 2: "annet", 3: "tredje", 4: "fjerde", 5: "femte", 6: "sjette"}

_ENTRY = re.compile(
    r"§\s*(?P<section>\d+(?:-\d+)?[a-z]?)"
    r"(?:\s+(?P<ordinal>\w+)\s+ledd)?"
    r"\s*(?:\((?P<heading>[^()]*(?:\([^()]*\)[^()]*)*)\))?"
)
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class LovdataError(ValueError):
    """The document cannot be read, or holds no § 196 first paragraph letter a)."""


@dataclass(frozen=True)
class Entry:
    """One provision letter a) names, e.g. § 262 annet ledd «ekteskap med noen under 16 år»."""

    section: str
    paragraph: int | None
    heading: str  # as Lovdata heads the section: the list's words, first letter capital

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.section, self.paragraph)

    @property
    def citation(self) -> str:
        return cite(self.section, self.paragraph)


def cite(section: str, paragraph: int | None = None) -> str:
    """«§ 262 annet ledd», as § 196 itself cites a single paragraph."""
    if paragraph is None:
        return f"§ {section}"
    return f"§ {section} {CITED_ORDINAL.get(paragraph, f'{paragraph}.')} ledd"


def as_section_heading(words: str) -> str:
    """«grov frihetsberøvelse» → «Grov frihetsberøvelse»: only the first letter changes."""
    words = normalise(words)
    return words[:1].upper() + words[1:]


def normalise(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@dataclass
class Document:
    """What :func:`parse` found: the document's identity, letter a)'s entries, and the headings
    of the sections the document itself contains (consolidated law, or replaced sections)."""

    name: str
    identifier: str
    title: str
    shape: str  # "amending act" or "consolidated law"
    entries: list[Entry]
    own_headings: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How a note names the document: «nl-20250620-086.xml (LOV-2025-06-20-86)»."""
        if self.identifier and self.identifier not in self.name:
            return f"{self.name} ({self.identifier})"
        return self.name


# -- a small element tree ------------------------------------------------------------------


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent=None):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        parts = []
        stack = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            else:
                stack.extend(reversed(node.children))
        return normalise("".join(parts))

    def iter(self):
        """This element and every element below it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(child for child in reversed(node.children) if isinstance(child, Node))

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs):
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if cls and cls not in node.classes():
                continue
            if all(
                node.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items()
            ):
                yield node

    def find(self, tag=None, cls=None, **attrs):
        return next(self.find_all(tag, cls, **attrs), None)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {n: v or "" for n, v in attrs}, self.current))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag closes nothing.
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def tree(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# -- § 196 -------------------------------------------------------------------------------


def read(path: str | Path) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or error
        raise LovdataError(
            _("cannot read %(path)s: %(reason)s") % {"path": path, "reason": reason}
        ) from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LovdataError(
            _("%(name)s is not UTF-8 text, so not a Lovdata XML file") % {"name": path.name}
        ) from error
    return parse(text, name=path.name)


def parse(text: str, name: str = "") -> Document:
    root = tree(text)
    identifier = _key_info(root, "legacyID")
    title = _key_info(root, "title") or (root.find("title").text() if root.find("title") else "")
    letter_a, shape = _letter_a(root, identifier)
    if letter_a is None:
        raise LovdataError(
            _(
                "%(name)s has no straffeloven § 196 first paragraph letter a) (neither a change "
                "to it nor the section itself)"
            )
            % {"name": name or _("the document")}
        )
    entries = parse_list(letter_a.text())
    if not entries:
        raise LovdataError(
            _("%(name)s: § 196 letter a) names no section") % {"name": name or _("the document")}
        )
    return Document(
        name=name,
        identifier=identifier,
        title=title,
        shape=shape,
        entries=entries,
        own_headings=_own_headings(root, shape),
    )


def parse_list(text: str) -> list[Entry]:
    """The entries of letter a)'s sentence, in the law's order."""
    entries = []
    for match in _ENTRY.finditer(normalise(text)):
        paragraph = None
        if match["ordinal"]:
            paragraph = ORDINALS.get(match["ordinal"].lower())
            if paragraph is None:
                raise LovdataError(
                    _("cannot read «%(entry)s»: «%(ordinal)s ledd»")
                    % {"entry": match[0], "ordinal": match["ordinal"]}
                )
        heading = as_section_heading(match["heading"] or "")
        entries.append(Entry(match["section"], paragraph, heading))
    return entries


def _key_info(root: Node, name: str) -> str:
    header = root.find("dl", cls="data-document-key-info")
    node = header.find("dd", cls=name) if header else None
    return node.text() if node else ""


def _is_straffeloven(root: Node, identifier: str) -> bool:
    refid = _key_info(root, "refid")
    return identifier == "LOV-2005-05-20-28" or refid == STRAFFELOVEN


def _letter_a(root: Node, identifier: str):
    """The <li> of § 196 first paragraph letter a), and the document's shape."""
    target = f"{STRAFFELOVEN}/§196"
    for change in root.find_all("article", cls="change"):
        part = change.attrs.get("data-change-part", "")
        if part == f"{target}/ledd/1/bokstav/a":
            return _list_item(change, "a"), "amending act"
        if part in (target, f"{target}/ledd/1"):
            return _list_item(_first_paragraph(change) or change, "a"), "amending act"
    for article in root.find_all("article", cls="legalArticle", data_name="§196"):
        url = article.attrs.get("data-lovdata-url", "")  # html.parser lowercases names
        if STRAFFELOVEN in url or _is_straffeloven(root, identifier):
            return _list_item(_first_paragraph(article) or article, "a"), "consolidated law"
    return None, ""


def _first_paragraph(article: Node):
    return article.find(cls="legalP")


def _list_item(scope: Node, letter: str):
    for item in scope.find_all("li"):
        label = item.attrs.get("data-name") or item.attrs.get("data-li-identifier") or ""
        if label.strip(".) ").lower() == letter:
            return item
    return None


def _own_headings(root: Node, shape: str) -> dict[str, str]:
    """Section → its own heading, for every straffeloven section the document spells out."""
    headings = {}
    for article in root.iter():
        if article.tag != "article":
            continue
        classes = article.classes()
        if not classes & {"legalArticle", "futureLegalArticle"}:
            continue
        if shape == "amending act":
            # A replaced section counts only inside a change to straffeloven.
            change = next((a for a in article.ancestors() if "change" in a.classes()), None)
            if change is None or not change.attrs.get("data-change-part", "").startswith(
                STRAFFELOVEN + "/"
            ):
                continue
        name = article.attrs.get("data-name", "")
        title = article.find("span", cls="legalArticleTitle")
        if name.startswith("§") and title is not None:
            headings[name[1:]] = title.text()
    return headings


# -- comparing with the catalogue ---------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One entry on which the document and the catalogue disagree."""

    kind: str  # "added" (in the document only), "removed" (catalogue only), "heading"
    section: str
    paragraph: int | None
    catalogue_heading: str = ""
    document_heading: str = ""
    own_heading: str = ""  # the section's own heading, where the document contains it
    page_ids: tuple[int, ...] = ()

    @property
    def citation(self) -> str:
        return cite(self.section, self.paragraph)

    def describe(self) -> str:
        if self.kind == "added":
            return f"added: the document names it «{self.document_heading}»; no offence page has it"
        if self.kind == "removed":
            return (
                f"removed: the catalogue has «{self.catalogue_heading}»; the document's "
                "letter a) does not name it"
            )
        text = f"heading changed: the catalogue has «{self.catalogue_heading}»"
        if self.document_heading and self.document_heading != self.catalogue_heading:
            text += f", § 196 names it «{self.document_heading}»"
        if self.own_heading and self.own_heading != self.catalogue_heading:
            text += f", the section's own heading is «{self.own_heading}»"
        return text


@dataclass(frozen=True)
class CatalogueEntry:
    section: str
    paragraph: int | None
    heading: str
    page_id: int


def compare(document: Document, catalogue: list[CatalogueEntry]) -> list[Difference]:
    """What differs between letter a) in the document and the catalogue, in the law's order."""
    listed = {entry.key: entry for entry in document.entries}
    pages: dict[tuple, list[CatalogueEntry]] = {}
    for entry in catalogue:
        pages.setdefault((entry.section, entry.paragraph), []).append(entry)

    differences = []
    for key, entry in listed.items():
        found = pages.get(key)
        if not found:
            differences.append(Difference("added", *key, document_heading=entry.heading))
            continue
        own = document.own_headings.get(entry.section, "") if entry.paragraph is None else ""
        for page in found:
            heading = normalise(page.heading)
            if heading != entry.heading or (own and heading != own):
                differences.append(
                    Difference(
                        "heading",
                        *key,
                        catalogue_heading=page.heading,
                        document_heading=entry.heading,
                        own_heading=own,
                        page_ids=(page.page_id,),
                    )
                )
    for key, found in pages.items():
        if key not in listed:
            differences.append(
                Difference(
                    "removed",
                    *key,
                    catalogue_heading=found[0].heading,
                    page_ids=tuple(page.page_id for page in found),
                )
            )
    order = {key: position for position, key in enumerate(listed)}
    return sorted(differences, key=lambda d: _law_order(d, order))


def _law_order(difference: Difference, order: dict) -> tuple:
    key = (difference.section, difference.paragraph)
    numbers = tuple(int(n) for n in re.findall(r"\d+", difference.section))
    return (numbers, difference.paragraph or 0, order.get(key, -1))
