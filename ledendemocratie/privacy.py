"""Anonymising a member across the platform: the feature apps' data first, then the member.

``members`` cannot reach the feature apps, so the roof's member admin
(``ledendemocratie/admin.py``) adds the action that calls this service.
"""

from django.db import transaction

from ledendemocratie import processes
from members.models import Member
from members.services.privacy import member_anonymise


@transaction.atomic
def member_erase(*, member: Member, by: Member) -> Member:
    """Anonymise ``member`` and make every app forget what could identify them.

    The apps go first: giving up a place at an event may mail the member, and the members
    service then scrubs that mail with the rest.
    """
    if member.anonymised_at is None:
        processes.erase_personal_data(member)
    return member_anonymise(member=member, by=by)
