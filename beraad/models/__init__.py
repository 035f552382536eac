from beraad.models.invitations import Call, Invitation
from beraad.models.jobs import DrawJob
from beraad.models.letters import Letter, LetterSignature, RequiredSigner
from beraad.models.panels import (
    AuditEntry,
    CategoryKind,
    Panel,
    PanelCategory,
    PanelQuota,
    PanelState,
    Session,
)
from beraad.models.running import Document, MemberInput, PanelMember, Recommendation

__all__ = [
    "AuditEntry",
    "Call",
    "CategoryKind",
    "Document",
    "DrawJob",
    "Invitation",
    "Letter",
    "LetterSignature",
    "MemberInput",
    "Panel",
    "PanelCategory",
    "PanelMember",
    "PanelQuota",
    "PanelState",
    "Recommendation",
    "RequiredSigner",
    "Session",
]
