"""Writes of the feedback app: drafts, publication, corrections, carrying and reminders."""

from ledendemocratie.feedback.services.drafts import (
    feedback_carry_into_statement,
    feedback_correct,
    feedback_create_draft,
    feedback_update_draft,
)
from ledendemocratie.feedback.services.mail import (
    feedback_debt_summary_send,
    feedback_publish,
    feedback_report_send,
    feedback_reviews_remind,
)

__all__ = [
    "feedback_carry_into_statement",
    "feedback_correct",
    "feedback_create_draft",
    "feedback_debt_summary_send",
    "feedback_publish",
    "feedback_report_send",
    "feedback_reviews_remind",
    "feedback_update_draft",
]
