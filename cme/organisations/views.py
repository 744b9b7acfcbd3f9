"""Team mailboxes (CME managers and system administrators) and organisations (system administrators)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.organisations import selectors, services
from cme.organisations.forms import MailboxForm, OrganisationCreateForm, OrganisationEditForm
from cme.organisations.models import Mailbox, Organisation

ORGANISATIONS_PER_PAGE = 50


@permission_required(Perm.MANAGE_MAILBOXES)
@require_GET
def mailbox_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/mailbox_list.html", {"mailboxes": selectors.mailbox_list()})


@permission_required(Perm.MANAGE_MAILBOXES)
@require_http_methods(["GET", "POST"])
def mailbox_edit(request: HttpRequest, key: str) -> HttpResponse:
    if key not in Mailbox.Key.values:
        raise Http404
    label = Mailbox.Key(key).label
    form = MailboxForm(
        request.POST if request.method == "POST" else None, initial={"email": selectors.mailbox_address(key)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            mailbox = services.mailbox_update(actor=request.user, key=key, email=form.cleaned_data["email"])
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"The {label} mailbox is now {mailbox.email}")
            return redirect("organisations:mailbox_list")
    return render(
        request,
        "organisations/form_page.html",
        {
            "form": form,
            "page_caption": label,
            "page_heading": "Change the team mailbox address",
            "page_intro": "Referrals and notices for this team are sent to this address.",
            "back_url": "organisations:mailbox_list",
        },
    )


@permission_required(Perm.MANAGE_USERS)
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in Organisation.Kind.values:
        kind = ""
    page = Paginator(selectors.organisation_list(kind=kind), ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    tabs = [
        ("", "All"),
        (Organisation.Kind.COUNCIL_TEAM, "Council teams"),
        (Organisation.Kind.SCHOOL, "Schools"),
        (Organisation.Kind.PARTNER_AGENCY, "Partner agencies"),
        (Organisation.Kind.OTHER_COUNCIL, "Other councils"),
    ]
    return render(request, "organisations/organisation_list.html", {"page": page, "kind": kind, "tabs": tabs})


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                actor=request.user, kind=form.cleaned_data["kind"], **form.details()
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"{organisation.name} added")
            return redirect("organisations:organisation_list")
    return render(
        request,
        "organisations/form_page.html",
        {"form": form, "page_heading": "Add an organisation", "back_url": "organisations:organisation_list"},
    )


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: uuid.UUID) -> HttpResponse:
    organisation = selectors.organisation_get(organisation_id=organisation_id)
    if organisation is None:
        raise Http404
    form = OrganisationEditForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_update(
                actor=request.user,
                organisation=organisation,
                is_active=form.cleaned_data["is_active"],
                **form.details(),
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"{organisation.name} saved")
            return redirect("organisations:organisation_list")
    return render(
        request,
        "organisations/form_page.html",
        {
            "form": form,
            "page_caption": organisation.get_kind_display(),
            "page_heading": f"Change {organisation.name}",
            "back_url": "organisations:organisation_list",
        },
    )


def _show_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)
