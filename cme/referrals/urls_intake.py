"""URLs for the intake pages (included by cme/referrals/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
