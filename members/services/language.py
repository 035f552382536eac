"""The language a member's e-mail is written in (the outbox renders in Member.language)."""

from django.db import transaction

from members.models import Member


@transaction.atomic
def member_language_set(*, member: Member, language: str) -> Member:
    """Store the member's e-mail language; an unknown code is refused by full_clean."""
    member.language = language
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save(update_fields=["language"])
    return member
