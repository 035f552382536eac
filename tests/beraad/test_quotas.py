"""Quota suggestions from the membership's shares, and infeasibility in plain Dutch."""

import pytest

from beraad.models import CategoryKind, PanelQuota
from beraad.services.draw import stage1_pool, stage1_problems
from beraad.services.quotas import category_add, quotas_update, suggest_quota
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def test_suggestion_widens_the_expected_seats_by_the_tolerance():
    assert suggest_quota(count=30, total=100, panel_size=20, tolerance=0.2) == (4, 8)


def test_value_that_nobody_has_gets_no_seats():
    assert suggest_quota(count=0, total=100, panel_size=20, tolerance=0.2) == (0, 0)


def test_rare_value_may_get_a_seat():
    assert suggest_quota(count=1, total=1000, panel_size=20, tolerance=0.2) == (0, 1)


def test_category_add_suggests_quotas_from_the_eligible_members(member_factory, admin_member):
    panel = scenario.concept(member_factory, admin_member, women=15, men=5, panel_size=8)
    quota = PanelQuota.objects.get(category__panel=panel, value="vrouw")
    assert (quota.min, quota.max) == (4, 8)  # 16 of 21 (with the admin) of 8 seats, ±20 %


def test_feasible_quotas_give_no_problems(member_factory, admin_member):
    panel = scenario.concept(member_factory, admin_member)
    assert stage1_problems(panel, stage1_pool(panel)[0]) == []


def test_infeasible_quota_is_named_with_its_shortfall_in_dutch(member_factory, admin_member):
    panel = scenario.concept(member_factory, admin_member, women=2, men=10)  # + the admin
    women = PanelQuota.objects.get(category__panel=panel, value="vrouw")
    men = PanelQuota.objects.get(category__panel=panel, value="man")
    quotas_update(panel=panel, actor=admin_member, values={women.pk: (4, 4, 1), men.pk: (0, 4, 1)})
    problems = stage1_problems(panel, stage1_pool(panel)[0])
    assert problems == [
        "Het minimum voor Gender = vrouw is niet haalbaar: verlaag het van 4 naar 3 (1 te veel)."
    ]


def test_trait_category_takes_values_from_its_options(member_factory, admin_member):
    from members.models import TraitCategory, TraitOption

    trait = TraitCategory.objects.create(name="Opleiding", slug="opleiding", question="?")
    TraitOption.objects.create(category=trait, label="hbo")
    panel = scenario.concept(member_factory, admin_member)
    category = category_add(panel=panel, actor=admin_member, kind=CategoryKind.TRAIT, trait=trait)
    assert list(category.quotas.values_list("value", flat=True)) == ["hbo", "onbekend"]


def test_quota_page_names_the_failing_quota(client, member_factory, admin_member):
    from django.urls import reverse

    panel = scenario.concept(member_factory, admin_member, women=2, men=10)
    women = PanelQuota.objects.get(category__panel=panel, value="vrouw")
    quotas_update(panel=panel, actor=admin_member, values={women.pk: (4, 4, 1)})
    client.force_login(admin_member)
    html = client.get(reverse("beraad:quotas", args=[panel.pk])).content.decode()
    assert "Het minimum voor Gender = vrouw is niet haalbaar" in html
