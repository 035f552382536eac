"""Writes of the preferendum, by subdomain. The top floor imports from here."""

from preferendum.services.answers import (
    answer_save,
    follow_up_set,
    personal_data_erase,
    round_anonymise,
    rounds_anonymise_due,
)
from preferendum.services.notifications import (
    round_send_invitations,
    round_send_reminder,
    round_send_results,
    rounds_send_due_reminders,
)
from preferendum.services.rounds import (
    process_mark_feedback_published,
    round_close,
    round_open,
    round_schedule,
    round_unschedule,
    rounds_advance,
    series_schedule_next,
    statement_add,
    statement_draft_from_origin,
    statement_update,
)
from preferendum.services.suggestions import (
    suggestion_accept,
    suggestion_create,
    suggestion_decline,
    suggestion_merge,
)

__all__ = [
    "answer_save",
    "follow_up_set",
    "personal_data_erase",
    "process_mark_feedback_published",
    "round_anonymise",
    "round_close",
    "round_open",
    "round_schedule",
    "round_send_invitations",
    "round_send_reminder",
    "round_send_results",
    "round_unschedule",
    "rounds_advance",
    "rounds_anonymise_due",
    "rounds_send_due_reminders",
    "series_schedule_next",
    "statement_add",
    "statement_draft_from_origin",
    "statement_update",
    "suggestion_accept",
    "suggestion_create",
    "suggestion_decline",
    "suggestion_merge",
]
