from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "beraad-panel-reminders": {
        "task": "beraad.tasks.send_panel_reminders",
        "schedule": crontab(hour=10, minute=0),
    },
    "beraad-sweep-draw-jobs": {
        "task": "beraad.tasks.sweep_draw_jobs",
        "schedule": crontab(),
    },
}
