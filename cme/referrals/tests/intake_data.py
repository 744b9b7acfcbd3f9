"""POST data for the intake pages, as a browser would send it: every form of the page with its prefix,
the people formsets' management forms and a fresh submission key."""

from __future__ import annotations

import re
import uuid
from typing import Any

from cme.referrals.forms.common import CARER_ROWS, SIBLING_ROWS

WATFORD_POSTCODE = "WD17 1AA"  # in Watford (West area) once loaded: see a_watford_postcode()


def _management(prefix: str, rows: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(rows),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(rows),
    }


def _post(base: dict[str, str], fields: dict[str, Any]) -> dict[str, str]:
    data = {
        "key-submission_key": str(uuid.uuid4()),
        **_management("carers", CARER_ROWS),
        **_management("siblings", SIBLING_ROWS),
        **base,
    }
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def public_data(**fields: Any) -> dict[str, str]:
    """The public form with only what it requires, from an anonymous referrer; ``fields`` adds to or
    replaces it (``None`` removes a field)."""
    return _post(
        {
            "child-forenames": "Ada",
            "child-town": "Watford",
            "concern-concern": "She has not been at school since the spring.",
            "referrer-referrer_anonymous": "on",
        },
        fields,
    )


def partner_data(**fields: Any) -> dict[str, str]:
    return _post(
        {
            "child-forenames": "Ada",
            "child-surname": "Example",
            "concern-concern": "Family left their tenancy; the child's school has not seen her for three weeks.",
        },
        fields,
    )


def staff_data(**fields: Any) -> dict[str, str]:
    return _post(
        {
            "source-source": "phone",
            "source-source_detail": "Phone call to the duty line",
            "referrer-referrer_name": "A Neighbour",
            "child-forenames": "Ada",
            "concern-concern": "The caller has not seen the child go to school since September.",
        },
        fields,
    )


def date_parts(prefix: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{prefix}_0": day, f"{prefix}_1": month, f"{prefix}_2": year}


def error_summary(html: str) -> list[str]:
    """The messages in a page's error summary, in order ([] when there is none)."""
    start = html.find("govuk-error-summary__list")
    if start < 0:
        return []
    summary = html[start : html.index("</ul>", start)]
    return [
        re.sub(r"<[^>]+>", "", item).strip().replace("&#x27;", "'") for item in re.findall(r"<li>(.*?)</li>", summary)
    ]
