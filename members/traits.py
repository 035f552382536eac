"""Traits for fair lotteries and result breakdowns.

Derived traits come from the profile: age band, gender, province (of the branch) and
membership-length band. Extra traits are admin-defined categories that members answered
themselves with consent; their key is the category slug and their value the option label.

Other apps use ``traits_for_members(queryset)`` (two queries, whatever the size) or, for
one member, ``member_traits(member)``; ``derived_trait_expressions`` gives the same derived
traits as SQL, for counting a whole membership with GROUP BY. Values are stable codes;
``TRAIT_LABELS`` and ``trait_label`` give the Dutch text.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.models import Gender, Member, MemberTrait, Province

UNKNOWN = "onbekend"
# (lowest age, highest age or None, value). The one place to change the bands.
AGE_BANDS = ((16, 29, "16-29"), (30, 44, "30-44"), (45, 64, "45-64"), (65, None, "65+"))
MEMBERSHIP_BANDS = ((0, 1, "0-1"), (2, 4, "2-4"), (5, 9, "5-9"), (10, None, "10+"))
DERIVED = ("age_band", "gender", "province", "membership_band")

TRAIT_LABELS: dict[str, tuple[str, dict[str, str]]] = {
    "age_band": (
        _("leeftijd"),
        {value: format_lazy(_("{band} jaar"), band=value) for _l, _h, value in AGE_BANDS},
    ),
    "gender": (_("gender"), {value: label for value, label in Gender.choices if value}),
    "province": (_("provincie"), dict(Province.choices)),
    "membership_band": (
        _("lidmaatschapsduur"),
        {
            value: format_lazy(_("{band} jaar lid"), band=value)
            for _l, _h, value in MEMBERSHIP_BANDS
        },
    ),
}


def years_between(start: date, today: date) -> int:
    return today.year - start.year - ((today.month, today.day) < (start.month, start.day))


def _band(years: int, bands) -> str:
    for low, high, value in bands:
        if years >= low and (high is None or years <= high):
            return value
    return UNKNOWN


def age_band(birth_date: date | None, *, today: date) -> str:
    return _band(years_between(birth_date, today), AGE_BANDS) if birth_date else UNKNOWN


def membership_band(member_since: date | None, *, today: date) -> str:
    return _band(years_between(member_since, today), MEMBERSHIP_BANDS) if member_since else UNKNOWN


def gender_trait(gender: str) -> str:
    return gender or UNKNOWN


def province_trait(province: str | None) -> str:
    return province or UNKNOWN


def derived_traits(birth_date, gender, province, member_since, *, today: date) -> dict[str, str]:
    return {
        "age_band": age_band(birth_date, today=today),
        "gender": gender_trait(gender),
        "province": province_trait(province),
        "membership_band": membership_band(member_since, today=today),
    }


def province_of(member: Member) -> str:
    """The province of the member's branch ("" without a branch)."""
    return member.branch.province if member.branch_id else ""


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _band_expression(field: str, bands, today: date) -> Case:
    """``_band`` in SQL: the highest band whose lowest age the date has reached."""
    whens = [
        When(Q(**{f"{field}__lte": _years_before(today, low)}), then=Value(value))
        for low, _high, value in reversed(bands)
    ]
    return Case(*whens, default=Value(UNKNOWN), output_field=CharField())


def derived_trait_expressions(*, today: date) -> dict[str, object]:
    """The derived traits as SQL expressions over Member (same codes as ``derived_traits``)."""
    return {
        "age_band": _band_expression("birth_date", AGE_BANDS, today),
        "gender": Coalesce(NullIf(F("gender"), Value("")), Value(UNKNOWN)),
        "province": Coalesce(NullIf(F("branch__province"), Value("")), Value(UNKNOWN)),
        "membership_band": _band_expression("member_since", MEMBERSHIP_BANDS, today),
    }


def member_traits(member: Member, *, today: date | None = None) -> dict[str, str]:
    """One member's derived traits plus the extra traits they consented to give."""
    return traits_for_members([member], today=today)[member.pk]


_FIELDS = ("pk", "birth_date", "gender", "branch__province", "member_since")


def traits_for_members(
    members: QuerySet | Iterable[Member], *, today: date | None = None
) -> dict[int, dict[str, str]]:
    """Traits per member id for many members, in two queries (members, extra answers)."""
    today = today or timezone.localdate()
    if not isinstance(members, QuerySet):
        members = Member.objects.filter(pk__in=[member.pk for member in members])
    traits = {
        pk: derived_traits(born, gender, province, since, today=today)
        for pk, born, gender, province, since in members.order_by().values_list(*_FIELDS)
    }
    answers = MemberTrait.objects.filter(member__in=members.values("pk"), category__is_active=True)
    for member_id, slug, label in answers.values_list(
        "member_id", "category__slug", "option__label"
    ):
        traits[member_id][slug] = label
    return traits


def trait_label(category: str, value: str) -> str:
    """Dutch label of a trait value; extra traits' values are their own labels."""
    labels = TRAIT_LABELS.get(category, ("", {}))[1]
    return str(labels.get(value, _("onbekend") if value == UNKNOWN else value))
