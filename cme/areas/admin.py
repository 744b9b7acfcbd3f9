"""Read-only views of the reference data for system administrators. It changes only through the
load commands (load_postcodes, load_reference_data), so these pages never add, change or delete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cme.areas.models import Area, District, Postcode, ReferenceDataLoad


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ["name", "code"]


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ["name", "ons_code", "area"]
    list_filter = ["area"]


@admin.register(Postcode)
class PostcodeAdmin(ReadOnlyAdmin):
    list_display = ["postcode", "district"]
    list_filter = ["district"]
    search_fields = ["postcode"]
    list_select_related = ["district"]
    show_full_result_count = False


@admin.register(ReferenceDataLoad)
class ReferenceDataLoadAdmin(ReadOnlyAdmin):
    list_display = ["dataset", "source_name", "file_rows", "table_rows", "loaded_at"]
