BEAT_SCHEDULE: dict = {}
