"""A member's value in each panel category: the bridge between members and the lotteries."""

import hashlib
from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.models import CategoryKind, Panel, PanelCategory
from members.addresses import household_address
from members.models import Gender, Member, MemberStatus, MemberTrait, Province

UNKNOWN = "onbekend"
AGE_BANDS = [(30, "16-29"), (45, "30-44"), (65, "45-64"), (200, "65+")]
MEMBERSHIP_BANDS = [(2, "0-1 jaar"), (5, "2-4 jaar"), (10, "5-9 jaar"), (1000, "10+ jaar")]
# The values above are data (stored in invitations, quotas and categories.csv); these are
# their labels in the reader's language.
MEMBERSHIP_LABELS = {
    "0-1 jaar": _("0-1 jaar"),
    "2-4 jaar": _("2-4 jaar"),
    "5-9 jaar": _("5-9 jaar"),
    "10+ jaar": _("10+ jaar"),
}


def _years(since: date | None, today: date) -> int | None:
    if since is None:
        return None
    return today.year - since.year - ((today.month, today.day) < (since.month, since.day))


def _band(years: int | None, bands) -> str:
    if years is None:
        return UNKNOWN
    return next(label for limit, label in bands if years < limit)


def category_values(category: PanelCategory) -> list[str]:
    """Every value a category can take, in display order."""
    if category.kind == CategoryKind.PROVINCE:
        return [*Province.values, UNKNOWN]
    if category.kind == CategoryKind.AGE_BAND:
        return [label for _limit, label in AGE_BANDS] + [UNKNOWN]
    if category.kind == CategoryKind.MEMBERSHIP:
        return [label for _limit, label in MEMBERSHIP_BANDS] + [UNKNOWN]
    if category.kind == CategoryKind.GENDER:
        return [value for value in Gender.values if value] + [UNKNOWN]
    return [option.label for option in category.trait.options.all()] + [UNKNOWN]


def member_value(member: Member, category: PanelCategory, today: date) -> str:
    kind = category.kind
    if kind == CategoryKind.PROVINCE:
        return (member.branch.province if member.branch else "") or UNKNOWN
    if kind == CategoryKind.AGE_BAND:
        return _band(_years(member.birth_date, today), AGE_BANDS)
    if kind == CategoryKind.MEMBERSHIP:
        return _band(_years(member.member_since, today), MEMBERSHIP_BANDS)
    if kind == CategoryKind.GENDER:
        return member.gender or UNKNOWN
    answer = next(
        (t for t in member.extra_traits.all() if t.category_id == category.trait_id), None
    )
    return answer.option.label if answer else UNKNOWN


def member_features(member: Member, categories: list[PanelCategory], today=None) -> dict:
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
    if value == UNKNOWN:
        return str(_("onbekend"))
    if category.kind == CategoryKind.PROVINCE:
        return Province(value).label
    if category.kind == CategoryKind.GENDER:
        return str(Gender(value).label)
    if category.kind == CategoryKind.MEMBERSHIP:
        return str(MEMBERSHIP_LABELS.get(value, value))
    return value
