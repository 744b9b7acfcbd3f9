"""Human-readable, unguessable reference numbers such as ``R-7K3M-Q9TX``."""

from __future__ import annotations

import secrets

# Crockford's base-32 alphabet: no I, L, O or U, so references are easy to read aloud and copy.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"
