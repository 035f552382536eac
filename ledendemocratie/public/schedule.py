"""Periodic jobs of the public side, merged into CELERY_BEAT_SCHEDULE by the settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "public-monthly-digest": {
        "task": "ledendemocratie.public.tasks.send_monthly_digest",
        "schedule": crontab(day_of_month=1, hour=9, minute=0),
    },
}
