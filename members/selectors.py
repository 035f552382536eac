"""Reads about one member for "Mijn gegevens": the page's context and the data export."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from members.addresses import address_lines
from members.models import MailKind, MailOptOut, Member, MemberTrait, TraitCategory
from members.models.outbox import ESSENTIAL_MAIL_KINDS
from members.traits import DERIVED, TRAIT_LABELS, member_traits, trait_label

# Only admins get these, so only admins see them among their preferences.
ADMIN_MAIL_KINDS = frozenset({MailKind.IMPORT_REPORT, MailKind.ADMIN_SUMMARY})


def mail_preferences(member: Member) -> list[dict]:
    """One entry per kind of mail: whether the member gets it and whether that can change."""
    opted_out = set(MailOptOut.objects.filter(member=member).values_list("kind", flat=True))
    hidden = set() if member.is_admin else ADMIN_MAIL_KINDS
    return [
        {
            "kind": kind,
            "label": label,
            "essential": kind in ESSENTIAL_MAIL_KINDS,
            "wanted": kind not in opted_out,
        }
        for kind, label in MailKind.choices
        if kind not in hidden
    ]


def extra_trait_questions(member: Member) -> list[dict]:
    """Each active extra category with its options and the member's current answer."""
    answers = {
        trait.category_id: trait
        for trait in MemberTrait.objects.filter(member=member).select_related("option")
    }
    categories = TraitCategory.objects.filter(is_active=True).prefetch_related("options")
    return [{"category": c, "answer": answers.get(c.pk)} for c in categories]


def derived_trait_rows(member: Member) -> list[tuple[str, str]]:
    traits = member_traits(member)
    return [(TRAIT_LABELS[key][0], trait_label(key, traits[key])) for key in DERIVED]


def address_lines_without_name(member: Member) -> list[str]:
    lines = address_lines(member)
    return lines[1:] if member.full_name else lines


def profile_context(member: Member) -> dict:
    """Everything the partials _own_data, _preferences, _traits and _deletion need.

    Both /mijn-gegevens/ and the top floor's page render the partials with this context.
    """
    return {
        "member": member,
        "address": address_lines_without_name(member),
        "derived_traits": derived_trait_rows(member),
        "preferences": mail_preferences(member),
        "trait_questions": extra_trait_questions(member),
        "roles": list(member.roles.select_related("branch")),
    }


def personal_data(member: Member) -> dict:
    """All the platform's own data about the member, JSON-serialisable (the export)."""
    return {
        "exported_at": timezone.now().isoformat(),
        "member": _member_fields(member),
        "roles": [
            {"role": r.role, "branch": r.branch.name if r.branch else None, "title": r.title}
            for r in member.roles.select_related("branch")
        ],
        "traits": member_traits(member),
        "extra_traits": [
            {
                "category": t.category.name,
                "answer": t.option.label,
                "consented_at": t.consented_at.isoformat(),
            }
            for t in member.extra_traits.select_related("category", "option")
        ],
        "mail_preferences": {p["kind"]: p["wanted"] for p in mail_preferences(member)},
        "login_addresses": list(
            EmailAddress.objects.filter(user=member).values("email", "verified", "primary")
        ),
        "mail_sent": [
            {"kind": kind, "subject": subject, "status": status, "created_at": created.isoformat()}
            for kind, subject, status, created in member.outbox_messages.order_by(
                "created_at"
            ).values_list("kind", "subject", "status", "created_at")
        ],
    }


_EXPORTED_FIELDS = (
    "member_number",
    "first_name",
    "infix",
    "last_name",
    "email",
    "phone",
    "birth_date",
    "gender",
    "gender_description",
    "street",
    "house_number",
    "house_number_addition",
    "postcode",
    "city",
    "member_since",
    "kind",
    "status",
    "language",
    "date_joined",
    "last_login",
    "deletion_requested_at",
)


def _member_fields(member: Member) -> dict:
    data = {name: getattr(member, name) for name in _EXPORTED_FIELDS}
    data = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items()}
    data["branch"] = member.branch.name if member.branch else None
    data["province"] = member.branch.province if member.branch else None
    return data
