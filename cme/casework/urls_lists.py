"""Case lists and allocation."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
