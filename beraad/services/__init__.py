"""Writes of the beraad app, by subdomain. The top floor calls process_mark_feedback_published."""

from beraad.services.panels import process_mark_feedback_published

__all__ = ["process_mark_feedback_published"]
