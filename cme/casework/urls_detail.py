"""The case page: summary, child, risk and escalation, restriction, notes and timeline."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
