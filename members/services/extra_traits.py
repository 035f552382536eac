"""Extra traits that members give themselves, only with explicit consent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member, MemberTrait, TraitCategory, TraitOption


@transaction.atomic
def member_trait_answer(*, member: Member, option: TraitOption, consent: bool) -> MemberTrait:
    """Store (or change) the member's answer; refused without consent or for a closed category."""
    if not consent:
        raise ValidationError(_("Zonder je toestemming bewaren we dit antwoord niet."))
    if not option.category.is_active:
        raise ValidationError(_("Deze vraag wordt niet meer gesteld."))
    trait = MemberTrait.objects.filter(member=member, category=option.category).first()
    trait = trait or MemberTrait(member=member, category=option.category)
    trait.option, trait.consented_at = option, timezone.now()
    trait.full_clean()
    trait.save()
    return trait


@transaction.atomic
def member_trait_withdraw(*, member: Member, category: TraitCategory) -> None:
    """Withdrawing consent deletes the answer: nothing of it is kept."""
    MemberTrait.objects.filter(member=member, category=category).delete()
