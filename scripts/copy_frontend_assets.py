"""Vendor the precompiled GOV.UK Frontend and MOJ Frontend files into cme/static/vendor.

Run only when upgrading the pinned npm packages:

    npm ci && python scripts/copy_frontend_assets.py

The result is committed, so installing, testing and running cme need no npm at all.
It rewrites root-relative ``url(/assets/...)`` references so they resolve next to the CSS
file, and removes the GDS Transport font, which is licensed for GOV.UK services only.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
DEST = ROOT / "cme" / "static" / "vendor"

FONT_FACE = re.compile(r"@font-face\{[^}]*GDS Transport[^}]*\}")
FONT_FAMILY = re.compile(r"\"?GDS Transport\"?,\s*")


def _copy_css(src: Path, dest: Path) -> None:
    css = src.read_text(encoding="utf-8")
    css = css.replace("url(/assets/", "url(assets/")
    css = FONT_FACE.sub("", css)
    css = FONT_FAMILY.sub("", css)
    dest.write_text(css, encoding="utf-8")


def _package_root(dist: Path) -> Path:
    for parent in dist.parents:
        if (parent / "package.json").exists():
            return parent
    raise FileNotFoundError(f"no package.json above {dist}")


def _vendor(name: str, dist: Path, css: str, js: str) -> str:
    target = DEST / name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    _copy_css(dist / css, target / css)
    shutil.copy2(dist / f"{css}.map", target / f"{css}.map")
    shutil.copy2(dist / js, target / js)
    shutil.copy2(dist / f"{js}.map", target / f"{js}.map")
    assets = dist / "assets"
    shutil.copytree(assets, target / "assets", ignore=shutil.ignore_patterns("fonts", "rebrand"))
    package = json.loads((_package_root(dist) / "package.json").read_text(encoding="utf-8"))
    return f"{package['name']} {package['version']} (licence: {package['license']})"


def main() -> None:
    versions = [
        _vendor("govuk", NODE / "govuk-frontend" / "dist" / "govuk", "govuk-frontend.min.css", "govuk-frontend.min.js"),
        _vendor(
            "moj",
            NODE / "@ministryofjustice" / "frontend" / "moj",
            "moj-frontend.min.css",
            "moj-frontend.min.js",
        ),
    ]
    (DEST / "VERSIONS").write_text("\n".join(versions) + "\n", encoding="utf-8")
    print("vendored:", ", ".join(versions))


if __name__ == "__main__":
    main()
