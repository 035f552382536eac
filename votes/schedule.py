"""Periodic jobs of the votes app, merged into CELERY_BEAT_SCHEDULE by the settings."""

BEAT_SCHEDULE = {
    "votes-advance": {"task": "votes.tasks.advance_votes", "schedule": 60.0},
}
