"""Periodic jobs of the members app, merged into CELERY_BEAT_SCHEDULE by the settings."""

BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "members.tasks.sweep_outbox", "schedule": 60.0},
}
