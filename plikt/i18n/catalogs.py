"""Compile the UI catalogs (locale/*/LC_MESSAGES/*.po) to .mo files with polib, and sync them.

Django only accepts a language prefix such as /se/ when a compiled catalog for it exists, and
a fresh machine may have no GNU gettext, so ``make`` runs ``python -m plikt.i18n.catalogs``.

``python -m plikt.i18n.catalogs --sync`` (needs GNU gettext) collects every marked string with
``makemessages`` (without source locations) into all five catalogs and tidies them: English
gets msgstr = msgid (the source strings are English), the Sámi catalogs get their headers from
``plikt.languages`` and keep empty msgstr (an untranslated Sámi string falls back to the
Norwegian catalog, Django's ``LANGUAGE_CODE`` fallback), and guesses made by msgmerge's fuzzy
matching are cleared so nothing half-right reaches readers. Norwegian strings are then
translated by hand; the test ``tests/plikt/test_translation_catalogs.py`` fails until every
marked string is in place.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "locale"
IGNORE = (".venv", "node_modules", "tests", "staticfiles", "media")


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled


def make_messages(root: Path = ROOT) -> None:
    from plikt import languages

    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
    for code in languages.CODES:
        command += ["-l", code]
    for pattern in IGNORE:
        command += ["--ignore", pattern]
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    subprocess.run(command, cwd=root, env=env, check=True)  # noqa: S603 - fixed arguments


def tidy(locale_dir: Path = LOCALE_DIR) -> dict[str, int]:
    """Headers from plikt.languages, en = source, no fuzzy guesses. {code: untranslated}."""
    from plikt import languages

    untranslated = {}
    for language in languages.ALL:
        path = locale_dir / language.code / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        po = polib.pofile(str(path), wrapwidth=0)
        po.metadata.update(
            {
                "Project-Id-Version": "plikt",
                "Language": language.code,
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
                "Plural-Forms": language.plural_forms,
            }
        )
        # No dates and no source locations, entries in alphabetical order: a catalog changes
        # only where a string does, so branches that add strings merge without conflicts.
        po.metadata.pop("POT-Creation-Date", None)
        po.metadata.pop("PO-Revision-Date", None)
        po[:] = sorted(po, key=lambda entry: (entry.msgid, entry.msgctxt or ""))
        for entry in po:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
                entry.msgstr = ""
                entry.msgstr_plural = {key: "" for key in entry.msgstr_plural}
            if language.code == "en":
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
        po.save(str(path))
        untranslated[language.code] = len(po.untranslated_entries())
    return untranslated


if __name__ == "__main__":
    if "--sync" in sys.argv[1:]:
        make_messages()
        for code, count in tidy().items():
            print(f"{code}: {count} untranslated", file=sys.stderr)
    done = compile_catalogs()
    print(f"compiled {len(done)} catalog(s)", file=sys.stderr)
