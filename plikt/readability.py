"""How easy a page is to read: LIX, measured on the text a reader sees.

LIX (läsbarhetsindex, Carl-Hugo Björnsson) is the readability measure used for Scandinavian
languages: the average number of words per sentence plus the percentage of long words (more
than six letters). Roughly: under 30 very easy, 30–40 easy (plain public information), 40–50
medium (a newspaper), over 50 hard. Headings, list items and other separate blocks count as
sentences, as a reader takes them in one at a time.

``main_text`` takes a rendered page and returns the text of its ``<main>`` element with one
blank line between blocks, so that a heading or a list item is a sentence of its own while a
link inside a sentence stays part of it. ``lix`` measures such text. The plain-language test
(``tests/plikt/test_plain_language.py``) and ``manage.py readability`` both use these two.
"""

import re

from bs4 import BeautifulSoup

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A sentence ends at . ! ? or : before a space, at a blank line, or before a line that starts
# a list item.
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n\s*\n|\n(?=\s*[-•*])")
LONG_WORD = 6  # letters; a longer word is a long word

# Elements that start a new block of text (everything else runs on inside its sentence).
BLOCKS = {
    "address", "article", "aside", "blockquote", "button", "caption", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "label", "legend", "li", "nav", "ol", "p", "section", "summary",
    "table", "td", "th", "tr", "ul",
}  # fmt: skip
HIDDEN = ("script", "style", "template", "noscript")
_BREAK = "\x00"


def lix(text: str) -> float:
    words = WORD.findall(text)
    if not words:
        return 0.0
    sentences = [part for part in SENTENCE_END.split(text) if WORD.search(part)]
    long_words = sum(1 for word in words if len(word.replace("-", "")) > LONG_WORD)
    return len(words) / len(sentences) + 100 * long_words / len(words)


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def main_text(html: str | bytes) -> str:
    """The visible text of the page's ``<main>``, blocks separated by blank lines."""
    main = BeautifulSoup(html, "html.parser").find("main")
    if main is None:
        return ""
    for element in main.find_all(HIDDEN):
        element.decompose()
    for element in main.find_all(BLOCKS):
        element.insert_before(_BREAK)
        element.insert_after(_BREAK)
    # Soft hyphens (headings, plikt.hyphenation) are invisible inside a line: not word breaks.
    text = main.get_text().replace("\u00ad", "")
    blocks = (" ".join(part.split()) for part in text.split(_BREAK))
    return "\n\n".join(block for block in blocks if block)
