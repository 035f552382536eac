"""A small, complete world of people and things, for the access matrix and the browser tests.

Branch "Noord" is the home branch of everyone below, except the organiser of the other
branch, "Zuid". Every person has a recognisable e-mail address and phone number, so a
page that shows them to someone else is easy to find.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone

from beraad.models import (
    Document,
    DrawJob,
    Invitation,
    Letter,
    MemberInput,
    PanelMember,
    PanelState,
    RequiredSigner,
)
from beraad.services.letters import invitation_link
from beraad.services.panels import panel_start
from events import tokens as event_tokens
from events.models import RegistrationStatus
from forum.models import BackgroundDocument
from forum.tokens import confirm_token
from ledendemocratie.feedback.models import Feedback
from ledendemocratie.public.models import Congress, CongressProcess, PublicPageChoice
from members.models import (
    MemberImport,
    MemberStatus,
    Province,
    Role,
    RoleAssignment,
    TraitCategory,
    TraitOption,
)
from preferendum import tokens as round_tokens
from preferendum.models import FollowUpOptIn, RoundState
from preferendum.services import answer_save
from tests.beraad import scenario as panel_scenario
from tests.beraad.factories import InvitationFactory, PanelFactory
from tests.events.factories import EventFactory, RegistrationFactory, TableFactory
from tests.feedback.factories import FeedbackFactory, FeedbackItemFactory
from tests.forum.factories import (
    ContributionFactory,
    ConversationFactory,
    ExpertFactory,
    StatementFactory,
)
from tests.members.factories import BranchFactory, MemberFactory
from tests.preferendum.factories import RoundFactory, SuggestionFactory
from tests.preferendum.helpers import bulk_answers
from tests.votes.factories import BallotItemFactory, VoteFactory
from votes import services as vote_services

# The people of the access matrix, in the order the table shows them. The guest has no
# account: a visitor who registered for an open event and holds its personal links.
ROLES = [
    "anonymous",
    "guest",
    "supporter",
    "member",
    "organiser_other",
    "organiser",
    "chair",
    "panel_member",
    "caller",
    "admin",
]
SIGNED_IN_ROLES = [role for role in ROLES if role not in {"anonymous", "guest"}]


@dataclass
class World:
    branch: object
    other_branch: object
    people: dict = field(default_factory=dict)  # role → Member
    objects: dict = field(default_factory=dict)  # name → object ids and tokens for URLs
    sessions: dict = field(default_factory=dict)  # role → session key, for test clients
    media_root: object = None  # where the world's uploaded files are
    guest_email: str = "gast@world.example.org"
    # Text only its author may read back: the member's comment on a statement.
    answer_marker: str = "Mijn-geheime-toelichting-4711"

    def person(self, role: str):
        return self.people.get(role)

    def private_strings_of(self, role: str) -> set[str]:
        """Another person's e-mail address and phone number: what must not leak to others."""
        member = self.people[role]
        return {member.email, member.phone}

    def all_private_strings(self) -> dict[str, set[str]]:
        private = {role: self.private_strings_of(role) for role in self.people}
        private["member"].add(self.answer_marker)
        private["guest"] = {self.guest_email}
        return private


def _person(role: str, number: int, branch, **traits):
    return MemberFactory(
        email=f"p{number}-{role.replace('_', '-')}@world.example.org",
        phone=f"06-9{number:07d}",
        first_name=role.replace("_", " ").title().replace(" ", ""),
        last_name="Wereld",
        branch=branch,
        **traits,
    )


def build_world() -> World:
    branch = BranchFactory(name="Noord", slug="noord", province=Province.GRONINGEN)
    other_branch = BranchFactory(name="Zuid", slug="zuid", province=Province.LIMBURG)
    world = World(branch=branch, other_branch=other_branch)
    traits = {
        "supporter": {"supporter": True},
        "member": {},
        "organiser_other": {"organises": other_branch, "branch": other_branch},
        "organiser": {"organises": branch},
        "chair": {"chair": True},
        "panel_member": {},
        "caller": {},
        "admin": {"admin": True},
    }
    for number, (role, extra) in enumerate(traits.items(), start=1):
        world.people[role] = _person(role, number, extra.pop("branch", branch), **extra)
    RoleAssignment.objects.create(member=world.people["caller"], role=Role.CALLER)
    for add in (
        _add_member_imports,
        _add_traits,
        _add_feedback,
        _add_rounds,
        _add_events,
        _add_panels,
        _add_public,
        _add_votes,
        _add_forum,
        _add_former_member,
    ):
        add(world)
    return world


# Not a column of the table: a former member is checked against it by a rule instead
# (test_former_members.py). This one kept every role and the staff flags, the state a
# full import used to leave behind, so the permission helpers themselves are tested.
FORMER = "former"


def _add_former_member(world: World) -> None:
    former = _person(FORMER, 99, world.branch, organises=world.branch, chair=True, admin=True)
    RoleAssignment.objects.create(member=former, role=Role.CALLER)
    former.status = MemberStatus.FORMER
    former.is_staff = former.is_superuser = True
    former.save(update_fields=["status", "is_staff", "is_superuser"])
    world.people[FORMER] = former


# Not a column of the table either: an invited expert is checked by a rule
# (test_experts.py): the forum pages of their conversation, their own account, nothing else.
EXPERT = "expert"


def _add_forum(world: World) -> None:
    """An open conversation for all members in the world's branch, where the member wrote
    a contribution (and one that was hidden), the expert is invited; a closed one; a draft."""
    member = world.people["member"]
    conversation = ConversationFactory(branch=world.branch, title="Open forumgesprek")
    contribution = ContributionFactory(conversation=conversation, author=member)
    hidden = ContributionFactory(
        conversation=conversation, author=member, hidden_at=timezone.now(), hidden_reason="Te fel"
    )
    statement = StatementFactory(conversation=conversation, author=member)
    expert = ExpertFactory(
        account__email="p98-expert@world.example.org", account__phone="06-90000098"
    )
    conversation.experts.add(expert)
    document = BackgroundDocument.objects.create(
        conversation=conversation,
        title="Groenplan",
        file=ContentFile(b"%PDF-1.4 groenplan", name="groenplan.pdf"),
        uploaded_by=world.people["organiser"],
    )
    world.people[EXPERT] = expert.account
    world.objects |= {
        "conversation": conversation.pk,
        "contribution": contribution.pk,
        "hidden_contribution": hidden.pk,
        "forum_statement": statement.pk,
        "closed_conversation": ConversationFactory(branch=world.branch, closed=True).pk,
        "draft_conversation": ConversationFactory(branch=world.branch, draft=True).pk,
        "forum_document": document.pk,
        "expert_token": confirm_token(expert),
    }


def _add_member_imports(world: World) -> None:
    email = world.people["member"].email
    report = {"errors": [[3, f"dubbel e-mailadres {email}"]], "error_count": 1, "summary": []}
    job = MemberImport.objects.create(
        created_by=world.people["admin"], filename="leden.csv", status="refused", report=report
    )
    world.objects["member_import"] = job.pk


def _add_feedback(world: World) -> None:
    public = FeedbackFactory(published=True, is_public=True, title="Openbare terugkoppeling")
    internal = FeedbackFactory(published=True, is_public=False, title="Voor leden")
    draft = FeedbackFactory(state=Feedback.State.DRAFT, title="Concept")
    world.objects |= {
        "feedback": public.pk,
        "feedback_members": internal.pk,
        "feedback_draft": draft.pk,
        "feedback_item": FeedbackItemFactory(feedback=public).pk,
    }


def _add_traits(world: World) -> None:
    category = TraitCategory.objects.create(
        name="Opleiding", slug="opleiding", question="Wat is je hoogste opleiding?"
    )
    TraitOption.objects.create(category=category, label="hbo")
    world.objects["trait"] = category.slug


def _add_rounds(world: World) -> None:
    """An open round the member answered (with a private comment) and opted in on, a
    closed round with results, a draft, and a suggestion by the member."""
    member = world.people["member"]
    open_round = RoundFactory(title="Open ronde")
    first = open_round.statements.order_by("position").first()
    answer_save(statement=first, member=member, value=5, comment=world.answer_marker)
    FollowUpOptIn.objects.create(round=open_round, member=member)
    past = timezone.now() - timedelta(days=20)
    closed = RoundFactory(
        title="Gesloten ronde",
        state=RoundState.CLOSED,
        opens_at=past,
        closes_at=past + timedelta(days=14),
        closed_at=past + timedelta(days=14),
    )
    for statement in closed.statements.all():
        bulk_answers(statement, 12, branch_id=world.branch.pk)
    world.objects |= {
        "round": open_round.pk,
        "statement": first.pk,
        "round_token": round_tokens.answer_token(open_round, member),
        "closed_round": closed.pk,
        "draft_round": RoundFactory(title="Concept", state=RoundState.DRAFT).pk,
        "suggestion": SuggestionFactory(member=member).pk,
    }


def _add_events(world: World) -> None:
    """An upcoming event in the world's branch, open to guests, where the member and a
    guest registered and the member moderates a table; a past one; a draft."""
    member = world.people["member"]
    event = EventFactory(branch=world.branch, open=True, title="Open gesprek")
    RegistrationFactory(event=event, member=member, agreed_to_moderate=True)
    guest = RegistrationFactory(
        event=event,
        member=None,
        guest_name="Gast Wereld",
        guest_email=world.guest_email,
        status=RegistrationStatus.CONFIRMED,
    )
    TableFactory(event=event, moderator=member)
    past = EventFactory(branch=world.branch, past=True, title="Afgelopen gesprek")
    RegistrationFactory(event=past, member=member)
    world.objects |= {
        "event": event.pk,
        "past_event": past.pk,
        "past_table": TableFactory(event=past, moderator=member).pk,
        "draft_event": EventFactory(branch=world.branch, draft=True).pk,
        "guest_token": event_tokens.registration_token(guest),
        "guest_confirm_token": event_tokens.registration_token(
            guest, salt=event_tokens.GUEST_CONFIRM_SALT
        ),
        "feed_token": event_tokens.feed_token(member),
    }


def _add_panels(world: World) -> None:
    """A running panel chosen through the real lottery, where panel_member holds a seat and
    the member sent input, and a panel whose invitations are out: the member is invited (so
    the call list shows them to the caller they are assigned to) and the chair is asked to
    sign its letter."""
    member, admin, chair = (world.people[r] for r in ("member", "admin", "chair"))
    running = panel_scenario.selected(MemberFactory, admin, chair)
    seat = _give_seat(running, world.people["panel_member"])
    running = panel_start(panel=running, actor=admin)
    inviting = PanelFactory(title="Beraad in aanmelding", state=PanelState.INVITATIONS_SENT)
    invitation = InvitationFactory(panel=inviting, member=member, caller=world.people["caller"])
    Letter.objects.create(panel=inviting, text="Beste {{ naam }}, doe mee: {{ link }}")
    RequiredSigner.objects.create(panel=inviting, chair=chair)
    # The chair logged in by code once, so a fresh code for signing can be sent.
    EmailAddress.objects.create(user=chair, email=chair.email, verified=True, primary=True)
    world.objects |= {
        "panel": running.pk,
        "panel_seat": seat.pk,
        "panel_input": MemberInput.objects.create(panel=running, member=member, text="Vraag").pk,
        "panel_document": _panel_document(running).pk,
        "panel_category": running.categories.first().pk,
        "inviting_panel": inviting.pk,
        "invitation": invitation.pk,
        "invitation_token": urlsplit(invitation_link(invitation)).path.rstrip("/").split("/")[-1],
        "concept_panel": PanelFactory(title="Concept-beraad").pk,
        "draw_job": DrawJob.objects.create(panel=running, kind=DrawJob.Kind.PANEL).pk,
    }


def _add_votes(world: World) -> None:
    """A draft vote, an open one (nobody voted yet) and one with a published result, where
    the member voted; the chair, the panel member and the caller form the committee."""
    committee = [world.people[r] for r in ("chair", "panel_member", "caller")]
    draft = VoteFactory(title="Concept-stemming", committee=committee)
    open_vote = _opened_vote("Open stemming", committee)
    published = _opened_vote("Afgelopen stemming", committee)
    BallotItemFactory(vote=draft, ranking=True)
    vote_services.ballot_cast(
        vote=published, member=world.people["member"], content={"1": ["voor"]}
    )
    vote_services.vote_close(vote=published)
    shares = [vote_services.share_pick_up(vote=published, member=m) for m in committee[:2]]
    vote_services.vote_count(vote=published, shares=shares)
    world.objects |= {"draft_vote": draft.pk, "vote": open_vote.pk, "published_vote": published.pk}


def _opened_vote(title: str, committee):
    vote = vote_services.vote_announce(vote=VoteFactory(title=title, committee=committee))
    vote_services.vote_open(vote=vote)
    vote.refresh_from_db()
    return vote


def _panel_document(panel) -> Document:
    document = Document(panel=panel, title="Stuk voor het panel", panel_only=True)
    document.file.save("stuk.pdf", ContentFile(b"%PDF-1.4 alleen voor panelleden"), save=False)
    document.save()
    return document


def _give_seat(panel, person) -> PanelMember:
    """Put the world's panel member in the first seat the lottery filled."""
    seat = panel.panel_members.filter(status=PanelMember.Status.SELECTED).order_by("pk").first()
    panel.invitations.filter(member=person).exclude(pk=seat.invitation_id).delete()
    Invitation.objects.filter(pk=seat.invitation_id).update(member=person)
    PanelMember.objects.filter(pk=seat.pk).update(member=person)
    return seat


def _add_public(world: World) -> None:
    """A congress fed by the closed round and the past event; the running panel's public
    page switched on by an admin (open processes have none by default)."""
    congress = Congress.objects.create(
        title="Congres 2027", slug="congres-2027", date=date(2027, 3, 6), place="Utrecht"
    )
    for kind, key in (("round", "closed_round"), ("event", "past_event")):
        CongressProcess.objects.create(
            congress=congress, theme="Klimaat", process_kind=kind, process_id=world.objects[key]
        )
    PublicPageChoice.objects.create(
        process_kind="panel", process_id=world.objects["panel"], enabled=True
    )
    world.objects["congress"] = congress.slug
