"""allauth's signals, handed to the services (no logic here)."""

from members.services.accounts import account_address_verified


def address_verified(sender, request, email_address, **kwargs):
    account_address_verified(request=request, email_address=email_address)
