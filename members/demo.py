"""Demo members: 12 provinces, about 40 branches, about 2,000 members and the demo accounts."""

import random
from datetime import date, timedelta

from django.utils.text import slugify

from members.models import Branch, Gender, Member, MemberKind, Province, Role, RoleAssignment

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


def seed(*, stdout) -> None:
    branches = _seed_branches()
    _seed_members(branches)
    _seed_accounts(branches["utrecht"])
    stdout.write(f"Members: {Member.objects.count()} in {len(branches)} branches")


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
        new.append(
            Member(
                member_number=member_number,
                email=f"lid{number}@demo.example.org",
                first_name=rng.choice(FIRST_NAMES),
                infix=infix,
                last_name=last,
                birth_date=date(2008, 1, 1) - timedelta(days=int(rng.triangular(0, 25000, 14000))),
                gender=rng.choices([Gender.WOMAN, Gender.MAN, Gender.NONBINARY], [50, 48, 2])[0],
                postcode=f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGH')}{rng.choice('KLMNPR')}",
                branch=rng.choice(branch_list),
                member_since=date(2026, 6, 1) - timedelta(days=rng.randint(0, 365 * 25)),
                kind=rng.choices([MemberKind.MEMBER, MemberKind.SUPPORTER], [85, 15])[0],
                password="!",  # unusable: members log in by code
            )
        )
    Member.objects.bulk_create(new, batch_size=500)


def _seed_accounts(branch: Branch) -> None:
    for email, first, last, role, title in DEMO_ACCOUNTS:
        member, _ = Member.objects.get_or_create(
            email=email,
            defaults={
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
        if role:
            RoleAssignment.objects.get_or_create(
                member=member,
                role=role,
                branch=branch if role == Role.ORGANISER else None,
                defaults={"title": title},
            )
        if role == Role.ADMIN and not member.is_staff:
            member.is_staff = member.is_superuser = True
            member.save(update_fields=["is_staff", "is_superuser"])
