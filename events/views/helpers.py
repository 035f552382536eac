from django.shortcuts import redirect

from events.models import Event


def back_to_event(event: Event):
    return redirect("events:event-detail", pk=event.pk)
