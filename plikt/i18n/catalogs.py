"""Compile the UI catalogs (locale/*/LC_MESSAGES/*.po) to .mo files with polib.

Django only accepts a language prefix such as /se/ when a compiled catalog for it exists, and
a fresh machine may have no GNU gettext, so ``make`` runs ``python -m plikt.i18n.catalogs``.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled


if __name__ == "__main__":
    done = compile_catalogs()
    print(f"compiled {len(done)} catalog(s)", file=sys.stderr)
