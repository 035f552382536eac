"""Writes of the events app, by subdomain. The top floor calls process_mark_feedback_published."""

from events.services.events import process_mark_feedback_published

__all__ = ["process_mark_feedback_published"]
