"""Reads of the forum: lists, the conversation page, participation figures, the stored
opinion map, and the process contract (members/processes.py) for the top floor."""

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Window
from django.db.models.functions import Length
from django.urls import reverse

from forum.map_view import MapView, map_view
from forum.models import (
    Audience,
    Contribution,
    Conversation,
    ConversationState,
    Expert,
    ModerationAction,
    OpinionMapState,
    Report,
    Statement,
    StatementVote,
)
from forum.participation import Participation, participation, share_of
from forum.permissions import expert_of
from forum.polis_export import ExportStatement, polis_export
from members.models import Branch, Member, MemberStatus
from members.permissions import is_admin, is_current_member
from members.processes import Participant, ProcessItem, ProcessRef
from shared.spreadsheet import safe_cell

State = ConversationState
VISIBLE = (State.OPEN, State.CLOSED, State.SUMMARISED)
ORDERINGS = ("nieuw", "nieuwe-stemmen", "meeste-reacties")
DOMINANT_SHARE = 0.4
DOMINANCE_MIN_CONTRIBUTIONS = 5


def _audience_filter(user) -> Q:
    provinces = Branch.objects.filter(pk=user.branch_id).values("province")
    return (
        Q(audience=Audience.ALL)
        | Q(audience=Audience.BRANCH, branch_id=user.branch_id)
        | Q(audience=Audience.PROVINCE, province__in=provinces)
        | Q(audience=Audience.INVITED, invited_members=user)
    )


def conversations_for_user(user) -> QuerySet[Conversation]:
    """What this user may see: the audience's conversations, an expert's invitations,
    and (drafts included) those they moderate or organise."""
    conversations = Conversation.objects.select_related("branch")
    if is_admin(user):
        return conversations.order_by("-opens_at")
    expert = expert_of(user)
    if expert is not None:
        return conversations.filter(experts=expert, state__in=VISIBLE).order_by("-opens_at")
    if not is_current_member(user):
        return conversations.none()
    mine = Q(moderators=user) | Q(branch_id__in=user.organised_branch_ids)
    return conversations.filter(mine | (Q(state__in=VISIBLE) & _audience_filter(user))).distinct()


def open_conversations_for_member(member, *, limit: int = 5) -> list[Conversation]:
    """For the home page: open conversations this member (or expert) may join."""
    found = conversations_for_user(member).filter(state=State.OPEN).order_by("closes_at")
    return list(found[:limit])


def audience_members(conversation: Conversation) -> QuerySet[Member]:
    """The current members and supporters a conversation is meant for."""
    members = Member.objects.filter(status=MemberStatus.ACTIVE, anonymised_at__isnull=True)
    if conversation.audience == Audience.PROVINCE:
        return members.filter(branch__province=conversation.province)
    if conversation.audience == Audience.BRANCH:
        return members.filter(branch_id=conversation.branch_id)
    if conversation.audience == Audience.INVITED:
        return members.filter(forum_invitations=conversation)
    return members


def _participant_ids(conversation: Conversation) -> set[int]:
    authors = Contribution.objects.filter(conversation=conversation).order_by()
    stated = Statement.objects.filter(conversation=conversation).order_by()
    voters = StatementVote.objects.filter(statement__conversation=conversation).order_by()
    authors, stated = authors.values_list("author_id"), stated.values_list("author_id")
    voters = voters.values_list("participant_id")
    return {pk for (pk,) in authors.union(stated, voters) if pk is not None}


def participants(conversation: Conversation) -> list[Member]:
    """Everyone who contributed, added a statement or voted, and the invited experts."""
    ids = _participant_ids(conversation) | set(
        conversation.experts.values_list("account_id", flat=True)
    )
    return list(Member.objects.filter(pk__in=ids, anonymised_at__isnull=True))


def _with_authors(contributions: QuerySet) -> QuerySet:
    return contributions.select_related("author__forum_expert")


def contributions_page_queryset(conversation: Conversation, ordering: str) -> QuerySet:
    """Top-level contributions in the chosen order, each with its replies (one query)."""
    top = Contribution.objects.filter(conversation=conversation, parent__isnull=True)
    replies = Prefetch(
        "replies", queryset=_with_authors(Contribution.objects.order_by("created_at", "pk"))
    )
    top = _with_authors(top).prefetch_related(replies)
    if ordering == "meeste-reacties":
        return top.annotate(reply_count=Count("replies")).order_by("-reply_count", "-pk")
    if ordering == "nieuwe-stemmen":
        return top.annotate(author_posts=_posts_by_author()).order_by("author_posts", "-pk")
    return top.order_by("-created_at", "-pk")


def _posts_by_author():
    """How many contributions the author wrote here (1 for a first-time voice): a window
    over the same rows, so the ordering costs no query per row."""
    return Window(Count("pk"), partition_by=[F("author_id")])


def texts_by_person(conversation: Conversation) -> dict:
    """{author id: (contributions, characters)}, aggregated by the database."""
    rows = (
        Contribution.objects.filter(conversation=conversation, author__isnull=False)
        .order_by()
        .values("author_id")
        .annotate(n=Count("pk"), chars=Sum(Length("text")))
        .values_list("author_id", "n", "chars")
    )
    return {author: (n, chars or 0) for author, n, chars in rows}


def participation_overview(conversation: Conversation) -> Participation:
    return participation(texts_by_person(conversation))


def dominates(conversation: Conversation, member, texts: dict | None = None) -> bool:
    """Whether this person already wrote 40 % of the text (of at least 5 contributions)."""
    texts = texts_by_person(conversation) if texts is None else texts
    if sum(n for n, _chars in texts.values()) < DOMINANCE_MIN_CONTRIBUTIONS:
        return False
    return share_of(texts, member.pk) >= DOMINANT_SHARE


_open_appeal = Q(appealed_at__isnull=False, appeal_decided_at__isnull=True)


def open_reports(conversation: Conversation) -> QuerySet:
    return (
        Contribution.objects.filter(conversation=conversation)
        .filter(
            Q(reports__handled_at__isnull=True)
            | Q(appealed_at__isnull=False, appeal_decided_at__isnull=True)
        )
        .annotate(open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True)))
        .select_related("author__forum_expert")
        .prefetch_related("reports")
        .distinct()
    )


def statements_for(conversation: Conversation, member) -> list[Statement]:
    """Visible statements, each with this person's own vote (``my_vote``) and nobody else's."""
    own = StatementVote.objects.filter(statement=OuterRef("pk"), participant_id=member.pk)
    return list(
        conversation.statements.filter(hidden_at__isnull=True)
        .annotate(my_vote=Subquery(own.values("value")[:1]))
        .order_by("created_at", "pk")
    )


def opinion_map_of(conversation: Conversation) -> OpinionMapState | None:
    return OpinionMapState.objects.filter(conversation=conversation).first()


def statement_texts(conversation: Conversation) -> dict[int, str]:
    visible = conversation.statements.filter(hidden_at__isnull=True)
    return dict(visible.values_list("pk", "text"))


def map_for(conversation: Conversation, reader) -> MapView:
    state = opinion_map_of(conversation)
    result = state.result if state else {}
    return map_view(result, reader_id=reader.pk, texts=statement_texts(conversation))


def audit_actions(conversation: Conversation) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.filter(conversation=conversation).select_related(
        "actor", "contribution"
    )


def consensus_texts(conversation: Conversation, state: OpinionMapState | None) -> list[str]:
    """The texts of the consensus statements of the stored map, best first."""
    if state is None or not state.result.get("shown"):
        return []
    found = state.result.get("consensus", [])
    ids = [int(c["statement_id"]) for c in found if c.get("is_consensus")]
    texts = dict(Statement.objects.filter(pk__in=ids).values_list("pk", "text"))
    return [texts[i] for i in ids if i in texts]


# The process contract (members/processes.py).


def _ref(conversation: Conversation) -> ProcessRef:
    return ProcessRef(
        kind="forum",
        id=conversation.pk,
        title=conversation.title,
        url=reverse("forum:conversation-detail", args=[conversation.pk]),
        closed_at=conversation.closed_at if conversation.state != State.OPEN else None,
        is_public=False,
        branch_id=conversation.branch_id,
    )


def process_list(*, closed: bool | None = None) -> list[ProcessRef]:
    conversations = Conversation.objects.filter(state__in=VISIBLE).order_by("opens_at", "pk")
    if closed is True:
        conversations = conversations.exclude(state=State.OPEN)
    elif closed is False:
        conversations = conversations.filter(state=State.OPEN)
    return [_ref(c) for c in conversations]


def process_get(process_id: int) -> ProcessRef | None:
    conversation = Conversation.objects.filter(pk=process_id, state__in=VISIBLE).first()
    return _ref(conversation) if conversation else None


def process_items(process_id: int) -> list[ProcessItem]:
    """The statements of the conversation: feedback can answer them one by one."""
    statements = Statement.objects.filter(conversation_id=process_id, hidden_at__isnull=True)
    return [ProcessItem(id=s.pk, text=s.text) for s in statements.order_by("pk")]


def process_participants(process_id: int) -> list[Participant]:
    conversation = Conversation.objects.filter(pk=process_id).first()
    if conversation is None:
        return []
    return [
        Participant(member_id=m.pk, email=m.email, name=m.full_name)
        for m in participants(conversation)
        if m.email
    ]


def _participated(member) -> QuerySet[Conversation]:
    voted = StatementVote.objects.filter(participant=member).values("statement__conversation_id")
    wrote = Contribution.objects.filter(author=member).values("conversation_id")
    return Conversation.objects.filter(state__in=VISIBLE).filter(Q(pk__in=voted) | Q(pk__in=wrote))


def participation_for_member(member) -> list[ProcessRef]:
    return [_ref(c) for c in _participated(member).order_by("-opens_at")]


def participation_ids_for_member(member) -> QuerySet:
    return _participated(member).values("pk")


def personal_data(member) -> dict:
    """The member's contributions and statements; votes only as a count per conversation
    (they are theirs, but the map is about groups)."""
    contributions = Contribution.objects.filter(author=member).select_related("conversation")
    statements = Statement.objects.filter(author=member).select_related("conversation")
    votes = StatementVote.objects.filter(participant=member).select_related("statement")
    return {
        "contributions": [
            {
                "conversation": c.conversation.title,
                "created_at": c.created_at.isoformat(),
                "text": c.text,
                "hidden_reason": c.hidden_reason,
            }
            for c in contributions
        ],
        "statements": [{"conversation": s.conversation.title, "text": s.text} for s in statements],
        "votes": [{"statement": v.statement.text, "vote": v.get_value_display()} for v in votes],
        "reports": [
            {"created_at": r.created_at.isoformat(), "reason": r.reason}
            for r in Report.objects.filter(reporter=member)
        ],
        "expert": [
            {"name": e.name, "organisation": e.organisation}
            for e in Expert.objects.filter(account=member)
        ],
    }


def polis_export_files(conversation: Conversation) -> dict[str, str]:
    """The conversation's statements and votes as Pol.is's export files (participants as
    numbers only), with the groups of the stored map."""
    statements = [
        ExportStatement(
            statement_id=s.pk,
            author_id=s.author_id or 0,
            created=s.created_at,
            text=safe_cell(s.text),  # moderators open the export in a spreadsheet
            moderated=-1 if s.hidden_at else 1,
        )
        for s in conversation.statements.order_by("pk")
    ]
    votes = StatementVote.objects.filter(statement__conversation=conversation).order_by("pk")
    state = opinion_map_of(conversation)
    membership = {int(k): v for k, v in (state.labels if state else {}).items()}
    return polis_export(
        statements,
        votes.values_list("participant_id", "statement_id", "value"),
        membership,
    )
