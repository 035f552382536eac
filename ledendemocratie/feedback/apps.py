from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "ledendemocratie.feedback"
    label = "feedback"
    verbose_name = "Terugkoppeling"
