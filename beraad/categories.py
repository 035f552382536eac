"""A member's value in each panel category: the bridge between members and the lotteries."""

import hashlib
from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.models import CategoryKind, Panel, PanelCategory
from members import traits
from members.addresses import household_address
from members.models import Gender, Member, MemberStatus, MemberTrait, Province

# The traits and their bands are defined once, in members.traits; beraad only maps its
# category kinds onto them.
UNKNOWN = traits.UNKNOWN
TRAIT_KEYS = {
    CategoryKind.PROVINCE: "province",
    CategoryKind.AGE_BAND: "age_band",
    CategoryKind.GENDER: "gender",
    CategoryKind.MEMBERSHIP: "membership_band",
}
# Values stored by panels drawn before beraad used members.traits (in invitations, quotas
# and published categories.csv files): only their labels are kept.
LEGACY_LABELS = {
    "0-1 jaar": _("0-1 jaar"),
    "2-4 jaar": _("2-4 jaar"),
    "5-9 jaar": _("5-9 jaar"),
    "10+ jaar": _("10+ jaar"),
}


def category_values(category: PanelCategory) -> list[str]:
    """Every value a category can take, in display order."""
    if category.kind == CategoryKind.PROVINCE:
        return [*Province.values, UNKNOWN]
    if category.kind == CategoryKind.AGE_BAND:
        return [value for _low, _high, value in traits.AGE_BANDS] + [UNKNOWN]
    if category.kind == CategoryKind.MEMBERSHIP:
        return [value for _low, _high, value in traits.MEMBERSHIP_BANDS] + [UNKNOWN]
    if category.kind == CategoryKind.GENDER:
        return [value for value in Gender.values if value] + [UNKNOWN]
    return [option.label for option in category.trait.options.all()] + [UNKNOWN]


def member_value(member: Member, category: PanelCategory, today: date) -> str:
    kind = category.kind
    if kind == CategoryKind.PROVINCE:
        return traits.province_trait(traits.province_of(member))
    if kind == CategoryKind.AGE_BAND:
        return traits.age_band(member.birth_date, today=today)
    if kind == CategoryKind.MEMBERSHIP:
        return traits.membership_band(member.member_since, today=today)
    if kind == CategoryKind.GENDER:
        return traits.gender_trait(member.gender)
    answer = next(
        (t for t in member.extra_traits.all() if t.category_id == category.trait_id), None
    )
    return answer.option.label if answer else UNKNOWN


def member_category_values(member: Member, categories: list[PanelCategory], today=None) -> dict:
    today = today or timezone.localdate()
    return {category.key: member_value(member, category, today) for category in categories}


def household_key(member: Member) -> str:
    """One key per address ("12a", "12 A" and 12 + "a" are one household); hashed, as it
    ends up in the log."""
    address = household_address(member.postcode, member.house_number, member.house_number_addition)
    if not address:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:16]


def panel_categories(panel: Panel) -> list[PanelCategory]:
    return list(
        panel.categories.select_related("trait").prefetch_related("quotas", "trait__options")
    )


def eligible_members(panel: Panel):
    """The members who can be drawn: current, of the panel's audience (and province)."""
    members = Member.objects.filter(
        status=MemberStatus.ACTIVE, anonymised_at__isnull=True, kind__in=panel.eligible_kinds
    )
    if panel.province:
        members = members.filter(branch__province=panel.province)
    traits = MemberTrait.objects.select_related("option")
    return members.select_related("branch").prefetch_related(Prefetch("extra_traits", traits))


def value_label(category: PanelCategory, value: str) -> str:
    if value in LEGACY_LABELS:
        return str(LEGACY_LABELS[value])
    if category.kind in TRAIT_KEYS:
        return traits.trait_label(TRAIT_KEYS[category.kind], value)
    return str(_("onbekend")) if value == UNKNOWN else value
