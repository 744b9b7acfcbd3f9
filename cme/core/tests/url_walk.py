"""Every URL pattern the service answers, read from the URL resolver, so tests that must cover
every page (anonymous refusal, the role-by-view matrix, accessibility) pick up new pages by themselves.

``named_urls()`` walks ``ROOT_URLCONF`` through every ``include()``. Each result knows its full
name (``namespace:name``), its route and how to build a URL with placeholder arguments chosen by
converter type (int → 1, uuid → a fixed UUID, str/slug/path → "x"), which is enough to reach a
view's access check even when no object with that id exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

PLACEHOLDER_UUID = uuid.UUID("00000000-0000-4000-8000-000000000000")
_PLACEHOLDERS: tuple[tuple[type, object], ...] = (
    (IntConverter, 1),
    (UUIDConverter, PLACEHOLDER_UUID),
    (SlugConverter, "x"),
    (PathConverter, "x"),
    (StringConverter, "x"),
)
# Django's own admin lives under this namespace; it has its own sign-in and is not a GOV.UK page.
ADMIN_NAMESPACE = "admin"


@dataclass(frozen=True)
class NamedUrl:
    """One URL pattern. ``name`` is ``namespace:name``, or "" for a pattern without a name."""

    name: str
    namespace: str
    route: str
    callback: Callable[..., Any]
    converters: Mapping[str, object] = field(default_factory=dict)
    regex_groups: tuple[str, ...] = ()

    @property
    def is_django_admin(self) -> bool:
        return self.namespace.split(":")[0] == ADMIN_NAMESPACE

    @property
    def takes_arguments(self) -> bool:
        return bool(self.converters or self.regex_groups)

    def placeholder_kwargs(self) -> dict[str, object]:
        kwargs = {name: placeholder_for(converter) for name, converter in self.converters.items()}
        # re_path groups have no converter: "1" satisfies the usual \d+ and [\w-]+ patterns.
        kwargs.update({name: "1" for name in self.regex_groups if name not in kwargs})
        return kwargs

    def placeholder_url(self) -> str:
        return reverse(self.name, kwargs=self.placeholder_kwargs())


def placeholder_for(converter: object) -> object:
    for converter_type, value in _PLACEHOLDERS:
        if isinstance(converter, converter_type):
            return value
    raise LookupError(
        f"No placeholder argument for URL converter {type(converter).__name__}: add one to "
        "cme/core/tests/url_walk.py _PLACEHOLDERS."
    )


def _walk(
    patterns: list[URLPattern | URLResolver],
    *,
    route: str,
    namespace: str,
    converters: Mapping[str, object],
) -> Iterator[NamedUrl]:
    for entry in patterns:
        pattern_converters = {**converters, **getattr(entry.pattern, "converters", {})}
        entry_route = route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route=entry_route, namespace=inner, converters=pattern_converters)
            continue
        regex = getattr(entry.pattern, "regex", None)
        groups = tuple(g for g in (regex.groupindex if regex is not None else {}) if g not in pattern_converters)
        name = ""
        if entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
        yield NamedUrl(
            name=name,
            namespace=namespace,
            route="/" + entry_route,
            callback=entry.callback,
            converters=pattern_converters,
            regex_groups=groups,
        )


def all_patterns() -> list[NamedUrl]:
    """Every pattern, named or not, in resolver order."""
    return list(_walk(get_resolver().url_patterns, route="", namespace="", converters={}))


def named_urls(*, include_django_admin: bool = False) -> list[NamedUrl]:
    """One entry per URL name: the first pattern with that name, the one ``reverse`` builds."""
    seen: dict[str, NamedUrl] = {}
    for url in all_patterns():
        if not url.name or url.name in seen or (url.is_django_admin and not include_django_admin):
            continue
        seen[url.name] = url
    return list(seen.values())


def unnamed_routes() -> list[str]:
    """Routes outside Django's admin without a name: nothing can reverse them or list them here."""
    return [url.route for url in all_patterns() if not url.name and not url.is_django_admin]
