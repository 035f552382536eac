"""The one scheme for personal links: purpose-bound, object-bound, expiring, revocable."""

import pytest
from django.core import signing
from django.test import override_settings

from shared.links import BadLink, link_key_new, link_member_id, link_token, link_verify

KEY = "member-key-one"


def _token(**overrides):
    fields = {"purpose": "answer", "member_id": 7, "key": KEY, "obj": 3} | overrides
    return link_token(**fields)


def test_a_link_verifies_for_its_own_purpose_object_and_key():
    assert link_verify(_token(), purpose="answer", key=KEY, obj=3) == 7


def test_a_link_for_one_purpose_does_not_open_another():
    with pytest.raises(BadLink):
        link_verify(_token(), purpose="feed", key=KEY, obj=3)


def test_a_link_for_one_object_does_not_open_another():
    with pytest.raises(BadLink):
        link_verify(_token(), purpose="answer", key=KEY, obj=4)


def test_a_link_made_with_an_old_key_is_refused():
    with pytest.raises(BadLink):
        link_verify(_token(), purpose="answer", key="member-key-two", obj=3)


def test_a_link_older_than_max_age_is_refused(monkeypatch):
    token = _token()
    monkeypatch.setattr(signing.time, "time", lambda: 10**10)
    with pytest.raises(BadLink):
        link_verify(token, purpose="answer", key=KEY, obj=3, max_age=3600)


def test_changing_the_member_id_in_a_link_breaks_it():
    token = _token()
    forged = "8" + token[1:]
    assert link_member_id(forged) == 8
    with pytest.raises(BadLink):
        link_verify(forged, purpose="answer", key=KEY, obj=3)


def test_a_link_signed_without_the_member_key_is_refused():
    """Whoever holds SECRET_KEY but not the member row cannot make a working link."""
    plain = signing.TimestampSigner(salt="shared.links.answer.").sign("7:3")
    with pytest.raises(BadLink):
        link_verify(plain, purpose="answer", key=KEY, obj=3)


def test_a_link_signed_with_another_secret_key_is_refused():
    with override_settings(SECRET_KEY="another-secret-key-entirely-0123456789abcdef"):
        token = _token()
    with pytest.raises(BadLink):
        link_verify(token, purpose="answer", key=KEY, obj=3)


@pytest.mark.parametrize("garbage", ["", "x", "7", "7:3", ":::", "abc:3:1:sig"])
def test_garbage_is_refused_and_names_no_member_it_cannot_parse(garbage):
    with pytest.raises(BadLink):
        link_verify(garbage, purpose="answer", key=KEY)
    assert link_member_id(garbage) in (None, 7)


def test_new_member_keys_are_random():
    assert len({link_key_new() for _ in range(100)}) == 100
