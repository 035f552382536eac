"""Periodic jobs of the preferendum, merged into CELERY_BEAT_SCHEDULE by the settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "preferendum-advance-rounds": {
        "task": "preferendum.tasks.advance_rounds",
        "schedule": 60.0,
    },
    "preferendum-anonymise-answers": {
        "task": "preferendum.tasks.anonymise_answers",
        "schedule": crontab(hour=3, minute=30),
    },
}
