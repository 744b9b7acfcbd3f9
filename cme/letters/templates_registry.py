"""The letters and notices cme issues: for each kind its key, title, statutory basis, the
placeholders its template may use, and the default wording (docs/letters.md).

A template's body is Django template language in a sandbox (``cme.letters.rendering``): plain text
with ``{{ placeholder }}`` values, ``{% if %}`` and ``{% for %}``; a blank line starts a new
paragraph and a line starting ``# `` is a heading. The manager edits the body; the letterhead, the
addressee block, the date and the reference come from the layout.

The wording follows the Education Act 1996 ss.437 to 443 and 447 and the Children Act 1989 s.36 and
Schedule 3 as summarised in domain.md §4. Points that summary marks unverified (the exact text of
s.438, the fine for breaching an education supervision order) are worded without detail the
council has not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class PlaceholderType(StrEnum):
    TEXT = "text"
    ADDRESS = "address"  # several lines: a string with newlines, or a list of lines
    DATE = "date"
    LIST = "list"  # a list of strings, e.g. the schools named in a notice


class Addressee(StrEnum):
    PARENT = "parent"  # the letter goes to parent_name at parent_address
    RECIPIENT = "recipient"  # it goes to recipient_name at recipient_address (a council service)


@dataclass(frozen=True)
class Placeholder:
    name: str
    label: str
    type: PlaceholderType = PlaceholderType.TEXT
    required: bool = True
    example: str | tuple[str, ...] = ""
    # For a DATE: at least this many days after the day of service (the day of service counts as
    # day 1, so 15 days "beginning with the day of service" is 14 days after it).
    min_days_after_service: int | None = None


@dataclass(frozen=True)
class LetterKind:
    key: str
    title: str
    statutory_basis: str
    description: str
    addressee: Addressee
    placeholders: tuple[Placeholder, ...]
    default_body: str

    @property
    def placeholder_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.placeholders) | frozenset(AUTOMATIC_PLACEHOLDERS)

    def placeholder(self, name: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.name == name), None)

    def sample_context(self) -> dict[str, str | list[str]]:
        """Synthetic values for every placeholder: what the manager's preview shows."""
        return {p.name: list(p.example) if isinstance(p.example, tuple) else p.example for p in self.placeholders}


# Filled in by cme itself for every letter; a caller's context never needs them.
AUTOMATIC_PLACEHOLDERS: Final[dict[str, str]] = {
    "council_name": "The council's name (setting CME_COUNCIL_NAME)",
    "team_name": "The team the letter comes from (CME_LETTERS_TEAM_NAME)",
    "council_address": "The team's postal address (CME_LETTERS_ADDRESS)",
    "council_phone": "The team's phone number (CME_LETTERS_PHONE)",
    "council_email": "The team's email address (CME_LETTERS_EMAIL)",
    "letter_date": "The day the letter is issued",
    "case_reference": "The case's reference",
    "officer_name": "The name of the officer who issues the letter",
    "officer_title": "The job title of the officer who issues the letter",
}

_PARENT = (
    Placeholder("parent_name", "Parent's name", example="Ms Alex Sample"),
    Placeholder(
        "parent_address",
        "Parent's address",
        PlaceholderType.ADDRESS,
        example=("1 Example Street", "Hertford", "SG13 0ZZ"),
    ),
)
_CHILD = (
    Placeholder("child_name", "Child's name", example="Sam Sample"),
    Placeholder(
        "child_date_of_birth", "Child's date of birth", PlaceholderType.DATE, required=False, example="2015-03-14"
    ),
)
_RECIPIENT = (
    Placeholder("recipient_name", "Who the letter is to", example="Head of Legal Services"),
    Placeholder(
        "recipient_address",
        "Their address",
        PlaceholderType.ADDRESS,
        required=False,
        example=("County Hall", "Hertford", "SG13 0AA"),
    ),
)
_ORDER_DATE = Placeholder("order_date", "Date the order was served", PlaceholderType.DATE, example="2026-10-01")
_SCHOOL = Placeholder("school_name", "School named in the order", example="Example Primary School")

_CONTACT = """If you have any questions, please contact {{ officer_name }} on {{ council_phone }} or at \
{{ council_email }}, quoting reference {{ case_reference }}."""

_SIGNATURE = """Yours sincerely

{{ officer_name }}
{{ officer_title }}
{{ team_name }}, for and on behalf of {{ council_name }}"""

_SAO_NOTICE_TO_SATISFY = f"""Dear {{{{ parent_name }}}}

# Notice under section 437(1) of the Education Act 1996

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

It appears to {{{{ council_name }}}} that {{{{ child_name }}}}, who is of compulsory school age and lives \
in our area, is not receiving suitable education, either by regular attendance at school or otherwise.

Under section 437(1) of the Education Act 1996 we require you to satisfy us, by {{{{ respond_by }}}}, \
that {{{{ child_name }}}} is receiving suitable education. Suitable education means efficient full-time \
education suitable to the child's age, ability and aptitude and to any special educational needs the \
child may have.

You can satisfy us by telling us the school at which {{{{ child_name }}}} is a registered pupil, or by \
telling us about the education you are providing otherwise than at school: for example, a written \
description of it, examples of the child's work, or by meeting us.

If you fail to satisfy us by that date, and we are of the opinion that {{{{ child_name }}}} should attend \
school, we must serve on you a school attendance order under section 437(3) requiring you to register the \
child as a pupil at the school named in the order. Before we serve an order we will write to you naming \
the school or schools we intend to name, and you will be able to choose a school.

Failing to comply with a school attendance order is an offence under section 443 of the Act.

{_CONTACT}

{_SIGNATURE}"""

_SAO_INTENTION_TO_SERVE = f"""Dear {{{{ parent_name }}}}

# Notice of intention to serve a school attendance order (section 438 of the Education Act 1996)

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

{{% if notice_to_satisfy_date %}}On {{{{ notice_to_satisfy_date }}}} we served on you a notice under \
section 437(1) of the Education Act 1996. {{% endif %}}You have not satisfied us that {{{{ child_name }}}} \
is receiving suitable education, and we are of the opinion that it is expedient that the child should \
attend school.

We therefore intend to serve on you a school attendance order. Before we do, section 438 of the Act \
requires us to tell you the school we intend to name in the order{{% if schools|length > 1 %}} and the \
other schools we regard as suitable alternatives{{% endif %}}:

{{% for school in schools %}}- {{{{ school }}}}{{% if forloop.first and schools|length > 1 %}} (the school \
we intend to name){{% endif %}}
{{% endfor %}}
By {{{{ select_by }}}} (15 days beginning with the day this notice is served) you may:

- choose one of the schools above, and we will name that school in the order; or
- apply for {{{{ child_name }}}} to be admitted to another school and, if the child is offered a place, \
tell us, and we will name that school in the order.

If you do neither by that date, we will serve the order naming {{{{ schools|first }}}}.

{_CONTACT}

{_SIGNATURE}"""

_SAO_ORDER = f"""To {{{{ parent_name }}}}

# School attendance order (section 437(3) of the Education Act 1996)

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

{{% if notice_to_satisfy_date %}}On {{{{ notice_to_satisfy_date }}}} {{{{ council_name }}}} served on you \
a notice under section 437(1) of the Education Act 1996 requiring you to satisfy it that \
{{{{ child_name }}}} is receiving suitable education. {{% endif %}}You have failed to satisfy the council \
that the child is receiving suitable education, and the council is of the opinion that it is expedient \
that the child should attend school.

{{{{ council_name }}}} therefore orders you, under section 437(3) of the Education Act 1996, to cause \
{{{{ child_name }}}} to become a registered pupil at:

{{{{ school_name }}}}{{% if school_address %}}
{{{{ school_address }}}}{{% endif %}}

This order remains in force for as long as the child is of compulsory school age, unless it is revoked \
by the council or a court directs that it ceases to be in force.

If you fail to comply with this order you are guilty of an offence under section 443(1) of the Act, \
unless you prove that the child is receiving suitable education otherwise than at school. A person \
convicted of the offence may be fined up to level 3 on the standard scale.

If you arrange for the child to be admitted to another school, you may ask the council to amend this \
order to name that school (section 440). If you arrange for the child to receive suitable education \
otherwise than at school, you may ask the council to revoke this order (section 442); if the council \
refuses, you may refer the question to the Secretary of State.

{_CONTACT}

Signed {{{{ officer_name }}}}, {{{{ officer_title }}}}, for and on behalf of {{{{ council_name }}}}"""

_SAO_AMENDMENT = f"""Dear {{{{ parent_name }}}}

# Amendment of a school attendance order (section 440 of the Education Act 1996)

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

The school attendance order served on you on {{{{ order_date }}}} required you to register \
{{{{ child_name }}}} at {{{{ previous_school_name }}}}.

You have asked us to name another school at which the child has been offered a place. As section 440 of \
the Act requires, we have amended the order by naming {{{{ school_name }}}} in place of \
{{{{ previous_school_name }}}}, with effect from {{{{ amended_on }}}}.

The order otherwise remains in force. You must cause {{{{ child_name }}}} to become a registered pupil at \
{{{{ school_name }}}}; failing to comply with the order is an offence under section 443 of the Act.

{_CONTACT}

{_SIGNATURE}"""

_SAO_REVOCATION = f"""Dear {{{{ parent_name }}}}

# Revocation of a school attendance order (section 442 of the Education Act 1996)

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

The school attendance order served on you on {{{{ order_date }}}}{{% if school_name %}} named \
{{{{ school_name }}}}{{% endif %}}.

{{{{ council_name }}}} has revoked the order with effect from {{{{ revoked_on }}}}.{{% if reason %}} \
{{{{ reason }}}}{{% endif %}}

From that date you are no longer required to register {{{{ child_name }}}} at the school named in the \
order. You remain under the duty in section 7 of the Act to cause the child to receive efficient \
full-time education suitable to the child's age, ability and aptitude and to any special educational \
needs, either by regular attendance at school or otherwise. If it later appears to us that the child is \
not receiving suitable education, we may serve a new notice under section 437(1).

{_CONTACT}

{_SIGNATURE}"""

_SAO_PROSECUTION_REFERRAL = f"""Dear {{{{ recipient_name }}}}

# Referral for prosecution: failure to comply with a school attendance order (section 443 of the \
Education Act 1996)

Case reference: {{{{ case_reference }}}}

Parent: {{{{ parent_name }}}}{{% if parent_address %}}, {{{{ parent_address }}}}{{% endif %}}

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

A school attendance order was served on the parent on {{{{ order_date }}}}, requiring the child to be \
registered at {{{{ school_name }}}}. The parent has not complied with it. We ask you to consider \
proceedings under section 443(1) of the Act.

The parent is guilty of an offence under section 443(1) unless they prove that the child is receiving \
suitable education otherwise than at school. On summary conviction the parent may be fined up to level \
3 on the standard scale (section 443(4)). If the parent is acquitted, the court may direct that the order \
ceases to be in force (section 443(2)).

Before instituting proceedings, section 447 of the Act requires the council to consider whether it would \
be appropriate, instead of or as well as instituting proceedings, to apply for an education supervision \
order. Our consideration:

{{{{ eso_considered }}}}
{{% if summary %}}
Summary of the case:

{{{{ summary }}}}
{{% endif %}}
The case file, with the notices served and the evidence of service, is available from \
{{{{ officer_name }}}} on {{{{ council_phone }}}} or at {{{{ council_email }}}}.

{_SIGNATURE}"""

_ESO_SOCIAL_CARE_CONSULTATION = f"""Dear {{{{ recipient_name }}}}

# Consultation before applying for an education supervision order (Children Act 1989, section 36; \
Education Act 1996, section 447)

Case reference: {{{{ case_reference }}}}

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

Parent: {{{{ parent_name }}}}{{% if parent_address %}}, {{{{ parent_address }}}}{{% endif %}}

{{{{ council_name }}}} is considering an application to the family court for an education supervision \
order under section 36 of the Children Act 1989, on the ground that the child is of compulsory school \
age and is not being properly educated, that is, not receiving efficient full-time education suitable \
to the child's age, ability and aptitude and to any special educational needs.

Our reasons:

{{{{ grounds }}}}

Before making an application we must consult children's social care. Please tell us by \
{{{{ respond_by }}}}:

- whether the child is, or is about to be, looked after by a local authority (an education supervision \
order cannot be made for a child in care);
- whether the child or family is known to you, and any plan or involvement we should take into account;
- any other view you have on whether an application is appropriate.

Please reply to {{{{ officer_name }}}} on {{{{ council_phone }}}} or at {{{{ council_email }}}}.

{_SIGNATURE}"""

_ESO_APPLICATION_NOTICE = f"""Dear {{{{ parent_name }}}}

# Application for an education supervision order (section 36 of the Children Act 1989)

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

{{{{ council_name }}}} applied on {{{{ application_date }}}} to {{{{ court_name }}}} for an education \
supervision order for {{{{ child_name }}}}, because we consider that the child is of compulsory school \
age and is not being properly educated.{{% if hearing_date %}} The court will hear the application on \
{{{{ hearing_date }}}}.{{% endif %}}

If the court makes the order, the child will be placed under the supervision of the council. The \
supervisor will advise, assist and befriend you and the child, and may give directions to you and to \
the child to make sure the child is properly educated. While the order is in force:

- your duty to cause the child to attend school regularly is replaced by a duty to comply with the \
supervisor's directions;
- you may not choose or express a preference for the child's school;
- the order normally lasts one year and the court may extend it, more than once, for up to three years \
at a time.

You are entitled to attend the hearing and to be heard. You may wish to get legal advice.

{_CONTACT}

{_SIGNATURE}"""

_ESO_ORDER_SERVED = f"""Dear {{{{ parent_name }}}}

# Education supervision order (section 36 of the Children Act 1989)

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

On {{{{ order_date }}}} {{{{ court_name }}}} made an education supervision order placing \
{{{{ child_name }}}} under the supervision of {{{{ council_name }}}}. A copy of the order is enclosed. \
The order ends on {{{{ ends_on }}}}, unless the court extends or discharges it sooner, or the child \
ceases to be of compulsory school age.

Your supervisor is {{{{ supervisor_name }}}}. The supervisor will advise, assist and befriend you and the \
child, and may give directions to you and to the child to make sure the child is properly educated. The \
supervisor will take your wishes and feelings, and the child's, into account.

While the order is in force your duty to cause the child to attend school regularly is replaced by a duty \
to comply with the supervisor's directions. If you persistently fail to comply with a direction you may be \
guilty of an offence.

You, the child or the council may apply to the court to discharge the order.

{_CONTACT}

{_SIGNATURE}"""

_ESO_DISCHARGE = f"""Dear {{{{ parent_name }}}}

# Discharge of an education supervision order

Child: {{{{ child_name }}}}{{% if child_date_of_birth %}}, born {{{{ child_date_of_birth }}}}{{% endif %}}

The education supervision order made by {{{{ court_name }}}} on {{{{ order_date }}}} under section 36 of \
the Children Act 1989 was discharged on \
{{{{ discharged_on }}}}. From that date {{{{ child_name }}}} is no longer under the supervision of \
{{{{ council_name }}}}, and you no longer need to comply with the supervisor's directions.{{% if reason %}}

{{{{ reason }}}}{{% endif %}}

You remain under the duty in section 7 of the Education Act 1996 to cause the child to receive efficient \
full-time education suitable to the child's age, ability and aptitude and to any special educational \
needs, either by regular attendance at school or otherwise.

{_CONTACT}

{_SIGNATURE}"""


LETTER_KINDS: Final[dict[str, LetterKind]] = {
    kind.key: kind
    for kind in (
        LetterKind(
            key="sao_notice_to_satisfy",
            title="Notice to satisfy the council of suitable education",
            statutory_basis="Education Act 1996, s.437(1)",
            description=(
                "Served on the parent when it appears the child is not receiving suitable education. "
                "The parent has at least 15 days, beginning with the day of service, to respond (s.437(2))."
            ),
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                Placeholder(
                    "respond_by",
                    "Date the parent must satisfy the council by",
                    PlaceholderType.DATE,
                    example="2026-12-18",
                    min_days_after_service=14,
                ),
            ),
            default_body=_SAO_NOTICE_TO_SATISFY,
        ),
        LetterKind(
            key="sao_intention_to_serve",
            title="Notice of intention to serve a school attendance order",
            statutory_basis="Education Act 1996, s.438",
            description=(
                "Names the school the council intends to name in the order, and any suitable alternatives. "
                "The parent has 15 days to choose one, or to secure a place at another school."
            ),
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                Placeholder(
                    "schools",
                    "Schools named (the first is the one the council intends to name)",
                    PlaceholderType.LIST,
                    example=("Example Primary School", "Sample Church of England Primary School"),
                ),
                Placeholder(
                    "select_by",
                    "Date the parent may choose a school by",
                    PlaceholderType.DATE,
                    example="2026-12-18",
                    min_days_after_service=14,
                ),
                Placeholder(
                    "notice_to_satisfy_date",
                    "Date the notice to satisfy was served",
                    PlaceholderType.DATE,
                    required=False,
                    example="2026-11-02",
                ),
            ),
            default_body=_SAO_INTENTION_TO_SERVE,
        ),
        LetterKind(
            key="sao_order",
            title="School attendance order",
            statutory_basis="Education Act 1996, s.437(3)",
            description=(
                "Requires the parent to register the child at the school named. In force while the child is of "
                "compulsory school age unless revoked or ended by a court (s.437(4))."
            ),
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                _SCHOOL,
                Placeholder(
                    "school_address",
                    "School's address",
                    PlaceholderType.ADDRESS,
                    required=False,
                    example=("School Lane", "Hertford", "SG14 0ZZ"),
                ),
                Placeholder(
                    "notice_to_satisfy_date",
                    "Date the notice to satisfy was served",
                    PlaceholderType.DATE,
                    required=False,
                    example="2026-11-02",
                ),
            ),
            default_body=_SAO_ORDER,
        ),
        LetterKind(
            key="sao_amendment",
            title="Amendment of a school attendance order",
            statutory_basis="Education Act 1996, s.440",
            description="Names, at the parent's request, another school at which the child has a place.",
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                _ORDER_DATE,
                Placeholder("previous_school_name", "School named until now", example="Example Primary School"),
                Placeholder("school_name", "School now named", example="Sample Academy"),
                Placeholder(
                    "amended_on", "Date the amendment takes effect", PlaceholderType.DATE, example="2026-12-01"
                ),
            ),
            default_body=_SAO_AMENDMENT,
        ),
        LetterKind(
            key="sao_revocation",
            title="Revocation of a school attendance order",
            statutory_basis="Education Act 1996, s.442",
            description=(
                "Revokes the order, for example at the parent's request because the child receives suitable "
                "education otherwise than at school."
            ),
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                _ORDER_DATE,
                Placeholder(
                    "school_name", "School named in the order", required=False, example="Example Primary School"
                ),
                Placeholder(
                    "revoked_on", "Date the revocation takes effect", PlaceholderType.DATE, example="2026-12-01"
                ),
                Placeholder(
                    "reason",
                    "Why the order is revoked (a sentence)",
                    required=False,
                    example="You have satisfied us that the child receives suitable education at home.",
                ),
            ),
            default_body=_SAO_REVOCATION,
        ),
        LetterKind(
            key="sao_prosecution_referral",
            title="Referral to legal services for prosecution",
            statutory_basis="Education Act 1996, s.443 (and s.447: an education supervision order considered)",
            description=(
                "Refers a parent who has not complied with an order to the council's legal services, recording "
                "that an education supervision order was considered first."
            ),
            addressee=Addressee.RECIPIENT,
            placeholders=(
                *_RECIPIENT,
                *_PARENT,
                *_CHILD,
                _ORDER_DATE,
                _SCHOOL,
                Placeholder(
                    "eso_considered",
                    "The council's consideration of an education supervision order",
                    example="An education supervision order was considered on 20 November 2026 and is not "
                    "appropriate because the parent has refused every offer of support.",
                ),
                Placeholder(
                    "summary",
                    "Summary of the case",
                    required=False,
                    example="Notices served on 2 November and 1 October 2026; no response.",
                ),
            ),
            default_body=_SAO_PROSECUTION_REFERRAL,
        ),
        LetterKind(
            key="eso_social_care_consultation",
            title="Consultation with children's social care before an education supervision order",
            statutory_basis="Children Act 1989, s.36; Education Act 1996, s.447",
            description=(
                "Asks children's social care for its view, and whether the child is looked after, before applying."
            ),
            addressee=Addressee.RECIPIENT,
            placeholders=(
                *_RECIPIENT,
                *_PARENT,
                *_CHILD,
                Placeholder(
                    "grounds",
                    "Why the council is considering an application",
                    example="The child has not been registered at the school named in the order of 1 October 2026.",
                ),
                Placeholder("respond_by", "Date to reply by", PlaceholderType.DATE, example="2026-12-11"),
            ),
            default_body=_ESO_SOCIAL_CARE_CONSULTATION,
        ),
        LetterKind(
            key="eso_application_notice",
            title="Notice of an application for an education supervision order",
            statutory_basis="Children Act 1989, s.36 and Schedule 3 Part III",
            description="Tells the parent the council has applied to the court for an education supervision order.",
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                Placeholder("court_name", "Court", example="the Family Court at Watford"),
                Placeholder("application_date", "Date of the application", PlaceholderType.DATE, example="2026-12-02"),
                Placeholder(
                    "hearing_date", "Date of the hearing", PlaceholderType.DATE, required=False, example="2027-01-12"
                ),
            ),
            default_body=_ESO_APPLICATION_NOTICE,
        ),
        LetterKind(
            key="eso_order_served",
            title="Education supervision order made",
            statutory_basis="Children Act 1989, s.36 and Schedule 3 Part III",
            description=(
                "Serves the order on the parent: the supervisor, directions, duration and the right to apply "
                "to discharge it."
            ),
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                Placeholder("court_name", "Court", example="the Family Court at Watford"),
                Placeholder("order_date", "Date the order was made", PlaceholderType.DATE, example="2027-01-12"),
                Placeholder("ends_on", "Date the order ends", PlaceholderType.DATE, example="2028-01-11"),
                Placeholder("supervisor_name", "Supervisor", example="Jo Example, CME Officer"),
            ),
            default_body=_ESO_ORDER_SERVED,
        ),
        LetterKind(
            key="eso_discharge",
            title="Discharge of an education supervision order",
            statutory_basis="Children Act 1989, Schedule 3 Part III",
            description="Tells the parent the order has been discharged by the court.",
            addressee=Addressee.PARENT,
            placeholders=(
                *_PARENT,
                *_CHILD,
                Placeholder("court_name", "Court", example="the Family Court at Watford"),
                Placeholder("order_date", "Date the order was made", PlaceholderType.DATE, example="2027-01-12"),
                Placeholder("discharged_on", "Date it was discharged", PlaceholderType.DATE, example="2027-06-30"),
                Placeholder("reason", "A sentence on why", required=False, example=""),
            ),
            default_body=_ESO_DISCHARGE,
        ),
    )
}

KIND_CHOICES: Final[list[tuple[str, str]]] = [(kind.key, kind.title) for kind in LETTER_KINDS.values()]


def letter_kind(key: str) -> LetterKind:
    """The kind called ``key``; ``KeyError`` for an unknown key."""
    return LETTER_KINDS[key]
