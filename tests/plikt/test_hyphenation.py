"""Soft hyphens in long Norwegian words of headings (plikt.hyphenation, the hyphenate filter)."""

from django.template import Context, Template
from django.utils import translation

from plikt.hyphenation import SOFT_HYPHEN, hyphenate_html, hyphenate_text


def test_long_norwegian_words_get_soft_hyphens_at_their_hyphenation_points():
    text = hyphenate_text("Avvergingsplikten gjelder alle", "nb")
    assert text.replace(SOFT_HYPHEN, "") == "Avvergingsplikten gjelder alle"
    assert text.split()[0].split(SOFT_HYPHEN) == ["Avver", "gings", "plik", "ten"]
    assert SOFT_HYPHEN not in text.split(" ", 1)[1]  # short words are left whole


def test_languages_without_a_dictionary_are_left_as_they_are():
    assert hyphenate_text("Avvergingsplikten", "se") == "Avvergingsplikten"
    assert hyphenate_text("Responsibilities", "en") == "Responsibilities"


def test_html_keeps_its_tags_and_follows_lang_attributes():
    html = (
        '<a href="/avvergingsplikten/">seksuallovbruddene</a>'
        ' <span lang="nb">avvergingsplikten</span>'
    )
    out = hyphenate_html(html, "se")
    assert 'href="/avvergingsplikten/"' in out
    assert ">seksuallovbruddene</a>" in out  # Sámi text: no dictionary
    assert f'<span lang="nb">avver{SOFT_HYPHEN}gings' in out  # Norwegian fallback inside


def test_the_filter_escapes_plain_text_and_uses_the_active_language():
    template = Template("{% load plikt_tags %}{{ value|hyphenate }}")
    with translation.override("nb"):
        out = template.render(Context({"value": "<b>Menneskehandel</b>"}))
    assert out.startswith("&lt;b&gt;Men")
    assert SOFT_HYPHEN in out
