"""Periodic jobs of the members app, merged into CELERY_BEAT_SCHEDULE by the settings."""

BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "members.tasks.sweep_outbox", "schedule": 60.0},
    "import-sweep": {"task": "members.tasks.sweep_member_imports", "schedule": 300.0},
}
