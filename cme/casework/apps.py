from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    """Case pages that compose a case with its enquiries, referrals and review checklist.

    cme.cases must never import cme.enquiries or cme.referrals (they sit above it), so every page
    that shows a case together with them lives here, one layer above both."""

    name = "cme.casework"
    label = "casework"
