"""Writes of the beraad app, by subdomain. The top floor calls the process contract's services."""

from beraad.services.panels import process_mark_feedback_published
from beraad.services.responses import personal_data_erase

__all__ = ["personal_data_erase", "process_mark_feedback_published"]
