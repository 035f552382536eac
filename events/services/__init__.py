"""Writes of the events app, by subdomain. The top floor calls the process contract's services."""

from events.services.events import process_mark_feedback_published
from events.services.registrations import personal_data_erase

__all__ = ["personal_data_erase", "process_mark_feedback_published"]
