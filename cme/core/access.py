"""How a view says who may use it. Every URL in cme declares exactly one of these, and
cme/core/tests/test_url_access.py walks the URL resolver to prove it:

- ``permission_required(Perm.X)``: signed in and holding that permission (others get 403);
- ``any_signed_in_user``: any signed-in user (LoginRequiredMiddleware already insists on sign-in);
- ``public``: no sign-in at all (Django's ``login_not_required``), for the few pages on the allow-list.

Class-based views use ``method_decorator(..., name="dispatch")`` or the ``PermissionRequired`` mixin.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from cme.core.permissions import Perm

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])

ACCESS_ATTRIBUTE = "cme_access"
PUBLIC = "public"
SIGNED_IN = "signed_in"


def permission_required(perm: Perm) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            response: HttpResponse = view(request, *args, **kwargs)
            return response

        setattr(wrapped, ACCESS_ATTRIBUTE, perm)
        return wrapped  # type: ignore[return-value]

    return decorator


def any_signed_in_user(view: ViewFunc) -> ViewFunc:
    setattr(view, ACCESS_ATTRIBUTE, SIGNED_IN)
    return view


def public(view: ViewFunc) -> ViewFunc:
    view = login_not_required(view)
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def access_of(view: Callable[..., Any]) -> str | None:
    """What a resolved view declared, following ``as_view()`` and decorator wrappers."""
    seen: Any = view
    for _ in range(10):
        declared = getattr(seen, ACCESS_ATTRIBUTE, None)
        if declared is not None:
            return str(declared)
        view_class = getattr(seen, "view_class", None)
        if view_class is not None:
            declared = getattr(view_class, ACCESS_ATTRIBUTE, None)
            if declared is not None:
                return str(declared)
            dispatch = getattr(view_class, "dispatch", None)
            declared = getattr(dispatch, ACCESS_ATTRIBUTE, None)
            if declared is not None:
                return str(declared)
        seen = getattr(seen, "__wrapped__", None)
        if seen is None:
            return None
    return None


class AccessMixin:
    """For class-based views: set ``cme_access`` to a ``Perm``, ``SIGNED_IN`` or ``PUBLIC``.
    A public class-based view must also be decorated with ``method_decorator(public, name="dispatch")``.
    """

    cme_access: str

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        access = self.cme_access
        if access not in (PUBLIC, SIGNED_IN) and not request.user.has_perm(access):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
