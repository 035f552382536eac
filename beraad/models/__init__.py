from beraad.models.deliberation import Document, MemberInput, Recommendation
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
from beraad.models.seats import PanelMember

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
