"""Anonymising a member across the platform: the feature apps' data first, then the member.

``members`` cannot reach the feature apps, so its admin action calls this service through
the ``MEMBER_ERASE_SERVICE`` setting (as allauth calls ``ACCOUNT_ADAPTER``).
"""

from django.db import transaction

from ledendemocratie.feedback import processes
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
