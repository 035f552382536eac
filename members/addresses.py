"""Postal addresses: the Dutch address block and one household per address.

Plain functions over a member's fields; nothing here touches the database.
"""

import re

ADDRESS_FIELDS = ("street", "house_number", "house_number_addition", "postcode", "city")
_NUMBER = re.compile(r"\s*0*(\d+)\s*[-/]?\s*(.*)")
_POSTCODE = re.compile(r"([1-9]\d{3})\s*([A-Za-z]{2})")


def house_number_parts(number: str, addition: str = "") -> tuple[str, str]:
    """The number without leading zeros and the addition in lower case, letters and digits only.

    "12a", "12A", "12 a", "12-A" and ("12", "a") all give ("12", "a").
    """
    match = _NUMBER.fullmatch(f"{number} {addition}".strip())
    if match is None:
        return re.sub(r"[^0-9a-z]", "", number.lower()), re.sub(r"[^0-9a-z]", "", addition.lower())
    return match[1], re.sub(r"[^0-9a-z]", "", match[2].lower())


def household_address(postcode: str, number: str, addition: str = "") -> str:
    """One string per household; empty when postcode or house number is missing."""
    postcode = postcode.replace(" ", "").upper()
    number, addition = house_number_parts(number, addition)
    if not (postcode and number):
        return ""
    return f"{postcode}:{number}:{addition}"


def postcode_display(postcode: str) -> str:
    """ "1234AB" as "1234 AB", the way PostNL wants it on the envelope."""
    match = _POSTCODE.fullmatch(postcode.strip())
    return f"{match[1]} {match[2].upper()}" if match else postcode.strip()


def address_lines(member) -> list[str]:
    """Name, street and number, postcode and town (town in capitals, two spaces after the
    postcode); lines without data are left out."""
    number = " ".join(p for p in (member.house_number, member.house_number_addition) if p)
    street = " ".join(p for p in (member.street, number) if p)
    town = "  ".join(p for p in (postcode_display(member.postcode), member.city.upper()) if p)
    return [line for line in (member.full_name, street, town) if line]
