"""The traits an answer keeps a snapshot of, in Python (per answer) and in SQL (per population).

Both forms use the same bands and the same reference date, so a member's snapshot and the
membership composition line up. Bands are coarse on purpose: they feed small-cell rules.
"""

from datetime import date

from django.db.models import Case, CharField, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from members.models import Gender, Member, Province

AGE_BANDS = [("tot30", 0, _("tot 30")), ("30-44", 30, "30–44"), ("45-64", 45, "45–64")]
AGE_BANDS += [("65+", 65, _("65 en ouder"))]
MEMBERSHIP_BANDS = [("tot2", 0, _("korter dan 2 jaar")), ("2-5", 2, _("2 tot 5 jaar"))]
MEMBERSHIP_BANDS += [("5-10", 5, _("5 tot 10 jaar")), ("10+", 10, _("10 jaar of langer"))]
UNKNOWN = _("onbekend")


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _band(start: date | None, on: date, bands) -> str:
    if start is None:
        return ""
    chosen = bands[0][0]
    for key, years, _label in bands:
        if start <= _years_before(on, years):
            chosen = key
    return chosen


def age_band(birth_date: date | None, on: date) -> str:
    return _band(birth_date, on, AGE_BANDS)


def membership_band(member_since: date | None, on: date) -> str:
    return _band(member_since, on, MEMBERSHIP_BANDS)


def province_of(member: Member) -> str:
    return member.branch.province if member.branch_id else ""


def snapshot(member: Member, on: date, province: str | None = None) -> dict:
    """The trait columns an answer stores; `province` saves loading the member's branch."""
    return {
        "province": province_of(member) if province is None else province,
        "branch_id": member.branch_id,
        "age_band": age_band(member.birth_date, on),
        "gender": member.gender or "",
        "membership_band": membership_band(member.member_since, on),
    }


def _band_expression(field: str, on: date, bands):
    whens = [
        When(Q(**{f"{field}__lte": _years_before(on, years)}), then=Value(key))
        for key, years, _label in reversed(bands)
    ]
    return Case(
        When(Q(**{f"{field}__isnull": True}), then=Value("")),
        *whens,
        default=Value(bands[0][0]),
        output_field=CharField(),
    )


def snapshot_expressions(on: date) -> dict:
    """The same snapshot as SQL expressions over Member, for GROUP BY queries."""
    return {
        "t_province": Case(
            When(branch__isnull=True, then=Value("")),
            default=F("branch__province"),
            output_field=CharField(),
        ),
        "t_branch": F("branch_id"),
        "t_age": _band_expression("birth_date", on, AGE_BANDS),
        "t_gender": F("gender"),
        "t_membership": _band_expression("member_since", on, MEMBERSHIP_BANDS),
    }


def labels(dimension: str) -> dict:
    """Display labels per value of a dimension (branches are looked up by the caller)."""
    table = {
        "province": dict(Province.choices),
        "age_band": {key: label for key, _years, label in AGE_BANDS},
        "gender": {key: label for key, label in Gender.choices if key},
        "membership_band": {key: label for key, _years, label in MEMBERSHIP_BANDS},
    }[dimension]
    return {**table, "": UNKNOWN}
