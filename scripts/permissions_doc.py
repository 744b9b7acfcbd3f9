"""Rewrite the two tables in docs/permissions.md from cme/accounts/roles.py and cme/core/permissions.py.

    .venv/bin/python scripts/permissions_doc.py

cme/accounts/tests/test_roles.py fails until the document matches the code; this script makes it match.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from cme.accounts.roles import ROLE_PERMISSIONS, Role  # noqa: E402
from cme.core.permissions import Perm  # noqa: E402


def main() -> None:
    perms = list(Perm)
    matrix = ["| Role | " + " | ".join(f"`{p.value}`" for p in perms) + " |", "|---|" + "---|" * len(perms)]
    for role in Role:
        cells = ["yes" if p in ROLE_PERMISSIONS[role] else "" for p in perms]
        matrix.append(f"| {role.label} | " + " | ".join(cells) + " |")
    described = ["| Permission | What it allows |", "|---|---|"]
    described += [f"| `{p.value}` | {p.description} |" for p in perms]
    doc = ROOT / "docs" / "permissions.md"
    text = doc.read_text(encoding="utf-8")
    text = re.sub(r"\| Role \|.*?\n(?=\n)", "\n".join(matrix) + "\n", text, count=1, flags=re.S)
    text = re.sub(
        r"\| Permission \| What it allows \|.*?\n(?=\n)", "\n".join(described) + "\n", text, count=1, flags=re.S
    )
    doc.write_text(text, encoding="utf-8")
    print(f"rewrote the tables in {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
