"""The schools register, read-only: it changes only through import_schools."""

from __future__ import annotations

from django.contrib import admin

from cme.areas.admin import ReadOnlyAdmin
from cme.schools.models import School


@admin.register(School)
class SchoolAdmin(ReadOnlyAdmin):
    list_display = ["name", "urn", "town", "postcode", "phase", "status", "district"]
    list_filter = ["status", "phase", "district"]
    search_fields = ["name", "=urn", "town", "postcode"]
    list_select_related = ["district"]
