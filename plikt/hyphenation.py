"""Soft hyphens in long Norwegian words, so that headings break only where a word may be split.

Norwegian compounds («avvergingsplikten», «seksuallovbrudd») are often wider than a phone's
line at heading size. The CSS way, ``hyphens: auto``, needs a hyphenation dictionary in the
browser, and Debian's Chromium (like other builds without Google's component updater) has
none: it then leaves the word whole and ``overflow-wrap`` cuts it anywhere, without a hyphen
(«Avvergingspli/kten»). So the server marks the points itself: pyphen, with the LibreOffice
Norwegian Bokmål dictionary it ships (``nb_NO``), puts a soft hyphen (U+00AD) at each point of
a long word, and every browser breaks there, with a visible hyphen, only when it must.

Only Norwegian: it is the language of the long compounds, and the one with a dictionary (the
Sámi languages have none in pyphen; Norwegian text on a Sámi page, marked ``lang="nb"``, is
hyphenated as Norwegian). The template filter ``hyphenate`` (``plikt_tags``) applies this to
headings; body text at reading size fits its words on a line.
"""

import functools
import re

import pyphen

SOFT_HYPHEN = "\u00ad"
DICTIONARIES = {"nb": "nb_NO"}  # site language code: pyphen dictionary
MIN_LETTERS = 12  # shorter words fit on a 320 px line at any heading size (tested)
MARGIN = 3  # letters kept together at each end of a word: no «Av-» or «-en» on a line

_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
_LANG = re.compile(r"""\slang\s*=\s*["']?([\w-]*)""")
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@functools.cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    name = DICTIONARIES.get(language.split("-")[0].lower())
    return pyphen.Pyphen(lang=name, left=MARGIN, right=MARGIN) if name else None


def hyphenate_text(text: str, language: str) -> str:
    """Plain text with soft hyphens in its long words, if ``language`` has a dictionary."""
    dictionary = _dictionary(language)
    if dictionary is None:
        return text
    return _LONG_WORD.sub(lambda match: dictionary.inserted(match[0], hyphen=SOFT_HYPHEN), text)


def hyphenate_html(html: str, language: str) -> str:
    """The same for an HTML fragment: only text between tags changes, in the language of the
    element it stands in (``lang`` attributes inside the fragment are followed)."""
    open_elements: list[tuple[str, str]] = []  # (tag name, language inside it)
    parts = []
    for part in _TAG.split(html):
        if not part.startswith("<"):
            current = open_elements[-1][1] if open_elements else language
            parts.append(hyphenate_text(part, current))
            continue
        parts.append(part)
        tag = _TAG_NAME.match(part)
        if tag is None:
            continue  # a comment or a stray "<"
        closing, name = tag[1] == "/", tag[2].lower()
        if closing:
            names = [open_name for open_name, _language in open_elements]
            if name in names:
                del open_elements[len(names) - 1 - names[::-1].index(name) :]
        elif name not in _VOID and not part.endswith("/>"):
            lang = _LANG.search(part)
            inherited = open_elements[-1][1] if open_elements else language
            open_elements.append((name, lang[1] if lang and lang[1] else inherited))
    return "".join(parts)
