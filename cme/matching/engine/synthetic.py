"""Synthetic children for training, tests and benchmarks: invented people, no real person's data.

Names are common English given names and surnames, postcodes are shaped like Hertfordshire's
(random units that may not exist), streets and house numbers are made up. ``corrupt`` makes the
second record of a duplicate pair with the slips found between two sources: nicknames, typos,
swapped day and month, a digit slipped, a move, missing values.
"""

from __future__ import annotations

import random
import string
from dataclasses import replace
from datetime import date, timedelta

from .nicknames import NICKNAMES
from .records import Record


def _words(text: str) -> list[str]:
    return text.split()


BOYS = _words(
    "OLIVER GEORGE NOAH ARTHUR HARRY LEO MUHAMMAD JACK CHARLIE OSCAR JACOB HENRY THOMAS FREDDIE ALFIE THEO "
    "WILLIAM THEODORE ARCHIE JOSHUA ALEXANDER JAMES ISAAC EDWARD LUCAS TOMMY FINLEY MAX LOGAN ETHAN TEDDY "
    "BENJAMIN ARLO JOSEPH SEBASTIAN HUGO DAVID REUBEN ALBIE DANIEL SAMUEL MASON JUDE ELIJAH HUDSON RONNIE "
    "ADAM RORY LOUIE ELLIS DYLAN CALEB RILEY TOBY JAYDEN LEWIS FRANKIE JENSON ZACHARY MICHAEL ROBERT "
    "MATTHEW NATHAN CALLUM LIAM RYAN KAI AIDEN HARLEY BOBBY STANLEY SONNY ELLIOT ZAYN AYAAN OMAR YUSUF IBRAHIM"
)
GIRLS = _words(
    "OLIVIA AMELIA ISLA AVA IVY FREYA LILY FLORENCE MIA WILLOW ROSIE SOPHIA ISABELLA GRACE DAISY SIENNA "
    "POPPY ELSIE EMILY ELLA EVELYN PHOEBE SOFIA EVIE CHARLOTTE HARPER MILLIE MATILDA MAYA SOPHIE ALICE "
    "EMILIA ISABELLE RUBY LUNA MAISIE AURORA MILA BONNIE EVA ADA HALLIE ELIZA LOTTIE FAITH HANNAH ORLA "
    "ARIA NANCY ESME ZARA EMMA AMBER MOLLY LUCY CHLOE JESSICA KATIE ELEANOR ABIGAIL SARAH REBECCA "
    "LAYLA AISHA MARYAM ZAINAB HAFSA AMIRA NOOR SAMANTHA VICTORIA ELIZABETH MARGARET CATHERINE"
)
SURNAMES = _words(
    "SMITH JONES WILLIAMS TAYLOR BROWN DAVIES EVANS WILSON THOMAS JOHNSON ROBERTS ROBINSON THOMPSON WRIGHT "
    "WALKER WHITE EDWARDS HUGHES GREEN HALL LEWIS HARRIS CLARKE PATEL JACKSON WOOD TURNER MARTIN COOPER HILL "
    "WARD MORRIS MOORE CLARK LEE KING BAKER HARRISON MORGAN ALLEN JAMES SCOTT PHILLIPS WATSON DAVIS PARKER "
    "PRICE BENNETT YOUNG GRIFFITHS MITCHELL KELLY COOK CARTER RICHARDSON BAILEY COLLINS BELL SHAW MURPHY "
    "MILLER COX RICHARDS KHAN MARSHALL ANDERSON SIMPSON ELLIS ADAMS SINGH BEGUM WILKINSON FOSTER CHAPMAN "
    "POWELL WEBB ROGERS GRAY MASON ALI HUNT HUSSAIN CAMPBELL MATTHEWS OWEN PALMER HOLMES MILLS BARNES KNIGHT "
    "LLOYD BUTLER RUSSELL BARKER FISHER STEVENS JENKINS MURRAY DIXON HARVEY GRAHAM PEARSON AHMED FLETCHER "
    "WALSH KAUR GIBSON HOWARD ANDREWS STEWART ELLIOTT REYNOLDS SAUNDERS PAYNE FOX FORD PEARCE DAY BROOKS "
    "WEST LAWRENCE COLE ATKINSON BRADLEY SPENCER GILL DAWSON BALL BURTON O'BRIEN WATTS ROSE BOOTH PERRY "
    "RYAN GRANT WELLS ARMSTRONG FRANCIS REES HAYES HART HUDSON NEWMAN BARRETT WEBSTER HUNTER GREGORY CARR "
    "LOWE PAGE MARSH RILEY DUNN WOODS PARSONS BERRY STONE REID HOLLAND HAWKINS HARDING PORTER ROBERTSON "
    "NEWTON OLIVER REED KENNEDY WILLIAMSON BIRD GARDNER SHAH DODD QUINN KENT BURNS BRADSHAW NOWAK KOWALSKI "
    "OKAFOR ADEYEMI MENSAH OSEI NGUYEN CHEN WANG SANTOS SILVA COSTA POPESCU IVANOV HOSSAIN RAHMAN MIAH"
)
STREETS = _words(
    "HIGH CHURCH STATION MILL PARK LONDON VICTORIA GREEN MANOR QUEENS KINGS GROVE NEW SCHOOL ALBERT "
    "BRIDGE YORK WESTFIELD ORCHARD HIGHFIELD MEADOW CHESTNUT BEECH OAK ASH ELM WILLOW HOLLY MAPLE "
    "CEDAR ST ALBANS HATFIELD HITCHIN LETCHWORTH STEVENAGE WATFORD HARPENDEN BERKHAMSTED TRING WARE "
    "HERTFORD BISHOPS FOREST ABBEY CASTLE HOLLOW FAIRFIELD SPRINGFIELD ROSEBERY WINDSOR BALMORAL"
)
STREET_TYPES = ("ROAD", "STREET", "AVENUE", "CLOSE", "DRIVE", "LANE", "WAY", "GARDENS", "CRESCENT", "PLACE")
TOWNS = ("ST ALBANS", "WATFORD", "STEVENAGE", "HEMEL HEMPSTEAD", "HATFIELD", "HITCHIN", "HERTFORD", "BISHOPS STORTFORD")
POSTCODE_AREAS = ("AL", "CM", "EN", "HP", "LU", "SG", "WD")
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_VARIANTS: dict[str, list[str]] = {}
for _variant, _canonical in NICKNAMES.items():
    if _variant != _canonical:
        _VARIANTS.setdefault(_canonical, []).append(_variant)


def random_postcode(rng: random.Random) -> str:
    area = rng.choice(POSTCODE_AREAS)
    return f"{area}{rng.randint(1, 12)} {rng.randint(0, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"


def random_address(rng: random.Random) -> str:
    number = rng.randint(1, 180)
    flat = f"FLAT {rng.randint(1, 12)}, " if rng.random() < 0.08 else ""
    return f"{flat}{number} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}, {rng.choice(TOWNS)}"


def _upn(rng: random.Random) -> str:
    return rng.choice("ABCDEFGHJKLMNPQRTUVWXYZ") + "".join(rng.choices(string.digits, k=12))


def _nhs(rng: random.Random) -> str:
    return "".join(rng.choices(string.digits, k=10))


def random_child(rng: random.Random, identifier: str, *, surname: str | None = None) -> Record:
    sex = rng.choice("MF")
    names = BOYS if sex == "M" else GIRLS
    forenames = rng.choice(names)
    if rng.random() < 0.4:
        forenames += " " + rng.choice(names)
    dob = date(2008, 9, 1) + timedelta(days=rng.randrange(365 * 14))
    return Record(
        id=identifier,
        forenames=forenames,
        surname=surname or rng.choice(SURNAMES),
        dob=dob,
        sex=sex,
        postcode=random_postcode(rng),
        address=random_address(rng),
        upn=_upn(rng) if rng.random() < 0.6 else "",
        nhs_number=_nhs(rng) if rng.random() < 0.4 else "",
    )


def typo(rng: random.Random, text: str) -> str:
    """One keyboard slip: a letter dropped, doubled, changed, or two letters exchanged."""
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[:i] + rng.choice(string.ascii_uppercase) + text[i + 1 :]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]


def _corrupt_forenames(rng: random.Random, forenames: str) -> str:
    first, *rest = forenames.split()
    roll = rng.random()
    if roll < 0.12 and NICKNAMES.get(first, first) in _VARIANTS:
        first = rng.choice(_VARIANTS[NICKNAMES.get(first, first)])
    elif roll < 0.22:
        first = typo(rng, first)
    elif roll < 0.26 and rest:
        return " ".join(rest)  # known by the middle name
    if rng.random() < 0.5:
        rest = []
    return " ".join([first, *rest])


def _corrupt_dob(rng: random.Random, dob: date | None) -> date | None:
    if dob is None:
        return None
    roll = rng.random()
    if roll < 0.03:
        return None
    if roll < 0.07 and dob.day <= 12 and dob.day != dob.month:
        return date(dob.year, dob.day, dob.month)
    if roll < 0.13:
        text = dob.isoformat()
        i = rng.choice([3, 6, 8, 9])
        slipped = text[:i] + rng.choice(string.digits) + text[i + 1 :]
        try:
            return date.fromisoformat(slipped)
        except ValueError:
            return dob
    return dob


def corrupt(rng: random.Random, record: Record, identifier: str) -> Record:
    """The same child as another source might record them."""
    surname, other_names = record.surname, record.other_names
    roll = rng.random()
    if roll < 0.08:
        surname = typo(rng, surname)
    elif roll < 0.12:
        other_names = (surname,)
        surname = rng.choice(SURNAMES)  # changed surname, the old one recorded as a previous name
    postcode, address = record.postcode, record.address
    roll = rng.random()
    if roll < 0.12:
        postcode, address = random_postcode(rng), random_address(rng)  # moved
    elif roll < 0.18:
        postcode = typo(rng, postcode.replace(" ", ""))
    if rng.random() < 0.2:
        address = address.replace("ROAD", "RD").replace("STREET", "ST").split(",")[0].title()
    elif rng.random() < 0.08:
        address = typo(rng, address)
    return replace(
        record,
        id=identifier,
        forenames=_corrupt_forenames(rng, record.forenames),
        surname=surname,
        other_names=other_names,
        dob=_corrupt_dob(rng, record.dob),
        sex="" if rng.random() < 0.1 else record.sex,
        postcode="" if rng.random() < 0.04 else postcode,
        address="" if rng.random() < 0.05 else address,
        upn=record.upn if rng.random() < 0.7 else "",
        nhs_number=record.nhs_number if rng.random() < 0.5 else "",
    )


def twin(rng: random.Random, record: Record, identifier: str) -> Record:
    """A twin or sibling at the same address, born the same day, with a different forename."""
    sex = rng.choice("MF")
    # Parents do not give twins the same name, two forms of one name, or one's middle name or surname.
    taken = {NICKNAMES.get(name, name) for name in [*record.forenames.split(), record.surname]}
    names = [name for name in (BOYS if sex == "M" else GIRLS) if NICKNAMES.get(name, name) not in taken]
    return replace(
        record,
        id=identifier,
        forenames=rng.choice(names),
        sex=sex,
        upn=_upn(rng) if record.upn else "",
        nhs_number=_nhs(rng) if record.nhs_number else "",
    )


def population(rng: random.Random, size: int, *, prefix: str = "c") -> list[Record]:
    """``size`` distinct children, some of them siblings (a surname and address shared)."""
    records: list[Record] = []
    while len(records) < size:
        child = random_child(rng, f"{prefix}{len(records)}")
        records.append(child)
        if rng.random() < 0.05 and len(records) < size:
            records.append(twin(rng, child, f"{prefix}{len(records)}"))
    return records


def duplicates(
    rng: random.Random, records: list[Record], share: float, *, prefix: str = "d"
) -> list[tuple[str, Record]]:
    """Corrupted copies of a share of ``records``: (original id, copy)."""
    chosen = rng.sample(records, int(len(records) * share))
    return [(record.id, corrupt(rng, record, f"{prefix}{index}")) for index, record in enumerate(chosen)]
