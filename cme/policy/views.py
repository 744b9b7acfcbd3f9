"""The policy values page (CME officers and the manager read it; the manager records new versions)."""

from __future__ import annotations

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.policy import selectors
from cme.policy.definitions import POLICY_KEYS
from cme.policy.forms import PolicyVersionForm
from cme.policy.models import PolicyVersion
from cme.policy.services import policy_version_create


def _show_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@permission_required(Perm.VIEW_POLICY)
@require_GET
def policy_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    version = selectors.policy_version_on(today)
    values = selectors.policy_values(version=version)
    review_date = values["policy_next_review_date"]
    return render(
        request,
        "policy/policy.html",
        {
            "version": version,
            "groups": selectors.policy_rows(version=version),
            "upcoming": list(selectors.upcoming_policy_versions(today=today)),
            "history": list(selectors.policy_versions().filter(effective_from__lte=today)),
            "review_date": review_date,
            "review_overdue": review_date < today,
            "may_change": request.user.has_perm(Perm.MANAGE_POLICY),
        },
    )


@permission_required(Perm.VIEW_POLICY)
@require_GET
def policy_version_detail(request: HttpRequest, number: int) -> HttpResponse:
    version = PolicyVersion.objects.select_related("recorded_by").filter(number=number).first()
    if version is None:
        raise Http404
    previous = PolicyVersion.objects.filter(number__lt=number).order_by("-number").first()
    before = (
        selectors.policy_values(version=previous)
        if previous is not None
        else {name: key.default for name, key in POLICY_KEYS.items()}
    )
    after = selectors.policy_values(version=version)
    changed = [
        (key, key.format(before[name]), key.format(after[name]))
        for name, key in POLICY_KEYS.items()
        if before[name] != after[name]
    ]
    return render(
        request,
        "policy/version.html",
        {"version": version, "groups": selectors.policy_rows(version=version), "changed": changed},
    )


@permission_required(Perm.MANAGE_POLICY)
@require_http_methods(["GET", "POST"])
def policy_change(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = PolicyVersionForm(
        request.POST if request.method == "POST" else None,
        initial={**selectors.policy_values(on=today), "effective_from": today},
    )
    if form.is_valid():
        try:
            version = policy_version_create(
                actor=request.user,
                effective_from=form.cleaned_data["effective_from"],
                values=form.policy_values(),
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(
                request,
                f"Version {version.number} recorded: it takes effect on "
                f"{version.effective_from.day} {version.effective_from:%B %Y}",
            )
            return redirect("policy:home")
    return render(
        request,
        "policy/form_page.html",
        {
            "form": form,
            "page_heading": "Change the policy values",
            "page_intro": "A new version takes effect on the date you give. Earlier versions are kept: deadlines "
            "that started before then keep the values in effect when they started.",
        },
    )
