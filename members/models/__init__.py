from members.models.audit import AccountEvent, ErasedMemberNumber
from members.models.branches import Branch, Province
from members.models.extra_traits import MemberTrait, TraitCategory, TraitOption
from members.models.imports import MemberImport
from members.models.mailings import Mailing
from members.models.members import Gender, Member, MemberKind, MemberStatus, Role, RoleAssignment
from members.models.outbox import MailKind, MailOptOut, OutboxContent, OutboxMessage

__all__ = [
    "AccountEvent",
    "ErasedMemberNumber",
    "Branch",
    "Gender",
    "MailKind",
    "Mailing",
    "MailOptOut",
    "Member",
    "MemberImport",
    "MemberKind",
    "MemberStatus",
    "MemberTrait",
    "OutboxContent",
    "OutboxMessage",
    "Province",
    "Role",
    "RoleAssignment",
    "TraitCategory",
    "TraitOption",
]
