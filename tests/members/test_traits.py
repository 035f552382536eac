from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Member, MemberTrait, Province
from members.services.extra_traits import member_trait_answer, member_trait_withdraw
from members.traits import (
    age_band,
    derived_trait_expressions,
    member_traits,
    membership_band,
    trait_label,
    traits_for_members,
)

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2010, 11, 28), "onbekend"),
        (date(2010, 11, 27), "16-29"),
        (date(1996, 11, 28), "16-29"),
        (date(1996, 11, 27), "30-44"),
        (date(1981, 11, 27), "45-64"),
        (date(1961, 11, 28), "45-64"),
        (date(1961, 11, 27), "65+"),
        (None, "onbekend"),
    ],
)
def test_age_band_follows_the_birthday(born, band):
    assert age_band(born, today=TODAY) == band


@pytest.mark.parametrize(
    ("since", "band"),
    [(date(2026, 1, 1), "0-1"), (date(2023, 1, 1), "2-4"), (date(2016, 11, 27), "10+")],
)
def test_membership_band_counts_whole_years(since, band):
    assert membership_band(since, today=TODAY) == band


def test_age_bands_are_configurable_in_one_place(monkeypatch):
    monkeypatch.setattr("members.traits.AGE_BANDS", ((18, None, "volwassen"),))
    assert age_band(date(1990, 1, 1), today=TODAY) == "volwassen"


def test_trait_labels_are_dutch():
    assert trait_label("age_band", "65+") == "65+ jaar"
    assert trait_label("province", "noord-holland") == "Noord-Holland"
    assert trait_label("gender", "onbekend") == "onbekend"


@pytest.mark.django_db
def test_member_traits_derive_from_the_profile(member_factory, branch_factory):
    branch = branch_factory(province=Province.LIMBURG)
    member = member_factory(
        birth_date=date(1950, 1, 1), gender="man", branch=branch, member_since=date(2020, 1, 1)
    )
    assert member_traits(member, today=TODAY) == {
        "age_band": "65+",
        "gender": "man",
        "province": "limburg",
        "membership_band": "5-9",
    }


@pytest.mark.django_db
def test_sql_traits_give_the_same_codes_as_python(member_factory, branch_factory):
    branch = branch_factory(province=Province.LIMBURG)
    births = [date(2010, 11, 28), date(2010, 11, 27), date(1996, 11, 27), date(1961, 11, 27)]
    for born, since in zip(
        [*births, None], [date(2026, 1, 1), None, *births[2:], None], strict=True
    ):
        member_factory(birth_date=born, member_since=since, branch=branch, gender="vrouw")
    member_factory(branch=None, gender="")
    in_sql = Member.objects.annotate(
        **{
            f"t_{name}": expression
            for name, expression in derived_trait_expressions(today=TODAY).items()
        }
    )
    for member in in_sql:
        derived = {
            name: getattr(member, f"t_{name}")
            for name in ("age_band", "gender", "province", "membership_band")
        }
        assert derived == member_traits(member, today=TODAY)


@pytest.mark.django_db
def test_member_traits_include_consented_extra_traits(member, education):
    member_trait_answer(member=member, option=education.options.get(label="hbo"), consent=True)
    assert member_traits(member)["opleidingsniveau"] == "hbo"


@pytest.mark.django_db
def test_traits_for_many_members_take_two_queries(member_factory, education):
    members = member_factory.create_batch(20)
    for member in members[:5]:
        member_trait_answer(member=member, option=education.options.first(), consent=True)
    with CaptureQueriesContext(connection) as queries:
        traits = traits_for_members(members)
    assert len(queries) == 2
    assert len(traits) == 20


@pytest.mark.django_db
def test_answer_without_consent_is_refused(member, education):
    with pytest.raises(ValidationError):
        member_trait_answer(member=member, option=education.options.first(), consent=False)
    assert not MemberTrait.objects.exists()


@pytest.mark.django_db
def test_withdrawing_consent_deletes_the_answer(member, education):
    member_trait_answer(member=member, option=education.options.first(), consent=True)
    member_trait_withdraw(member=member, category=education)
    assert not MemberTrait.objects.exists()


@pytest.mark.django_db
def test_answers_to_an_inactive_category_are_not_traits(member, education):
    member_trait_answer(member=member, option=education.options.first(), consent=True)
    education.is_active = False
    education.save(update_fields=["is_active"])
    assert "opleidingsniveau" not in member_traits(member)
