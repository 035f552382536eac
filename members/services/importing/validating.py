"""Checking one row of the member export and turning it into member field values."""

import functools
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.models import Gender, MemberKind
from members.services.importing.reading import COLUMNS, OPTIONAL_COLUMNS

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
    re.IGNORECASE,
)
_DUTCH_POSTCODE = re.compile(r"([1-9]\d{3})\s?([A-Za-z]{2})")
_GENDERS = {
    "v": Gender.WOMAN,
    "vrouw": Gender.WOMAN,
    "f": Gender.WOMAN,
    "m": Gender.MAN,
    "man": Gender.MAN,
    "x": Gender.NONBINARY,
    "non-binair": Gender.NONBINARY,
    "nb": Gender.NONBINARY,
    "anders": Gender.OTHER,
    "": Gender.UNKNOWN,
    "onbekend": Gender.UNKNOWN,
}
_KINDS = {"lid": MemberKind.MEMBER, "sympathisant": MemberKind.SUPPORTER}
# Lengths of the Member fields the columns fill (voornaam … telefoon).
_MAX_LENGTHS = {"lidnummer": 20, "voornaam": 100, "tussenvoegsel": 30, "achternaam": 150}
_MAX_LENGTHS |= {"telefoon": 30, "afdeling": 120}
_MAX_LENGTHS |= {"straat": 120, "huisnummer": 10, "toevoeging": 10, "woonplaats": 80}
REQUIRED = ("lidnummer", "achternaam", "soort")


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One valid row; ``values`` follow FIELDS, with the branch as its slug."""

    member_number: str
    email: str | None
    branch_name: str
    values: tuple


# Member fields an import writes, in the order of MemberRow.values ("branch" holds the slug).
FIELDS = (
    "first_name",
    "infix",
    "last_name",
    "email",
    "phone",
    "birth_date",
    "gender",
    "gender_description",
    "postcode",
    "branch",
    "member_since",
    "kind",
    "street",
    "house_number",
    "house_number_addition",
    "city",
)


def parse_row(values: list[str] | None, *, today: date) -> tuple[MemberRow | None, list[str]]:
    """Return the row's member values, or None and every reason it is refused."""
    if values is None:
        return None, [_("het aantal kolommen klopt niet met de eerste regel")]
    row = dict(zip(COLUMNS + OPTIONAL_COLUMNS, (value.strip() for value in values), strict=True))
    errors = _required_and_length_errors(row)
    email = _email(row["email"], errors)
    birth_date = _date(row["geboortedatum"], "geboortedatum", errors, today=today)
    member_since = _date(row["lid_sinds"], "lid_sinds", errors, today=today)
    postcode = _postcode(row["postcode"], errors)
    kind = _KINDS.get(row["soort"].lower())
    if row["soort"] and kind is None:
        errors.append(
            _("onbekende soort “%(kind)s” (lid of sympathisant)") % {"kind": row["soort"]}
        )
    branch = _branch_slug(row["afdeling"])
    if row["afdeling"] and not branch:
        errors.append(_("ongeldige afdeling “%(branch)s”") % {"branch": row["afdeling"]})
    if errors:
        return None, errors
    gender, description = _gender(row["geslacht"])
    member_values = (
        row["voornaam"],
        row["tussenvoegsel"],
        row["achternaam"],
        email,
        row["telefoon"],
        birth_date,
        gender,
        description,
        postcode,
        branch,
        member_since,
        kind,
        *(row[name] for name in OPTIONAL_COLUMNS),
    )
    return MemberRow(row["lidnummer"], email, row["afdeling"], member_values), []


@functools.lru_cache(maxsize=4096)
def _branch_slug(name: str) -> str:
    return slugify(name)[:120]


def _required_and_length_errors(row: dict[str, str]) -> list[str]:
    errors = [_("%(column)s ontbreekt") % {"column": name} for name in REQUIRED if not row[name]]
    errors += [
        _("%(column)s is te lang (meer dan %(limit)s tekens)") % {"column": name, "limit": limit}
        for name, limit in _MAX_LENGTHS.items()
        if len(row[name]) > limit
    ]
    return errors


def _email(value: str, errors: list[str]) -> str | None:
    if not value:
        return None
    # The common address matches this strict pattern (a subset of what Django accepts);
    # only the rest goes through Django's slower validator.
    if len(value) > 254 or not _PLAIN_EMAIL.fullmatch(value):
        try:
            validate_email(value)
        except ValidationError:
            errors.append(_("ongeldig e-mailadres “%(value)s”") % {"value": value})
            return None
    return value.lower()


def _date(value: str, column: str, errors: list[str], *, today: date) -> date | None:
    if not value:
        return None
    parsed = None
    if len(value) == 10 and value[4] == "-":
        parsed = _iso_date(value)
    elif match := _ISO_DATE.fullmatch(value):
        parsed = _safe_date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _DUTCH_DATE.fullmatch(value):
        parsed = _safe_date(int(match[3]), int(match[2]), int(match[1]))
    if parsed is None:
        errors.append(
            _("%(column)s “%(value)s” is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)")
            % {"column": column, "value": value}
        )
    elif parsed > today or parsed.year < 1900:
        errors.append(
            _("%(column)s “%(value)s” kan niet kloppen") % {"column": column, "value": value}
        )
    return parsed


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _postcode(value: str, errors: list[str]) -> str:
    if match := _DUTCH_POSTCODE.fullmatch(value):
        return f"{match[1]}{match[2].upper()}"
    if len(value) > 7:
        errors.append(_("postcode “%(value)s” is te lang") % {"value": value})
    return value


def _gender(value: str) -> tuple[str, str]:
    """Known codes map to a gender; anything else is kept as the member's own description."""
    gender = _GENDERS.get(value.lower())
    if gender is None:
        return Gender.OTHER, value[:60]
    return gender, ""
