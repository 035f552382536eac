import functools

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from members.models import (
    Branch,
    Member,
    MemberKind,
    Province,
    Role,
    RoleAssignment,
    TraitCategory,
    TraitOption,
)

TEST_PASSWORD = "wachtwoord-voor-tests"


def hashed_test_password() -> str:
    """Hashed once per set of hashers: a module-scoped fixture runs before the tests' fast
    MD5 setting, and its slower hash would not verify once only MD5 is allowed."""
    return _hashed(tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _hashed(hashers: tuple[str, ...]) -> str:
    return make_password(TEST_PASSWORD)


class BranchFactory(DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")
    province = Province.UTRECHT


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"lid{n}@example.org")
    member_number = factory.Sequence(lambda n: f"{100000 + n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    birth_date = factory.Faker("date_of_birth", minimum_age=17, maximum_age=90)
    gender = "vrouw"
    postcode = "3511AB"
    branch = factory.SubFactory(BranchFactory)
    member_since = factory.Faker("date_between", start_date="-20y", end_date="-1y")
    kind = MemberKind.MEMBER
    # Hashed once for the whole suite; members log in by code anyway.
    password = factory.LazyFunction(lambda: hashed_test_password())

    class Params:
        supporter = factory.Trait(kind=MemberKind.SUPPORTER)

    @factory.post_generation
    def admin(obj, create, extracted, **kwargs):
        if create and extracted:
            RoleAssignment.objects.create(member=obj, role=Role.ADMIN)
            obj.is_staff = obj.is_superuser = True
            obj.save(update_fields=["is_staff", "is_superuser"])

    @factory.post_generation
    def chair(obj, create, extracted, **kwargs):
        if create and extracted:
            RoleAssignment.objects.create(member=obj, role=Role.CHAIR, title="partijvoorzitter")

    @factory.post_generation
    def organises(obj, create, extracted, **kwargs):
        """organises=branch (or a list of branches) makes the member their organiser."""
        if create and extracted:
            branches = extracted if isinstance(extracted, list | tuple) else [extracted]
            for branch in branches:
                RoleAssignment.objects.create(member=obj, role=Role.ORGANISER, branch=branch)


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    member = factory.SubFactory(MemberFactory)
    role = Role.CHAIR


class TraitCategoryFactory(DjangoModelFactory):
    class Meta:
        model = TraitCategory
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = "Opleidingsniveau"
    slug = "opleidingsniveau"
    question = "Wat is je hoogst afgeronde opleiding?"

    @factory.post_generation
    def options(obj, create, extracted, **kwargs):
        if create:
            for position, label in enumerate(extracted or ["mbo", "hbo", "wo"]):
                TraitOption.objects.get_or_create(
                    category=obj, label=label, defaults={"position": position}
                )
