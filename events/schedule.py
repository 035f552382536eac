from celery.schedules import crontab

# Hourly, so events published or filled late still get their reminder the day before;
# the outbox key "event:<id>:reminder" sends each attendee one reminder at most.
BEAT_SCHEDULE: dict = {
    "events-reminders": {
        "task": "events.tasks.send_event_reminders",
        "schedule": crontab(minute=15),
    },
}
