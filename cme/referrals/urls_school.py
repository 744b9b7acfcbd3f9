"""URLs for the school pages (included by cme/referrals/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
