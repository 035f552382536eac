"""Small glue shared by the forum's views."""

from django.shortcuts import redirect


def back_to(conversation, anchor: str = ""):
    response = redirect("forum:conversation-detail", conversation.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
