from django.apps import AppConfig


class LedendemocratieConfig(AppConfig):
    """The top floor: the home page and the demo command, above every feature app."""

    name = "ledendemocratie"
    verbose_name = "Ledendemocratie"
