import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings

from members.models import MailKind, Member, MemberKind
from members.services.accounts import SIGNUP_SESSION_KEY
from members.services.outbox import outbox_store_rendered

LOGIN_CODE_TEMPLATE = "account/email/login_code"


class AccountAdapter(DefaultAccountAdapter):
    """Routes allauth's e-mail (login codes included) through the outbox."""

    def is_open_for_signup(self, request):
        # Members come from the member administration; only supporters sign up here.
        return settings.SUPPORTER_SIGNUP_ENABLED

    def save_user(self, request, user, form, commit=True):
        user.kind = MemberKind.SUPPORTER
        user = super().save_user(request, user, form, commit=commit)
        # The password chosen here stays usable only if this session proves the address
        # (see accounts.account_address_verified).
        if request is not None and hasattr(request, "session"):
            request.session[SIGNUP_SESSION_KEY] = user.pk
        return user

    def login(self, request, user):
        # Verifying the address during this login may just have cleared a password set
        # before (accounts.account_address_verified): sign in with the stored one, so the
        # session's password hash matches.
        if user.pk:
            user.refresh_from_db(fields=["password"])
        return super().login(request, user)

    def send_mail(self, template_prefix, email, context):
        member = Member.objects.filter(email__iexact=email).first()
        if template_prefix == LOGIN_CODE_TEMPLATE and member:
            _track_address(member, email)
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (b for b, mime in getattr(message, "alternatives", []) if mime == "text/html"), ""
        )
        outbox_store_rendered(
            kind=MailKind.ACCOUNT,
            key=f"{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4()}",
            to_email=email,
            subject=message.subject,
            text_body=message.body,
            html_body=html,
            recipient=member,
        )


def _track_address(member: Member, email: str) -> None:
    """Imported members have no allauth address yet; entering the code verifies it."""
    EmailAddress.objects.get_or_create(
        user=member, email=email.lower(), defaults={"primary": True, "verified": False}
    )
