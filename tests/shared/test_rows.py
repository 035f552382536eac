import pytest
from django.contrib.auth import get_user
from django.db import connection

from members.backends import MemberBackend, preloaded_member
from members.models import Member, MemberStatus
from shared import rows

pytestmark = pytest.mark.django_db


def _fetch(model, pk):
    sql = f"SELECT {rows.columns(model, 't')} FROM {rows.table(model)} t WHERE t.id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        return rows.instance(model, cursor.fetchone())


def test_a_member_from_a_row_equals_the_orm_instance_field_by_field(member):
    fetched = _fetch(Member, member.pk)
    for field in Member._meta.concrete_fields:
        assert getattr(fetched, field.attname) == getattr(
            Member.objects.get(pk=member.pk), field.attname
        ), field.name


def test_dates_and_datetimes_from_a_row_are_converted_like_the_orm_converts_them(member):
    fetched = _fetch(Member, member.pk)
    assert fetched.date_joined == member.date_joined and fetched.date_joined.tzinfo is not None
    assert fetched.birth_date == member.birth_date


def test_a_row_of_only_some_fields_defers_the_others_as_only_does(member):
    only = ("email",)
    sql = f"SELECT {rows.columns(Member, 't', only)} FROM {rows.table(Member)} t WHERE t.id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [member.pk])
        fetched = rows.instance(Member, cursor.fetchone(), only=only)
    assert (fetched.pk, fetched.email) == (member.pk, member.email)
    assert fetched.get_deferred_fields() == Member.objects.only("email").get().get_deferred_fields()


def test_backend_loads_the_signed_in_member(client, member):
    client.force_login(member)
    assert get_user(client.request().wsgi_request) == member


def test_backend_refuses_a_member_who_cannot_log_in(member):
    Member.objects.filter(pk=member.pk).update(is_active=False, status=MemberStatus.FORMER)
    assert MemberBackend().get_user(member.pk) is None


def test_backend_returns_none_for_an_unknown_id():
    assert MemberBackend().get_user(987654) is None


def test_backend_takes_a_preloaded_member_without_a_query(member, django_assert_num_queries):
    with preloaded_member(member), django_assert_num_queries(0):
        assert MemberBackend().get_user(member.pk) is member


def test_backend_queries_when_the_preloaded_member_is_someone_else(member, member_factory):
    with preloaded_member(member_factory()):
        assert MemberBackend().get_user(member.pk) == member


def test_backend_refuses_a_preloaded_member_who_cannot_log_in(member):
    member.is_active = False
    with preloaded_member(member):
        assert MemberBackend().get_user(member.pk) is None


def test_preloaded_member_is_forgotten_after_the_block(member, django_assert_num_queries):
    with preloaded_member(member):
        pass
    with django_assert_num_queries(1):
        MemberBackend().get_user(member.pk)
