"""A small, complete world of people and things, for the access matrix and the browser tests.

Branch "Noord" is the home branch of everyone below, except the organiser of the other
branch, "Zuid". Every person has a recognisable e-mail address and phone number, so a
page that shows them to someone else is easy to find.
"""

from dataclasses import dataclass, field

from ledendemocratie.feedback.models import Feedback
from members.models import MemberImport, Province
from tests.feedback.factories import FeedbackFactory, FeedbackItemFactory
from tests.members.factories import BranchFactory, MemberFactory

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
    "admin",
]
SIGNED_IN_ROLES = [role for role in ROLES if role not in {"anonymous", "guest"}]


@dataclass
class World:
    branch: object
    other_branch: object
    people: dict = field(default_factory=dict)  # role → Member
    objects: dict = field(default_factory=dict)  # name → object ids and tokens for URLs
    guest_email: str = "gast@world.example.org"

    def person(self, role: str):
        return self.people.get(role)

    def private_strings_of(self, role: str) -> set[str]:
        """Another person's e-mail address and phone number: what must not leak to others."""
        member = self.people[role]
        return {member.email, member.phone}

    def all_private_strings(self) -> dict[str, set[str]]:
        private = {role: self.private_strings_of(role) for role in self.people}
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
        "admin": {"admin": True},
    }
    for number, (role, extra) in enumerate(traits.items(), start=1):
        world.people[role] = _person(role, number, extra.pop("branch", branch), **extra)
    for add in (_add_member_imports, _add_feedback):
        add(world)
    return world


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
