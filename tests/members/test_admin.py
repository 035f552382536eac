import pytest
from django.core import mail
from django.urls import reverse

from members.models import Member, OutboxContent, OutboxMessage, Role
from tests.members.conftest import ROLES

pytestmark = pytest.mark.django_db
OUTBOX_URL = reverse("admin:members_outboxmessage_changelist")


def _message(status, **fields):
    return OutboxMessage.objects.create(
        kind="round_invitation",
        object_key=f"round:{status}",
        to_email="lid@example.org",
        subject="Uitnodiging",
        content=OutboxContent.objects.create(text_body="Hallo"),
        status=status,
        **fields,
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_see_the_outbox(client, sign_in, role):
    sign_in(role)
    response = client.get(OUTBOX_URL)
    assert (response.status_code == 200) == (role == "admin")


@pytest.mark.parametrize("status", ["ready", "sent", "failed"])
def test_admin_sees_messages_by_status_with_the_last_error(client, admin_member, status):
    _message(status, last_error="SMTPRecipientsRefused")
    client.force_login(admin_member)
    page = client.get(OUTBOX_URL, {"status__exact": status}).content.decode()
    assert "Uitnodiging" in page
    assert "SMTPRecipientsRefused" in page


def test_admin_requeues_a_failed_message_and_it_is_sent(
    client, admin_member, django_capture_on_commit_callbacks
):
    message = _message("failed", attempts=5)
    client.force_login(admin_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(OUTBOX_URL, {"action": "requeue", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_requeue_leaves_sent_messages_alone(client, admin_member):
    message = _message("sent")
    client.force_login(admin_member)
    client.post(OUTBOX_URL, {"action": "requeue", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert message.attempts == 0 and message.status == OutboxMessage.Status.SENT


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:members_member_changelist",
        "admin:members_branch_changelist",
        "admin:members_traitcategory_changelist",
        "admin:members_memberimport_changelist",
    ],
)
def test_admin_lists_open(client, admin_member, member, url_name):
    client.force_login(admin_member)
    assert client.get(reverse(url_name)).status_code == 200


def test_role_added_in_the_admin_gives_staff_flags(client, admin_member, member):
    client.force_login(admin_member)
    url = reverse("admin:members_member_change", args=[member.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "branch"}
    data.update(
        {
            "branch": member.branch_id,
            "birth_date": member.birth_date.isoformat(),
            "member_since": member.member_since.isoformat(),
            "date_joined_0": "",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-role": Role.ADMIN,
            "roles-0-member": member.pk,
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    member.refresh_from_db()
    assert member.is_staff and member.is_superuser


def test_anonymise_action_asks_for_confirmation_first(client, admin_member, member):
    client.force_login(admin_member)
    url = reverse("admin:members_member_changelist")
    response = client.post(url, {"action": "anonymise", "_selected_action": [member.pk]})
    member.refresh_from_db()
    assert "Ja, anonimiseren" in response.content.decode()
    assert member.anonymised_at is None


def test_anonymise_action_after_confirmation_anonymises(client, admin_member, member):
    client.force_login(admin_member)
    url = reverse("admin:members_member_changelist")
    data = {"action": "anonymise", "_selected_action": [member.pk], "confirm": "yes"}
    client.post(url, data)
    member.refresh_from_db()
    assert member.anonymised_at is not None


def test_admin_cannot_anonymise_themselves(client, admin_member):
    client.force_login(admin_member)
    url = reverse("admin:members_member_changelist")
    data = {"action": "anonymise", "_selected_action": [admin_member.pk], "confirm": "yes"}
    client.post(url, data)
    assert Member.objects.get(pk=admin_member.pk).anonymised_at is None
