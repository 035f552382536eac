"""Periodic jobs of the feedback app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "feedback-review-reminders": {
        "task": "ledendemocratie.feedback.tasks.remind_reviews",
        "schedule": crontab(hour=7, minute=0),
    },
    "feedback-debt-summary": {
        "task": "ledendemocratie.feedback.tasks.send_debt_summary",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
}
