"""The personal data export holds everything tied to the member, in every app."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from ledendemocratie.my_data import EXPORTED_MEMBER_LINKS, NOT_EXPORTED_MEMBER_LINKS
from tests.preferendum.factories import SuggestionFactory

pytestmark = pytest.mark.django_db
EXPORT = reverse("my-data-export")


def _member_links() -> set[str]:
    """Every foreign key, one-to-one and many-to-many field that points at a member."""
    member_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and (field.concrete or field.many_to_many)
        and not field.auto_created
        and field.related_model is member_model
    }


def _export(client, member) -> dict:
    client.force_login(member)
    return json.loads(client.get(EXPORT).content)


def test_every_model_linked_to_a_member_is_in_the_export_or_says_why_not():
    unlisted = _member_links() - EXPORTED_MEMBER_LINKS.keys() - NOT_EXPORTED_MEMBER_LINKS.keys()
    assert not unlisted, f"add to EXPORTED_MEMBER_LINKS (and the export): {sorted(unlisted)}"


def test_every_listed_place_in_the_export_exists(client, member):
    data = _export(client, member)
    missing = []
    for link, where in EXPORTED_MEMBER_LINKS.items():
        node = data
        for part in where.split("."):
            if not isinstance(node, dict) or part not in node:
                missing.append(f"{link} → {where}")
                break
            node = node[part]
    assert not missing, missing


def test_export_holds_the_members_statement_suggestions(client, member):
    SuggestionFactory(member=member, text="Gratis openbaar vervoer voor scholieren")
    data = _export(client, member)
    suggestions = data["participation"]["round"]["preferendum_suggestions"]
    assert [s["statement"] for s in suggestions] == ["Gratis openbaar vervoer voor scholieren"]
