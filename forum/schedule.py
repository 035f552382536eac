from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Every 5 s: maps whose votes changed since their last computation, so a new vote is
    # on the map within 10 s even if its task was lost.
    "forum-map-sweep": {"task": "forum.tasks.sweep_opinion_maps", "schedule": 5.0},
    # Daily at 07:30: replies of the last day; the outbox key holds one digest per day.
    "forum-reply-digest": {
        "task": "forum.tasks.send_reply_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    # Every minute: planned conversations whose start has come open and invite their audience.
    "forum-open-due": {"task": "forum.tasks.open_due_conversations", "schedule": 60.0},
    # Hourly: conversations whose period ended close; lost invitations and summaries resend.
    "forum-periods": {"task": "forum.tasks.sweep_periods", "schedule": crontab(minute=5)},
}
