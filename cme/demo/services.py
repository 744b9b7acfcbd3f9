"""Synthetic demo data for `make run`: organisations, team mailboxes, one user per role and a few
referrals. Deterministic and idempotent: running it again finds what it made and changes nothing.
Every name and address here is invented; the schools are real ones from the register."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.accounts.services import user_create, user_set_password
from cme.areas.models import Area
from cme.core.exceptions import ApplicationError
from cme.demo.clocks import seed_clocks_demo
from cme.demo.matching import seed_matching_demo
from cme.demo.notifications import seed_notifications_demo
from cme.legal.demo import seed_legal_demo
from cme.letters.services import letter_templates_ensure_defaults
from cme.organisations.models import Mailbox, Organisation
from cme.organisations.services import mailbox_update, organisation_create
from cme.referrals.models import Referral
from cme.referrals.services import AttemptDetails, PersonDetails, ReferralDetails, referral_submit
from cme.reporting.demo import seed_reporting_demo
from cme.returns.demo import seed_returns_demo
from cme.schools.models import School

DEMO_PASSWORD = "cme-demo-password"  # noqa: S105 - printed for the demo; refused in production settings
DEMO_DOMAIN = "demo.cme.example"
_NAMESPACE = uuid.UUID("6f1c2f43-3f0e-4b8e-9a57-6d1b2c9e0001")

COUNCIL_TEAMS = (
    "Children Missing Education team",
    "Attendance duty team",
    "School admissions",
    "Elective home education team",
    "Internal audit",
    "Digital services",
)
PARTNER_AGENCY = ("Children's social care (demo)", Organisation.AgencyType.SOCIAL_CARE)
MAILBOXES = {
    Mailbox.Key.CME: f"cme-team@{DEMO_DOMAIN}",
    Mailbox.Key.ATTENDANCE_WEST: f"attendance-west@{DEMO_DOMAIN}",
    Mailbox.Key.ATTENDANCE_EAST: f"attendance-east@{DEMO_DOMAIN}",
    Mailbox.Key.ADMISSIONS: f"admissions@{DEMO_DOMAIN}",
    Mailbox.Key.EHE: f"ehe-team@{DEMO_DOMAIN}",
}


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    area: str | None
    team: str  # an organisation name, or "school" / "partner"


DEMO_USERS = (
    DemoUser(f"cme.officer.west@{DEMO_DOMAIN}", "Demo CME Officer West", Role.CME_OFFICER, "west", COUNCIL_TEAMS[0]),
    DemoUser(f"cme.officer.east@{DEMO_DOMAIN}", "Demo CME Officer East", Role.CME_OFFICER, "east", COUNCIL_TEAMS[0]),
    DemoUser(f"cme.manager@{DEMO_DOMAIN}", "Demo CME Manager", Role.CME_MANAGER, None, COUNCIL_TEAMS[0]),
    DemoUser(
        f"attendance.west@{DEMO_DOMAIN}",
        "Demo Attendance Officer West",
        Role.ATTENDANCE_OFFICER,
        "west",
        COUNCIL_TEAMS[1],
    ),
    DemoUser(
        f"attendance.east@{DEMO_DOMAIN}",
        "Demo Attendance Officer East",
        Role.ATTENDANCE_OFFICER,
        "east",
        COUNCIL_TEAMS[1],
    ),
    DemoUser(f"admissions@{DEMO_DOMAIN}", "Demo Admissions Officer", Role.ADMISSIONS_OFFICER, None, COUNCIL_TEAMS[2]),
    DemoUser(f"ehe.officer@{DEMO_DOMAIN}", "Demo EHE Officer", Role.EHE_OFFICER, None, COUNCIL_TEAMS[3]),
    DemoUser(f"school@{DEMO_DOMAIN}", "Demo School User", Role.SCHOOL_USER, None, "school"),
    DemoUser(f"partner@{DEMO_DOMAIN}", "Demo Partner Agency User", Role.PARTNER_USER, None, "partner"),
    DemoUser(f"auditor@{DEMO_DOMAIN}", "Demo Auditor", Role.AUDITOR, None, COUNCIL_TEAMS[4]),
    DemoUser(f"admin@{DEMO_DOMAIN}", "Demo System Administrator", Role.SYSTEM_ADMIN, None, COUNCIL_TEAMS[5]),
)


@dataclass
class SeedResult:
    created_users: int = 0
    created_organisations: int = 0
    set_mailboxes: int = 0
    created_referrals: int = 0


def demo_school() -> School:
    """The demo school user's school: the open primary school in Stevenage with the lowest URN."""
    school = (
        School.objects.filter(status=School.Status.OPEN, phase=School.Phase.PRIMARY, district__name="Stevenage")
        .order_by("urn")
        .first()
    )
    if school is None:
        raise ApplicationError("Load the schools register first: manage.py load_reference_data")
    return school


@transaction.atomic
def demo_seed() -> SeedResult:
    if not getattr(settings, "CME_DEMO_DATA_ALLOWED", False):
        raise ApplicationError("Demo data is switched off in these settings (CME_DEMO_DATA_ALLOWED).")
    result = SeedResult()
    organisations = _seed_organisations(result)
    _seed_mailboxes(result)
    users = _seed_users(result, organisations)
    _seed_referrals(result, users)
    seed_matching_demo(officer=users[f"cme.officer.west@{DEMO_DOMAIN}"], submission_key=_key("demo-matching-referral"))
    seed_returns_demo(officer=users[f"cme.officer.west@{DEMO_DOMAIN}"], manager=users[f"cme.manager@{DEMO_DOMAIN}"])
    seed_reporting_demo(officers={area: users[f"cme.officer.{area}@{DEMO_DOMAIN}"] for area in ("west", "east")})
    seed_legal_demo(officer=users[f"cme.officer.west@{DEMO_DOMAIN}"], manager=users[f"cme.manager@{DEMO_DOMAIN}"])
    seed_clocks_demo(officer=users[f"cme.officer.west@{DEMO_DOMAIN}"], manager=users[f"cme.manager@{DEMO_DOMAIN}"])
    seed_notifications_demo(officers=[users[f"cme.officer.{area}@{DEMO_DOMAIN}"] for area in ("west", "east")])
    # Every letter kind has its default template (the migration adds them; a kind added since gets one here).
    letter_templates_ensure_defaults()
    return result


def _seed_organisations(result: SeedResult) -> dict[str, Organisation]:
    wanted: list[tuple[str, dict[str, object]]] = [
        (name, {"kind": Organisation.Kind.COUNCIL_TEAM}) for name in COUNCIL_TEAMS
    ]
    wanted.append(("partner", {"kind": Organisation.Kind.PARTNER_AGENCY, "agency_type": PARTNER_AGENCY[1]}))
    school = demo_school()
    wanted.append(("school", {"kind": Organisation.Kind.SCHOOL, "school": school}))
    organisations: dict[str, Organisation] = {}
    for key, details in wanted:
        name = PARTNER_AGENCY[0] if key == "partner" else (school.name if key == "school" else key)
        existing = Organisation.objects.filter(kind=details["kind"], name=name).first()
        if existing is None:
            existing = organisation_create(actor=None, name=name, **details)  # type: ignore[arg-type]
            result.created_organisations += 1
        organisations[key] = existing
    return organisations


def _seed_mailboxes(result: SeedResult) -> None:
    for key, address in MAILBOXES.items():
        if not Mailbox.objects.filter(key=key).exists():
            mailbox_update(actor=None, key=key, email=address)
            result.set_mailboxes += 1


def _seed_users(result: SeedResult, organisations: dict[str, Organisation]) -> dict[Role | str, User]:
    users: dict[Role | str, User] = {}
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = user_create(
                actor=None,  # type: ignore[arg-type]  # made by the system, not a person
                email=demo.email,
                full_name=demo.full_name,
                role=demo.role,
                area=Area.objects.get(code=demo.area) if demo.area else None,
                organisation=organisations[demo.team],
                job_title="Demo account",
            )
            user_set_password(user=user, password=DEMO_PASSWORD)
            result.created_users += 1
        users[demo.email] = user
    return users


def _key(label: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, label)


def _seed_referrals(result: SeedResult, users: dict[Role | str, User]) -> None:
    """A few synthetic referrals so the queues are not empty. Fixed submission keys make them idempotent."""
    today = timezone.localdate()
    school_user = users[f"school@{DEMO_DOMAIN}"]
    partner = users[f"partner@{DEMO_DOMAIN}"]
    school = school_user.organisation.school  # type: ignore[union-attr]
    last_week = today - timedelta(days=7)
    submissions = [
        dict(
            channel=Referral.Channel.PUBLIC,
            details=ReferralDetails(
                forenames="Riley",
                surname="Demoson",
                date_of_birth=date(today.year - 9, 3, 14),
                address_line_1="1 Example Road",
                town="Watford",
                postcode="WD17 1AA",
                concern="A neighbour says Riley has not been to school since the family moved in last term.",
                referrer_anonymous=True,
            ),
            client_address="192.0.2.10",
        ),
        dict(
            channel=Referral.Channel.SCHOOL_NON_ARRIVAL,
            details=ReferralDetails(
                forenames="Morgan",
                surname="Testfield",
                date_of_birth=date(today.year - 7, 10, 2),
                sex="F",
                address_line_1="22 Sample Street",
                town="Stevenage",
                postcode="SG1 1AA",
                last_school=school,
                agreed_start_date=last_week,
                concern="Morgan did not arrive on the agreed start date and the family cannot be reached.",
            ),
            attempts=[
                AttemptDetails("phone", last_week, "No answer; voicemail left"),
                AttemptDetails("email", last_week + timedelta(days=1), "No reply"),
                AttemptDetails("letter", last_week + timedelta(days=2), "Sent first class; no reply"),
            ],
            people=[PersonDetails("carer", "Sam Testfield", relationship="Parent", lives_with_child=True)],
            submitted_by=school_user,
        ),
        dict(
            channel=Referral.Channel.PARTNER,
            details=ReferralDetails(
                forenames="Alex",
                surname="Placeholder",
                date_of_birth=date(today.year - 12, 6, 30),
                sex="M",
                address_line_1="Flat 3, 5 Fictional Court",
                town="St Albans",
                postcode="AL1 1AA",
                risk_factors=["temporary_accommodation", "child_in_need"],
                concern="Family placed in temporary accommodation; no school place recorded.",
                urgent=True,
                urgent_reason="Child on a Child in Need plan and the family has left the accommodation.",
            ),
            submitted_by=partner,
        ),
    ]
    for index, submission in enumerate(submissions):
        outcome = referral_submit(submission_key=_key(f"demo-referral-{index}"), today=today, **submission)  # type: ignore[arg-type]
        result.created_referrals += int(outcome.created)


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, email, password) for each demo account, in the order they are printed."""
    labels = {role: role.label for role in Role}
    return [(labels[d.role] + (f" ({d.area.title()})" if d.area else ""), d.email, DEMO_PASSWORD) for d in DEMO_USERS]
