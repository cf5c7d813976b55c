#!/usr/bin/env python3
"""Build static/css/plikt.css: the one stylesheet every public page loads.

It concatenates, in this order:

1. the Designsystemet brand theme (design tokens: colours, sizes, typography), which already
   sits in ``@layer ds.theme.*``;
2. only the Designsystemet component stylesheets the templates use, each wrapped in the
   cascade layer Designsystemet's own ``index.css`` puts it in (``ds.base`` or
   ``ds.components``), so that they keep the same precedence as the full bundle;
3. every ``static/css/src/*.css`` file (site layout first, then each app's file in name
   order), unlayered, so site rules win over the design system without ``!important``.

The npm packages are pinned in package-lock.json; ``make css`` runs ``npm ci`` and this
script. The built file is committed, so ``make run`` and ``make test`` need no Node.
Usage: ``python3 bin/build_css.py [--check]`` (``--check`` exits 1 if the file is stale).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DS = ROOT / "node_modules" / "@digdir" / "designsystemet-css" / "dist" / "src"
THEME = ROOT / "node_modules" / "@digdir" / "designsystemet-theme" / "brand" / "digdir.css"
SITE = ROOT / "static" / "css" / "src"
OUT = ROOT / "static" / "css" / "plikt.css"

# (file, layer), in the order of Designsystemet's index.css. Add a component here when a
# template starts using its classes; leave out what no page uses (budget: 50 KB per page).
COMPONENTS = [
    ("base.css", "ds.base"),
    ("label.css", "ds.base"),
    ("heading.css", "ds.base"),
    ("paragraph.css", "ds.base"),
    ("validation-message.css", "ds.base"),
    ("link.css", "ds.components"),
    ("data-size-workaround.css", "ds.components"),
    ("button.css", "ds.components"),
    ("input.css", "ds.components"),
    ("field.css", "ds.components"),
    ("fieldset.css", "ds.components"),
    ("alert.css", "ds.components"),
    ("skip-link.css", "ds.components"),
    ("details.css", "ds.components"),
    ("list.css", "ds.components"),
    ("card.css", "ds.components"),
    ("pagination.css", "ds.components"),
    ("tag.css", "ds.components"),
    ("error-summary.css", "ds.components"),
    ("table.css", "ds.components"),
    ("breadcrumbs.css", "ds.components"),
    ("search.css", "ds.components"),
]

HEADER = (
    '@charset "UTF-8";\n'
    "/* Built by bin/build_css.py (make css). Do not edit: edit static/css/src/*.css. */\n"
    "/* Designsystemet (MIT, Digdir): @digdir/designsystemet-css and -theme, see package.json. */\n"
    "@layer ds.theme, ds.base, ds.components;\n"
)


def _strip_charset(css: str) -> str:
    return css.replace('@charset "UTF-8";', "").strip()


def _in_layer(name: str, css: str, layer: str) -> str:
    """A component's CSS inside its layer, wrapped only when the file does not do it itself.

    Some files (search.css) already open ``@layer ds.components{``. Wrapping them again would
    make a sublayer, ``ds.components.ds.components``, and in a layer its own rules beat every
    sublayer's: input.css's padding then won over search.css's room for the magnifier, and the
    icon covered the first letters typed.
    """
    if css.startswith(f"@layer {layer}{{"):
        return css
    if css.startswith("@layer"):
        sys.exit(f"{name} puts itself in another layer than {layer}: check COMPONENTS.")
    return f"@layer {layer}{{{css}}}"


def site_sources() -> list[Path]:
    """site.css first (layout and defaults), then every other area's file by name."""
    files = sorted(SITE.glob("*.css"))
    return sorted(files, key=lambda path: (path.name != "site.css", path.name))


def build() -> str:
    missing = [name for name, _ in COMPONENTS if not (DS / name).exists()]
    if not THEME.exists() or missing:
        sys.exit("Designsystemet is not installed: run `npm ci` (or `make css`) first.")
    parts = [HEADER, _strip_charset(THEME.read_text(encoding="utf-8"))]
    for name, layer in COMPONENTS:
        parts.append(
            _in_layer(name, _strip_charset((DS / name).read_text(encoding="utf-8")), layer)
        )
    for path in site_sources():
        parts.append(f"/* {path.relative_to(ROOT)} */\n{path.read_text(encoding='utf-8').strip()}")
    return "\n".join(parts) + "\n"


def main() -> int:
    css = build()
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != css:
            print(f"{OUT.relative_to(ROOT)} is stale: run `make css`.", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(css, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(css.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
