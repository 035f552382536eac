"""Writes of the forum, by subdomain. The top floor calls the process contract's services."""

from forum.services.conversations import process_mark_feedback_published
from forum.services.privacy import personal_data_erase

__all__ = ["personal_data_erase", "process_mark_feedback_published"]
