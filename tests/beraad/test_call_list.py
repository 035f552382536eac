"""The call list callers can use: who can still be phoned, filtered by branch and province,
shared out by a coordinator, each caller seeing and recording only their own share."""

import pytest
from django.urls import reverse

from beraad.models import Call, Invitation
from beraad.selectors import callable_invitations
from beraad.services.responses import call_record
from ledendemocratie.privacy import member_erase
from members.models import Member, Province, Role, RoleAssignment
from tests.beraad import scenario

pytestmark = pytest.mark.django_db
CALL_LIST = reverse("beraad:call-list")


@pytest.fixture
def sent_panel(member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    Member.objects.filter(panel_invitations__panel=panel).update(phone="06-11112222")
    return panel


@pytest.fixture
def other_caller(member_factory):
    member = member_factory()
    RoleAssignment.objects.create(member=member, role=Role.CALLER)
    return member


def _invitations(panel):
    return list(panel.invitations.select_related("member").order_by("pk"))


def test_invitee_without_a_phone_number_is_not_on_the_list(sent_panel):
    first = _invitations(sent_panel)[0]
    Member.objects.filter(pk=first.member_id).update(phone="")
    assert first not in callable_invitations()


def test_invitee_who_declined_is_not_on_the_list(sent_panel):
    first = _invitations(sent_panel)[0]
    Invitation.objects.filter(pk=first.pk).update(status=Invitation.Status.DECLINED)
    assert first not in callable_invitations()


@pytest.mark.parametrize("outcome", Call.FINAL)
def test_invitee_reached_by_a_call_is_not_on_the_list(sent_panel, caller, outcome):
    first = _invitations(sent_panel)[0]
    call_record(invitation=first, caller=caller, outcome=outcome)
    assert first not in callable_invitations()


@pytest.mark.parametrize("outcome", [Call.Outcome.NO_ANSWER, Call.Outcome.CALL_BACK])
def test_invitee_not_reached_yet_stays_on_the_list(sent_panel, caller, outcome):
    first = _invitations(sent_panel)[0]
    call_record(invitation=first, caller=caller, outcome=outcome)
    assert first in callable_invitations()


def test_list_filters_by_branch(sent_panel, branch_factory):
    first, *others = _invitations(sent_panel)
    elsewhere = branch_factory()
    Member.objects.filter(pk=first.member_id).update(branch=elsewhere)
    assert list(callable_invitations(branch=elsewhere)) == [first]


def test_list_filters_by_province(sent_panel, branch_factory):
    first, *others = _invitations(sent_panel)
    limburg = branch_factory(province=Province.LIMBURG)
    Member.objects.filter(pk=first.member_id).update(branch=limburg)
    assert list(callable_invitations(province=Province.LIMBURG)) == [first]


def test_province_filter_works_through_the_page(client, sent_panel, admin_member, branch_factory):
    first, second, *others = _invitations(sent_panel)
    Member.objects.filter(pk=first.member_id).update(
        branch=branch_factory(province=Province.LIMBURG)
    )
    client.force_login(admin_member)
    html = client.get(CALL_LIST, {"province": "limburg"}).content.decode()
    assert f'id="call-row-{first.pk}"' in html
    assert f'id="call-row-{second.pk}"' not in html


def test_coordinator_assigns_invitees_to_a_caller(client, sent_panel, admin_member, caller):
    first, second, *others = _invitations(sent_panel)
    client.force_login(admin_member)
    data = {"invitations": [first.pk, second.pk], "caller": caller.pk}
    response = client.post(reverse("beraad:call-assign"), data)
    assert response.status_code == 302
    assert set(Invitation.objects.filter(caller=caller)) == {first, second}


def test_caller_sees_only_their_own_share(client, sent_panel, caller, other_caller):
    first, second, *others = _invitations(sent_panel)
    Invitation.objects.filter(pk=first.pk).update(caller=caller)
    Invitation.objects.filter(pk=second.pk).update(caller=other_caller)
    client.force_login(caller)
    html = client.get(CALL_LIST).content.decode()
    assert f'id="call-row-{first.pk}"' in html
    assert f'id="call-row-{second.pk}"' not in html
    assert html.count('id="call-row-') == 1


def test_caller_cannot_record_a_call_for_someone_elses_share(
    client, sent_panel, caller, other_caller
):
    first = _invitations(sent_panel)[0]
    Invitation.objects.filter(pk=first.pk).update(caller=other_caller)
    client.force_login(caller)
    response = client.post(reverse("beraad:call-new", args=[first.pk]), {"outcome": "no_answer"})
    assert response.status_code == 404
    assert not Call.objects.exists()


def test_caller_cannot_share_out_invitees(client, sent_panel, caller):
    first = _invitations(sent_panel)[0]
    client.force_login(caller)
    data = {"invitations": [first.pk], "caller": caller.pk}
    assert client.post(reverse("beraad:call-assign"), data).status_code == 403
    assert not Invitation.objects.filter(caller=caller).exists()


def test_invitees_cannot_be_given_to_a_member_who_is_no_caller(
    client, sent_panel, admin_member, member_factory
):
    first = _invitations(sent_panel)[0]
    client.force_login(admin_member)
    data = {"invitations": [first.pk], "caller": member_factory().pk}
    client.post(reverse("beraad:call-assign"), data)
    assert not Invitation.objects.filter(caller__isnull=False).exists()


def test_caller_records_the_outcome_of_a_call_in_their_share(client, sent_panel, caller):
    first = _invitations(sent_panel)[0]
    Invitation.objects.filter(pk=first.pk).update(caller=caller)
    client.force_login(caller)
    url = reverse("beraad:call-new", args=[first.pk])
    client.post(url, {"outcome": "not_interested", "note": "geen tijd"})
    call = Call.objects.get(invitation=first)
    assert (call.caller, call.outcome, call.note) == (caller, "not_interested", "geen tijd")
    assert first not in callable_invitations()


def test_erased_caller_share_goes_back_to_the_pool(sent_panel, caller, admin_member):
    first = _invitations(sent_panel)[0]
    Invitation.objects.filter(pk=first.pk).update(caller=caller)
    member_erase(member=caller, by=admin_member)
    assert first in callable_invitations(unassigned=True)


def test_after_assigning_the_list_keeps_its_filters(client, sent_panel, admin_member, caller):
    first = _invitations(sent_panel)[0]
    client.force_login(admin_member)
    data = {"invitations": [first.pk], "caller": caller.pk, "filters": "province=limburg&x=1"}
    response = client.post(reverse("beraad:call-assign"), data)
    assert response["Location"] == CALL_LIST + "?province=limburg"
