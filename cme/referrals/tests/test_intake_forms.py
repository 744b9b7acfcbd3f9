"""The building blocks of every referral form (cme/referrals/forms/common.py), on their own."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.http import QueryDict

from cme.core.exceptions import ApplicationError
from cme.referrals.forms.common import (
    CarerFormSet,
    ChildDetailsForm,
    ConcernForm,
    FormGroup,
    ReferrerForm,
    SchoolHistoryForm,
    SiblingFormSet,
    SubmissionKeyForm,
    add_application_error,
    people_details,
    school_choices,
    to_details,
)
from cme.referrals.services import PersonDetails, ReferralDetails
from cme.referrals.tests.intake_data import date_parts
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def _valid(form):
    assert form.is_valid(), form.errors
    return form


def test_child_details_clean_to_referral_details():
    child = _valid(
        ChildDetailsForm(
            {
                "child-forenames": " Ada ",
                "child-surname": "Example",
                **date_parts("child-date_of_birth", "3", "April", "2016"),
                "child-sex": "F",
                "child-upn": "b801 2000 05001",
                "child-nhs_number": "943-476-5919",
                "child-postcode": "al11aa",
            }
        )
    )
    school = SchoolFactory.create(urn=117500)
    history = _valid(
        SchoolHistoryForm({"school-last_school": "117500", **date_parts("school-date_last_attended", "1", "3", "2026")})
    )
    concern = _valid(
        ConcernForm(
            {
                "concern-concern": "Not seen",
                "concern-risk_factors": ["medical"],
                "concern-urgent": "on",
                "concern-urgent_reason": "Why",
            }
        )
    )
    referrer = _valid(ReferrerForm({"referrer-referrer_name": "Someone", "referrer-referrer_email": "a@example.com"}))

    details = to_details(
        child=child, school=history, concern=concern, referrer=referrer, agreed_start_date=date(2026, 1, 5)
    )

    assert details == ReferralDetails(
        forenames="Ada",
        surname="Example",
        date_of_birth=date(2016, 4, 3),
        sex="F",
        upn="B801200005001",
        nhs_number="9434765919",
        postcode="AL1 1AA",
        last_school=school,
        date_last_attended=date(2026, 3, 1),
        agreed_start_date=date(2026, 1, 5),
        concern="Not seen",
        risk_factors=["medical"],
        urgent=True,
        urgent_reason="Why",
        referrer_name="Someone",
        referrer_email="a@example.com",
    )


def test_blocks_leave_out_what_a_channel_does_not_ask():
    child = ChildDetailsForm(require_surname=True, require_date_of_birth=True, ask_identifiers=False)
    concern = ConcernForm(ask_date_last_seen=False, ask_risk_factors=False, ask_urgent=False)
    history = SchoolHistoryForm(ask_date_last_attended=False)
    referrer = ReferrerForm(allow_anonymous=False)

    assert list(child.fields) == [
        "forenames",
        "surname",
        "other_names",
        "date_of_birth",
        "sex",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
    ]
    assert (child.fields["surname"].required, child.fields["date_of_birth"].required) == (True, True)
    assert list(concern.fields) == ["concern"]
    assert list(history.fields) == ["last_school", "last_school_name"]
    assert "referrer_anonymous" not in referrer.fields
    assert ReferrerForm({"referrer-referrer_name": ""}, allow_anonymous=False).errors == {
        "referrer_name": ["Enter your name"]
    }


def test_a_required_surname_and_date_of_birth_have_their_own_messages():
    form = ChildDetailsForm({"child-forenames": "Ada"}, require_surname=True, require_date_of_birth=True)

    assert form.errors == {
        "surname": ["Enter the child's last name"],
        "date_of_birth": ["Enter the date of birth"],
    }


def test_the_school_list_puts_open_schools_first_and_refuses_urns_not_in_the_register():
    SchoolFactory(urn=100003, name="B Closed School", town="Ware", status=School.Status.CLOSED)
    SchoolFactory(urn=100002, name="C Open School", town="", status=School.Status.PROPOSED_TO_CLOSE)
    SchoolFactory(urn=100001, name="A Open School", town="Watford")

    assert school_choices(blank_label="Not known") == [
        ("", "Not known"),
        ("Open schools", [("100001", "A Open School (Watford, 100001)"), ("100002", "C Open School (100002)")]),
        ("Closed schools", [("100003", "B Closed School (Ware, 100003)")]),
    ]
    for urn in ("999999", "abc", "1" * 40):
        assert SchoolHistoryForm({"school-last_school": urn}).errors == {
            "last_school": ["Select a school from the list"]
        }
    assert SchoolHistoryForm({"school-last_school_name": "A School, Hitchin"}).is_valid()


def test_a_school_may_be_required():
    history = SchoolHistoryForm({"school-last_school": ""})
    history.fields["last_school"].required = True

    assert history.errors == {"last_school": ["Select the school"]}


def test_people_rows_left_blank_are_ignored_and_the_rest_become_person_details():
    data = {
        "carers-TOTAL_FORMS": "2",
        "carers-INITIAL_FORMS": "0",
        "carers-0-name": "Parent Example",
        "carers-0-phone": "+44 1632 960001",
        "carers-0-lives_with_child": "no",
        "carers-1-lives_with_child": "",
        "siblings-TOTAL_FORMS": "3",
        "siblings-INITIAL_FORMS": "0",
        "siblings-2-name": "Sibling Example",
        "siblings-2-school_name": "Synthetic Primary",
    }
    carers, siblings = CarerFormSet(data, prefix="carers"), SiblingFormSet(data, prefix="siblings")

    assert carers.is_valid()
    assert siblings.is_valid()
    assert people_details(carers, siblings) == [
        PersonDetails(kind="carer", name="Parent Example", phone="+44 1632 960001", lives_with_child=False),
        PersonDetails(kind="sibling", name="Sibling Example", school_name="Synthetic Primary"),
    ]


def test_extra_people_rows_beyond_the_fixed_number_are_not_accepted():
    data = {"carers-TOTAL_FORMS": "50", "carers-INITIAL_FORMS": "0", "carers-40-name": "Forty"}
    carers = CarerFormSet(data, prefix="carers")

    assert len(carers.forms) == 2
    assert not carers.is_valid()
    assert carers.non_form_errors() == ["Please submit at most 2 forms."]


def test_the_submission_key_is_kept_or_replaced_when_missing_or_altered():
    key = uuid.uuid4()

    kept = _valid(SubmissionKeyForm({"key-submission_key": str(key)}))
    replaced = _valid(SubmissionKeyForm({"key-submission_key": "not a key"}))
    missing = _valid(SubmissionKeyForm(QueryDict("")))

    assert kept.key() == key
    assert isinstance(replaced.key(), uuid.UUID)
    assert missing.key() != replaced.key()
    assert f'value="{replaced.key()}"' in str(replaced["submission_key"])


def test_a_service_error_lands_on_the_field_it_names_or_above_the_form():
    group = FormGroup({"child": ChildDetailsForm({"child-forenames": "Ada"}), "concern": ConcernForm({})})
    group.is_valid()

    group.add_application_error(ApplicationError("Enter a valid UPN, or leave it blank", field="upn"))
    group.add_application_error(ApplicationError("Wait an hour"))
    group.add_application_error(ApplicationError("Record attempts", field="attempts"))

    assert group["child"].errors["upn"] == ["Enter a valid UPN, or leave it blank"]
    assert group.non_field_errors == ["Wait an hour", "Record attempts"]
    assert group.summary()[:3] == [
        ("", "Wait an hour"),
        ("", "Record attempts"),
        ("id_child-upn", "Enter a valid UPN, or leave it blank"),
    ]


def test_a_service_error_can_be_mapped_onto_a_differently_named_field():
    group = FormGroup({"child": ChildDetailsForm({"child-forenames": "Ada"})})
    group.is_valid()

    group.add_application_error(
        ApplicationError("Select the school", field="last_school"), field_map={"last_school": "town"}
    )

    assert group["child"].errors["town"] == ["Select the school"]


def test_add_application_error_works_for_a_plain_list_of_forms():
    child, concern = ChildDetailsForm({"child-forenames": "Ada"}), ConcernForm({"concern-concern": "x"})
    child.is_valid()
    concern.is_valid()

    add_application_error(
        [child, concern], ApplicationError("Describe the safeguarding concern", field="urgent_reason")
    )
    add_application_error([child, concern], ApplicationError("Sign in to make this referral"))

    assert concern.errors == {"urgent_reason": ["Describe the safeguarding concern"]}
    assert child.non_field_errors() == ["Sign in to make this referral"]
