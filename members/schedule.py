"""Periodic jobs of the members app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "outbox-prune": {"task": "members.tasks.prune_outbox", "schedule": crontab(hour=4, minute=15)},
    "outbox-sweep": {"task": "members.tasks.sweep_outbox", "schedule": 60.0},
    "import-sweep": {"task": "members.tasks.sweep_member_imports", "schedule": 300.0},
}
