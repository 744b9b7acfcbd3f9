"""Outcomes, lifecycle actions and review of a case."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
