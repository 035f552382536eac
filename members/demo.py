"""Demo members: 12 provinces, about 40 branches, about 2,000 members and the demo accounts."""

import random
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from members.models import (
    Branch,
    Gender,
    Member,
    MemberKind,
    MemberStatus,
    MemberTrait,
    Province,
    Role,
    TraitCategory,
    TraitOption,
)
from members.services.roles import role_grant

BRANCHES = {
    Province.GRONINGEN: ["Groningen", "Het Hogeland", "Midden-Groningen"],
    Province.FRIESLAND: ["Leeuwarden", "Súdwest-Fryslân", "Heerenveen"],
    Province.DRENTHE: ["Assen", "Emmen", "Meppel"],
    Province.OVERIJSSEL: ["Zwolle", "Enschede", "Deventer", "Hengelo"],
    Province.FLEVOLAND: ["Almere", "Lelystad"],
    Province.GELDERLAND: ["Arnhem", "Nijmegen", "Apeldoorn", "Ede"],
    Province.UTRECHT: ["Utrecht", "Amersfoort", "Zeist"],
    Province.NOORD_HOLLAND: ["Amsterdam", "Haarlem", "Zaanstad", "Hilversum", "Alkmaar"],
    Province.ZUID_HOLLAND: ["Rotterdam", "Den Haag", "Leiden", "Delft", "Dordrecht"],
    Province.ZEELAND: ["Middelburg", "Vlissingen"],
    Province.NOORD_BRABANT: ["Eindhoven", "Tilburg", "Breda", "'s-Hertogenbosch"],
    Province.LIMBURG: ["Maastricht", "Venlo", "Heerlen"],
}
FIRST_NAMES = [
    "Anna",
    "Sem",
    "Fatima",
    "Daan",
    "Noor",
    "Mohamed",
    "Lotte",
    "Jan",
    "Sanne",
    "Kees",
    "Aylin",
    "Thijs",
    "Emma",
    "Bram",
    "Yara",
    "Pieter",
    "Lieke",
    "Hamza",
]
LAST_NAMES = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Yilmaz"),
    ("", "Visser"),
    ("van der", "Berg"),
    ("", "El Amrani"),
    ("", "Mulder"),
    ("de", "Boer"),
]
MEMBER_COUNT = 2000
DEMO_ACCOUNTS = [
    ("lid@example.org", "Lotte", "Lid", None, ""),
    ("organisator@example.org", "Omar", "Organisator", Role.ORGANISER, ""),
    ("voorzitter@example.org", "Vera", "Voorzitter", Role.CHAIR, "partijvoorzitter"),
    ("voorzitter2@example.org", "Victor", "Voorzitter", Role.CHAIR, "partijvoorzitter"),
    ("admin@example.org", "Anouk", "Beheerder", Role.ADMIN, ""),
]
ACCOUNTS_HELP = """Demo accounts (log in with an e-mailed code, see /dev/mail/; or password "demo"):
  lid@example.org           member of Utrecht
  organisator@example.org   branch organiser of Utrecht
  voorzitter@example.org    party chair (also voorzitter2@example.org)
  admin@example.org         administrator"""


EDUCATION = ["vmbo of lager", "havo of vwo", "mbo", "hbo", "wo"]
EDUCATION_WEIGHTS = [15, 10, 25, 30, 20]
GENDERS = [Gender.WOMAN, Gender.MAN, Gender.NONBINARY, Gender.OTHER, Gender.UNKNOWN]
GENDER_WEIGHTS = [50, 45, 2, 1, 2]


def seed(*, stdout) -> None:
    branches = _seed_branches()
    _seed_members(branches)
    _seed_accounts(branches["utrecht"])
    answered = _seed_education()
    stdout.write(
        f"Members: {Member.objects.count()} in {len(branches)} branches, "
        f"{answered} with an education level"
    )


def _seed_branches() -> dict[str, Branch]:
    for province, names in BRANCHES.items():
        for name in names:
            Branch.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "province": province}
            )
    return {branch.slug: branch for branch in Branch.objects.all()}


def _seed_members(branches: dict[str, Branch]) -> None:
    rng = random.Random(2026)
    existing = set(Member.objects.values_list("member_number", flat=True))
    branch_list = sorted(branches.values(), key=lambda b: b.slug)
    new = []
    for number in range(1, MEMBER_COUNT + 1):
        member_number = f"D{number:06d}"
        if member_number in existing:
            continue
        infix, last = rng.choice(LAST_NAMES)
        gender = rng.choices(GENDERS, GENDER_WEIGHTS)[0]
        new.append(
            Member(
                member_number=member_number,
                # A few members have no e-mail address in the member administration.
                email=None if rng.random() < 0.03 else f"lid{number}@demo.example.org",
                first_name=rng.choice(FIRST_NAMES),
                infix=infix,
                last_name=last,
                birth_date=date(2008, 1, 1) - timedelta(days=int(rng.triangular(0, 25000, 9000))),
                gender=gender,
                gender_description="genderfluïde" if gender == Gender.OTHER else "",
                postcode=f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGH')}{rng.choice('KLMNPR')}",
                branch=rng.choice(branch_list),
                member_since=date(2026, 6, 1) - timedelta(days=int(rng.triangular(0, 365 * 25, 0))),
                kind=rng.choices([MemberKind.MEMBER, MemberKind.SUPPORTER], [85, 15])[0],
                status=MemberStatus.FORMER if rng.random() < 0.05 else MemberStatus.ACTIVE,
                password="!",  # unusable: members log in by code
            )
        )
    Member.objects.bulk_create(new, batch_size=500)


def _seed_accounts(branch: Branch) -> None:
    """The demo accounts: all in Utrecht, with a verified address so both logins work."""
    for email, first, last, role, title in DEMO_ACCOUNTS:
        member, _ = Member.objects.update_or_create(
            email=email,
            defaults={"branch": branch},
            create_defaults={
                "first_name": first,
                "last_name": last,
                "branch": branch,
                "member_number": f"DEMO-{email.split('@')[0]}",
                "birth_date": date(1985, 5, 17),
                "gender": Gender.WOMAN,
                "member_since": date(2015, 3, 1),
                "password": "!",
            },
        )
        EmailAddress.objects.get_or_create(
            user=member, email=email, defaults={"verified": True, "primary": True}
        )
        if role:
            role_grant(
                member=member,
                role=role,
                branch=branch if role == Role.ORGANISER else None,
                title=title,
            )


def _seed_education() -> int:
    """An extra trait that about 40% of the members answered, with consent."""
    category, _ = TraitCategory.objects.get_or_create(
        slug="opleidingsniveau",
        defaults={
            "name": "Opleidingsniveau",
            "question": "Wat is je hoogst afgeronde opleiding?",
            "explanation": "Zo kan een ledenberaad alle opleidingsniveaus laten meedoen.",
        },
    )
    options = [
        TraitOption.objects.get_or_create(category=category, label=label, defaults={"position": i})[
            0
        ]
        for i, label in enumerate(EDUCATION)
    ]
    answered = set(
        MemberTrait.objects.filter(category=category).values_list("member_id", flat=True)
    )
    now = timezone.now()
    new = []
    members = Member.objects.filter(member_number__startswith="D0").order_by("pk")
    for pk, number in members.values_list("pk", "member_number"):
        rng = random.Random(number)  # per member, so a second run draws the same answers
        if rng.random() < 0.4 and pk not in answered:
            option = rng.choices(options, EDUCATION_WEIGHTS)[0]
            new.append(
                MemberTrait(member_id=pk, category=category, option=option, consented_at=now)
            )
    MemberTrait.objects.bulk_create(new, batch_size=500)
    return len(answered) + len(new)
